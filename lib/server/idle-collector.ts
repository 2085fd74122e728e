/**
 * Gives memory back after a burst of chats. V8 collects garbage when JavaScript allocates; a
 * server that has gone quiet allocates nothing, so the heap a burst grew (streams, buffers,
 * parsed chunks, all garbage once the replies end) stayed resident indefinitely: 200 chats left
 * the process ~165 MB above its baseline for as long as we watched. When the last reply ends
 * and no other starts for `idleMs`, one full collection runs, only if the process's memory
 * (resident set) grew by `minGrowthBytes` since the last one, so a lone chat never pays for it.
 * Resident memory, not the heap in use: V8's own collections during a burst bring the heap in
 * use back down but keep the pages they grew, and the process stayed ~190 MB up (2 of 3 runs). The wait is longer than
 * it takes to read a reply's end and send the next message (the collection pauses the server
 * ~100 ms): after 1 s, the bench's sends 1 s apart met it, Enter → first character 42 → 51 ms.
 */
import 'server-only';
export interface IdleCollectorOptions {
  /** Runs a full garbage collection; null where the runtime offers none. */
  collect: (() => void) | null;
  /** Bytes of memory the process holds (resident set size). */
  memoryUsed: () => number;
  idleMs?: number;
  minGrowthBytes?: number;
}

export interface IdleCollector {
  /** A reply started; returns the function to call once it is over (idempotent). */
  begin: () => () => void;
  /** Collections run so far (for tests and diagnostics). */
  readonly collections: number;
}

export function createIdleCollector({
  collect,
  memoryUsed,
  idleMs = 3000,
  minGrowthBytes = 32 * 1024 * 1024,
}: IdleCollectorOptions): IdleCollector {
  let active = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let memoryAfterLastCollection = memoryUsed();
  let collections = 0;

  const collectIfGrown = () => {
    timer = undefined;
    if (!collect || active > 0 || memoryUsed() - memoryAfterLastCollection < minGrowthBytes) return;
    collect();
    collections++;
    memoryAfterLastCollection = memoryUsed();
  };

  return {
    begin() {
      active++;
      if (timer) clearTimeout(timer);
      timer = undefined;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        active--;
        if (active > 0 || !collect) return;
        timer = setTimeout(collectIfGrown, idleMs);
        // A pending collection never keeps the process alive.
        timer.unref?.();
      };
    },
    get collections() {
      return collections;
    },
  };
}

/**
 * The full collection Node offers when the operator started it with `--expose-gc`
 * (`NODE_OPTIONS=--expose-gc`), else null: then V8's own heuristics decide, and memory a burst
 * grew may stay resident while the server is idle (docs/internals.md has the figures).
 */
export function exposedGc(scope: { gc?: unknown } = globalThis): (() => void) | null {
  const gc = scope.gc;
  if (typeof gc !== 'function') return null;
  // Measured after 200 chats: one collection took RSS from +170 to +120 MB over the baseline,
  // two to +20 MB (the second frees what the first only unlinked: buffers' backing stores,
  // emptied pages); two took ~100 ms together, once, on an idle server.
  return () => {
    (gc as () => void)();
    (gc as () => void)();
  };
}

let shared: IdleCollector | undefined;

/** The process's collector, shared by every chat request. */
export function idleCollector(): IdleCollector {
  shared ??= createIdleCollector({ collect: exposedGc(), memoryUsed: () => process.memoryUsage.rss() });
  return shared;
}
