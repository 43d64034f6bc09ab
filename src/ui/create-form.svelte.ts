import { checkName, suggestName } from "../core/dir-name";
import { describeFailure, describeMkcol, describeOutcome, providerName } from "../core/describe";
import { planCreate } from "../core/create-plan";
import { findListed } from "../core/dir-list";
import { CREATE_ENDPOINT, type KernelClient, type KernelConf } from "../core/kernel-client";
import {
  ADDRESS_RULE_LIFTED_IN,
  parseKernelVersion,
  type KernelVersion,
} from "../core/kernel-version";
import { PROVIDER } from "../core/providers";
import {
  FORWARD_PROXY_ENDPOINT,
  classifyMkcol,
  planMkcol,
  serverUnreachable,
} from "../core/webdav";
import type { Message } from "../i18n";
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

/** The request Create would send now: as shown (secrets masked) and as a snippet copies it. */
export interface PendingRequest {
  readonly endpoint: string;
  readonly shown: unknown;
  readonly snippet: unknown;
}

/**
 * How a forwardProxy answer reads when the version could not be read: as the current releases
 * answer (numbered failure codes).
 */
const ASSUMED_VERSION = parseKernelVersion(ADDRESS_RULE_LIFTED_IN) as KernelVersion;

/**
 * The create form's state and rules; the Svelte components only render it and call its methods.
 */
export class CreateFormState {
  name = $state("");
  busy = $state(false);
  /** Why Create sent nothing, when no exchange can say it. */
  notice = $state.raw<Message | null>(null);
  /** A name SiYuan could not reach the WebDAV server for: its own sync can create it instead. */
  useNowOffer = $state<string | null>(null);
  confirmingUseNow = $state(false);

  readonly #services: CreateFormServices;
  readonly #settings: SyncSettingsState;
  #disposed = false;
  /** The list read that follows a create, waiting for its task. */
  #relist: ReturnType<typeof setTimeout> | undefined;
  /**
   * SiYuan refuses createCloudSyncDir for WebDAV, so with WebDAV active Create sends MKCOL to
   * the WebDAV server through SiYuan (src/core/webdav.ts).
   */
  readonly createsOnWebdav = $derived.by(() => this.#settings.provider === PROVIDER.webdav);
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

  /** What Create would send now, for the preview and the snippets; secrets masked. */
  readonly pending: PendingRequest | null = $derived.by(() => {
    const body = this.plan.body;
    if (!body) return null;
    if (!this.createsOnWebdav) return { endpoint: CREATE_ENDPOINT, shown: body, snippet: body };
    const webdav = this.#settings.lastRead?.webdav;
    const mkcol = webdav ? planMkcol(webdav, body.name) : null;
    if (mkcol?.kind !== "ready") return null;
    const { shown, snippet } = mkcol.request;
    return { endpoint: FORWARD_PROXY_ENDPOINT, shown, snippet };
  });

  /**
   * A create that has been waited for a second or more: only then does the button say so, like
   * the count beside it, so a quick answer does not flash "Creating…" (the button is disabled
   * from the click on, either way).
   */
  get slow(): boolean {
    return this.busy && this.#services.response.waitingSeconds !== null;
  }

  constructor(services: CreateFormServices) {
    this.#services = services;
    this.#settings = services.settings;
  }

  typeName(name: string): void {
    this.name = name;
    this.notice = null;
    this.useNowOffer = null;
    // An old result, under the form or in a row, must not stand beside a new name.
    this.#services.response.clear();
  }

  applySuggestion(): void {
    const suggestion = suggestName(this.name);
    if (suggestion) this.typeName(suggestion);
  }

  /** The Create button, for SiYuan's active provider: on WebDAV, MKCOL through SiYuan. */
  requestCreate(): void {
    if (!this.createsOnWebdav) this.requestKernelCreate();
    else if (!this.plan.blocker && !this.existing) void this.#createOnWebdav(this.check.name);
  }

  /** Sends createCloudSyncDir (on WebDAV a secondary action, for SiYuan's own answer). */
  requestKernelCreate(): void {
    if (this.plan.blocker || this.existing) return;
    void this.#send();
  }

  async #send(): Promise<void> {
    const body = this.plan.body;
    if (!body || this.plan.blocker || this.existing) return;
    const target = this.#settings.provider;
    await this.#running(async () => {
      const exchange = await this.#services.client.createCloudSyncDir(body);
      if (this.#disposed) return;
      const verdict =
        exchange.outcome.kind === "network"
          ? await this.#services.dirs.relistAfterLostConnection(body.name, "listed")
          : describeOutcome(exchange.outcome, {
              key: "outcomeCreated",
              vars: {
                name: body.name,
                provider: providerName(target),
              },
            });
      if (this.#disposed) return;
      this.#services.response.show(exchange, verdict);
      if (exchange.outcome.kind === "ok") this.#listAgain(body.name, true);
    });
  }

  /**
   * Runs one request with the form busy and the wait counted. `busy` is set before the first
   * await, so a double click cannot send twice.
   */
  async #running(request: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.notice = null;
    const stopWaiting = this.#services.response.wait();
    try {
      await request();
    } finally {
      stopWaiting();
      this.busy = false;
    }
  }

  /**
   * Lists again with `name` highlighted, in the next task, so that the answer is rendered without
   * waiting for the next requests. A name that is done with is cleared, unless the user already
   * typed another one meanwhile.
   */
  #listAgain(name: string, done: boolean): void {
    if (done && checkName(this.name).name === name) this.name = "";
    this.#relist = setTimeout(() => void this.#services.dirs.refresh(name));
  }

  /**
   * The sync settings read again right before sending: the folder goes where SiYuan syncs now,
   * with the credentials it has now. Null, with the reason shown, when that is not WebDAV.
   */
  async #webdavSettings(): Promise<KernelConf | null> {
    const conf = await this.#settings.refresh();
    if (this.#disposed) return null;
    if (conf?.provider === PROVIDER.webdav) return conf;
    this.notice = { key: conf ? "webdavNotActive" : "sourceUnreadable" };
    return null;
  }

  async #createOnWebdav(name: string): Promise<void> {
    this.useNowOffer = null;
    this.#services.response.clear();
    await this.#running(async () => {
      const conf = await this.#webdavSettings();
      if (!conf) return;
      const plan = conf.webdav ? planMkcol(conf.webdav, name) : null;
      if (plan?.kind !== "ready") {
        this.notice = { key: "webdavNoEndpoint" };
        return;
      }
      const version = this.#settings.version ?? (await this.#settings.readVersion());
      const exchange = await this.#services.client.forwardProxy(plan.request);
      if (this.#disposed) return;
      if (exchange.outcome.kind === "network") {
        const found = await this.#services.dirs.relistAfterLostConnection(name, "listed");
        if (!this.#disposed) this.#services.response.show(exchange, found);
        return;
      }
      const verdict = classifyMkcol(exchange.outcome, version ?? ASSUMED_VERSION);
      this.#services.response.show(exchange, describeMkcol(verdict, name));
      // An existing collection is listed too: the form then offers Use for it.
      if (verdict.kind === "created" || verdict.kind === "exists") {
        this.#listAgain(name, verdict.kind === "created");
      }
      if (serverUnreachable(verdict)) this.useNowOffer = name;
    });
  }

  askUseNow(): void {
    if (this.useNowOffer !== null && !this.#settings.locked) this.confirmingUseNow = true;
  }

  cancelUseNow(): void {
    this.confirmingUseNow = false;
  }

  /**
   * Makes the offered name SiYuan's cloud sync directory; its next sync creates the folder
   * (docs/siyuan-sync-api.md §11). The route answers code 0 even when it refused the name
   * (§12), so only the name read back from the settings confirms it.
   */
  async useNow(): Promise<void> {
    const name = this.useNowOffer;
    this.confirmingUseNow = false;
    if (name === null || this.busy || this.#settings.locked) return;
    await this.#running(async () => {
      if (!(await this.#webdavSettings())) return;
      const exchange = await this.#services.client.setCloudSyncDir(name);
      if (this.#disposed) return;
      if (exchange.outcome.kind !== "ok") {
        this.#services.response.show(exchange, describeFailure(exchange.outcome));
        return;
      }
      const conf = await this.#settings.refresh();
      if (this.#disposed) return;
      const taken = conf?.cloudName === name;
      const key =
        conf === null ? "outcomeSwitchUnconfirmed" : taken ? "useNowDone" : "outcomeNotSwitched";
      this.#services.response.show(exchange, {
        tone: taken ? "success" : "error",
        message: { key, vars: { name } },
      });
      if (!taken) return;
      this.useNowOffer = null;
      this.#listAgain(name, true);
    });
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#relist);
  }
}
