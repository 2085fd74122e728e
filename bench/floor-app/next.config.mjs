/** Built and started by bench/lighthouse.ts with the app's own Next.js (node_modules above). */
const config = {};
export default config;
