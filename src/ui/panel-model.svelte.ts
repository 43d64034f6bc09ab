import { listSource } from "../core/dir-list";
import { CreatePanelState, type PanelServices } from "./create-panel.svelte";
import { DirListState } from "./dir-list.svelte";

/**
 * One open panel: the create form and the directory list, wired so that a create refreshes the
 * list and every confirmed switch or delete updates the current directory shown by the form.
 */
export class PanelModel {
  readonly create: CreatePanelState;
  readonly dirs: DirListState;

  constructor(services: PanelServices) {
    this.create = new CreatePanelState({
      ...services,
      onCreated: (name) => void this.dirs.refresh(name),
    });
    this.dirs = new DirListState({
      client: services.client,
      readConf: () => this.create.refreshConf(),
      currentSource: () => listSource(this.create),
      isPublish: () => this.create.isPublish,
      locked: () => this.create.readonly || this.create.isPublish,
      show: (shown) => (this.create.shown = shown),
      onActiveChanged: (name) => (this.create.cloudName = name),
    });
  }

  /** Reads the sync settings, then lists; a published view cannot list (HTTP 403), so it does not. */
  async open(): Promise<void> {
    await this.dirs.refresh();
  }

  dispose(): void {
    this.create.dispose();
    this.dirs.dispose();
  }
}
