import { afterEach, describe, expect, it, vi } from "vitest";
import { createKernelClient, type KernelConf } from "../../src/core/kernel-client";
import { buildCreateBody } from "../../src/core/request";
import {
  createFetchTransport,
  type Transport,
  type TransportResponse,
} from "../../src/core/transport";

interface SentRequest {
  readonly endpoint: string;
  readonly body: unknown;
  readonly signal: AbortSignal;
}

/** A transport that records every request and answers with `respond`. */
function fakeTransport(respond: (endpoint: string, body: unknown) => Promise<TransportResponse>) {
  const sent: SentRequest[] = [];
  const transport: Transport = {
    post(endpoint, body, signal) {
      sent.push({ endpoint, body, signal });
      return respond(endpoint, body);
    },
  };
  return { transport, sent };
}

const answer = (status: number, text: string) => fakeTransport(async () => ({ status, text }));
const ok = (data: unknown) => answer(200, JSON.stringify({ code: 0, msg: "", data }));

afterEach(() => {
  vi.useRealTimers();
});

describe("what the client sends", () => {
  it.each([
    ["getConf", "/api/system/getConf", {}],
    ["listCloudSyncDir", "/api/sync/listCloudSyncDir", {}],
    ["setCloudSyncDir", "/api/sync/setCloudSyncDir", { name: "notes" }],
    ["removeCloudSyncDir", "/api/sync/removeCloudSyncDir", { name: "notes" }],
  ] as const)("%s posts %s with %j", async (method, endpoint, body) => {
    const { transport, sent } = ok(null);
    const client = createKernelClient(transport);
    const exchange = await (method === "getConf" || method === "listCloudSyncDir"
      ? client[method]()
      : client[method]("notes"));
    expect(sent.map(({ endpoint, body }) => ({ endpoint, body }))).toEqual([{ endpoint, body }]);
    expect(exchange).toMatchObject({ endpoint, body });
  });

  it("createCloudSyncDir posts the body it is given, keys in order", async () => {
    const { transport, sent } = ok(null);
    const body = buildCreateBody("archive-2024", 4, "archive/2024");
    await createKernelClient(transport).createCloudSyncDir(body);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.endpoint).toBe("/api/sync/createCloudSyncDir");
    expect(JSON.stringify(sent[0]?.body)).toBe(
      '{"name":"archive-2024","provider":"Local File System","path":"archive/2024"}',
    );
  });

  it("passes an AbortSignal that is not aborted for a prompt answer", async () => {
    const { transport, sent } = ok(null);
    await createKernelClient(transport).createCloudSyncDir(buildCreateBody("a", 0, "a"));
    expect(sent[0]?.signal).toBeInstanceOf(AbortSignal);
    expect(sent[0]?.signal.aborted).toBe(false);
  });
});

describe("what the client records", () => {
  it("records start, duration from the injected clock, status and response text", async () => {
    const text = '{"code":0,"msg":"","data":null}';
    const { transport } = answer(200, text);
    const now = vi.fn().mockReturnValueOnce(1_000).mockReturnValueOnce(1_250);
    const exchange = await createKernelClient(transport, { now }).createCloudSyncDir(
      buildCreateBody("a", 4, "a"),
    );
    expect(exchange).toMatchObject({
      startedAt: 1_000,
      durationMs: 250,
      status: 200,
      responseText: text,
      outcome: { kind: "ok", data: null },
    });
  });

  it("never reports a negative duration when the clock goes back", async () => {
    const { transport } = ok(null);
    const now = vi.fn().mockReturnValueOnce(5_000).mockReturnValueOnce(4_000);
    const exchange = await createKernelClient(transport, { now }).getConf();
    expect(exchange.durationMs).toBe(0);
  });

  it("records an HTTP error's status and body", async () => {
    const { transport } = answer(403, "");
    const exchange = await createKernelClient(transport).listCloudSyncDir();
    expect(exchange).toMatchObject({
      status: 403,
      responseText: "",
      outcome: { kind: "forbidden" },
    });
  });

  it.each([
    ["a TypeError from fetch", new TypeError("Failed to fetch"), "Failed to fetch"],
    ["a dropped connection", new Error("socket hang up"), "socket hang up"],
    ["a non-Error rejection", "boom", "boom"],
  ])("turns %s into a network outcome that keeps the message", async (_label, error, detail) => {
    const { transport } = fakeTransport(() => Promise.reject(error));
    const exchange = await createKernelClient(transport).createCloudSyncDir(
      buildCreateBody("a", 4, "a"),
    );
    expect(exchange).toMatchObject({
      status: null,
      responseText: null,
      outcome: { kind: "network", detail },
    });
  });
});

describe("timeout", () => {
  /** Never answers, but gives up as fetch does when the signal aborts. */
  function abortableTransport() {
    const sent: SentRequest[] = [];
    const transport: Transport = {
      post(endpoint, body, signal) {
        sent.push({ endpoint, body, signal });
        return new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        });
      },
    };
    return { transport, sent };
  }

  it("abandons an unanswered request after timeoutMs and clears its timer", async () => {
    vi.useFakeTimers();
    const { transport, sent } = abortableTransport();
    const client = createKernelClient(transport, { timeoutMs: 5_000 });
    let settled = false;
    const pending = client.createCloudSyncDir(buildCreateBody("a", 4, "a")).finally(() => {
      settled = true;
    });

    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    expect(sent[0]?.signal.aborted).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    const exchange = await pending;
    expect(sent[0]?.signal.aborted).toBe(true);
    expect(exchange).toMatchObject({
      status: null,
      responseText: null,
      outcome: { kind: "timeout", afterMs: 5_000 },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("uses 60 s when no timeout is given", async () => {
    vi.useFakeTimers();
    const { transport } = abortableTransport();
    let settled = false;
    const pending = createKernelClient(transport)
      .getConf()
      .finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).outcome).toEqual({ kind: "timeout", afterMs: 60_000 });
  });

  it("clears the timer once an answer arrives", async () => {
    vi.useFakeTimers();
    const { transport } = ok(null);
    await createKernelClient(transport).createCloudSyncDir(buildCreateBody("a", 4, "a"));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears the timer after a rejection", async () => {
    vi.useFakeTimers();
    const { transport } = fakeTransport(() => Promise.reject(new Error("reset")));
    await createKernelClient(transport).getConf();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("setSyncProvider (docs/siyuan-sync-api.md §16)", () => {
  it("posts the provider number alone and only looks at the code", async () => {
    const { transport, sent } = ok({ ignored: true });
    const exchange = await createKernelClient(transport).setSyncProvider(3);
    expect(sent.map(({ endpoint, body }) => ({ endpoint, body }))).toEqual([
      { endpoint: "/api/sync/setSyncProvider", body: { provider: 3 } },
    ]);
    expect(exchange.outcome).toEqual({ kind: "ok", data: null });
  });
});

describe("getConf parsing (docs/siyuan-sync-api.md §8)", () => {
  const adminSync = {
    cloudName: "main",
    enabled: true,
    perception: false,
    mode: 1,
    interval: 30,
    synced: 0,
    stat: "",
    generateConflictDoc: false,
    provider: 4,
    s3: { endpoint: "https://s3.example", accessKey: "k", secretKey: "s", bucket: "", region: "" },
    webdav: { endpoint: "", username: "", password: "", skipTlsVerify: false },
    local: { endpoint: "/mnt/sync", timeout: 30, concurrentReqs: 16 },
  };
  /** HideConfSecret's empty `conf.Sync{}` for any non-admin role. */
  const hiddenSync = {
    cloudName: "",
    enabled: false,
    perception: false,
    mode: 0,
    interval: 0,
    synced: 0,
    stat: "",
    generateConflictDoc: false,
    provider: 0,
    s3: null,
    webdav: null,
    local: null,
  };

  it.each<[string, unknown, KernelConf]>([
    [
      "an administrator's conf",
      { conf: { sync: adminSync, readonly: false }, start: true, isPublish: false },
      {
        provider: 4,
        cloudName: "main",
        localEndpoint: "/mnt/sync",
        readonly: false,
        isPublish: false,
        webdav: { endpoint: "", username: "", password: "", timeout: 0 },
        s3: { endpoint: "https://s3.example", bucket: "" },
      },
    ],
    [
      "an administrator of a --readonly kernel",
      {
        conf: { sync: { ...adminSync, provider: 2, cloudName: "bucket" }, readonly: true },
        isPublish: false,
      },
      {
        provider: 2,
        cloudName: "bucket",
        localEndpoint: "/mnt/sync",
        readonly: true,
        isPublish: false,
        webdav: { endpoint: "", username: "", password: "", timeout: 0 },
        s3: { endpoint: "https://s3.example", bucket: "" },
      },
    ],
    [
      "a publish reader, whose sync is emptied: provider 0 means nothing there",
      { conf: { sync: hiddenSync, readonly: true }, start: true, isPublish: true },
      {
        provider: null,
        cloudName: "",
        localEndpoint: null,
        readonly: true,
        isPublish: true,
        webdav: null,
        s3: null,
      },
    ],
    [
      "an editor (not admin, not publish), whose sync is emptied too",
      { conf: { sync: hiddenSync, readonly: false }, start: true, isPublish: false },
      {
        provider: null,
        cloudName: "",
        localEndpoint: null,
        readonly: false,
        isPublish: false,
        webdav: null,
        s3: null,
      },
    ],
    [
      "a conf with the optional fields missing",
      { conf: { sync: { provider: 0, cloudName: "main" } } },
      {
        provider: 0,
        cloudName: "main",
        localEndpoint: null,
        readonly: false,
        isPublish: false,
        webdav: null,
        s3: null,
      },
    ],
    [
      "a non-string cloudName",
      { conf: { sync: { provider: 3, cloudName: 7 } } },
      {
        provider: 3,
        cloudName: "",
        localEndpoint: null,
        readonly: false,
        isPublish: false,
        webdav: null,
        s3: null,
      },
    ],
  ])("reads %s", async (_label, data, expected) => {
    const { transport } = ok(data);
    expect((await createKernelClient(transport).getConf()).outcome).toEqual({
      kind: "ok",
      data: expected,
    });
  });

  it.each([
    ["null data", null],
    ["no conf", { start: true }],
    ["no sync", { conf: { readonly: false } }],
    ["sync is null", { conf: { sync: null } }],
    ["provider 1 (Qiniu, never released)", { conf: { sync: { provider: 1, cloudName: "main" } } }],
    ["provider as a string", { conf: { sync: { provider: "S3", cloudName: "main" } } }],
    ["provider missing", { conf: { sync: { cloudName: "main" } } }],
  ])("answers unexpectedData for %s", async (_label, data) => {
    const { transport } = ok(data);
    expect((await createKernelClient(transport).getConf()).outcome).toEqual({
      kind: "unexpectedData",
    });
  });
});

describe("listCloudSyncDir parsing (docs/siyuan-sync-api.md §4)", () => {
  it("reads rows and the checked directory", async () => {
    const { transport } = ok({
      syncDirs: [
        {
          size: 2048,
          hSize: "2.0 KB",
          updated: "2026-07-01 10:00:00",
          cloudName: "main",
          saveDir: "",
        },
        { size: 0, hSize: "0 B", updated: "2026-07-02 11:00:00", cloudName: "notes", saveDir: "" },
      ],
      hSize: "2.0 KB",
      checkedSyncDir: "main",
    });
    expect((await createKernelClient(transport).listCloudSyncDir()).outcome).toEqual({
      kind: "ok",
      data: {
        dirs: [
          { name: "main", hSize: "2.0 KB", updated: "2026-07-01 10:00:00" },
          { name: "notes", hSize: "0 B", updated: "2026-07-02 11:00:00" },
        ],
        active: "main",
      },
    });
  });

  it("fills missing row fields with neutral values", async () => {
    const { transport } = ok({ syncDirs: [{ cloudName: ".stfolder" }] });
    expect((await createKernelClient(transport).listCloudSyncDir()).outcome).toEqual({
      kind: "ok",
      data: {
        dirs: [{ name: ".stfolder", hSize: "-", updated: "" }],
        active: "",
      },
    });
  });

  it.each([
    ["no syncDirs", { hSize: "-", checkedSyncDir: "main" }],
    ["syncDirs not an array", { syncDirs: {} }],
    ["a row without cloudName", { syncDirs: [{ cloudName: "main" }, { size: 1 }] }],
    ["a row that is not an object", { syncDirs: ["main"] }],
  ])("answers unexpectedData for %s", async (_label, data) => {
    const { transport } = ok(data);
    expect((await createKernelClient(transport).listCloudSyncDir()).outcome).toEqual({
      kind: "unexpectedData",
    });
  });

  it("reports the list's code 1 as listFailed", async () => {
    const { transport } = answer(
      200,
      JSON.stringify({
        code: 1,
        msg: "open /mnt/sync: no such file or directory",
        data: { closeTimeout: 5000 },
      }),
    );
    expect((await createKernelClient(transport).listCloudSyncDir()).outcome).toMatchObject({
      kind: "kernelError",
      code: 1,
      reason: "listFailed",
    });
  });
});

describe("other routes' data", () => {
  it("removeCloudSyncDir answers the current directory as a string", async () => {
    const { transport } = ok("main");
    expect((await createKernelClient(transport).removeCloudSyncDir("notes")).outcome).toEqual({
      kind: "ok",
      data: "main",
    });
  });

  it("removeCloudSyncDir with non-string data is unexpected", async () => {
    const { transport } = ok(null);
    expect((await createKernelClient(transport).removeCloudSyncDir("notes")).outcome).toEqual({
      kind: "unexpectedData",
    });
  });

  it("setCloudSyncDir only looks at the code", async () => {
    const { transport } = ok({ anything: true });
    expect((await createKernelClient(transport).setCloudSyncDir("notes")).outcome).toEqual({
      kind: "ok",
      data: null,
    });
  });

  it("createCloudSyncDir wants data null on success", async () => {
    const { transport } = ok({ closeTimeout: 5000 });
    expect(
      (await createKernelClient(transport).createCloudSyncDir(buildCreateBody("a", 4, "a")))
        .outcome,
    ).toEqual({ kind: "unexpectedData" });
  });
});

describe("createFetchTransport: the request SiYuan's own fetchPost sends (docs/siyuan-sync-api.md §2)", () => {
  it("POSTs the JSON text with the signal, no Content-Type and no Authorization", async () => {
    const fetchImpl = vi.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response('{"code":0}', { status: 201 }),
    );
    const signal = new AbortController().signal;
    const body = { name: "notes", provider: "SiYuan", path: "notes" };
    const response = await createFetchTransport(fetchImpl as typeof fetch).post(
      "/api/sync/createCloudSyncDir",
      body,
      signal,
    );

    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe("/api/sync/createCloudSyncDir");
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe(JSON.stringify(body));
    expect(init?.signal).toBe(signal);
    const headers = new Headers(init?.headers);
    expect(headers.has("Content-Type")).toBe(false);
    expect(headers.has("Authorization")).toBe(false);
    expect(response).toEqual({ status: 201, text: '{"code":0}' });
  });

  it("resolves with any HTTP status and the raw text", async () => {
    const fetchImpl = vi.fn(async () => new Response("", { status: 403 }));
    const response = await createFetchTransport(fetchImpl as typeof fetch).post(
      "/x",
      {},
      new AbortController().signal,
    );
    expect(response).toEqual({ status: 403, text: "" });
  });

  it("rejects when fetch rejects", async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(
      createFetchTransport(fetchImpl as typeof fetch).post("/x", {}, new AbortController().signal),
    ).rejects.toThrow("Failed to fetch");
  });

  it("uses the global fetch when none is given", async () => {
    const fetchSpy = vi.fn(async () => new Response("ok", { status: 200 }));
    vi.stubGlobal("fetch", fetchSpy);
    try {
      await createFetchTransport().post("/api/system/getConf", {}, new AbortController().signal);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
