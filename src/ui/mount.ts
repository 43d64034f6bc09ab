import { mount, unmount } from "svelte";
import type { I18n } from "../i18n";
import PanelRoot from "./PanelRoot.svelte";
import type { PreferencesControl } from "../core/preferences";
import { CreatePanelState, type PanelServices, type Surface } from "./create-panel.svelte";

export interface PanelMountOptions {
  readonly target: HTMLElement;
  readonly surface: Surface;
  readonly t: I18n;
  readonly services: PanelServices;
  readonly preferences?: PreferencesControl;
}

/**
 * Mounts one panel and starts reading the kernel's sync settings. This module holds all the Svelte
 * code, and the entry imports it only when a panel is first opened.
 */
export function mountPanel(options: PanelMountOptions): () => void {
  const panel = new CreatePanelState(options.services);
  const component = mount(PanelRoot, {
    target: options.target,
    props: {
      panel,
      t: options.t,
      surface: options.surface,
      preferences: options.preferences,
    },
  });
  void panel.refreshConf();
  return () => {
    panel.dispose();
    void unmount(component);
  };
}
