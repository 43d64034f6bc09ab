import type { KnownEnvironment } from "../core/host";
import type { KernelClient } from "../core/kernel-client";
import { CreateFormState } from "./create-form.svelte";
import { DirListState } from "./dir-list.svelte";
import { ProviderSwitchState } from "./provider-switch.svelte";
import { ResponseState } from "./response.svelte";
import { SyncSettingsState } from "./sync-settings.svelte";

export interface PanelServices {
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
  readonly providers: ProviderSwitchState;

  constructor({ client, environment }: PanelServices) {
    const { response } = this;
    const settings = (this.settings = new SyncSettingsState(client, environment));
    const dirs = (this.dirs = new DirListState({ client, settings, response }));
    this.form = new CreateFormState({ client, settings, response, dirs });
    this.providers = new ProviderSwitchState({ client, settings, dirs, response });
  }

  /**
   * Reads the sync settings (and SiYuan's version, once), then lists; a published view cannot list
   * (HTTP 403), so it does not.
   */
  async open(): Promise<void> {
    await this.dirs.refresh();
  }

  dispose(): void {
    this.settings.dispose();
    this.response.dispose();
    this.form.dispose();
    this.dirs.dispose();
    this.providers.dispose();
  }
}
