import {
  describeDeleteCheck,
  describeFailure,
  describeLostConnection,
  describeSourceChange,
  providerName,
  type Verdict,
} from "../core/describe";
import {
  ROWS_PER_PAGE,
  checkDelete,
  deletedExactly,
  filterRows,
  listSource,
  mayDelete,
  rowsToShow,
  sourceChange,
  toRows,
  type DirRow,
  type ListSource,
  type SourceChange,
} from "../core/dir-list";
import type { CloudDirList, KernelClient, KernelExchange } from "../core/kernel-client";
import { providerInfo } from "../core/providers";
import type { I18nKey, Message } from "../i18n";
import type { ResponseState } from "./response.svelte";
import type { SyncSettingsState } from "./sync-settings.svelte";

export interface DirListServices {
  readonly client: KernelClient;
  /** Read again before every list and every action; told the directory that is current now. */
  readonly settings: SyncSettingsState;
  /** Where the exchanges of Use and Delete are shown. */
  readonly response: ResponseState;
}

/** What the user is asked to confirm: switching, or deleting (which needs the name typed). */
export type ActionRequest =
  | { readonly kind: "use"; readonly name: string }
  | { readonly kind: "delete"; readonly name: string };

/** A confirmation waiting for the user, with the listed row and the source it was listed from. */
export type PendingAction = ActionRequest & {
  readonly row: DirRow;
  readonly source: ListSource | null;
  /** The directory this workspace synced with when asked: what a Use switches away from. */
  readonly current: string;
  /** Every name of the list the user confirmed on, to check a delete against afterwards. */
  readonly listed: readonly string[];
};

/** The directory list: listing, switching and deleting, with every step confirmed by a re-list. */
export class DirListState {
  readonly #client: KernelClient;
  readonly #settings: SyncSettingsState;
  readonly #response: ResponseState;
  #disposed = false;
  /** Counts list reads; an answer is applied only if no newer read started meanwhile. */
  #generation = 0;
  #latest: Promise<CloudDirList | null> = Promise.resolve(null);
  /** The last read that keeps the notices: the one that read for the action that set them. */
  #noticesReadBy = 0;

  status = $state<"idle" | "loading" | "ready" | "failed">("idle");
  // Data only ever replaced is `$state.raw`: a thousand listed directories get no deep proxies.
  list = $state.raw<CloudDirList | null>(null);
  /** Where {@link list} was read from; names in it may only be sent there. */
  source = $state.raw<ListSource | null>(null);
  failure = $state.raw<Verdict | null>(null);
  /** Shown prominently above the list: why nothing was sent, or what a delete changed too. */
  notices = $state.raw<readonly Message[]>([]);
  filter = $state("");
  /** The directory just created or switched to, shown highlighted. */
  highlighted = $state<string | null>(null);
  pending = $state.raw<PendingAction | null>(null);
  /** What the user typed to confirm a delete. */
  typedName = $state("");

  /** The use or delete request that is running, said in its row while it runs. */
  working = $state.raw<ActionRequest | null>(null);

  readonly rows: readonly DirRow[] = $derived(
    this.list ? toRows(this.list, this.source?.provider ?? null) : [],
  );
  readonly visibleRows = $derived(filterRows(this.rows, this.filter));
  /** How many of the visible rows are rendered; see {@link ROWS_PER_PAGE}. */
  shownCount = $state(ROWS_PER_PAGE);
  readonly shownRows = $derived(this.visibleRows.slice(0, this.shownCount));
  readonly hiddenCount = $derived(this.visibleRows.length - this.shownRows.length);
  readonly deleteConfirmed = $derived(
    this.pending?.kind === "delete" && mayDelete(this.rows, this.pending.name, this.typedName),
  );

  constructor(services: DirListServices) {
    this.#client = services.client;
    this.#settings = services.settings;
    this.#response = services.response;
  }

  /**
   * What the last use or delete ended with, said in its row or, once gone, above the rows. It is
   * the panel's one shown result (response.svelte.ts), so it goes as that one is replaced or
   * cleared: by the next request, or when the new-directory name is edited.
   */
  get result(): { readonly name: string; readonly verdict: Verdict } | null {
    const shown = this.#response.shown;
    return shown && typeof shown.place === "object"
      ? { name: shown.place.dir, verdict: shown.verdict }
      : null;
  }

  /** Set when the panel has since seen the settings point elsewhere than the list's source. */
  get sourceDrift(): SourceChange | null {
    if (!this.list || !this.source) return null;
    return sourceChange(this.source, this.#settings.source);
  }

  /** Rows cannot be acted on while changes are refused, one action runs, or the list is stale. */
  get actionsDisabled(): boolean {
    return this.#settings.locked || this.working !== null || this.sourceDrift !== null;
  }

  /** What to say about the current provider's listing, if anything. */
  get providerNote(): I18nKey | null {
    const provider = this.#settings.provider;
    return provider === null ? null : providerInfo(provider).listNoteKey;
  }

  /**
   * Reads the settings, then lists; `highlight` marks a directory that should now be there.
   * Reads may overlap (a click, the panel shown again, the re-list after an action): only the
   * newest is applied, and an older call answers what the newest one read.
   */
  refresh(highlight: string | null = null): Promise<CloudDirList | null> {
    const generation = ++this.#generation;
    const reading = this.#read(generation, highlight);
    this.#latest = reading;
    return reading;
  }

  async #read(generation: number, highlight: string | null): Promise<CloudDirList | null> {
    const superseded = () => generation !== this.#generation;
    this.status = "loading";
    const conf = await this.#settings.refresh();
    if (this.#disposed) return null;
    if (superseded()) return this.#latest;
    // A published view cannot list (HTTP 403).
    if (this.#settings.isPublish) {
      this.status = "idle";
      return null;
    }
    const exchange = await this.#client.listCloudSyncDir();
    if (this.#disposed) return null;
    if (superseded()) return this.#latest;
    const { outcome } = exchange;
    if (outcome.kind !== "ok") {
      this.status = "failed";
      this.failure = describeFailure(outcome);
      return null;
    }
    this.list = outcome.data;
    // The settings read just before the list: the list came from there, or, if they changed in
    // between, from somewhere that the check before every action will see is not the pin.
    this.source = conf ? listSource(conf) : null;
    this.failure = null;
    // A later successful read (not the action's own) makes the notices stale.
    if (generation > this.#noticesReadBy) this.notices = [];
    this.status = "ready";
    this.highlighted = highlight;
    const highlightedAt = this.visibleRows.findIndex((row) => row.dir.name === highlight);
    this.shownCount = rowsToShow(Math.max(0, highlightedAt));
    this.#settings.noteCurrentDirectory(outcome.data.active);
    return outcome.data;
  }

  setFilter(query: string): void {
    this.filter = query;
    this.shownCount = ROWS_PER_PAGE;
  }

  typeConfirmation(text: string): void {
    this.typedName = text;
  }

  showMore(): void {
    this.shownCount += ROWS_PER_PAGE;
  }

  /** Opens the confirmation, only for a listed row that offers this action. */
  ask(action: ActionRequest): void {
    if (this.actionsDisabled) return;
    const row = this.rows.find((candidate) => candidate.dir.name === action.name);
    if (!row || !(action.kind === "use" ? row.canUse : row.canDelete)) return;
    this.pending = {
      ...action,
      row,
      source: this.source,
      current: this.list?.active ?? "",
      // What the provider listed: not the row the panel adds for an unlisted current directory.
      listed: (this.list?.dirs ?? []).map((dir) => dir.name),
    };
    this.typedName = "";
  }

  cancel(): void {
    this.pending = null;
    this.typedName = "";
  }

  async confirm(): Promise<void> {
    const action = this.pending;
    if (!action || this.working || this.#settings.locked) return;
    if (action.kind === "delete" && !this.deleteConfirmed) return;
    this.pending = null;
    this.typedName = "";
    // Set before the first await, so a double click cannot send twice.
    this.working = { kind: action.kind, name: action.name };
    this.notices = [];
    this.#response.clear();
    try {
      if (!(await this.#stillPointsAt(action.source))) return;
      if (action.kind === "use") await this.#use(action);
      else await this.#delete(action);
    } finally {
      this.working = null;
    }
  }

  /**
   * The kernel acts on its current provider (`kernel/model/sync.go`), so the settings are read again
   * right before sending. If they no longer point where the list was read from, nothing is sent.
   */
  async #stillPointsAt(pinned: ListSource | null): Promise<boolean> {
    const conf = await this.#settings.refresh();
    if (this.#disposed) return false;
    if (conf === null) {
      this.#notify([{ key: "sourceUnreadable" }]);
      return false;
    }
    const change = sourceChange(pinned, listSource(conf));
    if (change === null) return true;
    const reread = this.refresh();
    this.#notify([describeSourceChange(change), { key: "sourceNothingSent" }]);
    await reread;
    return false;
  }

  /** Shows notices that stand until a list read started after this one succeeds. */
  #notify(notices: readonly Message[]): void {
    this.notices = notices;
    this.#noticesReadBy = this.#generation;
  }

  async #use({ name, row }: PendingAction): Promise<void> {
    const exchange = await this.#client.setCloudSyncDir(name);
    if (this.#disposed) return;
    if (exchange.outcome.kind === "network") {
      this.#report(name, exchange, await this.relistAfterLostConnection(name, "current"));
      return;
    }
    if (exchange.outcome.kind !== "ok") {
      this.#report(name, exchange, describeFailure(exchange.outcome));
      return;
    }
    // The kernel answers code 0 even when it ignored the name (docs/siyuan-sync-api.md §4): only a
    // re-list proves the switch.
    const list = await this.refresh(name);
    const vars = { name: row.display };
    const message: Message =
      list === null
        ? { key: "outcomeSwitchUnconfirmed", vars }
        : list.active === name
          ? { key: "outcomeSwitched", vars }
          : { key: "outcomeNotSwitched", vars };
    this.#report(name, exchange, { tone: list?.active === name ? "success" : "error", message });
  }

  /** Deletes, then lists again and checks that exactly the confirmed name is gone. */
  async #delete(action: PendingAction): Promise<void> {
    const { name, listed, source } = action;
    const exchange = await this.#client.removeCloudSyncDir(name);
    if (this.#disposed) return;
    const { outcome } = exchange;
    if (outcome.kind === "ok") this.#settings.noteCurrentDirectory(outcome.data);
    const after = await this.refresh();
    if (this.#disposed) return;
    const display = action.row.display;
    // A list from elsewhere cannot tell what happened where the delete went.
    const comparable = after !== null && sourceChange(source, this.source) === null;
    const check = comparable
      ? checkDelete(
          listed,
          after.dirs.map((dir) => dir.name),
          name,
        )
      : null;
    if (check) this.#notify(describeDeleteCheck(check, name));
    if (outcome.kind === "network") {
      this.#report(
        name,
        exchange,
        describeLostConnection(name, comparable ? after : null, "listed"),
      );
      return;
    }
    if (outcome.kind !== "ok") {
      this.#report(name, exchange, describeFailure(outcome));
      return;
    }
    const provider = providerName(source?.provider ?? null);
    const message: Message =
      check === null
        ? { key: "outcomeDeleteUnchecked", vars: { name: display } }
        : check.stillListed
          ? { key: "outcomeDeleteStillListed", vars: { name: display } }
          : deletedExactly(check)
            ? { key: "outcomeDeleted", vars: { name: display, provider, current: outcome.data } }
            : { key: "outcomeDeleteOthersChanged", vars: { name: display } };
    const tone = check !== null && deletedExactly(check) ? "success" : "error";
    this.#report(name, exchange, { tone, message });
  }

  /**
   * After a request whose connection was lost: lists again and says what the list shows about
   * `name`, so nobody has to guess whether it took effect (a create, a use).
   */
  async relistAfterLostConnection(name: string, ask: "listed" | "current"): Promise<Verdict> {
    const after = await this.refresh(ask === "listed" ? name : null);
    return describeLostConnection(name, after, ask);
  }

  /** Says an action's result by the directory it acted on; the exchange goes to the details. */
  #report(name: string, exchange: KernelExchange<unknown>, verdict: Verdict): void {
    this.#response.show(exchange, verdict, { dir: name });
  }

  dispose(): void {
    this.#disposed = true;
  }
}
