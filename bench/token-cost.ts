/**
 * Per-token cost at a real model's pace (issue 21 item 8): server CPU per upstream chunk when
 * the upstream sends one chunk every 4 ms (`paced4`, 650 chunks, one per read: nothing to
 * merge), through three routes of the same server, side by side: one that only pipes the
 * upstream's body (the floor for any Next.js route), a bare `streamText` route (the AI SDK's
 * documented way), and /api/chat (tools/bench-routes/ has the two references, which
 * exist only in the bench's build). Rounds alternate the order of the routes; each figure is
 * the median over rounds. CPU is the server process's own (every thread, from
 * /proc/<pid>/task/<tid>/schedstat), not wall time: on a shared machine wall time measures
 * the neighbours.
 */
import os from 'node:os';
import { cpuMsFine } from './lib/proc';
import { streamChat, type Target } from './lib/sse-client';
import { median } from './lib/stats';
import { row, type Row } from './lib/table';

const CHUNKS = 650;
const TARGET_RATIO = 1.3;

type Path = 'pipe' | 'streamText' | 'ours';
const PATHS: Path[] = ['pipe', 'streamText', 'ours'];

export function referenceTargets(baseUrl: string): Record<Path, Target> {
  return {
    pipe: { kind: 'pipe', baseUrl, path: '/api/chat/bench-pipe' },
    streamText: { kind: 'app', baseUrl, path: '/api/chat/bench-stream-text' },
    ours: { kind: 'app', baseUrl },
  };
}

interface Sample {
  path: Path;
  perChunkMs: number;
  ttftMs: number;
  events: number;
  error: string | null;
}

async function sample(
  path: Path,
  target: Target,
  scenario: string,
  expected: string,
  chunks: number,
  pids: () => number[],
) {
  const ids = pids();
  const before = cpuMsFine(ids);
  const r = await streamChat(target, `[[scenario:${scenario}]] token cost`);
  const spent = cpuMsFine(ids) - before;
  const error = r.error ?? (r.text !== expected ? `text differs (${r.text.length} vs ${expected.length} chars)` : null);
  return { path, perChunkMs: spent / chunks, ttftMs: r.ttftMs, events: r.pieces, error } satisfies Sample;
}

/** `rounds` rounds of every path, the order rotated each round. */
async function rounds(
  targets: Record<Path, Target>,
  direct: Target,
  scenario: string,
  n: number,
  pids: () => number[],
): Promise<Sample[]> {
  const reference = await streamChat(direct, `[[scenario:${scenario}]] token cost`);
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < PATHS.length; j++) {
      const path = PATHS[(i + j) % PATHS.length];
      samples.push(await sample(path, targets[path], scenario, reference.text, reference.pieces, pids));
    }
  }
  return samples;
}

const medianOf = (samples: Sample[], path: Path) =>
  median(samples.filter((s) => s.path === path).map((s) => s.perChunkMs));
const runsOf = (samples: Sample[], path: Path) =>
  samples
    .filter((s) => s.path === path)
    .map((s) => s.perChunkMs.toFixed(3))
    .join(', ');

export async function tokenCost(
  baseUrl: string,
  direct: Target,
  serverPids: () => number[],
  repeats: number,
): Promise<{ rows: Row[]; raw: object }> {
  const targets = referenceTargets(baseUrl);
  // Warm-up: every route compiled and optimised by V8 before anything is counted.
  for (let i = 0; i < 3; i++) await rounds(targets, direct, 'long', 1, serverPids);
  await rounds(targets, direct, 'paced4', 1, serverPids);
  const loadBefore = os.loadavg()[0];
  const paced = await rounds(targets, direct, 'paced4', repeats, serverPids);
  const fast = await rounds(targets, direct, 'long', repeats, serverPids);
  const loadAfter = os.loadavg()[0];
  const errors = [...paced, ...fast].filter((s) => s.error).map((s) => `${s.path}: ${s.error}`);
  const pipe = medianOf(paced, 'pipe');
  const ours = medianOf(paced, 'ours');
  const streamText = medianOf(paced, 'streamText');
  const load = `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`;
  const pacedRow = (path: Path, value: number, label: string) =>
    `${label}: ${runsOf(paced, path)} ms; median events to the client ${median(paced.filter((s) => s.path === path).map((s) => s.events))} for ${CHUNKS} chunks`;
  return {
    rows: [
      row({
        figure: `server CPU per chunk at a model's pace (${CHUNKS} chunks 4 ms apart), ours vs pipe route`,
        unit: 'ms',
        ours,
        reference: pipe,
        target: `≤ ${TARGET_RATIO} × pipe`,
        pass: ours <= TARGET_RATIO * pipe && errors.length === 0,
        note: `median of ${repeats} alternating rounds; ${pacedRow('ours', ours, 'ours')}; ${pacedRow('pipe', pipe, 'pipe')}; ${load}${errors.length ? `; errors: ${errors.slice(0, 3).join('; ')}` : ''}`,
      }),
      row({
        figure: `server CPU per chunk at a model's pace, bare streamText route vs pipe route`,
        unit: 'ms',
        ours: streamText,
        reference: pipe,
        target: 'info',
        pass: null,
        note: pacedRow('streamText', streamText, 'streamText'),
      }),
      row({
        figure: 'server CPU per chunk at full speed (long, 3,000 chunks), ours vs pipe route',
        unit: 'ms',
        ours: medianOf(fast, 'ours'),
        reference: medianOf(fast, 'pipe'),
        target: 'info',
        pass: null,
        note: `streamText ${medianOf(fast, 'streamText').toFixed(3)} ms; runs ours ${runsOf(fast, 'ours')}, pipe ${runsOf(fast, 'pipe')}, streamText ${runsOf(fast, 'streamText')}`,
      }),
    ],
    raw: { loadBefore, loadAfter, paced, fast },
  };
}
