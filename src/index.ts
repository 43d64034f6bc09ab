import { Plugin } from "siyuan";
import { PREFERENCES_STORAGE } from "./core/preferences";
import { PanelHost } from "./shell/panel-host";

const DOCK_TYPE = "dock";

/**
 * Registers the dock, the command and the settings, synchronously in `onload` (platform sheet
 * §1.3), and hands everything else to {@link PanelHost}. No request is made before a panel opens.
 */
export default class CloudSyncDirPlugin extends Plugin {
  #host: PanelHost | undefined;

  override onload(): void {
    const host = new PanelHost(this);
    this.#host = host;
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
        host.mount(dock.element, host.isMobile ? "mobileDock" : "dock");
      },
      destroy() {
        host.unmount(this.element);
      },
    });
    this.addCommand({
      langKey: "commandCreate",
      hotkey: "",
      callback: () => host.openDialog("command"),
    });
  }

  /** Defined on this class itself, so SiYuan shows the settings gear (platform sheet §1.6). */
  override openSetting(): void {
    this.#host?.openDialog("settings");
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
