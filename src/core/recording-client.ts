import type { KernelClient, KernelExchange } from "./kernel-client";

/**
 * The same client, reporting every sync-directory exchange to `record` (the session history).
 * `getConf` is not reported: its answer holds the API token and the provider secrets. `version`
 * is only read for the status line. A forwardProxy exchange arrives with its masked body and a
 * redacted reply already (kernel-client.ts), so that is what the history keeps. Nor is a
 * reply refused for its size: the history keeps only what it can show.
 */
export function recordExchanges(
  client: KernelClient,
  record: (exchange: KernelExchange<unknown>) => void,
): KernelClient {
  const recorded =
    <Args extends unknown[], T>(call: (...args: Args) => Promise<KernelExchange<T>>) =>
    async (...args: Args): Promise<KernelExchange<T>> => {
      const exchange = await call(...args);
      if (exchange.outcome.kind !== "tooLarge") record(exchange);
      return exchange;
    };
  return {
    getConf: client.getConf,
    version: client.version,
    forwardProxy: recorded(client.forwardProxy),
    createCloudSyncDir: recorded(client.createCloudSyncDir),
    listCloudSyncDir: recorded(client.listCloudSyncDir),
    setCloudSyncDir: recorded(client.setCloudSyncDir),
    setSyncProvider: recorded(client.setSyncProvider),
    removeCloudSyncDir: recorded(client.removeCloudSyncDir),
  };
}
