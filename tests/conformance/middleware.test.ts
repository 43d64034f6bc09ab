/** Sections (§N) in the test names: docs/siyuan-sync-api.md. */
import { describe, expect, it } from "vitest";
import { CLOSE_TIMEOUT, NOT_HANDLED_STATUS, ROUTE, TEXTS, useDouble } from "./harness";

const ADMIN_ONLY_ROUTES = [
  ROUTE.create,
  ROUTE.list,
  ROUTE.remove,
  ROUTE.set,
  ROUTE.setProvider,
  ROUTE.syncInfo,
  ROUTE.getFile,
  ROUTE.putFile,
  ROUTE.removeFile,
];
const READONLY_GUARDED_ROUTES = [
  ROUTE.create,
  ROUTE.remove,
  ROUTE.set,
  ROUTE.setProvider,
  ROUTE.putFile,
  ROUTE.removeFile,
];
const GIN_NOT_FOUND = { status: 404, contentType: "text/plain", text: "404 page not found" };

describe("§1 routes", () => {
  const kernel = useDouble();

  it("§1 an unknown /api route gets Gin's plain-text 404", async () => {
    const response = await kernel().post("/api/sync/setSyncProviderLocal", { name: "main" });
    expect(response).toMatchObject(GIN_NOT_FOUND);
  });

  it.each(["GET", "PUT", "DELETE"])(
    "§1 routes are POST only: %s gets Gin's 404",
    async (method) => {
      const response = await kernel().post(ROUTE.list, method === "GET" ? undefined : "{}", {
        method,
      });
      expect(response).toMatchObject(GIN_NOT_FOUND);
    },
  );

  it("§2 an OPTIONS preflight gets 204 with the CORS headers", async () => {
    const response = await kernel().post(ROUTE.create, undefined, { method: "OPTIONS" });
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toBe(
      "origin, Content-Length, Content-Type, Authorization",
    );
  });

  it("§2 corsMiddleware also marks normal replies with Access-Control-Allow-Origin: *", async () => {
    const response = await kernel().post(ROUTE.syncInfo, {});
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("paths outside /api/ are left to the server: handle resolves false", async () => {
    const response = await kernel().post("/stage/build/app/index.html", undefined, {
      method: "GET",
    });
    expect(response.status).toBe(NOT_HANDLED_STATUS);
    expect(kernel().logLines).toEqual([]);
  });
});

describe("§2 CheckAuth", () => {
  const kernel = useDouble({ token: "right-token" });

  it.each(["Token ", "token ", "Bearer ", "bearer "])(
    "§2 step 2: Authorization '%s<token>' with the configured token is admin",
    async (prefix) => {
      const response = await kernel().post(
        ROUTE.syncInfo,
        {},
        {
          headers: { Authorization: `${prefix}right-token` },
        },
      );
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ code: 0 });
    },
  );

  it("§2 step 2: a wrong header token is HTTP 401 without a data key", async () => {
    const response = await kernel().post(
      ROUTE.syncInfo,
      {},
      {
        headers: { Authorization: "Token wrong" },
      },
    );
    expect(response.status).toBe(401);
    expect(response.text).toBe('{"code":-1,"msg":"Auth failed [header: Authorization]"}');
  });

  it("§2 step 3: ?token= is admin when right and HTTP 401 [query: token] when wrong", async () => {
    expect((await kernel().post(`${ROUTE.syncInfo}?token=right-token`, {})).json).toMatchObject({
      code: 0,
    });
    const wrong = await kernel().post(`${ROUTE.syncInfo}?token=wrong`, {});
    expect(wrong.status).toBe(401);
    expect(wrong.text).toBe('{"code":-1,"msg":"Auth failed [query: token]"}');
  });

  it("§2 step 2 before step 3: a right header token passes whatever the query holds", async () => {
    const response = await kernel().post(
      `${ROUTE.syncInfo}?token=wrong`,
      {},
      {
        headers: { Authorization: "Bearer right-token" },
      },
    );
    expect(response.status).toBe(200);
  });

  it("§2 step 4: a local request without token is admin (no lock-screen password)", async () => {
    expect((await kernel().post(ROUTE.syncInfo, {})).status).toBe(200);
  });

  it("§2 step 2: an Authorization header without a token prefix carries no token", async () => {
    const response = await kernel().post(
      ROUTE.syncInfo,
      {},
      {
        headers: { Authorization: "Basic d29ya3NwYWNlOnB3" },
      },
    );
    expect(response.status).toBe(200);
  });

  it("§2 CheckAuth runs before CheckAdminRole and CheckReadonly", async () => {
    kernel().double.setState({ readonly: true });
    const response = await kernel().post(
      ROUTE.create,
      { name: "x" },
      {
        headers: { Authorization: "Token wrong" },
      },
    );
    expect(response.status).toBe(401);
  });
});

describe("§2 CheckAdminRole for the publish service's Reader role", () => {
  const kernel = useDouble();

  it.each(ADMIN_ONLY_ROUTES)(
    "§2 CheckAdminRole: %s answers HTTP 403 with an empty body",
    async (route) => {
      kernel().double.setState({ publish: true });
      const response = await kernel().post(route, {
        name: "reader-dir",
        path: "/data/storage/petal/p/x",
      });
      expect(response.status).toBe(403);
      expect(response.text).toBe("");
      expect(response.contentType).toBeNull();
      expect(kernel().cloudFolders()).toEqual([]);
    },
  );

  it("§1 getConf is CheckAuth only, so a Reader still gets it", async () => {
    kernel().double.setState({ publish: true });
    const response = await kernel().post(ROUTE.getConf, {});
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ code: 0, data: { isPublish: true } });
  });
});

describe("§2 CheckReadonly in a --readonly kernel", () => {
  const kernel = useDouble();
  const readonlyResult = (lang: keyof typeof TEXTS) => ({
    cmd: "",
    reqId: 0,
    app: "",
    sid: "",
    pushMode: 0,
    callback: "",
    code: -1,
    msg: TEXTS[lang][34],
    data: CLOSE_TIMEOUT,
  });

  it.each(READONLY_GUARDED_ROUTES)(
    "§2 CheckReadonly: %s answers HTTP 200 with the full util.Result and Language(34)",
    async (route) => {
      kernel().double.setState({ readonly: true });
      const response = await kernel().post(route, { name: "blocked" });
      expect(response.status).toBe(200);
      expect(response.json).toEqual(readonlyResult("en_US"));
      expect(Object.keys(response.json as object)).toEqual(Object.keys(readonlyResult("en_US")));
      expect(kernel().cloudFolders()).toEqual([]);
    },
  );

  it("§2 CheckReadonly comes before body parsing: an empty body still gets Language(34)", async () => {
    kernel().double.setState({ readonly: true, lang: "zh_CN" });
    expect((await kernel().post(ROUTE.create)).json).toEqual(readonlyResult("zh_CN"));
  });

  it.each([ROUTE.list, ROUTE.syncInfo, ROUTE.getConf])(
    "§1 %s has no CheckReadonly",
    async (route) => {
      kernel().double.setState({ readonly: true });
      const response = await kernel().post(route, {});
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ code: 0 });
    },
  );

  it("SiYuan's router: getFile has no CheckReadonly, so loadData works in a read-only kernel", async () => {
    kernel().double.setState({ readonly: true });
    const response = await kernel().post(ROUTE.getFile, {
      path: "/data/storage/petal/p/missing.json",
    });
    expect(response.status).toBe(202);
    expect(response.json).toMatchObject({ code: 404 });
  });
});

describe("one-shot faults", () => {
  const kernel = useDouble();
  const FAULT_REPLIES = [
    { kind: "http500", status: 500, contentType: "text/plain", text: "Internal Server Error" },
    {
      kind: "nonJson",
      status: 200,
      contentType: "text/html",
      text: "<html><body>502 Bad Gateway</body></html>",
    },
    {
      kind: "htmlMsg",
      status: 200,
      contentType: "application/json; charset=utf-8",
      json: {
        code: -1,
        msg: '<img src=x onerror="window.__xss=1"><b>bold</b> kernel message',
        data: CLOSE_TIMEOUT,
      },
    },
    {
      kind: "unauthorized",
      status: 401,
      text: '{"code":-1,"msg":"Auth failed [header: Authorization]"}',
    },
    { kind: "forbidden", status: 403, contentType: null, text: "" },
    { kind: "notFound", ...GIN_NOT_FOUND },
  ] as const;

  it.each(FAULT_REPLIES)("fault $kind answers once, then the route works again", async (fault) => {
    const { kind, ...expected } = fault;
    kernel().double.queueFault({ kind });
    expect(kernel().double.getState().pendingFaults).toEqual([{ kind }]);
    expect(await kernel().post(ROUTE.list, {})).toMatchObject(expected);
    expect(kernel().double.getState().pendingFaults).toEqual([]);
    expect((await kernel().post(ROUTE.list, {})).json).toMatchObject({ code: 0 });
  });

  it("fault drop breaks the connection mid-answer, once", async () => {
    kernel().double.queueFault({ kind: "drop" });
    await expect(kernel().post(ROUTE.getConf, {})).rejects.toThrow();
    expect((await kernel().post(ROUTE.getConf, {})).status).toBe(200);
  });

  it("a fault with a route waits for exactly that path", async () => {
    kernel().double.queueFault({ kind: "http500", route: ROUTE.set });
    expect((await kernel().post(ROUTE.list, {})).status).toBe(200);
    expect((await kernel().post(ROUTE.getConf, {})).status).toBe(200);
    expect((await kernel().post(ROUTE.set, { name: "main" })).status).toBe(500);
    expect((await kernel().post(ROUTE.set, { name: "main" })).status).toBe(200);
  });

  it("faults are taken in queue order, and plugin storage routes never consume them", async () => {
    kernel().double.queueFault({ kind: "notFound" });
    kernel().double.queueFault({ kind: "http500" });
    const storage = await kernel().post(ROUTE.getFile, { path: "/data/storage/petal/p/x.json" });
    expect(storage.status).toBe(202);
    expect((await kernel().post(ROUTE.syncInfo, {})).status).toBe(404);
    expect((await kernel().post(ROUTE.syncInfo, {})).status).toBe(500);
    expect((await kernel().post(ROUTE.syncInfo, {})).status).toBe(200);
  });

  it("queueFault rejects unknown kinds and routes no fault can reach", () => {
    const { double } = kernel();
    expect(() => double.queueFault({ kind: "boom" } as never)).toThrow(/kind must be one of/);
    expect(() => double.queueFault({ kind: "drop", route: ROUTE.getFile })).toThrow(/route/);
    expect(double.getState().pendingFaults).toEqual([]);
  });
});

describe("sandbox controls", () => {
  const kernel = useDouble();
  const DEFAULT_STATE = {
    provider: 4,
    cloudName: "main",
    syncEnabled: false,
    readonly: false,
    publish: false,
    version: "3.7.3",
    safeMode: false,
    webdavWrongPassword: false,
    lang: "en_US",
    latencyMs: 0,
    siyuanDirs: [],
    pendingFaults: [],
  };

  it("getState starts from the documented defaults", () => {
    expect(kernel().double.getState()).toEqual(DEFAULT_STATE);
  });

  it("setState applies a valid patch and returns the new state", () => {
    const state = kernel().double.setState({ provider: 0, lang: "zh_CN", cloudName: "notes" });
    expect(state).toEqual({ ...DEFAULT_STATE, provider: 0, lang: "zh_CN", cloudName: "notes" });
  });

  it.each([
    [{ colour: "red" }, /unknown key "colour"/],
    [{ provider: 1 }, /provider must be 0, 2, 3 or 4/],
    [{ latencyMs: 60_001 }, /latencyMs must be an integer from 0 to 60000/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ version: "3.7" }, /version must be/],
    [{ lang: "fr_FR" }, /lang must be/],
    [{ cloudName: "a/b" }, /cloudName must be a valid cloud sync directory name/],
    [{ readonly: "yes" }, /readonly must be a boolean/],
    [{ siyuanDirs: [{ name: "x", size: -1, updated: "2026-01-01 00:00:00" }] }, /siyuanDirs/],
    [{ pendingFaults: [] }, /pendingFaults is read-only/],
  ])("setState rejects %j and changes nothing", (patch, message) => {
    const { double } = kernel();
    expect(() => double.setState({ syncEnabled: true, ...patch } as never)).toThrow(message);
    expect(double.getState()).toEqual(DEFAULT_STATE);
  });

  it("reset restores the defaults and clears faults and SiYuan dirs, but not folders on disk", async () => {
    const { double, post } = kernel();
    await post(ROUTE.create, { name: "kept" });
    double.setState({
      provider: 0,
      readonly: true,
      siyuanDirs: [{ name: "cloud", size: 1, updated: "2026-01-01 00:00:00" }],
    });
    double.queueFault({ kind: "http500" });
    double.reset();
    expect(double.getState()).toEqual(DEFAULT_STATE);
    expect(kernel().cloudFolders()).toEqual(["kept", "main"]);
  });

  it("getState is a snapshot, not a live view", () => {
    const { double } = kernel();
    const state = double.getState();
    state.siyuanDirs.push({ name: "x", size: 0, updated: "2026-01-01 00:00:00" });
    expect(double.getState().siyuanDirs).toEqual([]);
  });

  it("latencyMs delays every /api reply", async () => {
    kernel().double.setState({ latencyMs: 150 });
    const started = performance.now();
    await kernel().post("/api/unknown", {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("log gets one line per request and never the token", async () => {
    const { post, logLines } = kernel();
    await post(`${ROUTE.syncInfo}?token=sandbox-token`, {});
    await post(ROUTE.getConf, {}, { headers: { Authorization: "Token sandbox-token" } });
    await post(ROUTE.syncInfo, {}, { headers: { Authorization: "Token leaked-wrong-token" } });
    expect(logLines).toHaveLength(3);
    expect(logLines[0]).toMatch(/^POST \/api\/sync\/getSyncInfo 200 \d+ms$/);
    expect(logLines[1]).toMatch(/^POST \/api\/system\/getConf 200 \d+ms$/);
    expect(logLines[2]).toMatch(/^POST \/api\/sync\/getSyncInfo 401 \d+ms$/);
    expect(logLines.join("\n")).not.toMatch(/token/i);
  });
});
