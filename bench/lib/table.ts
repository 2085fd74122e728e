/** The bench's output: one row per figure, printed as a table and saved as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats';

export interface Row {
  figure: string;
  unit: string;
  ours: number | string;
  /** The same figure on the direct path in the same run, or the limit it is held to. */
  reference: number | string | null;
  /** ours / reference where that means something. */
  ratio: number | null;
  target: string;
  pass: boolean | null;
  note?: string;
}

export function row(r: Omit<Row, 'ratio'> & { ratio?: number | null }): Row {
  const ratio =
    r.ratio ??
    (typeof r.ours === 'number' && typeof r.reference === 'number' && r.reference !== 0 ? r.ours / r.reference : null);
  return {
    ...r,
    ours: typeof r.ours === 'number' ? round(r.ours) : r.ours,
    reference: typeof r.reference === 'number' ? round(r.reference) : r.reference,
    ratio: ratio === null ? null : round(ratio),
  };
}

const cell = (value: unknown) => (value === null || value === undefined ? '—' : String(value));

export function formatTable(rows: Row[]): string {
  const header = ['figure', 'ours', 'direct/limit', 'ratio', 'target', 'pass'];
  const lines = rows.map((r) => [
    r.figure,
    `${cell(r.ours)} ${r.unit}`.trim(),
    cell(r.reference),
    cell(r.ratio),
    r.target,
    r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => round(l)),
  };
}

/**
 * `json` with every absolute path under the checkout, the temp folder or home made relative
 * ('<repo>', '<tmp>', '~').
 */
export function withoutMachinePaths(json: string, repo = path.resolve(import.meta.dirname, '..', '..')): string {
  const places: [string, string][] = [
    [repo, '<repo>'],
    [os.tmpdir(), '<tmp>'],
    [os.homedir(), '~'],
  ];
  return places.reduce((text, [dir, name]) => text.split(JSON.stringify(dir).slice(1, -1)).join(name), json);
}

export function writeResults(
  rows: Row[],
  extra: Record<string, unknown>,
  dir = path.join(import.meta.dirname, '..', 'results'),
  name = 'latest.json',
): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const json = JSON.stringify({ date: new Date().toISOString(), machine: machine(), rows, ...extra }, null, 2);
  writeFileSync(file, `${withoutMachinePaths(json)}\n`);
  return file;
}
