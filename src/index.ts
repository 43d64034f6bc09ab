import { Plugin } from "siyuan";
import { PREFERENCES_STORAGE } from "./core/preferences";
import type { PanelHost } from "./shell/panel-host";
import { load as loadPanelModule } from "./shell/panel-module";

const DOCK_TYPE = "dock";

/**
 * Registers the dock, the command and the settings, synchronously in `onload`
 * (docs/siyuan-plugin-platform.md §1.3), and hands everything else to {@link PanelHost}, which is
 * created, and its code evaluated, only when a panel first opens. No request is made before that.
 */
export default class CloudSyncDirPlugin extends Plugin {
  #host: PanelHost | undefined;

  /** The panel host, created on first use. */
  #panels(): PanelHost {
    if (!this.#host) {
      const { exports, css } = loadPanelModule();
      this.#host = new exports.PanelHost(this, css);
    }
    return this.#host;
  }

  override onload(): void {
    // The dock's hooks are called with the dock as `this`.
    const panels = () => this.#panels();
    const unmount = (element: Element) => this.#host?.unmount(element);
    this.addDock({
      config: {
        position: "RightTop",
        size: { width: 320, height: 0 },
        // SiYuan's own cloud icon, the one its sync settings use: no sprite to add.
        icon: "iconCloud",
        title: this.i18n.dockTitle ?? "",
      },
      data: {},
      type: DOCK_TYPE,
      init(dock) {
        const host = panels();
        host.mount(dock.element, host.isMobile ? "mobileDock" : "dock");
      },
      destroy() {
        unmount(this.element);
      },
    });
    this.addCommand({
      langKey: "commandCreate",
      hotkey: "",
      callback: () => this.#panels().openDialog("command"),
    });
  }

  /**
   * Defined on this class itself, so SiYuan shows the settings gear (docs/siyuan-plugin-platform.md
   * §1.6).
   */
  override openSetting(): void {
    this.#panels().openDialog("settings");
  }

  override onunload(): void {
    this.#host?.dispose();
    this.#host = undefined;
  }

  override uninstall(): void {
    // Publish and read-only mode reject the removal; there is nothing to clean up there then.
    this.removeData(PREFERENCES_STORAGE).catch(() => undefined);
  }
}
