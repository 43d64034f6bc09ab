/**
 * The kernel client's version() and forwardProxy(), and the rule that the WebDAV password never
 * reaches an exchange, the history or a snippet, even when the server echoes it back.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { addToHistory } from "../../src/core/history";
import {
  DEFAULT_TIMEOUT_MS,
  createKernelClient,
  type KernelExchange,
} from "../../src/core/kernel-client";
import { recordExchanges } from "../../src/core/recording-client";
import { toCurl, toJavaScript } from "../../src/core/snippets";
import type { Transport, TransportResponse } from "../../src/core/transport";
import {
  FORWARD_PROXY_ENDPOINT,
  REDACTED,
  planMkcol,
  type MkcolRequest,
} from "../../src/core/webdav";

const PASSWORD = 'correct horse <battery> "staple"';

function mkcolRequest(timeout = 30): MkcolRequest {
  const plan = planMkcol(
    { endpoint: "http://127.0.0.1:5005/dav", username: "ann", password: PASSWORD, timeout },
    "notes",
  );
  if (plan.kind !== "ready") throw new Error("test setup");
  return plan.request;
}

function transportAnswering(
  respond: (body: unknown) => TransportResponse | Promise<TransportResponse>,
) {
  const sent: { endpoint: string; body: unknown }[] = [];
  const transport: Transport = {
    async post(endpoint, body) {
      sent.push({ endpoint, body });
      return respond(body);
    },
  };
  return { transport, sent };
}

/** Go's json.Marshal of a kernel result: it escapes <, > and & as \u003c, \u003e, \u0026. */
const goJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[<>&]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** A hostile WebDAV server that puts everything it received into its answer. */
const echoing = (body: unknown): TransportResponse => ({
  status: 200,
  text: goJson({
    code: 0,
    msg: "",
    data: {
      url: "http://127.0.0.1:5005/dav/notes/",
      status: 201,
      contentType: "text/plain",
      body: `you sent ${JSON.stringify(body)} and the password ${PASSWORD}`,
      bodyEncoding: "text",
      headers: { "X-Echo": [JSON.stringify(body)] },
      elapsed: 3,
    },
  }),
});

const secretsOf = (request: MkcolRequest) => [PASSWORD, ...request.secrets];

afterEach(() => {
  vi.useRealTimers();
});

describe("version()", () => {
  it("posts {} to /api/system/version and reads the version string", async () => {
    const { transport, sent } = transportAnswering(() => ({
      status: 200,
      text: '{"code":0,"msg":"","data":"3.7.2"}',
    }));
    const exchange = await createKernelClient(transport).version();
    expect(sent).toEqual([{ endpoint: "/api/system/version", body: {} }]);
    expect(exchange.outcome).toEqual({
      kind: "ok",
      data: { major: 3, minor: 7, patch: 2, text: "3.7.2" },
    });
  });

  it.each([null, 373, "3.7", ""])("answers unexpectedData for data %j", async (data) => {
    const { transport } = transportAnswering(() => ({
      status: 200,
      text: JSON.stringify({ code: 0, msg: "", data }),
    }));
    expect((await createKernelClient(transport).version()).outcome).toEqual({
      kind: "unexpectedData",
    });
  });
});

describe("forwardProxy()", () => {
  it("sends the real body and keeps only the masked one", async () => {
    const request = mkcolRequest();
    const { transport, sent } = transportAnswering(echoing);
    const exchange = await createKernelClient(transport).forwardProxy(request);
    expect(sent).toEqual([{ endpoint: FORWARD_PROXY_ENDPOINT, body: request.body }]);
    expect(exchange.endpoint).toBe(FORWARD_PROXY_ENDPOINT);
    expect(exchange.body).toEqual(request.shown);
  });

  it("redacts the password and the Basic value from an echoing reply before classifying it", async () => {
    const request = mkcolRequest();
    const exchange = await createKernelClient(transportAnswering(echoing).transport).forwardProxy(
      request,
    );
    const kept = JSON.stringify(exchange);
    for (const secret of secretsOf(request)) expect(kept).not.toContain(secret);
    expect(exchange.responseText).toContain(REDACTED);
    expect(exchange.outcome).toMatchObject({ kind: "ok", data: { status: 201 } });
  });

  it("redacts a transport error message too", async () => {
    const request = mkcolRequest();
    const transport: Transport = {
      post: async () => {
        throw new Error(`proxy said ${PASSWORD}`);
      },
    };
    const exchange = await createKernelClient(transport).forwardProxy(request);
    expect(exchange.outcome).toEqual({ kind: "network", detail: `proxy said ${REDACTED}` });
  });

  it("waits longer than the proxied request's own timeout before giving up", async () => {
    vi.useFakeTimers();
    const request = mkcolRequest(120);
    const transport: Transport = {
      post: (_endpoint, _body, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () => reject(signal.reason)),
        ),
    };
    const pending = createKernelClient(transport).forwardProxy(request);
    await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS);
    await vi.advanceTimersByTimeAsync(120_000 - DEFAULT_TIMEOUT_MS + 4_000);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await pending).outcome).toEqual({ kind: "timeout", afterMs: 125_000 });
  });
});

describe("recording, history and snippets", () => {
  it("the recorded exchange, the history and both snippets hold no secret", async () => {
    const request = mkcolRequest();
    const recorded: KernelExchange<unknown>[] = [];
    const client = recordExchanges(
      createKernelClient(transportAnswering(echoing).transport),
      (exchange) => recorded.push(exchange),
    );
    await client.version();
    await client.forwardProxy(request);
    expect(recorded.map((exchange) => exchange.endpoint)).toEqual([FORWARD_PROXY_ENDPOINT]);
    const history = addToHistory([], recorded[0] as KernelExchange<unknown>);
    const snippetSource = { origin: "http://127.0.0.1:6806", endpoint: FORWARD_PROXY_ENDPOINT };
    const copies = [
      JSON.stringify(history),
      toCurl({ ...snippetSource, body: history[0]?.body }),
      toJavaScript({ ...snippetSource, body: request.snippet }),
    ];
    for (const copy of copies) {
      for (const secret of secretsOf(request)) expect(copy).not.toContain(secret);
    }
    expect(JSON.stringify(history[0]?.body)).toContain("Basic ********");
  });
});
