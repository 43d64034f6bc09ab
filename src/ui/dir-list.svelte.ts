import { describeOutcome, type Verdict } from "../core/describe";
import {
  ROWS_PER_PAGE,
  filterRows,
  mayDelete,
  rowsToShow,
  toRows,
  type DirRow,
} from "../core/dir-list";
import type { CloudDirList, KernelClient, KernelExchange } from "../core/kernel-client";
import type { ProviderId } from "../core/providers";
import type { Message } from "../i18n";
import type { ShownExchange } from "./create-panel.svelte";

export interface DirListServices {
  readonly client: KernelClient;
  /** The active provider as the panel knows it; decides whether delete is offered. */
  readonly provider: () => ProviderId | null;
  /** Whether changes are refused up front (read-only or publish). */
  readonly locked: () => boolean;
  /** Puts a user-triggered exchange into the response view. */
  readonly show: (shown: ShownExchange) => void;
  /** Tells the rest of the panel which directory is current now. */
  readonly onActiveChanged: (name: string) => void;
}

/** A confirmation waiting for the user: switching, or deleting (which needs the name typed). */
export type PendingAction =
  | { readonly kind: "use"; readonly name: string }
  | { readonly kind: "delete"; readonly name: string; readonly active: boolean };

/** The directory list: listing, switching and deleting, with every step confirmed by a re-list. */
export class DirListState {
  status = $state<"idle" | "loading" | "ready" | "failed">("idle");
  list = $state<CloudDirList | null>(null);
  failure = $state<Verdict | null>(null);
  filter = $state("");
  /** The directory just created or switched to, shown highlighted. */
  highlighted = $state<string | null>(null);
  pending = $state<PendingAction | null>(null);
  typedName = $state("");
  /** The name a use or delete request is running for. */
  working = $state<string | null>(null);

  readonly rows: readonly DirRow[] = $derived(
    this.list ? toRows(this.list, this.#activeProvider()) : [],
  );
  readonly visibleRows = $derived(filterRows(this.rows, this.filter));
  /** How many of the visible rows are rendered; see {@link ROWS_PER_PAGE}. */
  shownCount = $state(ROWS_PER_PAGE);
  readonly shownRows = $derived(this.visibleRows.slice(0, this.shownCount));
  readonly hiddenCount = $derived(this.visibleRows.length - this.shownRows.length);
  readonly deleteConfirmed = $derived(
    this.pending?.kind === "delete" && mayDelete(this.rows, this.pending.name, this.typedName),
  );

  #services: DirListServices;
  #disposed = false;

  constructor(services: DirListServices) {
    this.#services = services;
  }

  #activeProvider(): ProviderId | null {
    return this.#services.provider();
  }

  /** Lists again; `highlight` marks a directory that should now be there. */
  async refresh(highlight: string | null = null): Promise<CloudDirList | null> {
    this.status = "loading";
    const exchange = await this.#services.client.listCloudSyncDir();
    if (this.#disposed) return null;
    const { outcome } = exchange;
    if (outcome.kind !== "ok") {
      this.status = "failed";
      this.failure = describeOutcome(outcome, { key: "outcomeOk" });
      return null;
    }
    this.list = outcome.data;
    this.failure = null;
    this.status = "ready";
    this.highlighted = highlight;
    const highlightedAt = this.visibleRows.findIndex((row) => row.dir.name === highlight);
    this.shownCount = rowsToShow(Math.max(0, highlightedAt));
    this.#services.onActiveChanged(outcome.data.active);
    return outcome.data;
  }

  setFilter(query: string): void {
    this.filter = query;
    this.shownCount = ROWS_PER_PAGE;
  }

  showMore(): void {
    this.shownCount += ROWS_PER_PAGE;
  }

  ask(action: PendingAction): void {
    if (this.#services.locked() || this.working) return;
    this.pending = action;
    this.typedName = "";
  }

  cancel(): void {
    this.pending = null;
    this.typedName = "";
  }

  async confirm(): Promise<void> {
    const action = this.pending;
    if (!action || this.working || this.#services.locked()) return;
    if (action.kind === "delete" && !this.deleteConfirmed) return;
    this.pending = null;
    this.typedName = "";
    this.working = action.name;
    try {
      if (action.kind === "use") await this.#use(action.name);
      else await this.#delete(action.name);
    } finally {
      this.working = null;
    }
  }

  async #use(name: string): Promise<void> {
    const exchange = await this.#services.client.setCloudSyncDir(name);
    if (this.#disposed) return;
    if (exchange.outcome.kind !== "ok") {
      this.#show(exchange, describeOutcome(exchange.outcome, { key: "outcomeOk" }));
      return;
    }
    // The kernel answers code 0 even when it ignored the name (docs/siyuan-sync-api.md §4): only a
    // re-list proves the switch.
    const list = await this.refresh(name);
    const message: Message =
      list === null
        ? { key: "outcomeSwitchUnconfirmed", vars: { name } }
        : list.active === name
          ? { key: "outcomeSwitched", vars: { name } }
          : { key: "outcomeNotSwitched", vars: { name } };
    this.#show(exchange, { tone: list?.active === name ? "success" : "error", message });
  }

  async #delete(name: string): Promise<void> {
    const exchange = await this.#services.client.removeCloudSyncDir(name);
    if (this.#disposed) return;
    const { outcome } = exchange;
    const current = outcome.kind === "ok" ? outcome.data : "";
    this.#show(
      exchange,
      describeOutcome(outcome, { key: "outcomeDeleted", vars: { name, current } }),
    );
    if (outcome.kind === "ok") this.#services.onActiveChanged(current);
    await this.refresh();
  }

  #show(exchange: KernelExchange<unknown>, verdict: Verdict): void {
    this.#services.show({ exchange, verdict });
  }

  dispose(): void {
    this.#disposed = true;
  }
}
