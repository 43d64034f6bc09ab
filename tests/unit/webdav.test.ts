import { describe, expect, it } from "vitest";
import { parseKernelVersion, type KernelVersion } from "../../src/core/kernel-version";
import type { Outcome } from "../../src/core/response";
import {
  REDACTED,
  SHOWN_AUTHORIZATION,
  SNIPPET_AUTHORIZATION,
  classifyMkcol,
  normalizeTimeoutSeconds,
  planMkcol,
  readProxyReply,
  readWebdavConf,
  redactSecrets,
  serverUnreachable,
  type MkcolRequest,
  type ProxyReply,
  type WebdavConf,
} from "../../src/core/webdav";

const conf = (overrides: Partial<WebdavConf> = {}): WebdavConf => ({
  endpoint: "https://dav.example.org/remote.php/dav/files/ann/",
  username: "ann",
  password: "pa:ss wörd",
  timeout: 30,
  ...overrides,
});

function ready(plan: ReturnType<typeof planMkcol>): MkcolRequest {
  if (plan.kind !== "ready") throw new Error(`expected a ready plan, got ${plan.kind}`);
  return plan.request;
}

const version = (text: string): KernelVersion => {
  const parsed = parseKernelVersion(text);
  if (!parsed) throw new Error(text);
  return parsed;
};
const V373 = version("3.7.3");
const V372 = version("3.7.2");
const V364 = version("3.6.4");

describe("readWebdavConf", () => {
  it("reads the four fields it needs", () => {
    expect(
      readWebdavConf({
        endpoint: "https://x/",
        username: "u",
        password: "p",
        skipTlsVerify: true,
        timeout: 45,
        concurrentReqs: 1,
      }),
    ).toEqual({ endpoint: "https://x/", username: "u", password: "p", timeout: 45 });
  });

  it("defaults missing or mistyped fields", () => {
    expect(readWebdavConf({ endpoint: 5, timeout: "30" })).toEqual({
      endpoint: "",
      username: "",
      password: "",
      timeout: 0,
    });
  });

  it.each([null, undefined, "x", [], 3])("is null for %j (hidden or never configured)", (value) => {
    expect(readWebdavConf(value)).toBeNull();
  });
});

describe("normalizeTimeoutSeconds (util.NormalizeTimeout)", () => {
  it.each([
    [0, 60],
    [-5, 60],
    [Number.NaN, 60],
    [1, 7],
    [6, 7],
    [7, 7],
    [30, 30],
    [30.9, 30],
    [300, 300],
    [301, 300],
  ])("%d s → %d s", (seconds, expected) => {
    expect(normalizeTimeoutSeconds(seconds)).toBe(expected);
  });
});

describe("planMkcol", () => {
  it("builds MKCOL <endpoint>/<name>/ with Basic auth of the UTF-8 credentials and the timeout in ms", () => {
    const request = ready(planMkcol(conf(), "notes"));
    const credentials = Buffer.from("ann:pa:ss wörd", "utf8").toString("base64");
    expect(request.body).toEqual({
      url: "https://dav.example.org/remote.php/dav/files/ann/notes/",
      method: "MKCOL",
      timeout: 30_000,
      headers: [{ Authorization: `Basic ${credentials}` }],
      redirect: false,
    });
    expect(request.url).toBe("https://dav.example.org/remote.php/dav/files/ann/notes/");
    expect(request.secrets).toEqual([credentials, "pa:ss wörd"]);
  });

  it("the shown and snippet copies differ from the sent body only in Authorization", () => {
    const request = ready(planMkcol(conf(), "notes"));
    expect(request.shown).toEqual({
      ...request.body,
      headers: [{ Authorization: SHOWN_AUTHORIZATION }],
    });
    expect(request.snippet).toEqual({
      ...request.body,
      headers: [{ Authorization: SNIPPET_AUTHORIZATION }],
    });
    expect(SHOWN_AUTHORIZATION).toBe("Basic ********");
    for (const copy of [request.shown, request.snippet]) {
      const text = JSON.stringify(copy);
      for (const secret of request.secrets) expect(text).not.toContain(secret);
    }
  });

  it.each([
    ["https://dav.example.org/webdav", "https://dav.example.org/webdav/notes/"],
    ["https://dav.example.org/webdav/", "https://dav.example.org/webdav/notes/"],
    ["  http://192.168.1.5:5005  ", "http://192.168.1.5:5005/notes/"],
    ["https://dav.example.org/a%20b/", "https://dav.example.org/a%20b/notes/"],
  ])("endpoint %j → %j", (endpoint, url) => {
    expect(ready(planMkcol(conf({ endpoint }), "notes")).body.url).toBe(url);
  });

  it("percent-encodes the name with encodeURIComponent", () => {
    const name = "笔记-2024_a~b'c";
    expect(ready(planMkcol(conf({ endpoint: "https://h/" }), name)).body.url).toBe(
      `https://h/${encodeURIComponent(name)}/`,
    );
  });

  it("drops credentials, query and fragment written into the endpoint URL", () => {
    const request = ready(
      planMkcol(conf({ endpoint: "https://ann:secret@dav.example.org/dav/?x=1#top" }), "notes"),
    );
    expect(request.body.url).toBe("https://dav.example.org/dav/notes/");
    expect(JSON.stringify(request.shown)).not.toContain("secret");
  });

  it.each([
    [0, 60_000],
    [3, 7_000],
    [120, 120_000],
    [999, 300_000],
  ])("conf timeout %d s is sent as %d ms", (timeout, ms) => {
    expect(ready(planMkcol(conf({ timeout }), "notes")).body.timeout).toBe(ms);
  });

  it("does not search replies for a password shorter than 4 characters, only for the Basic value", () => {
    const request = ready(planMkcol(conf({ password: "abc" }), "notes"));
    expect(request.secrets).toEqual([Buffer.from("ann:abc").toString("base64")]);
  });

  it("says when there is no endpoint or it is not an http(s) URL", () => {
    expect(planMkcol(conf({ endpoint: "  " }), "notes")).toEqual({ kind: "noEndpoint" });
    expect(planMkcol(conf({ endpoint: "dav.example.org" }), "notes")).toEqual({
      kind: "badEndpoint",
      endpoint: "dav.example.org",
    });
    expect(planMkcol(conf({ endpoint: "ftp://dav.example.org/" }), "notes")).toMatchObject({
      kind: "badEndpoint",
    });
  });
});

describe("redactSecrets", () => {
  it("masks the raw, JSON-escaped and Go-escaped spellings", () => {
    const secret = 'p"a<ss';
    const text = `raw ${secret} json ${JSON.stringify(secret)} go "p\\"a\\u003css"`;
    expect(redactSecrets(text, [secret])).toBe(
      `raw ${REDACTED} json "${REDACTED}" go "${REDACTED}"`,
    );
  });

  it("masks every occurrence of every secret and leaves other text alone", () => {
    expect(redactSecrets("a S1 b S2 c S1", ["S1", "S2"])).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
    expect(redactSecrets("nothing here", ["secret"])).toBe("nothing here");
    expect(redactSecrets("text", [""])).toBe("text");
  });
});

describe("readProxyReply", () => {
  const reply = {
    url: "https://h/notes/",
    status: 201,
    contentType: "text/plain",
    body: "",
    bodyEncoding: "text",
    headers: { Dav: ["1,2"], Bad: "x", Mixed: ["a", 5] },
    elapsed: 12,
  };

  it("reads the kernel's data and drops malformed header values", () => {
    expect(readProxyReply(reply)).toEqual({
      ...reply,
      headers: { Dav: ["1,2"], Mixed: ["a"] },
    });
  });

  it("requires a numeric status", () => {
    expect(readProxyReply({ ...reply, status: "201" })).toBeUndefined();
    expect(readProxyReply(null)).toBeUndefined();
    expect(readProxyReply([])).toBeUndefined();
  });

  it("defaults the other fields", () => {
    expect(readProxyReply({ status: 405 })).toEqual({
      url: "",
      status: 405,
      contentType: "",
      body: "",
      bodyEncoding: "text",
      headers: {},
      elapsed: 0,
    });
  });
});

describe("classifyMkcol", () => {
  const answered = (
    status: number,
    headers: Record<string, string[]> = {},
  ): Outcome<ProxyReply> => ({
    kind: "ok",
    data: { url: "", status, contentType: "", body: "", bodyEncoding: "text", headers, elapsed: 1 },
  });
  const kernelError = (code: number, msg: string): Outcome<ProxyReply> => ({
    kind: "kernelError",
    code,
    msg,
    reason: "other",
  });

  it.each([
    [201, "created"],
    [405, "exists"],
    [401, "wrongCredentials"],
    [403, "forbidden"],
    [409, "parentMissing"],
    [423, "locked"],
    [507, "noSpace"],
  ])("WebDAV %d → %s", (status, kind) => {
    expect(classifyMkcol(answered(status), V373)).toEqual({ kind });
  });

  it.each([200, 204, 400, 404, 415, 500, 502])("WebDAV %d → otherStatus", (status) => {
    expect(classifyMkcol(answered(status), V373)).toEqual({ kind: "otherStatus", status });
  });

  it("a 3xx is a redirect, with its Location when there is one", () => {
    expect(classifyMkcol(answered(301, { Location: ["https://h/b/"] }), V373)).toEqual({
      kind: "redirect",
      status: 301,
      location: "https://h/b/",
    });
    expect(classifyMkcol(answered(307), V373)).toEqual({
      kind: "redirect",
      status: 307,
      location: null,
    });
  });

  const prohibited =
    'forward request failed: Mkcol "http://127.0.0.1:5005/notes/": dial tcp 127.0.0.1:5005: ip address [127.0.0.1] is prohibited';

  it("3.7.2's address refusal (code 8) names the IP and 3.7.3", () => {
    expect(classifyMkcol(kernelError(8, prohibited), V372)).toEqual({
      kind: "addressRefused",
      ip: "127.0.0.1",
      cause: "versionRule",
      liftedIn: "3.7.3",
    });
  });

  it("3.6.4's (code -1) too", () => {
    expect(classifyMkcol(kernelError(-1, prohibited), V364)).toMatchObject({
      kind: "addressRefused",
      cause: "versionRule",
    });
  });

  it("on 3.7.3 the same refusal means the kernel runs in safe mode", () => {
    expect(
      classifyMkcol(kernelError(8, prohibited.replaceAll("127.0.0.1", "192.168.1.5")), V373),
    ).toEqual({
      kind: "addressRefused",
      ip: "192.168.1.5",
      cause: "safeMode",
      liftedIn: "3.7.3",
    });
  });

  it.each([
    [
      'forward request failed: Mkcol "u": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      8,
    ],
    [
      "read response body failed: context deadline exceeded (Client.Timeout or context cancellation while reading body)",
      9,
    ],
    ['forward request failed: Mkcol "u": dial tcp 10.0.0.1:80: i/o timeout', 8],
  ])("the kernel's timeout %j → timeout", (msg, code) => {
    expect(classifyMkcol(kernelError(code, msg), V373)).toEqual({ kind: "timeout" });
  });

  it("the client's own timeout → timeout", () => {
    expect(classifyMkcol({ kind: "timeout", afterMs: 35_000 }, V373)).toEqual({ kind: "timeout" });
  });

  it("TLS and unreachable servers are told apart", () => {
    const tls =
      'forward request failed: Mkcol "u": tls: failed to verify certificate: x509: certificate signed by unknown authority';
    expect(classifyMkcol(kernelError(8, tls), V373)).toEqual({ kind: "tls", msg: tls });
    const refused =
      'forward request failed: Mkcol "u": dial tcp 1.2.3.4:443: connect: connection refused';
    expect(classifyMkcol(kernelError(8, refused), V373)).toEqual({
      kind: "unreachable",
      msg: refused,
    });
    const dns = 'forward request failed: Mkcol "u": dial tcp: lookup nas.invalid: no such host';
    expect(classifyMkcol(kernelError(-1, dns), V364)).toEqual({ kind: "unreachable", msg: dns });
  });

  it.each([
    [1, "invalid [url]", "invalidUrl"],
    [2, "only http/https is allowed", "scheme"],
    [3, "decode base64-std payload failed: x", "payload"],
    [7, "decode hex payload failed: x", "payload"],
    [8, 'forward request failed: Mkcol "u": EOF', "send"],
    [9, "read response body failed: unexpected EOF", "read"],
    [42, "something new", "unknown"],
    [-1, "Field [url] is required", "unknown"],
  ])("3.7.x code %d (%s) → kernelFailure at %s", (code, msg, stage) => {
    expect(classifyMkcol(kernelError(code, msg), V373)).toEqual({
      kind: "kernelFailure",
      code,
      stage,
      msg,
    });
  });

  it.each([
    [-1, "invalid [url]", "invalidUrl"],
    [-1, "only http/https is allowed", "scheme"],
    [-2, "decode hex payload failed: x", "payload"],
    [-1, 'forward request failed: Mkcol "u": EOF', "send"],
    [-1, "read response body failed: unexpected EOF", "read"],
    [-1, "Parses request [/api/network/forwardProxy] failed: x", "unknown"],
    [8, "a v3.7 code on a v3.6 kernel", "unknown"],
  ])("3.6.x code %d (%s) → kernelFailure at %s", (code, msg, stage) => {
    expect(classifyMkcol(kernelError(code, msg), V364)).toEqual({
      kind: "kernelFailure",
      code,
      stage,
      msg,
    });
  });

  it("failures of the forwardProxy call itself are notDelivered, with the failure kept", () => {
    for (const failure of [
      { kind: "forbidden" },
      { kind: "unauthorized", msg: "Auth failed" },
      { kind: "network", detail: "Failed to fetch" },
      { kind: "notFound" },
      { kind: "unexpectedData" },
    ] as const) {
      expect(classifyMkcol(failure, V373)).toEqual({ kind: "notDelivered", failure });
    }
  });

  it("offers 'Use this name now' exactly when SiYuan could not reach the server", () => {
    const reachable = ["created", "exists", "wrongCredentials", "forbidden", "parentMissing"];
    for (const kind of reachable) {
      expect(serverUnreachable({ kind } as Parameters<typeof serverUnreachable>[0])).toBe(false);
    }
    expect(serverUnreachable(classifyMkcol(kernelError(8, prohibited), V372))).toBe(true);
    expect(serverUnreachable({ kind: "timeout" })).toBe(true);
    expect(serverUnreachable({ kind: "tls", msg: "" })).toBe(true);
    expect(serverUnreachable({ kind: "unreachable", msg: "" })).toBe(true);
    expect(
      serverUnreachable({ kind: "kernelFailure", code: 1, stage: "invalidUrl", msg: "" }),
    ).toBe(false);
  });
});
