import { addToHistory } from "../core/history";
import type { KernelExchange } from "../core/kernel-client";

/** The last requests of this plugin load, shared by every panel it opens. */
export class RequestHistory {
  /** Replaced whole on every request, never changed in place. */
  entries = $state.raw<readonly KernelExchange<unknown>[]>([]);
  open = $state(false);

  constructor(open: boolean) {
    this.open = open;
  }

  record(exchange: KernelExchange<unknown>): void {
    this.entries = addToHistory(this.entries, exchange);
  }

  /** Opens or closes the history in every panel; answers whether that changed anything. */
  setOpen(open: boolean): boolean {
    if (open === this.open) return false;
    this.open = open;
    return true;
  }
}
