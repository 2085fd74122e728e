/**
 * Copies pdf.js's data files from node_modules/pdfjs-dist into public/pdfjs/ (gitignored), where
 * the app serves them to the extraction worker (lib/client/runtime/attachments/pdf.ts): the binary CMaps
 * (Japanese PDFs with non-embedded fonts) and the standard fonts. Run by `npm run build`,
 * `build:test` and `dev` before Next.js starts, so `node server.ts`, `vercel build` and a
 * Vercel deployment all serve them as static files, and no copy of the library sits in git.
 *
 * Run: node scripts/pdfjs-assets.ts
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const from = join(root, 'node_modules', 'pdfjs-dist');
const to = join(root, 'public', 'pdfjs');

if (!existsSync(from)) {
  console.error('pdfjs-assets: node_modules/pdfjs-dist is missing: run npm ci first');
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
for (const dir of ['cmaps', 'standard_fonts']) cpSync(join(from, dir), join(to, dir), { recursive: true });
console.log(`pdfjs-assets: public/pdfjs/{cmaps,standard_fonts} from pdfjs-dist`);
