/** Sections (§N) in the test names: docs/siyuan-sync-api.md. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLOSE_TIMEOUT, ROUTE, TEXTS, escapeHtml, goLocalTime, useDouble } from "./harness";

const OK = { code: 0, msg: "", data: null };
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const errorResult = (msg: string) => ({ code: -1, msg, data: CLOSE_TIMEOUT });

describe("§4 CreateCloudSyncDir", () => {
  const kernel = useDouble();

  it("§4/§7 Local: creates <endpoint>/<name>, and the lock step leaves <endpoint>/main", async () => {
    expect((await kernel().post(ROUTE.create, { name: "notes" })).json).toEqual(OK);
    expect(kernel().cloudFolders()).toEqual(["main", "notes"]);
  });

  it("§7 Local: the lock step creates the CURRENT cloudName folder, not main", async () => {
    kernel().double.setState({ cloudName: "work" });
    await kernel().post(ROUTE.create, { name: "notes" });
    expect(kernel().cloudFolders()).toEqual(["notes", "work"]);
  });

  it("§7 Local: MkdirAll makes an existing folder no error and keeps its content", async () => {
    fs.mkdirSync(path.join(kernel().cloudDir, "notes", "objects"), { recursive: true });
    expect((await kernel().post(ROUTE.create, { name: "notes" })).json).toEqual(OK);
    expect(fs.existsSync(path.join(kernel().cloudDir, "notes", "objects"))).toBe(true);
  });

  it.each([2, 3] as const)(
    "§4 provider %i is rejected with Language(131) before the name is looked at",
    async (provider) => {
      kernel().double.setState({ provider });
      const response = await kernel().post(ROUTE.create, { name: "a/b" });
      expect(response.status).toBe(200);
      expect(response.json).toEqual(errorResult(TEXTS.en_US[131]));
      expect(kernel().cloudFolders()).toEqual([]);
    },
  );

  it("§4 SiYuan (0): creates in the in-memory cloud, never on disk", async () => {
    kernel().double.setState({ provider: 0 });
    expect((await kernel().post(ROUTE.create, { name: "notes" })).json).toEqual(OK);
    expect((await kernel().post(ROUTE.create, { name: "notes" })).json).toEqual(OK);
    const { siyuanDirs } = kernel().double.getState();
    expect(siyuanDirs).toEqual([
      { name: "notes", size: 0, updated: expect.stringMatching(LOCAL_TIME) },
    ]);
    expect(kernel().cloudFolders()).toEqual([]);
  });

  it("§4 formatRepoErrorMsg: a repo error is HTML-escaped and names the provider", async () => {
    const { cloudDir } = kernel();
    fs.rmSync(cloudDir, { recursive: true });
    fs.writeFileSync(cloudDir, "the endpoint is a file now");
    const response = await kernel().post(ROUTE.create, { name: "notes" });
    expect(response.json).toEqual(
      errorResult(
        `mkdir ${escapeHtml(cloudDir)}/main: not a directory (Provider: Local File System)`,
      ),
    );
    expect((response.json as { msg: string }).msg).toContain("&amp;&#39;");
  });
});

describe("§5 name validation in CreateCloudSyncDir (RemoveInvalid, then IsValidCloudDirName)", () => {
  const kernel = useDouble();

  it.each([
    ["a dot", "a.b"],
    ["a slash", "a/b"],
    ["an ASCII space", "a b"],
    ["NBSP, which becomes an ASCII space", "a\u00A0b"],
    ["a forbidden symbol", "a~b"],
    ["'@'", "@"],
    ["'..'", ".."],
    ["64 ASCII bytes", "x".repeat(64)],
    ["22 CJK characters (66 bytes)", "中".repeat(22)],
    ["only private-use runes", "\uE000\u{F0000}"],
    ["only zero-width runes", "\u200B\u200C"],
  ])("§5 %s is rejected with Language(37)", async (_label, name) => {
    const response = await kernel().post(ROUTE.create, { name });
    expect(response.json).toEqual(errorResult(TEXTS.en_US[37]));
    expect(kernel().cloudFolders()).toEqual([]);
  });

  it.each([
    ["letters, digits, - and _", "Notes-2024_v1", "Notes-2024_v1"],
    ["63 ASCII bytes", "x".repeat(63), "x".repeat(63)],
    ["21 CJK characters (63 bytes)", "中".repeat(21), "中".repeat(21)],
    ["a full-width space U+3000 inside", "a\u3000b", "a\u3000b"],
    ["zero-width runes, removed", "a\u200Bb\u200C\u200D\uFEFF", "ab"],
    ["a control rune, removed by RemoveCtl", "a\u0001b", "ab"],
    ["a non-printable space U+2003 inside, removed", "a\u2003b", "ab"],
    ["a private-use rune, removed", "a\uE000b", "ab"],
  ])("§5 %s is accepted", async (_label, name, folder) => {
    expect((await kernel().post(ROUTE.create, { name })).json).toEqual(OK);
    expect(kernel().cloudFolders()).toContain(folder);
  });
});

describe("§4 ListCloudSyncDir", () => {
  const kernel = useDouble();
  const syncDir = (cloudName: string, size: number, updated: string, hSize = "-") => ({
    size,
    hSize,
    updated,
    cloudName,
    saveDir: "",
  });

  it("§7 Local: directories only, hidden ones included, sorted, with inode size and local mtime", async () => {
    const { cloudDir } = kernel();
    for (const name of ["b", ".stfolder", "a"]) fs.mkdirSync(path.join(cloudDir, name));
    fs.writeFileSync(path.join(cloudDir, "lock-sync"), "");
    const mtime = new Date(2025, 4, 6, 7, 8, 9);
    fs.utimesSync(path.join(cloudDir, "a"), mtime, mtime);
    const expected = [".stfolder", "a", "b"].map((name) => {
      const info = fs.lstatSync(path.join(cloudDir, name));
      return syncDir(name, info.size, goLocalTime(info.mtime));
    });
    const response = await kernel().post(ROUTE.list, {});
    expect(response.json).toEqual({
      code: 0,
      msg: "",
      data: { syncDirs: expected, hSize: "-", checkedSyncDir: "main" },
    });
    expect(expected[1]?.updated).toBe("2025-05-06 07:08:09");
  });

  it("§4 an empty endpoint lists the placeholder main, updated now", async () => {
    const before = goLocalTime(new Date());
    const { data } = (await kernel().post(ROUTE.list, {})).json as {
      data: { syncDirs: { updated: string }[] };
    };
    expect(data).toEqual({
      syncDirs: [syncDir("main", 0, expect.stringMatching(LOCAL_TIME))],
      hSize: "-",
      checkedSyncDir: "main",
    });
    expect(data.syncDirs[0]?.updated.localeCompare(before)).toBeGreaterThanOrEqual(0);
  });

  it("§7 a missing endpoint is code 1 with the escaped ReadDir error", async () => {
    const { cloudDir } = kernel();
    fs.rmSync(cloudDir, { recursive: true });
    expect((await kernel().post(ROUTE.list, {})).json).toEqual({
      code: 1,
      msg: `open ${escapeHtml(cloudDir)}: no such file or directory (Provider: Local File System)`,
      data: CLOSE_TIMEOUT,
    });
  });

  it("§4/§7 S3 lists only the configured bucket and makes it the current cloudName", async () => {
    kernel().double.setState({ provider: 2 });
    expect((await kernel().post(ROUTE.list, {})).json).toEqual({
      code: 0,
      msg: "",
      data: {
        syncDirs: [syncDir("siyuan-bucket", 0, "2025-01-01 08:00:00")],
        hSize: "-",
        checkedSyncDir: "siyuan-bucket",
      },
    });
    expect(kernel().double.getState().cloudName).toBe("siyuan-bucket");
  });

  it("§4 SiYuan: sizes are humanized (1024-based, rounded up), per directory and in total", async () => {
    kernel().double.setState({
      provider: 0,
      siyuanDirs: [
        { name: "zeta", size: 1536, updated: "2026-01-02 03:04:05" },
        { name: "alpha", size: 3 * 1024 * 1024, updated: "2026-02-03 04:05:06" },
        { name: "main", size: 0, updated: "2026-03-04 05:06:07" },
      ],
    });
    expect((await kernel().post(ROUTE.list, {})).json).toEqual({
      code: 0,
      msg: "",
      data: {
        syncDirs: [
          syncDir("alpha", 3 * 1024 * 1024, "2026-02-03 04:05:06", "3 MiB"),
          syncDir("main", 0, "2026-03-04 05:06:07", "0 B"),
          syncDir("zeta", 1536, "2026-01-02 03:04:05", "1.5 KiB"),
        ],
        hSize: "3.01 MiB", // 3 MiB + 1.5 KiB, rounded up to two decimals
        checkedSyncDir: "main",
      },
    });
  });
});

describe("§4 RemoveCloudSyncDir", () => {
  const kernel = useDouble();

  it("§4/§7 Local: removes <endpoint>/<name> recursively after the 500 ms settle and returns the cloudName", async () => {
    const { cloudDir, post, logLines } = kernel();
    fs.mkdirSync(path.join(cloudDir, "old", "objects"), { recursive: true });
    fs.writeFileSync(path.join(cloudDir, "old", "objects", "blob"), "data");
    fs.mkdirSync(path.join(cloudDir, "main"));
    const started = performance.now();
    const response = await post(ROUTE.remove, { name: "old" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
    expect(response.json).toEqual({ code: 0, msg: "", data: "main" });
    expect(kernel().cloudFolders()).toEqual(["main"]);
    expect(logLines).toContain(`push: ${TEXTS.en_US[116]}`);
  });

  it("§4 removing the current cloudName resets it to main", async () => {
    const { cloudDir, double, post, logLines } = kernel();
    double.setState({ cloudName: "work" });
    fs.mkdirSync(path.join(cloudDir, "work"));
    expect((await post(ROUTE.remove, { name: "work" })).json).toEqual({
      code: 0,
      msg: "",
      data: "main",
    });
    expect(double.getState().cloudName).toBe("main");
    expect(kernel().cloudFolders()).toEqual([]);
    expect(logLines).toContain(`push: ${TEXTS.en_US[155]}`);
  });

  it.each(["..", ".", "a/b", "a/../..", "../canary", "ABSOLUTE_CANARY"])(
    "§4 sandbox safety deviation: %s is not a folder directly in the endpoint and is refused",
    async (given) => {
      const { cloudDir, canaryDir, post } = kernel();
      const name = given === "ABSOLUTE_CANARY" ? canaryDir : given;
      fs.mkdirSync(path.join(cloudDir, "main"));
      fs.mkdirSync(path.join(cloudDir, "a", "b"), { recursive: true });
      const response = await post(ROUTE.remove, { name });
      expect(response.status).toBe(200);
      expect(response.json).toEqual(
        errorResult(expect.stringContaining("sandbox safety deviation")),
      );
      expect((response.json as { msg: string }).msg).toMatch(
        /^The sandbox refused to remove \[.*\]: it is not a folder directly inside the Local endpoint\./,
      );
      expect(fs.existsSync(canaryDir)).toBe(true);
      expect(fs.existsSync(path.join(cloudDir, "a", "b"))).toBe(true);
      expect(kernel().cloudFolders()).toEqual(["a", "main"]);
    },
  );

  it.each([2, 3] as const)("§4 provider %i is rejected with Language(131)", async (provider) => {
    kernel().double.setState({ provider });
    fs.mkdirSync(path.join(kernel().cloudDir, "notes"));
    expect((await kernel().post(ROUTE.remove, { name: "notes" })).json).toEqual(
      errorResult(TEXTS.en_US[131]),
    );
    expect(kernel().cloudFolders()).toEqual(["notes"]);
  });

  it("§4 SiYuan (0): removes from the in-memory cloud", async () => {
    const { double, post } = kernel();
    double.setState({
      provider: 0,
      siyuanDirs: [
        { name: "keep", size: 1, updated: "2026-01-01 00:00:00" },
        { name: "drop", size: 2, updated: "2026-01-01 00:00:00" },
      ],
    });
    expect((await post(ROUTE.remove, { name: "drop" })).json).toEqual({
      code: 0,
      msg: "",
      data: "main",
    });
    expect(double.getState().siyuanDirs.map((repo) => repo.name)).toEqual(["keep"]);
  });
});

describe("§4 SetCloudSyncDir and getSyncInfo", () => {
  const kernel = useDouble();

  it("§4 setCloudSyncDir sets any valid name: no existence check, no provider gate", async () => {
    kernel().double.setState({ provider: 2 });
    expect((await kernel().post(ROUTE.set, { name: "ghost" })).json).toEqual(OK);
    expect(kernel().double.getState().cloudName).toBe("ghost");
    expect(kernel().cloudFolders()).toEqual([]);
  });

  it("§4 setCloudSyncDir with an invalid name still answers code 0; only a toast is pushed", async () => {
    expect((await kernel().post(ROUTE.set, { name: "a.b" })).json).toEqual(OK);
    expect(kernel().double.getState().cloudName).toBe("main");
    expect(kernel().logLines).toContain(`push: ${TEXTS.en_US[37]}`);
  });

  it("§4 getSyncInfo: stat is Language(53) while sync is disabled, empty once enabled", async () => {
    const info = (stat: string) => ({
      code: 0,
      msg: "",
      data: { synced: 0, stat, kernels: [], kernel: "sandbox" },
    });
    expect((await kernel().post(ROUTE.syncInfo, {})).json).toEqual(info(TEXTS.en_US[53]));
    kernel().double.setState({ syncEnabled: true });
    expect((await kernel().post(ROUTE.syncInfo, {})).json).toEqual(info(""));
  });
});

describe("§16 setSyncProvider", () => {
  const kernel = useDouble();
  const provider = () => kernel().double.getState().provider;

  it("§16 stores the provider, which getConf then shows, and touches nothing else", async () => {
    expect((await kernel().post(ROUTE.setProvider, { provider: 3 })).json).toEqual(OK);
    expect(provider()).toBe(3);
    const conf = (await kernel().post(ROUTE.getConf, {})).json as {
      data: { conf: { sync: { provider: number; cloudName: string } } };
    };
    expect(conf.data.conf.sync).toMatchObject({ provider: 3, cloudName: "main" });
    expect(kernel().cloudFolders()).toEqual([]);
  });

  it("§16 truncates a fractional number as Go's int() does", async () => {
    expect((await kernel().post(ROUTE.setProvider, { provider: 2.9 })).json).toEqual(OK);
    expect(provider()).toBe(2);
  });

  it.each([
    [{}, "Field [provider] is required"],
    [{ provider: null }, "Field [provider] is required"],
    [{ provider: "3" }, "Field [provider] should be of type [Number]"],
  ])("§16 v3.6.4+: %j is refused with %s", async (body, msg) => {
    expect((await kernel().post(ROUTE.setProvider, body)).json).toEqual({
      code: -1,
      msg,
      data: null,
    });
    expect(provider()).toBe(4);
  });

  it("§16 up to v3.6.3 a missing provider panics silently: code 0 and nothing stored", async () => {
    kernel().double.setState({ version: "3.6.3" });
    expect((await kernel().post(ROUTE.setProvider, { provider: "3" })).json).toEqual(OK);
    expect(provider()).toBe(4);
  });

  it("§16 an unknown number is refused by the sandbox, which keeps its state valid", async () => {
    const response = await kernel().post(ROUTE.setProvider, { provider: 7 });
    expect(response.json).toMatchObject({
      code: -1,
      msg: expect.stringMatching(/sandbox refused/),
    });
    expect(provider()).toBe(4);
  });

  it("§2 in a read-only kernel nothing is stored", async () => {
    kernel().double.setState({ readonly: true });
    expect((await kernel().post(ROUTE.setProvider, { provider: 3 })).json).toMatchObject({
      code: -1,
      msg: TEXTS.en_US[34],
    });
    expect(provider()).toBe(4);
  });
});

describe("§6 kernel messages follow the kernel language", () => {
  const kernel = useDouble();

  it.each(["en_US", "zh_CN"] as const)(
    "§6 Language(131), (37), (53) and (34) in %s",
    async (lang) => {
      const { double, post } = kernel();
      double.setState({ lang, provider: 2 });
      expect((await post(ROUTE.create, { name: "x" })).json).toEqual(errorResult(TEXTS[lang][131]));
      double.setState({ provider: 4 });
      expect((await post(ROUTE.create, { name: "a b" })).json).toEqual(
        errorResult(TEXTS[lang][37]),
      );
      expect((await post(ROUTE.syncInfo, {})).json).toMatchObject({
        data: { stat: TEXTS[lang][53] },
      });
      double.setState({ readonly: true });
      expect((await post(ROUTE.set, { name: "x" })).json).toMatchObject({ msg: TEXTS[lang][34] });
    },
  );

  it("§2 the auth-failure text is fixed, whatever the language", async () => {
    kernel().double.setState({ lang: "zh_CN" });
    const response = await kernel().post(ROUTE.list, {}, { headers: { Authorization: "Token x" } });
    expect(response.json).toEqual({ code: -1, msg: "Auth failed [header: Authorization]" });
  });
});
