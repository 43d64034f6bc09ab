import { mount, unmount } from "svelte";
import type { Surface } from "../core/host";
import type { KernelClient } from "../core/kernel-client";
import { recordExchanges } from "../core/recording-client";
import type { I18n } from "../i18n";
import CloudSyncPanel from "./CloudSyncPanel.svelte";
import { PanelModel, type PanelServices } from "./panel-model.svelte";
import { RequestHistory } from "./request-history.svelte";
import { TechnicalOpenMemory } from "./technical-open.svelte";

export interface PanelSessionOptions {
  readonly t: I18n;
  readonly client: KernelClient;
  readonly readToken: () => string | undefined;
  readonly historyOpen: boolean;
  readonly onHistoryToggle: (open: boolean) => void;
}

export interface PanelMountOptions {
  readonly target: HTMLElement;
  readonly surface: Surface;
  readonly services: Omit<PanelServices, "client">;
  /** Called once the panel starts reading from the kernel, just before the sync settings. */
  readonly onReading?: () => void;
}

/**
 * Calls `onShown` each time `target` becomes visible again. A dock that is closed and reopened is
 * only hidden and shown by SiYuan (docs/siyuan-plugin-platform.md §1.3), and the sync settings may
 * have changed in between.
 */
function whenShownAgain(target: Element, onShown: () => void): () => void {
  if (typeof IntersectionObserver === "undefined") return () => undefined;
  let visible = true;
  const observer = new IntersectionObserver((entries) => {
    const nowVisible = entries.some((entry) => entry.isIntersecting);
    if (nowVisible && !visible) onShown();
    visible = nowVisible;
  });
  observer.observe(target);
  return () => observer.disconnect();
}

/**
 * The panels of one plugin load: they share the language, the kernel client and the request
 * history, which records every sync exchange of any of them. This module holds all the Svelte
 * code; the entry imports it only when a panel is first opened.
 */
export class PanelSession {
  readonly #options: PanelSessionOptions;
  readonly #history: RequestHistory;
  readonly #client: KernelClient;
  readonly #technicalOpen = new TechnicalOpenMemory();

  constructor(options: PanelSessionOptions) {
    this.#options = options;
    this.#history = new RequestHistory(options.historyOpen);
    this.#client = recordExchanges(options.client, (exchange) => this.#history.record(exchange));
  }

  /** The history's remembered state, once the preferences have loaded. */
  restoreHistoryOpen(open: boolean): void {
    this.#history.setOpen(open);
  }

  /**
   * Mounts one panel, then reads the kernel's sync settings and lists the directories, again each
   * time the panel is shown. Returns its removal.
   *
   * The reading starts in the next task, not while mounting: the form needs none of it to be
   * used, and no answer can arrive before the panel is painted anyway, so the opening waits only
   * for the mount, and the browser may paint the form before the requests go out.
   */
  mount({ target, surface, services, onReading }: PanelMountOptions): () => void {
    const model = new PanelModel({ ...services, client: this.#client });
    const component = mount(CloudSyncPanel, {
      target,
      props: {
        model,
        surface,
        t: this.#options.t,
        readToken: this.#options.readToken,
        history: this.#history,
        onHistoryToggle: this.#options.onHistoryToggle,
        technicalOpen: this.#technicalOpen,
      },
    });
    let stopWatching: (() => void) | undefined;
    const start = setTimeout(() => {
      onReading?.();
      void model.open();
      stopWatching = whenShownAgain(target, () => void model.open());
    });
    return () => {
      clearTimeout(start);
      stopWatching?.();
      model.dispose();
      void unmount(component);
    };
  }
}
