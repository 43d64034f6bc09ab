import type { Message } from "../i18n";
import { isProviderId, type ProviderId } from "./providers";

/** What the plugin remembers between sessions, in `data/storage/petal/cloud-sync-dir/`. */
export interface Preferences {
  readonly rememberProvider: boolean;
  readonly lastProvider: ProviderId | null;
  readonly historyOpen: boolean;
}

export const PREFERENCES_STORAGE = "preferences.json";

export const DEFAULT_PREFERENCES: Preferences = {
  rememberProvider: false,
  lastProvider: null,
  historyOpen: false,
};

/** Reads whatever `loadData` produced (an object, `""` when missing, or junk) over the defaults. */
export function parsePreferences(raw: unknown): Preferences {
  if (typeof raw !== "object" || raw === null) return DEFAULT_PREFERENCES;
  const { rememberProvider, lastProvider, historyOpen } = raw as Record<string, unknown>;
  return {
    rememberProvider:
      typeof rememberProvider === "boolean"
        ? rememberProvider
        : DEFAULT_PREFERENCES.rememberProvider,
    lastProvider: isProviderId(lastProvider) ? lastProvider : null,
    historyOpen: typeof historyOpen === "boolean" ? historyOpen : DEFAULT_PREFERENCES.historyOpen,
  };
}

/** How the settings dialog reads and stores preferences. */
export interface PreferencesControl {
  readonly current: () => Preferences;
  /** Resolves with a problem to show, or `null` once saved. */
  readonly save: (next: Preferences) => Promise<Message | null>;
}
