import { mount, unmount } from "svelte";
import type { KernelClient } from "../core/kernel-client";
import type { PreferencesControl } from "../core/preferences";
import { recordExchanges } from "../core/recording-client";
import type { I18n } from "../i18n";
import PanelRoot from "./PanelRoot.svelte";
import type { PanelServices, Surface } from "./create-panel.svelte";
import { PanelModel } from "./panel-model.svelte";
import { RequestHistory } from "./request-history.svelte";

/** What outlives a single panel: the request history of this SiYuan session. */
export function createSession(historyOpen: boolean): RequestHistory {
  return new RequestHistory(historyOpen);
}

export interface PanelMountOptions {
  readonly target: HTMLElement;
  readonly surface: Surface;
  readonly t: I18n;
  readonly client: KernelClient;
  readonly history: RequestHistory;
  readonly services: Omit<PanelServices, "client">;
  readonly readToken: () => string | undefined;
  readonly onHistoryToggle: (open: boolean) => void;
  readonly preferences?: PreferencesControl;
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
 * Mounts one panel, then reads the kernel's sync settings and lists the directories, again each
 * time the panel is shown. This module holds all the Svelte code; the entry imports it only when
 * a panel is first opened.
 */
export function mountPanel(options: PanelMountOptions): () => void {
  const { history } = options;
  const model = new PanelModel({
    ...options.services,
    client: recordExchanges(options.client, (exchange) => history.record(exchange)),
  });
  const component = mount(PanelRoot, {
    target: options.target,
    props: {
      model,
      history,
      readToken: options.readToken,
      onHistoryToggle: options.onHistoryToggle,
      t: options.t,
      surface: options.surface,
      preferences: options.preferences,
    },
  });
  void model.open();
  const stopWatching = whenShownAgain(options.target, () => void model.open());
  return () => {
    stopWatching();
    model.dispose();
    void unmount(component);
  };
}
