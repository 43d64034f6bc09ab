/**
 * How the kernel client reaches the kernel. Injected, so the same client runs in SiYuan, in the
 * sandbox and in tests.
 */
export interface TransportResponse {
  readonly status: number;
  readonly text: string;
  /** Set when the body was over {@link MAX_REPLY_BYTES} and reading it stopped there. */
  readonly tooLarge?: boolean;
}

/**
 * The largest kernel reply read, 1 MiB. A listing of a thousand directories is about 150 KB; a
 * reply above this is not something the kernel sends for these routes, and holding it would
 * cost memory in the history and time in the response view.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

const utf8 = new TextEncoder();

/** Whether a reply is over the cap, counted in UTF-8 bytes as it came over the wire. */
export function replyTooLarge(response: TransportResponse): boolean {
  if (response.tooLarge) return true;
  // A UTF-16 unit is at most 3 bytes of UTF-8: short texts need no encoding to be counted.
  if (response.text.length * 3 <= MAX_REPLY_BYTES) return false;
  return (
    response.text.length > MAX_REPLY_BYTES || utf8.encode(response.text).length > MAX_REPLY_BYTES
  );
}

/** Reads a body up to {@link MAX_REPLY_BYTES}, then stops and cancels the rest. */
async function readCapped(response: Response): Promise<{ text: string; tooLarge: boolean }> {
  if (!response.body) return { text: await response.text(), tooLarge: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), tooLarge: false };
    bytes += value.byteLength;
    if (bytes > MAX_REPLY_BYTES) {
      await reader.cancel();
      return { text: "", tooLarge: true };
    }
    text += decoder.decode(value, { stream: true });
  }
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
      const { text, tooLarge } = await readCapped(response);
      return tooLarge
        ? { status: response.status, text, tooLarge }
        : { status: response.status, text };
    },
  };
}
