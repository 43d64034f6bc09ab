import { addToHistory, type AnyExchange } from "../core/history";

/** The last requests of this SiYuan session, shared by every panel the plugin opens. */
export class RequestHistory {
  entries = $state<AnyExchange[]>([]);
  open = $state(false);

  constructor(open: boolean) {
    this.open = open;
  }

  record(exchange: AnyExchange): void {
    this.entries = addToHistory(this.entries, exchange);
  }
}
