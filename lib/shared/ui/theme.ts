/**
 * The colour theme: light, dark, or the operating system's (the default). The choice is kept in
 * localStorage and shown as `data-theme` on <html> (no attribute: the system's), which the `dark`
 * variant in app/globals.css reads. THEME_SCRIPT sets it in <head> before the first paint.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_STORAGE_KEY = 'swallow-chat:theme';

export function parseTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/**
 * Runs in <head> (with the page's CSP nonce) before anything is painted: a page reloaded in the
 * dark theme on a light system paints dark from its first frame. Storage may be unavailable
 * (private mode, blocked): then the system's theme.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

interface ThemeTarget {
  dataset: DOMStringMap;
}

export function applyTheme(theme: Theme, root: ThemeTarget): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** The choice as React reads it (useSyncExternalStore); `set` remembers and applies it. */
export const themeStore = {
  get(): Theme {
    try {
      return parseTheme(localStorage.getItem(THEME_STORAGE_KEY));
    } catch {
      return parseTheme(document.documentElement.dataset.theme);
    }
  },
  set(theme: Theme): void {
    try {
      if (theme === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
      else localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Not remembered (storage unavailable), still applied to this page.
    }
    applyTheme(theme, document.documentElement);
    for (const listener of listeners) listener();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** The page's CSP nonce, from the Content-Security-Policy the proxy put on the request. */
export function nonceFromCsp(csp: string | null): string | undefined {
  return csp?.match(/'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
}
