/**
 * The process's shutdown state: whether SIGTERM has come, and the replies still streaming.
 * server.ts drives it; route handlers, bundled apart from server.ts by Next.js, read and add
 * to it: so it lives on globalThis under a registered symbol, not in module variables.
 * No 'server-only': server.ts imports it directly.
 */
interface ShutdownState {
  shuttingDown: boolean;
  /** Each streaming reply's way to end itself now (with a "server restarting" error). */
  replies: Set<() => void>;
  /** Waiting for the last reply to end. */
  idle: Set<() => void>;
}

const KEY = Symbol.for('swallow-chat.shutdown');
type Holder = { [KEY]?: ShutdownState };

function state(): ShutdownState {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= { shuttingDown: false, replies: new Set(), idle: new Set() });
}

export function isShuttingDown(): boolean {
  return state().shuttingDown;
}

export function markShuttingDown(): void {
  state().shuttingDown = true;
}

/** A reply starts streaming; `end` cuts it short. Call the returned function when it is over. */
export function trackReply(end: () => void): () => void {
  const s = state();
  s.replies.add(end);
  return () => {
    if (!s.replies.delete(end) || s.replies.size > 0) return;
    for (const resolve of s.idle) resolve();
    s.idle.clear();
  };
}

export function activeReplies(): number {
  return state().replies.size;
}

/** Resolves once no reply is streaming (at once if none is). */
export function whenNoReplies(): Promise<void> {
  const s = state();
  if (s.replies.size === 0) return Promise.resolve();
  return new Promise((resolve) => s.idle.add(resolve));
}

/** Ends every reply still streaming. */
export function endAllReplies(): void {
  for (const end of [...state().replies]) end();
}

/** SHUTDOWN_GRACE_MS: how long streaming replies may go on after SIGTERM (default 25 s). */
export function shutdownGraceMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.SHUTDOWN_GRACE_MS?.trim() || NaN);
  return Number.isFinite(value) && value >= 0 ? value : 25_000;
}

/** Whether `promise` settles within `ms`. */
function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true), late]).finally(() => clearTimeout(timer));
}

/** How long replies ended at the end of the grace period get to write their error part. */
const END_FLUSH_MS = 2_000;

/**
 * After SIGTERM: no new chats (the route answers 503), streaming replies finish within
 * `graceMs`; those still going then end with server_restarting. Returns how many were ended.
 */
export async function drainReplies(graceMs: number): Promise<number> {
  markShuttingDown();
  if (await within(whenNoReplies(), graceMs)) return 0;
  const ended = activeReplies();
  endAllReplies();
  await within(whenNoReplies(), END_FLUSH_MS);
  return ended;
}
