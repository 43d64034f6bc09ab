import type { IPluginDockTab, Plugin } from "siyuan";

/**
 * The one dock both baselines register, with the same config as the plugin's dock, so that what
 * `addDock` adds to the page is the same for all three.
 */
export function addBaselineDock(
  plugin: Plugin,
  init: (element: HTMLElement) => void,
  destroy?: () => void,
): void {
  const config: IPluginDockTab = {
    position: "RightTop",
    size: { width: 320, height: 0 },
    icon: "iconCloud",
    title: plugin.i18n.dockTitle ?? plugin.name,
  };
  plugin.addDock({
    config,
    data: {},
    type: "dock",
    init() {
      init(this.element as HTMLElement);
    },
    destroy,
  });
}
