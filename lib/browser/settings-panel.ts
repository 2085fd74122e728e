/**
 * Whether the settings panel stands as a column beside the chat (from `md`, 768 px, up). The
 * person's choice (the header's Settings button, the panel's close button) is kept in
 * localStorage and shown as `data-settings-panel="open" | "closed"` on <html>, which
 * app/globals.css reads, so a reload paints the panel as it was left (SETTINGS_PANEL_SCRIPT runs
 * in <head>). Without a choice the column is shown from `xl` (1280 px) up, where the chat keeps
 * 700 px beside it, and hidden below (a tablet keeps its width for the chat). Phones use a drawer.
 */
export const SETTINGS_PANEL_KEY = 'swallow-chat:settings-panel';
export type SettingsPanelChoice = 'open' | 'closed' | null;

/** From here up the panel is a column; below, a drawer over the chat. */
export const SETTINGS_COLUMN_QUERY = '(min-width: 48rem)';
/** From here up the column is shown when the person has not chosen. */
export const SETTINGS_DEFAULT_OPEN_QUERY = '(min-width: 80rem)';

export function parseChoice(value: unknown): SettingsPanelChoice {
  return value === 'open' || value === 'closed' ? value : null;
}

/** Shown as a column: as chosen, or by width when there is no choice. */
export function columnShown(choice: SettingsPanelChoice, wide: boolean): boolean {
  return choice === 'open' || (choice === null && wide);
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
