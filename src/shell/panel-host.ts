import { Dialog, getFrontend, type Plugin } from "siyuan";
import { changesRefused, type Surface } from "../core/host";
import { createKernelClient } from "../core/kernel-client";
import {
  DEFAULT_PREFERENCES,
  PREFERENCES_STORAGE,
  parsePreferences,
  type Preferences,
} from "../core/preferences";
import { createFetchTransport } from "../core/transport";
import type { I18n } from "../i18n";
import { PanelSession } from "../ui/mount";
import { readApiToken, readKnownEnvironment } from "./environment";

/**
 * `loadData`/`saveData` never settle when the kernel refuses (docs/siyuan-plugin-platform.md §1.7),
 * so stop waiting: a panel keeps the default preferences rather than waiting forever.
 */
const LOAD_TIMEOUT_MS = 3_000;
const SAVE_TIMEOUT_MS = 10_000;

/** Resolves with `promise`'s value, or with `"timeout"` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type DialogPurpose = "command" | "settings";

/**
 * Everything the plugin's entry delegates to: mounting panels into docks and dialogs, their
 * stylesheet, the kernel client and the preferences. The entry creates it when a panel first
 * opens (./panel-module.ts), so none of this is evaluated at SiYuan's start.
 */
export class PanelHost {
  readonly #plugin: Plugin;
  readonly #css: string;
  #detachStyle: (() => void) | undefined;
  readonly #unmounts = new Map<Element, () => void>();
  readonly #dialogs = new Set<Dialog>();
  #session: PanelSession | undefined;
  #preferences: Preferences | undefined;
  #preferencesLoad: Promise<void> | undefined;

  constructor(plugin: Plugin, css: string) {
    this.#plugin = plugin;
    this.#css = css;
  }

  get #t(): I18n {
    return this.#plugin.i18n as unknown as I18n;
  }

  get isMobile(): boolean {
    const frontend = getFrontend();
    return frontend === "mobile" || frontend === "browser-mobile";
  }

  /** Mounts a panel into `target`. */
  mount(target: Element, surface: Surface): void {
    this.#detachStyle ??= attachStyle(`pluginsStyle${this.#plugin.name}`, this.#css);
    this.#session ??= new PanelSession({
      t: this.#t,
      client: createKernelClient(createFetchTransport()),
      readToken: readApiToken,
      historyOpen: this.#currentPreferences.historyOpen,
      onHistoryToggle: (open) => this.#remember({ historyOpen: open }),
    });
    const unmount = this.#session.mount({
      target: target as HTMLElement,
      surface,
      services: { environment: readKnownEnvironment() },
      // The preferences are read alongside the kernel's settings.
      onReading: () => void this.#loadPreferences(),
    });
    this.#unmounts.set(target, unmount);
  }

  unmount(target: Element): void {
    this.#unmounts.get(target)?.();
    this.#unmounts.delete(target);
  }

  openDialog(purpose: DialogPurpose): void {
    const t = this.#t;
    const dialog: Dialog = new Dialog({
      title: purpose === "settings" ? t.settingsTitle : t.commandCreate,
      content: `<div class="csd-dialog fn__flex-column"></div>`,
      width: this.isMobile ? "92vw" : "560px",
      height: "80vh",
      destroyCallback: () => {
        this.unmount(host);
        this.#dialogs.delete(dialog);
      },
    });
    const host = dialog.element.querySelector(".csd-dialog") ?? dialog.element;
    this.#dialogs.add(dialog);
    this.mount(host, "dialog");
  }

  /** Gives back everything: mounted panels, open dialogs, the stylesheet. */
  dispose(): void {
    for (const dialog of [...this.#dialogs]) dialog.destroy();
    for (const target of [...this.#unmounts.keys()]) this.unmount(target);
    this.#detachStyle?.();
    this.#detachStyle = undefined;
  }

  get #currentPreferences(): Preferences {
    return this.#preferences ?? DEFAULT_PREFERENCES;
  }

  /**
   * Stores a remembered choice quietly, over the stored preferences (never over defaults that
   * stand in while they load). Read-only and publish mode keep nothing, since SiYuan refuses the
   * write; a failed or unanswered write only means the choice is not remembered next time.
   */
  #remember(change: Partial<Preferences>): void {
    void this.#loadPreferences().then(async () => {
      if (changesRefused(readKnownEnvironment())) return;
      const next = { ...this.#currentPreferences, ...change };
      const saved = await within(
        this.#plugin.saveData(PREFERENCES_STORAGE, next).then(
          () => true,
          () => false,
        ),
        SAVE_TIMEOUT_MS,
      );
      if (saved === true) this.#preferences = next;
    });
  }

  /** Loads the preferences once; a panel that opened before they arrived follows them then. */
  #loadPreferences(): Promise<void> {
    this.#preferencesLoad ??= within(
      // A missing file resolves with "" (docs/siyuan-plugin-platform.md §1.7); junk falls back to
      // the defaults.
      this.#plugin.loadData(PREFERENCES_STORAGE).catch(() => null),
      LOAD_TIMEOUT_MS,
    ).then((stored) => {
      this.#preferences ??= parsePreferences(stored);
      this.#session?.restoreHistoryOpen(this.#preferences.historyOpen);
    });
    return this.#preferencesLoad;
  }
}

/**
 * Puts the panel's stylesheet where SiYuan puts a plugin's index.css: right after its
 * `#pluginsStyle` marker, with the id SiYuan removes on unload. Returns its removal.
 */
function attachStyle(id: string, css: string): () => void {
  if (css === "") return () => undefined;
  const style = document.createElement("style");
  style.id = id;
  style.textContent = css;
  const marker = document.getElementById("pluginsStyle");
  if (marker) marker.after(style);
  else document.head.append(style);
  return () => style.remove();
}
