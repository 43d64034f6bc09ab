import { checkName, suggestName } from "../core/dir-name";
import { describeOutcome } from "../core/describe";
import { planCreate } from "../core/create-plan";
import { findListed } from "../core/dir-list";
import type { KernelClient } from "../core/kernel-client";
import { providerInfo } from "../core/providers";
import type { DirListState } from "./dir-list.svelte";
import type { ResponseState } from "./response.svelte";
import type { SyncSettingsState } from "./sync-settings.svelte";

export interface CreateFormServices {
  readonly client: KernelClient;
  readonly settings: SyncSettingsState;
  readonly response: ResponseState;
  /** Read again after a create, with the new directory highlighted. */
  readonly dirs: DirListState;
}

/**
 * The create form's state and rules; the Svelte components only render it and call its methods.
 */
export class CreateFormState {
  name = $state("");
  busy = $state(false);

  readonly #services: CreateFormServices;
  readonly #settings: SyncSettingsState;
  #disposed = false;
  /** The list read that follows a create, waiting for its task. */
  #relist: ReturnType<typeof setTimeout> | undefined;
  readonly check = $derived(checkName(this.name));
  /** The listed directory a valid name already names: it is used, never created again. */
  readonly existing = $derived.by(() =>
    this.check.problem === null ? findListed(this.#services.dirs.rows, this.check.name) : null,
  );
  readonly plan = $derived.by(() =>
    planCreate({
      check: this.check,
      active: this.#settings.provider,
      readonly: this.#settings.readonly,
      isPublish: this.#settings.isPublish,
      busy: this.busy,
    }),
  );

  constructor(services: CreateFormServices) {
    this.#services = services;
    this.#settings = services.settings;
  }

  typeName(name: string): void {
    this.name = name;
    // An old result, under the form or in a row, must not stand beside a new name.
    this.#services.response.clear();
  }

  applySuggestion(): void {
    const suggestion = suggestName(this.name);
    if (suggestion) this.typeName(suggestion);
  }

  /** The Create button: sends to SiYuan's active provider. */
  requestCreate(): void {
    if (this.plan.blocker || this.existing) return;
    void this.#send();
  }

  async #send(): Promise<void> {
    const body = this.plan.body;
    if (!body || this.plan.blocker || this.existing) return;
    // Set before the first await, so a double click cannot send twice.
    this.busy = true;
    const { response, dirs } = this.#services;
    const stopWaiting = response.wait();
    const target = this.#settings.provider;
    try {
      const exchange = await this.#services.client.createCloudSyncDir(body);
      if (this.#disposed) return;
      const verdict =
        exchange.outcome.kind === "network"
          ? await dirs.relistAfterLostConnection(body.name, "listed")
          : describeOutcome(exchange.outcome, {
              key: "outcomeCreated",
              vars: {
                name: body.name,
                provider: target === null ? "—" : { key: providerInfo(target).labelKey },
              },
            });
      if (this.#disposed) return;
      response.show(exchange, verdict);
      if (exchange.outcome.kind === "ok") {
        // Done with this name; unless the user already typed another one meanwhile.
        if (checkName(this.name).name === body.name) this.name = "";
        // Listed again in the next task, so that the answer is rendered without waiting for the
        // next requests to be sent and the list's loading state to be drawn with it.
        this.#relist = setTimeout(() => void dirs.refresh(body.name));
      }
    } finally {
      stopWaiting();
      this.busy = false;
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#relist);
  }
}
