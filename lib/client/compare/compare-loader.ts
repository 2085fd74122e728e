type CompareSession = typeof import('./compare-session');

let session: CompareSession | null = null;
let loading: Promise<CompareSession> | null = null;

/**
 * Compare mode's code (compare-session.ts), fetched on first use and kept for the page's life:
 * when the toggle is hovered or focused, or a saved conversation or share link needs it.
 */
export function loadCompareSession(): Promise<CompareSession> {
  loading ??= import('./compare-session').then(
    (module) => (session = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Runs `run` with the session: at once if it is loaded, else once it has loaded. */
export function withCompareSession(run: (session: CompareSession) => void): void {
  if (session) run(session);
  else void loadCompareSession().then(run);
}

/** Starts loading it (hover, focus); a failure is tried again on use. */
export function preloadCompareSession(): void {
  loadCompareSession().catch(() => undefined);
}
