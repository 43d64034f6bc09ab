import { checkName, suggestName } from "../core/dir-name";
import { describeOutcome } from "../core/describe";
import { planCreate } from "../core/create-plan";
import { findListed } from "../core/dir-list";
import type { KernelClient } from "../core/kernel-client";
import { PROVIDER, providerInfo, type ProviderId } from "../core/providers";
import type { DirListState } from "./dir-list.svelte";
import type { ResponseState } from "./response.svelte";
import type { SyncSettingsState } from "./sync-settings.svelte";

export interface CreateFormServices {
  readonly client: KernelClient;
  readonly settings: SyncSettingsState;
  readonly response: ResponseState;
  /** Read again after a confirmed create, with the new directory highlighted. */
  readonly dirs: DirListState;
  /**
   * The provider the form starts on when the user asked to remember it. Asked again whenever the
   * settings arrive, since the preferences may load after the panel opened.
   */
  readonly rememberedProvider: () => ProviderId | null;
  readonly onProviderChosen: (provider: ProviderId) => void;
}

/**
 * The create form's state and rules; the Svelte components only render it and call its methods.
 */
export class CreateFormState {
  name = $state("");
  busy = $state(false);
  confirming = $state(false);

  readonly #services: CreateFormServices;
  readonly #settings: SyncSettingsState;
  #disposed = false;
  /** The list read that follows a create, waiting for its task. */
  #relist: ReturnType<typeof setTimeout> | undefined;
  /** The provider the user picked, even while the settings loaded: theirs to keep. */
  #chosen = $state<ProviderId | null>(null);

  readonly selected: ProviderId = $derived.by(() => {
    // Reading `lastRead` asks again on every settings read: the preferences may load late.
    const active = this.#settings.lastRead?.provider ?? this.#settings.provider;
    return this.#chosen ?? this.#services.rememberedProvider() ?? active ?? PROVIDER.local;
  });
  readonly check = $derived(checkName(this.name));
  /** The listed directory a valid name already names: it is used, never created again. */
  readonly existing = $derived.by(() =>
    this.check.problem === null ? findListed(this.#services.dirs.rows, this.check.name) : null,
  );
  readonly plan = $derived.by(() =>
    planCreate({
      check: this.check,
      selected: this.selected,
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

  choose(provider: ProviderId): void {
    this.#chosen = provider;
    this.confirming = false;
    this.#services.onProviderChosen(provider);
  }

  typeName(name: string): void {
    this.name = name;
    this.confirming = false;
    // An old "Created" must not stand beside a new name.
    this.#services.response.clear();
  }

  applySuggestion(): void {
    const suggestion = suggestName(this.name);
    if (suggestion) this.typeName(suggestion);
  }

  /** The Create button: sends, or first asks when the kernel would use another provider. */
  requestCreate(): void {
    if (this.plan.blocker || this.existing) return;
    if (this.plan.needsProviderConfirmation && !this.confirming) {
      this.confirming = true;
      return;
    }
    void this.#send();
  }

  cancelConfirmation(): void {
    this.confirming = false;
  }

  async #send(): Promise<void> {
    const body = this.plan.body;
    if (!body || this.plan.blocker || this.existing) return;
    // Set before the first await, so a double click cannot send twice.
    this.busy = true;
    this.confirming = false;
    const { response, dirs } = this.#services;
    const stopWaiting = response.wait();
    const target = this.#settings.provider ?? this.selected;
    try {
      const exchange = await this.#services.client.createCloudSyncDir(body);
      if (this.#disposed) return;
      const verdict = describeOutcome(exchange.outcome, {
        key: "outcomeCreated",
        vars: { name: body.name, provider: { key: providerInfo(target).labelKey } },
      });
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
