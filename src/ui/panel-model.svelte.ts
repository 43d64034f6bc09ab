import type { KnownEnvironment } from "../core/host";
import type { KernelClient } from "../core/kernel-client";
import { CreateFormState, type CreateFormServices } from "./create-form.svelte";
import { DirListState } from "./dir-list.svelte";
import { ResponseState } from "./response.svelte";
import { SyncSettingsState } from "./sync-settings.svelte";

export interface PanelServices extends Pick<
  CreateFormServices,
  "rememberedProvider" | "onProviderChosen"
> {
  readonly client: KernelClient;
  readonly environment: KnownEnvironment;
}

/**
 * One open panel. It owns the state every part shares, the sync settings and the response view,
 * and hands it to the create form and the directory list, which read and change it directly.
 */
export class PanelModel {
  readonly settings: SyncSettingsState;
  readonly response = new ResponseState();
  readonly dirs: DirListState;
  readonly form: CreateFormState;

  constructor({ client, environment, rememberedProvider, onProviderChosen }: PanelServices) {
    const { response } = this;
    const settings = (this.settings = new SyncSettingsState(client, environment));
    this.dirs = new DirListState({ client, settings, response });
    this.form = new CreateFormState({
      client,
      settings,
      response,
      dirs: this.dirs,
      rememberedProvider,
      onProviderChosen,
    });
  }

  /**
   * Reads the kernel's version once, and the sync settings, then lists; a published view cannot
   * list (HTTP 403), so it does not.
   */
  async open(): Promise<void> {
    const listing = this.dirs.refresh();
    if (!this.settings.version) void this.settings.readVersion();
    await listing;
  }

  dispose(): void {
    this.settings.dispose();
    this.response.dispose();
    this.form.dispose();
    this.dirs.dispose();
  }
}
