/**
 * Whether the settings panel stands as a column beside the chat (from `md`, 768 px, up). The
 * person's choice (the panel's close button, the rail's button that reopens it) is kept in
 * localStorage and shown as `data-settings-panel="open" | "closed"` on <html>, which
 * app/globals.css reads, so a reload paints the panel as it was left (SETTINGS_PANEL_SCRIPT runs
 * in <head>). Without a choice the column is shown from `xl` (1280 px) up, where the chat keeps
 * 700 px beside it, and hidden below (a tablet keeps its width for the chat). Phones use a drawer.
 */
export const SETTINGS_PANEL_KEY = 'swallow-chat:settings-panel';
export type SettingsPanelChoice = 'open' | 'closed' | null;

/** From here up the panel is a column; below, a drawer over the chat. */
export const SETTINGS_COLUMN_QUERY = '(min-width: 48rem)';

export function parseChoice(value: unknown): SettingsPanelChoice {
  return value === 'open' || value === 'closed' ? value : null;
}

export const SETTINGS_PANEL_SCRIPT = `try{var s=localStorage.getItem(${JSON.stringify(SETTINGS_PANEL_KEY)});if(s==='open'||s==='closed')document.documentElement.dataset.settingsPanel=s}catch(e){}`;

type Listener = () => void;
const listeners = new Set<Listener>();

export const settingsPanelStore = {
  get(): SettingsPanelChoice {
    return parseChoice(document.documentElement.dataset.settingsPanel);
  },
  set(choice: 'open' | 'closed'): void {
    document.documentElement.dataset.settingsPanel = choice;
    try {
      localStorage.setItem(SETTINGS_PANEL_KEY, choice);
    } catch {
      // Not remembered (storage unavailable); this page still follows it.
    }
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
