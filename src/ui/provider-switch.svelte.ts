import {
  describeFailure,
  describeSwitchTarget,
  providerName,
  type Verdict,
} from "../core/describe";
import type { KernelClient } from "../core/kernel-client";
import { PROVIDERS, hasSettings, type ProviderId } from "../core/providers";
import type { Message } from "../i18n";
import type { DirListState } from "./dir-list.svelte";
import type { ResponseState } from "./response.svelte";
import type { SyncSettingsState } from "./sync-settings.svelte";

export interface ProviderSwitchServices {
  readonly client: KernelClient;
  readonly settings: SyncSettingsState;
  /** Read again after a switch: settings first, then the new provider's list. */
  readonly dirs: DirListState;
  /** Where the exchange goes, and the one-line result with it. */
  readonly response: ResponseState;
}

/** One provider in the select: chosen only when SiYuan has settings for it. */
export interface ProviderOption {
  readonly id: ProviderId;
  readonly ready: boolean;
}

/**
 * The provider select: it shows SiYuan's active provider, and choosing another one that SiYuan
 * has settings for asks, then switches SiYuan's sync to it with `setSyncProvider`.
 */
export class ProviderSwitchState {
  /** The provider the user chose and is asked to confirm. */
  pending = $state<ProviderId | null>(null);
  /** The provider being switched to while the request and the re-read run. */
  working = $state<ProviderId | null>(null);
  /** Why a confirmed switch sent nothing: SiYuan's settings changed since the confirmation. */
  notice = $state.raw<Message | null>(null);

  readonly #services: ProviderSwitchServices;
  readonly #settings: SyncSettingsState;
  #disposed = false;

  readonly options: readonly ProviderOption[] = $derived.by(() => {
    const conf = this.#settings.lastRead;
    const active = this.#settings.provider;
    return PROVIDERS.map(({ id }) => ({
      id,
      ready:
        id === active ||
        (conf !== null &&
          hasSettings(id, { ...conf, cloudSubscriber: this.#settings.cloudSubscriber })),
    }));
  });

  constructor(services: ProviderSwitchServices) {
    this.#services = services;
    this.#settings = services.settings;
  }

  /** What the select shows: the choice being confirmed or made, else the active provider. */
  get shown(): ProviderId | null {
    return this.pending ?? this.working ?? this.#settings.provider;
  }

  /**
   * Nothing can be switched while changes are refused, the settings were never read, or another
   * request that acts on the current provider runs.
   */
  get disabled(): boolean {
    return (
      this.#settings.locked ||
      this.#settings.lastRead === null ||
      this.working !== null ||
      this.#services.dirs.working !== null
    );
  }

  /** The user picked `provider` in the select: asks first, unless it is already the active one. */
  choose(provider: ProviderId): void {
    this.notice = null;
    if (provider === this.#settings.provider) {
      this.pending = null;
      return;
    }
    if (this.disabled || !this.options.some((option) => option.id === provider && option.ready))
      return;
    this.pending = provider;
  }

  /** The select goes back to the active provider. */
  cancel(): void {
    this.pending = null;
  }

  async confirm(): Promise<void> {
    const target = this.pending;
    if (target === null || this.disabled) return;
    const from = this.#settings.provider;
    const confirmed = this.#where(target);
    this.pending = null;
    // Set before the first await, so a double click cannot send twice.
    this.working = target;
    const { client, dirs, response } = this.#services;
    try {
      // The confirmation said where the next sync goes, from the settings as last read. They are
      // read again, and nothing is sent unless that still holds and the active provider is the same.
      const conf = await this.#settings.refresh();
      if (this.#disposed) return;
      if (
        conf?.provider !== from ||
        this.#where(target) !== confirmed ||
        !this.options.some((option) => option.id === target && option.ready)
      ) {
        this.notice = { key: "switchStale" };
        return;
      }
      const exchange = await client.setSyncProvider(target);
      if (this.#disposed) return;
      // The kernel's answer says little (code 0 even for numbers it cannot use, docs/siyuan-sync-api.md
      // §16), so what counts is the provider SiYuan reports when its settings are read again.
      await dirs.refresh();
      if (this.#disposed) return;
      const now = this.#settings.provider;
      let verdict: Verdict;
      if (now === target) {
        verdict = {
          tone: "success",
          message: { key: "outcomeProviderSwitched", vars: { provider: providerName(target) } },
        };
      } else if (exchange.outcome.kind === "ok") {
        verdict = {
          tone: "error",
          message: {
            key: "outcomeProviderNotSwitched",
            vars: { provider: providerName(now ?? from) },
          },
        };
      } else if (exchange.outcome.kind === "network") {
        verdict = {
          tone: "error",
          message: {
            key: "lostConnection",
            vars: { found: { key: "foundProvider", vars: { provider: providerName(now) } } },
          },
        };
      } else {
        verdict = describeFailure(exchange.outcome);
      }
      response.show(exchange, verdict, "provider");
    } finally {
      this.working = null;
    }
  }

  /** Where the next sync would go with `target`, as the confirmation says it, for comparing. */
  #where(target: ProviderId): string {
    return JSON.stringify(
      describeSwitchTarget(target, this.#settings.lastRead, this.#settings.cloudName),
    );
  }

  dispose(): void {
    this.#disposed = true;
  }
}
