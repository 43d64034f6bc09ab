/**
 * How the kernel client reaches the kernel. Injected, so the same client runs in SiYuan, in the
 * sandbox and in tests.
 */
export interface TransportResponse {
  readonly status: number;
  readonly text: string;
}

export interface Transport {
  /** Resolves with any HTTP answer; rejects only when no answer arrived (dropped, aborted). */
  post(endpoint: string, body: unknown, signal: AbortSignal): Promise<TransportResponse>;
}

/**
 * The request SiYuan's own `fetchPost`/`fetchSyncPost` send: a same-origin POST of the JSON text,
 * no Content-Type, no token (the session cookie or the localhost rule authenticates it,
 * docs/siyuan-sync-api.md §2). We call `fetch` ourselves rather than `fetchSyncPost` because that
 * one hides the HTTP status, rejects on the empty body of a 403 and toasts every `code < 0` on top
 * of our own message.
 */
export function createFetchTransport(
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Transport {
  return {
    async post(endpoint, body, signal) {
      const response = await fetchImpl(endpoint, {
        method: "POST",
        body: JSON.stringify(body),
        signal,
      });
      return { status: response.status, text: await response.text() };
    },
  };
}
