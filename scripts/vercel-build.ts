/**
 * The test build, made the way Vercel makes it: `vercel build` (the pinned CLI, offline, no
 * token) runs `npm run build:test` through Vercel's Next.js builder, then we check the Build
 * Output it wrote (tools/deploy/vercel-output.ts). The Next.js build it leaves in the dist dir is
 * the one the e2e tests serve with `next start`.
 *
 * Offline without a token, `vercel build` needs project settings on disk: when the checkout is
 * not linked (no .vercel/project.json) we write a placeholder link for the run and remove it
 * after; a real link is left alone. Either way our build settings come from a temporary
 * vercel.json (--local-config), and the output goes to a temporary folder, so nothing lands in
 * the repo but the gitignored dist dir and .vercel/.
 *
 * Run: npm run build:vercel   (KEEP_VERCEL_OUTPUT=1 keeps the output folder and prints it)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestKeys } from '../e2e/guarded/build-marker';
import { checkVercelOutput, exportedMaxDuration } from '../tools/deploy/vercel-output';
import { OG_IMAGE, PNG_ICONS } from '../lib/shared/meta/brand';

const root = process.cwd();
const distDir = process.env.NEXT_DIST_DIR || '.next';
const vercelDir = join(root, '.vercel');
const projectFile = join(vercelDir, 'project.json');
const work = mkdtempSync(join(tmpdir(), 'swallow-vercel-'));
const outDir = join(work, 'output');
const localConfig = join(work, 'vercel.json');

const createdVercelDir = !existsSync(vercelDir);
const createdProjectFile = !existsSync(projectFile);
if (createdProjectFile) {
  mkdirSync(vercelDir, { recursive: true });
  // Placeholder ids: `vercel build` only needs them to exist; it never contacts Vercel here.
  writeFileSync(
    projectFile,
    JSON.stringify({
      projectId: 'prj_local_test_build',
      orgId: 'team_local_test_build',
      settings: { framework: 'nextjs' },
    }),
  );
}
writeFileSync(
  localConfig,
  JSON.stringify({
    framework: 'nextjs',
    installCommand: 'true',
    buildCommand: 'npm run build:test',
    outputDirectory: distDir,
  }),
);

const started = Date.now();
let status: number | null = 1;
try {
  const result = spawnSync('npx', ['vercel', 'build', '--output', outDir, '--local-config', localConfig], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', VERCEL_TELEMETRY_DISABLED: '1', NO_UPDATE_NOTIFIER: '1' },
  });
  status = result.status;
} finally {
  if (createdProjectFile) rmSync(createdVercelDir ? vercelDir : projectFile, { recursive: true, force: true });
}
if (status !== 0) {
  console.error(`vercel build failed (exit ${status})`);
  process.exit(1);
}

const chatRoute = readFileSync(join(root, 'app/api/chat/route.ts'), 'utf8');
const report = checkVercelOutput(outDir, {
  chatMaxDuration: exportedMaxDuration(chatRoute) ?? NaN,
  apiRoutes: ['chat', 'unlock'],
  // public/pdfjs/ is copied from pdfjs-dist by the build (scripts/pdfjs-assets.ts): the CMaps must ship.
  staticFiles: ['icon.svg', 'pdfjs/cmaps/90ms-RKSJ-H.bcmap', 'pdfjs/standard_fonts/FoxitSerif.pfb'],
  routes: {
    'manifest.webmanifest': 'application/manifest+json',
    'favicon.ico': 'image/x-icon',
    ...Object.fromEntries(
      [OG_IMAGE.path, ...Object.values(PNG_ICONS).map((icon) => icon.path)].map((path) => [path.slice(1), 'image/png']),
    ),
  },
  secrets: buildTestKeys(),
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (report.errors.length > 0) {
  console.error(`Vercel build output in ${outDir} is not what the app needs:\n- ${report.errors.join('\n- ')}`);
  process.exit(1);
}
console.log(`vercel build OK in ${seconds} s: ${report.functions} functions, /api/chat on ${report.chatRuntime}`);
if (process.env.KEEP_VERCEL_OUTPUT) console.log(`output kept in ${outDir}`);
else rmSync(work, { recursive: true, force: true });
