import { checkName, suggestName } from "../core/dir-name";
import { describeOutcome, type Verdict } from "../core/describe";
import { planCreate } from "../core/create-plan";
import type { KernelClient, KernelConf, KernelExchange } from "../core/kernel-client";
import { providerInfo, type ProviderId } from "../core/providers";
import type { Message } from "../i18n";

/** Where the panel lives: each surface has SiYuan's own header for it, a dialog has its title bar. */
export type Surface = "dock" | "mobileDock" | "dialog";

/** What the host already knows before the first request: `window.siyuan` in SiYuan. */
export interface KnownEnvironment {
  readonly provider: ProviderId | null;
  readonly cloudName: string;
  readonly readonly: boolean;
  readonly isPublish: boolean;
}

export interface PanelServices {
  readonly client: KernelClient;
  readonly environment: KnownEnvironment;
  /**
   * The provider the form starts on when the user asked to remember it. Asked again when the
   * settings arrive, since the preferences may load after the panel opened.
   */
  readonly rememberedProvider: () => ProviderId | null;
  readonly onProviderChosen: (provider: ProviderId) => void;
  /** Called after the kernel confirmed a create, with the name it created. */
  readonly onCreated?: (name: string) => void;
}

export interface ShownExchange {
  readonly exchange: KernelExchange<unknown>;
  readonly verdict: Verdict;
}

const ELAPSED_TICK_MS = 1000;

/**
 * The create form's state and rules; the Svelte components only render it and call its methods.
 */
export class CreatePanelState {
  provider = $state<ProviderId | null>(null);
  cloudName = $state("");
  /** The Local provider's folder, from the last settings read. */
  localEndpoint = $state<string | null>(null);
  readonly = $state(false);
  isPublish = $state(false);
  confStatus = $state<"loading" | "ready" | "failed">("loading");
  confProblem = $state<Message | null>(null);

  selected = $state<ProviderId>(4);
  path = $state("");
  busy = $state(false);
  confirming = $state(false);
  elapsedSeconds = $state(0);
  shown = $state<ShownExchange | null>(null);

  readonly check = $derived(checkName(this.path));
  readonly plan = $derived(
    planCreate({
      check: this.check,
      selected: this.selected,
      active: this.provider,
      readonly: this.readonly,
      isPublish: this.isPublish,
      busy: this.busy,
    }),
  );

  #services: PanelServices;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #disposed = false;
  #userChose = false;
  #confGeneration = 0;
  #latestConf: Promise<KernelConf | null> = Promise.resolve(null);

  constructor(services: PanelServices) {
    this.#services = services;
    const known = services.environment;
    this.provider = known.provider;
    this.cloudName = known.cloudName;
    this.readonly = known.readonly;
    this.isPublish = known.isPublish;
    this.selected = services.rememberedProvider() ?? known.provider ?? 4;
  }

  /**
   * Re-reads the provider and modes from the kernel, as the panel opens and before every Use or
   * Delete. Answers the settings read, or `null` when they could not be read. Reads may overlap:
   * only the newest one is applied, and an older call answers what the newest one read.
   */
  refreshConf(): Promise<KernelConf | null> {
    const generation = ++this.#confGeneration;
    const reading = this.#readConf(generation);
    this.#latestConf = reading;
    return reading;
  }

  async #readConf(generation: number): Promise<KernelConf | null> {
    this.confStatus = "loading";
    const { outcome } = await this.#services.client.getConf();
    if (generation !== this.#confGeneration) return this.#latestConf;
    if (this.#disposed) return null;
    if (outcome.kind !== "ok") {
      this.confStatus = "failed";
      this.confProblem = describeOutcome(outcome, { key: "outcomeOk" }).message;
      return null;
    }
    this.applyConf(outcome.data);
    return outcome.data;
  }

  private applyConf(conf: KernelConf): void {
    this.provider = conf.provider;
    this.cloudName = conf.cloudName;
    this.localEndpoint = conf.localEndpoint;
    this.readonly = conf.readonly;
    this.isPublish = conf.isPublish;
    this.confStatus = "ready";
    this.confProblem = null;
    // A provider the user picked, even while the settings loaded, is theirs to keep.
    if (!this.#userChose) {
      this.selected = this.#services.rememberedProvider() ?? conf.provider ?? this.selected;
    }
  }

  choose(provider: ProviderId): void {
    this.#userChose = true;
    this.selected = provider;
    this.confirming = false;
    this.#services.onProviderChosen(provider);
  }

  typePath(path: string): void {
    this.path = path;
    this.confirming = false;
  }

  applySuggestion(): void {
    const suggestion = suggestName(this.path);
    if (suggestion) this.typePath(suggestion);
  }

  /** The Create button: sends, or first asks when the kernel would use another provider. */
  requestCreate(): void {
    if (this.plan.blocker) return;
    if (this.plan.needsProviderConfirmation && !this.confirming) {
      this.confirming = true;
      return;
    }
    void this.send();
  }

  cancelConfirmation(): void {
    this.confirming = false;
  }

  private async send(): Promise<void> {
    const body = this.plan.body;
    if (!body || this.plan.blocker) return;
    // Set before the first await, so a double click cannot send twice.
    this.busy = true;
    this.confirming = false;
    this.elapsedSeconds = 0;
    this.#ticker = setInterval(() => (this.elapsedSeconds += 1), ELAPSED_TICK_MS);
    const target = this.provider ?? this.selected;
    try {
      const exchange = await this.#services.client.createCloudSyncDir(body);
      if (this.#disposed) return;
      const verdict = describeOutcome(exchange.outcome, {
        key: "outcomeCreated",
        vars: { name: body.name, provider: { key: providerInfo(target).labelKey } },
      });
      this.shown = { exchange, verdict };
      if (exchange.outcome.kind === "ok") this.#services.onCreated?.(body.name);
    } finally {
      clearInterval(this.#ticker);
      this.busy = false;
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearInterval(this.#ticker);
  }
}
