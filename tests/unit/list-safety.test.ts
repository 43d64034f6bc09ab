/**
 * The rules that keep Use and Delete on the directory the user confirmed (issue 9): the source a
 * list was read from, the Local folder path, the check after a delete, the reply size cap and
 * snippet text that keeps `$&` literal.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import english from "../../public/i18n/en_US.json";
import { describeDeleteCheck, describeSourceChange } from "../../src/core/describe";
import {
  checkDelete,
  deletedExactly,
  listSource,
  localFolderPath,
  sourceChange,
} from "../../src/core/dir-list";
import { createKernelClient, type KernelExchange } from "../../src/core/kernel-client";
import { recordExchanges } from "../../src/core/recording-client";
import { toCurl, toJavaScript } from "../../src/core/snippets";
import {
  MAX_REPLY_BYTES,
  createFetchTransport,
  replyTooLarge,
  type Transport,
} from "../../src/core/transport";
import { translate } from "../../src/i18n";

const local = (endpoint: string | null) => ({ provider: 4 as const, localEndpoint: endpoint });

describe("the source a list was read from", () => {
  it("keeps the Local endpoint only for Local, and nothing when the provider is unknown", () => {
    expect(listSource(local("/mnt/a"))).toEqual({ provider: 4, localEndpoint: "/mnt/a" });
    expect(listSource({ provider: 0, localEndpoint: "/mnt/a" })).toEqual({
      provider: 0,
      localEndpoint: null,
    });
    expect(listSource({ provider: null, localEndpoint: "/mnt/a" })).toBeNull();
  });

  it.each([
    ["the same Local folder", local("/mnt/a"), local("/mnt/a"), null],
    [
      "Local to SiYuan",
      local("/mnt/a"),
      { provider: 0 as const, localEndpoint: null },
      "The active provider changed from Local file system to SiYuan since this list was read.",
    ],
    [
      "another Local folder",
      local("/mnt/a"),
      local("/mnt/b"),
      "The Local folder changed from “/mnt/a” to “/mnt/b” since this list was read.",
    ],
    [
      "an unknown source",
      null,
      local("/mnt/a"),
      "It is not known which provider this list was read from.",
    ],
    [
      "settings now unknown",
      local("/mnt/a"),
      null,
      "It is not known which provider this list was read from.",
    ],
  ])("%s", (_label, pinned, now, said) => {
    const change = sourceChange(pinned && listSource(pinned), now && listSource(now));
    expect(change === null ? null : translate(english, describeSourceChange(change))).toBe(said);
  });
});

describe("localFolderPath: Go's path.Join of the endpoint and the name", () => {
  it.each([
    ["/mnt/sync", "main", "/mnt/sync/main"],
    ["/mnt/sync/", "main", "/mnt/sync/main"],
    ["/mnt/sync//", "\u2000main", "/mnt/sync/\u2000main"],
    ["D:\\sync", "main", "D:\\sync/main"],
  ])("%j + %j", (endpoint, name, joined) => {
    expect(localFolderPath(endpoint, name)).toBe(joined);
  });
});

describe("the check after a delete", () => {
  it("passes when exactly the confirmed name is gone", () => {
    const check = checkDelete(["a", "b", "c"], ["a", "c"], "b");
    expect(deletedExactly(check)).toBe(true);
    expect(describeDeleteCheck(check, "b")).toEqual([]);
  });

  it("reports every other difference, names escaped", () => {
    const check = checkDelete(["main", "\u2000main", "keep"], ["\u2000main", "new"], "\u2000main");
    expect(check).toEqual({ stillListed: true, alsoGone: ["main", "keep"], appeared: ["new"] });
    expect(deletedExactly(check)).toBe(false);
    expect(describeDeleteCheck(check, "\u2000main").map((m) => translate(english, m))).toEqual([
      "Besides “\\u2000main”, these are no longer listed: “main”, “keep”.",
      "Newly listed since the delete: “new”.",
    ]);
  });

  it("is not exact while the name is still listed", () => {
    expect(deletedExactly(checkDelete(["a", "b"], ["a", "b"], "b"))).toBe(false);
  });
});

describe("replies over the size cap", () => {
  const big = "x".repeat(MAX_REPLY_BYTES + 1);

  it("counts UTF-8 bytes, not characters", () => {
    const chinese = "云".repeat(Math.floor(MAX_REPLY_BYTES / 3) + 1);
    expect(replyTooLarge({ status: 200, text: chinese })).toBe(true);
    expect(replyTooLarge({ status: 200, text: "云".repeat(MAX_REPLY_BYTES / 4) })).toBe(false);
    expect(replyTooLarge({ status: 200, text: "x".repeat(MAX_REPLY_BYTES) })).toBe(false);
  });

  it("the fetch transport stops reading past the cap", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const transport = createFetchTransport(async () => new Response(endless, { status: 200 }));
    const response = await transport.post("/api/x", {}, new AbortController().signal);
    expect(response).toEqual({ status: 200, text: "", tooLarge: true });
    expect(pulled).toBeLessThan(40);
  });

  it("is refused with a clear message, and not kept in the history", async () => {
    const transport: Transport = { post: async () => ({ status: 200, text: big }) };
    const recorded: KernelExchange<unknown>[] = [];
    const client = recordExchanges(createKernelClient(transport), (exchange) =>
      recorded.push(exchange),
    );
    const exchange = await client.listCloudSyncDir();
    expect(exchange.outcome).toEqual({ kind: "tooLarge", limitBytes: MAX_REPLY_BYTES });
    expect(exchange.responseText).toBeNull();
    expect(exchange.status).toBe(200);
    expect(recorded).toEqual([]);
    // An ordinary reply is still recorded.
    transport.post = async () => ({ status: 200, text: '{"code":0,"msg":"","data":null}' });
    await client.setCloudSyncDir("main");
    expect(recorded).toHaveLength(1);
  });
});

describe("snippets keep every value literal", () => {
  const request = {
    origin: "http://127.0.0.1:6806",
    endpoint: "/api/sync/removeCloudSyncDir",
    body: { name: "a$&b$'c$`d$$" },
  };

  it("cURL: a shell reads back the body with its $ sequences", () => {
    const curl = toCurl({ ...request, token: "t$&'x" });
    const printed = execFileSync("sh", ["-c", `curl() { printf '%s\\n' "$@"; }\n${curl}`], {
      encoding: "utf8",
    });
    const args = printed.split("\n");
    expect(args[args.indexOf("-d") + 1]).toBe(JSON.stringify(request.body));
    expect(args).toContain("Authorization: Token t$&'x");
  });

  it('JavaScript: a token containing "BODY" and a body with $& stay where they belong', async () => {
    const token = 'x"BODY';
    const fetchSpy = vi.fn(async () => ({ json: async () => ({ code: 0, msg: "", data: null }) }));
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (fetchImpl: unknown) => Promise<void>;
    await new AsyncFunction("fetch", toJavaScript({ ...request, token }))(fetchSpy);
    expect(fetchSpy).toHaveBeenCalledWith(request.origin + request.endpoint, {
      method: "POST",
      headers: { Authorization: `Token ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(request.body),
    });
  });
});
