import { execFileSync } from "node:child_process";
import { describe, expect, it, vi } from "vitest";
import {
  ROWS_PER_PAGE,
  displaySize,
  filterRows,
  findListed,
  mayDelete,
  rowsToShow,
  toRows,
} from "../../src/core/dir-list";
import { HISTORY_LIMIT, addToHistory } from "../../src/core/history";
import { createKernelClient, type CloudDirList } from "../../src/core/kernel-client";
import { DEFAULT_PREFERENCES, parsePreferences } from "../../src/core/preferences";
import type { ProviderId } from "../../src/core/providers";
import { recordExchanges } from "../../src/core/recording-client";
import { TOKEN_PLACEHOLDER, toCurl, toJavaScript } from "../../src/core/snippets";
import type { Transport } from "../../src/core/transport";
import { readApiToken, readKnownEnvironment } from "../../src/shell/environment";

describe("parsePreferences: whatever loadData resolved with (docs/siyuan-plugin-platform.md §1.7)", () => {
  it.each([
    ["a missing file (empty string)", ""],
    ["null", null],
    ["text", "garbage"],
    ["an array", []],
  ])("falls back to the defaults for %s", (_label, raw) => {
    expect(parsePreferences(raw)).toEqual(DEFAULT_PREFERENCES);
  });

  it("keeps valid fields and drops invalid ones", () => {
    expect(parsePreferences({ historyOpen: "yes" })).toEqual(DEFAULT_PREFERENCES);
    expect(parsePreferences({ historyOpen: true })).toEqual({ historyOpen: true });
  });

  it("ignores what older versions stored, such as the removed provider preference", () => {
    expect(
      parsePreferences({ rememberProvider: true, lastProvider: 3, historyOpen: true, extra: 1 }),
    ).toEqual({ historyOpen: true });
  });
});

describe("readKnownEnvironment: window.siyuan without a request", () => {
  it("reads provider, directory and modes", () => {
    expect(
      readKnownEnvironment({
        siyuan: {
          config: { readonly: true, sync: { provider: 2, cloudName: "bucket" } },
          isPublish: true,
          user: { userSiYuanProExpireTime: -1, userSiYuanSubscriptionStatus: 0 },
        },
      }),
    ).toEqual({
      provider: 2,
      cloudName: "bucket",
      readonly: true,
      isPublish: true,
      cloudSubscriber: true,
    });
  });

  it.each([
    ["no window.siyuan", {}],
    ["an unknown provider", { siyuan: { config: { sync: { provider: 1, cloudName: 5 } } } }],
  ])("treats %s as unknown", (_label, global) => {
    expect(readKnownEnvironment(global)).toEqual({
      provider: null,
      cloudName: "",
      readonly: false,
      isPublish: false,
      cloudSubscriber: false,
    });
  });

  it("reads the API token only when it is a non-empty string", () => {
    expect(readApiToken({ siyuan: { config: { api: { token: "abc" } } } })).toBe("abc");
    expect(readApiToken({ siyuan: { config: { api: { token: "" } } } })).toBeUndefined();
    expect(readApiToken({})).toBeUndefined();
  });
});

describe("directory rows (docs/siyuan-sync-api.md §4, §7)", () => {
  const list: CloudDirList = {
    dirs: [
      { name: "main", hSize: "-", updated: "" },
      { name: "notes", hSize: "1.2 MB", updated: "" },
      { name: ".stfolder", hSize: "-", updated: "" },
      { name: "lost+found", hSize: "-", updated: "" },
    ],
    active: "main",
  };

  it.each<[ProviderId | null, boolean, boolean]>([
    [0, true, true],
    [4, true, true],
    [3, true, false],
    [2, false, false],
    [null, true, false],
  ])(
    "provider %s offers use (%s) and delete (%s) on valid names",
    (provider, usable, deletable) => {
      const rows = toRows(list, provider);
      expect(rows.map((row) => [row.dir.name, row.active, row.canUse, row.canDelete])).toEqual([
        ["main", true, usable, deletable],
        ["notes", false, usable, deletable],
        [".stfolder", false, false, false],
        ["lost+found", false, false, false],
      ]);
      expect(rows[2]?.problem).toEqual({ kind: "forbidden", character: "." });
    },
  );

  it("never allows deleting a name the kernel would resolve outside the endpoint", () => {
    const rows = toRows({ ...list, dirs: [{ name: "..", hSize: "-", updated: "" }] }, 4);
    expect(mayDelete(rows, "..", "..")).toBe(false);
  });

  it("allows a delete only when the name is typed again exactly", () => {
    const rows = toRows(list, 4);
    expect(mayDelete(rows, "notes", "notes")).toBe(true);
    expect(mayDelete(rows, "notes", "notes ")).toBe(false);
    expect(mayDelete(rows, "notes", "Notes")).toBe(false);
    expect(mayDelete(rows, "absent", "absent")).toBe(false);
  });

  it("filters case-insensitively and shows the kernel's '-' size as a dash", () => {
    expect(filterRows(toRows(list, 4), " NOT ").map((row) => row.dir.name)).toEqual(["notes"]);
    expect(displaySize("-")).toBe("—");
    expect(displaySize("1.2 MB")).toBe("1.2 MB");
  });
});

describe("rows rendered a page at a time", () => {
  it.each([
    [0, ROWS_PER_PAGE],
    [ROWS_PER_PAGE - 1, ROWS_PER_PAGE],
    [ROWS_PER_PAGE, 2 * ROWS_PER_PAGE],
    [2.5 * ROWS_PER_PAGE, 3 * ROWS_PER_PAGE],
  ])("the row at index %i is within the first %i rows shown", (index, shown) => {
    expect(rowsToShow(index)).toBe(shown);
    expect(rowsToShow(index)).toBeGreaterThan(index);
  });
});

describe("history", () => {
  it("keeps the newest first and at most HISTORY_LIMIT entries", () => {
    let history: number[] = [];
    for (let entry = 1; entry <= HISTORY_LIMIT + 5; entry += 1)
      history = addToHistory(history, entry);
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]).toBe(HISTORY_LIMIT + 5);
    expect(history.at(-1)).toBe(6);
  });

  it("records every sync-directory exchange but never getConf, which holds secrets", async () => {
    const transport: Transport = {
      post: async () => ({ status: 200, text: '{"code":0,"msg":"","data":"main"}' }),
    };
    const record = vi.fn();
    const client = recordExchanges(createKernelClient(transport), record);
    await client.getConf();
    await client.removeCloudSyncDir("notes");
    await client.setCloudSyncDir("notes");
    expect(record.mock.calls.map(([exchange]) => exchange.endpoint)).toEqual([
      "/api/sync/removeCloudSyncDir",
      "/api/sync/setCloudSyncDir",
    ]);
  });
});

describe("copied snippets", () => {
  const request = {
    origin: "http://127.0.0.1:6806",
    endpoint: "/api/sync/createCloudSyncDir",
    body: { name: "notes", provider: "SiYuan", path: "it's a/b" },
  };

  it("cURL carries the placeholder token, and a shell reads back the exact JSON body", () => {
    const curl = toCurl(request);
    expect(curl).toContain(`Authorization: Token ${TOKEN_PLACEHOLDER}`);
    // Let a POSIX shell parse the command, with `curl` replaced by a printer of its arguments.
    const printed = execFileSync("sh", ["-c", `curl() { printf '%s\\n' "$@"; }\n${curl}`], {
      encoding: "utf8",
    });
    const args = printed.split("\n");
    expect(args[args.indexOf("-d") + 1]).toBe(JSON.stringify(request.body));
    expect(args).toContain("http://127.0.0.1:6806/api/sync/createCloudSyncDir");
  });

  it("includes the real token only when given", () => {
    expect(toCurl({ ...request, token: "secret" })).toContain("Authorization: Token secret");
    expect(toJavaScript(request)).toContain(`Token ${TOKEN_PLACEHOLDER}`);
    expect(toJavaScript(request)).not.toContain("secret");
  });

  it("JavaScript posts the exact body when run", async () => {
    const fetchSpy = vi.fn(async () => ({ json: async () => ({ code: 0, msg: "", data: null }) }));
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (fetchImpl: unknown) => Promise<void>;
    await new AsyncFunction("fetch", toJavaScript(request))(fetchSpy);
    expect(fetchSpy).toHaveBeenCalledWith("http://127.0.0.1:6806/api/sync/createCloudSyncDir", {
      method: "POST",
      headers: { Authorization: `Token ${TOKEN_PLACEHOLDER}`, "Content-Type": "application/json" },
      body: JSON.stringify(request.body),
    });
  });
});

describe("toRows: the current directory always has a row", () => {
  const dir = (name: string) => ({ name, hSize: "-", updated: "2026-07-01 10:00:00" });

  it("adds it first, unlisted and without actions, when the provider did not list it", () => {
    const rows = toRows({ dirs: [dir("notes")], active: "main" }, 3);
    expect(rows.map((row) => [row.dir.name, row.active, row.unlisted])).toEqual([
      ["main", true, true],
      ["notes", false, false],
    ]);
    expect(rows[0]).toMatchObject({ canUse: false, canDelete: false });
  });

  it("adds nothing when it is listed, or when no current directory is known", () => {
    expect(toRows({ dirs: [dir("main")], active: "main" }, 4)).toHaveLength(1);
    expect(toRows({ dirs: [], active: "" }, 4)).toEqual([]);
  });
});

describe("findListed: a typed name the list already holds", () => {
  const rows = toRows(
    {
      dirs: ["main", "Notes", "notes"].map((name) => ({
        name,
        size: 0,
        hSize: "-",
        updated: "2026-07-01 10:00:00",
      })),
      active: "main",
    },
    4,
  );

  it("prefers the exact name over one differing in case", () => {
    expect(findListed(rows, "notes")).toMatchObject({
      row: { dir: { name: "notes" } },
      exact: true,
    });
    expect(findListed(rows, "Notes")).toMatchObject({
      row: { dir: { name: "Notes" } },
      exact: true,
    });
  });

  it("finds a name differing only in case, and nothing for another name", () => {
    expect(findListed(rows, "MAIN")).toMatchObject({ row: { active: true }, exact: false });
    expect(findListed(rows, "main-2")).toBeNull();
    expect(findListed([], "main")).toBeNull();
  });
});
