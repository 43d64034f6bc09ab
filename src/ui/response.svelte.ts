import { describeOutcome, type Verdict } from "../core/describe";
import type { KernelExchange } from "../core/kernel-client";

/**
 * Where a one-line result is said: under the create form, in the row of the directory a Use or
 * Delete acted on, or by the provider select.
 */
export type ResultPlace = "form" | { readonly dir: string } | "provider";

export interface ShownExchange {
  readonly exchange: KernelExchange<unknown>;
  readonly verdict: Verdict;
  readonly place: ResultPlace;
}

const ELAPSED_TICK_MS = 1000;

/** What the response view shows: the last exchange the user triggered, or a request's wait. */
export class ResponseState {
  /**
   * The one result on screen, wherever it is said: a new request replaces it, and editing the
   * new-directory name clears it. Replaced whole, never changed in place.
   */
  shown = $state.raw<ShownExchange | null>(null);
  /**
   * Whole seconds a request has been waited for, from the first one on; `null` while none is.
   * A quick answer (most are) so replaces the last result without a "0 s" line flashing first.
   */
  waitingSeconds = $state<number | null>(null);

  #ticker: ReturnType<typeof setInterval> | undefined;

  show(exchange: KernelExchange<unknown>, verdict: Verdict, place: ResultPlace = "form"): void {
    this.shown = { exchange, verdict, place };
  }

  /** Forgets the last result: it was about a name the user has since edited. */
  clear(): void {
    this.shown = null;
  }

  /** Shows an exchange from the history again, explained as it was answered. */
  reopen(exchange: KernelExchange<unknown>): void {
    this.show(exchange, describeOutcome(exchange.outcome, { key: "outcomeOk" }));
  }

  /** Clears the last result and counts the seconds of a wait until the returned function ends it. */
  wait(): () => void {
    clearInterval(this.#ticker);
    this.shown = null;
    this.waitingSeconds = null;
    const ticker = setInterval(
      () => (this.waitingSeconds = (this.waitingSeconds ?? 0) + 1),
      ELAPSED_TICK_MS,
    );
    this.#ticker = ticker;
    return () => {
      clearInterval(ticker);
      if (this.#ticker !== ticker) return;
      this.#ticker = undefined;
      this.waitingSeconds = null;
    };
  }

  dispose(): void {
    clearInterval(this.#ticker);
  }
}
