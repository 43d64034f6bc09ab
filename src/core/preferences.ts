/**
 * What the plugin remembers between sessions, in `data/storage/petal/cloud-sync-dir/`. Files
 * stored by older versions may hold more keys (such as `rememberProvider`); they are ignored.
 */
export interface Preferences {
  readonly historyOpen: boolean;
}

export const PREFERENCES_STORAGE = "preferences.json";

export const DEFAULT_PREFERENCES: Preferences = { historyOpen: false };

/** Reads whatever `loadData` produced (an object, `""` when missing, or junk) over the defaults. */
export function parsePreferences(raw: unknown): Preferences {
  if (typeof raw !== "object" || raw === null) return DEFAULT_PREFERENCES;
  const { historyOpen } = raw as Record<string, unknown>;
  return {
    historyOpen: typeof historyOpen === "boolean" ? historyOpen : DEFAULT_PREFERENCES.historyOpen,
  };
}
