/**
 * The sandbox next to a real SiYuan: every attack of issue 10 against a real listening sandbox,
 * with a fake kernel and a stranger server on loopback. Each attack is refused, the kernel sees
 * nothing and the stranger is never contacted.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PROXY_BODY_LIMIT, TOKEN_MASK } from "../../sandbox/proxy.mjs";
import { startSandbox } from "../../sandbox/server.mjs";
import {
  rawRequest,
  startRecorder,
  startTlsRecorder,
  type Recorder,
  type SeenRequest,
} from "./harness";

const TOKEN = "test-kernel-token-7f3a9c1e";
const S3_SECRET = "s3-secret-key-value";
const PLUGIN_DIR = path.resolve("tests/e2e/fixture-plugin");
const CONF_BODY = JSON.stringify({
  code: 0,
  msg: "",
  data: { conf: { api: { token: TOKEN }, sync: { s3: { secretKey: S3_SECRET } } } },
});

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type Answer = (request: SeenRequest, res: http.ServerResponse) => void;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the sandbox page itself sends with a same-origin fetch. */
const ownPage = (port: number) => ({
  host: `127.0.0.1:${port}`,
  origin: `http://127.0.0.1:${port}`,
  "sec-fetch-site": "same-origin",
});

/** What pages of other sites send: a simple (text/plain) POST needs no CORS preflight. */
const CROSS_SITE = [
  ["a page of another site", { origin: "http://evil.example", "sec-fetch-site": "cross-site" }],
  ["a page on another local port", { origin: "http://127.0.0.1:9999" }],
  ["a cross-site request without Origin", { "sec-fetch-site": "cross-site" }],
  ["a same-site request without Origin", { "sec-fetch-site": "same-site" }],
] as const;

/** A text/plain POST from another site to the sandbox at `port`. */
const crossSitePost = (port: number, target: string, from: object, body: string) =>
  send(port, target, {
    headers: { host: `127.0.0.1:${port}`, "content-type": "text/plain;charset=UTF-8", ...from },
    body,
  });

/** Another site's attempt to remove the directory "main". */
const crossSiteRemove = (port: number, from: object) =>
  crossSitePost(port, "/api/sync/removeCloudSyncDir", from, '{"name":"main"}');

/** An HTTP request with exactly these headers (Host included), reading the whole answer. */
function send(
  port: number,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { method = "POST", headers = { host: `127.0.0.1:${port}` }, body } = options;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: target, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends on the kernel's JSON answer the way SiYuan's corsMiddleware decorates it. */
const kernelAnswer: Answer = (_request, res) => {
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "origin, Content-Length, Content-Type, Authorization",
    "set-cookie": "siyuan=kernel-session; Path=/; HttpOnly",
    "content-disposition": `inline; filename="${TOKEN}.json"`,
  });
  res.end(CONF_BODY);
};

/** Runs `test` against a proxy-mode sandbox for `siyuanUrl`, closed afterwards. */
async function withProxy(
  siyuanUrl: string,
  options: { siyuanInsecureTls?: boolean },
  test: (sandbox: Sandbox) => Promise<void>,
) {
  const sandbox = await startSandbox({
    port: 0,
    pluginDir: PLUGIN_DIR,
    siyuanUrl,
    siyuanToken: TOKEN,
    ...options,
  });
  try {
    await test(sandbox);
  } finally {
    await sandbox.close();
  }
}

let stranger: Recorder;

beforeAll(async () => {
  stranger = await startRecorder((_request, res) => res.end("stranger"));
});

afterEach(() => {
  // Whatever a test tried, nothing may ever reach the stranger.
  expect(stranger.connections).toBe(0);
});

afterAll(async () => {
  await stranger.close();
});

/** Sends every foreign request target as written, on a raw socket; each must get 400. */
async function expectForeignTargetsRefused(port: number, body: string) {
  for (const requestLine of foreignTargets()) {
    const reply = await rawRequest(
      port,
      [`${requestLine} HTTP/1.1`, `Host: 127.0.0.1:${port}`],
      body,
    );
    expect(reply.status, requestLine).toBe(400);
  }
}

/** Request targets that name another host. */
const foreignTargets = () => [
  `GET //localhost:${stranger.port}/api/leak`,
  `POST //localhost:${stranger.port}/api/system/getConf`,
  `POST //127.0.0.1:${stranger.port}/api/system/getConf`,
  `GET http://localhost:${stranger.port}/api/x`,
  `POST http://127.0.0.1:${stranger.port}/api/system/getConf`,
  `POST /\\localhost:${stranger.port}/api/system/getConf`,
  "OPTIONS *",
];

describe("proxy mode", () => {
  let kernel: Recorder;
  let sandbox: Sandbox;
  let answer: Answer;

  beforeAll(async () => {
    kernel = await startRecorder((request, res) => answer(request, res));
    sandbox = await startSandbox({
      port: 0,
      pluginDir: PLUGIN_DIR,
      siyuanUrl: kernel.origin,
      siyuanToken: TOKEN,
    });
  });

  beforeEach(() => {
    kernel.requests.length = 0;
    answer = kernelAnswer;
  });

  afterAll(async () => {
    await sandbox.close();
    await kernel.close();
  });

  it("forwards the page's getConf with the token, and the page sees no token, CORS or cookie", async () => {
    const reply = await send(sandbox.port, "/api/system/getConf", {
      headers: {
        ...ownPage(sandbox.port),
        authorization: "Token client-guess",
        cookie: "siyuan=browser-session",
        "content-type": "text/plain;charset=UTF-8",
      },
      body: "{}",
    });
    expect(reply.status).toBe(200);
    expect(reply.body).not.toContain(TOKEN);
    expect(JSON.parse(reply.body).data.conf.api.token).toBe(TOKEN_MASK);
    expect(JSON.stringify(reply.headers)).not.toContain(TOKEN);
    expect(reply.headers["content-disposition"]).toBe(`inline; filename="${TOKEN_MASK}.json"`);
    expect(Object.keys(reply.headers).filter((name) => name.startsWith("access-control-"))).toEqual(
      [],
    );
    expect(reply.headers["set-cookie"]).toBeUndefined();

    expect(kernel.requests).toHaveLength(1);
    const [seen] = kernel.requests;
    expect(seen).toMatchObject({ method: "POST", url: "/api/system/getConf", body: "{}" });
    expect(seen?.headers.authorization).toBe(`Token ${TOKEN}`);
    expect(seen?.headers.host).toBe(`127.0.0.1:${kernel.port}`);
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers.origin).toBeUndefined();
  });

  it("keeps the query of an allowed route", async () => {
    const reply = await send(sandbox.port, "/api/sync/listCloudSyncDir?probe=1", {
      headers: ownPage(sandbox.port),
      body: "{}",
    });
    expect(reply.status).toBe(200);
    expect(kernel.requests.map((request) => request.url)).toEqual([
      "/api/sync/listCloudSyncDir?probe=1",
    ]);
  });

  it("answers 400 to every request target that names another host, and sends it nowhere", async () => {
    await expectForeignTargetsRefused(sandbox.port, "{}");
    expect(kernel.requests).toEqual([]);
  });

  it.each(CROSS_SITE)("refuses %s posting to removeCloudSyncDir with 403", async (_label, from) => {
    const reply = await crossSiteRemove(sandbox.port, from);
    expect(reply.status).toBe(403);
    expect(kernel.requests).toEqual([]);
  });

  it("refuses a DNS-rebound page (Host evil.example) with 403", async () => {
    const rebound = `evil.example:${sandbox.port}`;
    const reply = await send(sandbox.port, "/api/system/getConf", {
      headers: { host: rebound, origin: `http://${rebound}`, "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain(TOKEN);
    expect(kernel.requests).toEqual([]);
  });

  it("refuses an <img> of another local site with 403", async () => {
    const reply = await send(sandbox.port, "/api/system/getConf", {
      method: "GET",
      headers: {
        host: `127.0.0.1:${sandbox.port}`,
        "sec-fetch-site": "same-site",
        "sec-fetch-dest": "image",
      },
    });
    expect(reply.status).toBe(403);
    expect(kernel.requests).toEqual([]);
  });

  it.each([
    ["GET", "/api/system/getConf"],
    ["OPTIONS", "/api/system/getConf"],
    ["POST", "/api/system/exit"],
    ["POST", "/api/sync/listCloudSyncDir/../../system/exit"],
    ["POST", "/api/sync/setSyncProviderLocal"],
  ])("forwards nothing for %s %s, even from the page itself", async (method, target) => {
    const reply = await send(sandbox.port, target, {
      method,
      headers: ownPage(sandbox.port),
      body: method === "POST" ? "{}" : undefined,
    });
    expect(reply.status).toBe(403);
    expect(kernel.requests).toEqual([]);
  });

  it("streams the answer and masks a token split across chunks", async () => {
    const prefix = `{"pad":"${"x".repeat(200)}","token":"`;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    answer = (_request, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(prefix + TOKEN.slice(0, 7));
      void released.then(() => res.end(`${TOKEN.slice(7)}"}`));
    };
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: sandbox.port, path: "/api/file/getFile", method: "POST" },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
            // The first part arrives while the kernel still holds the rest: nothing is buffered whole.
            if (text.length >= 100) release();
          });
          res.on("end", () => resolve(text));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end("{}");
    });
    expect(body).toBe(`${prefix}${TOKEN_MASK}"}`);
  });

  it(`cuts off a 50 MB answer at the ${PROXY_BODY_LIMIT} byte cap`, async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const total = 50 * 1000 * 1000;
    let written = 0;
    let upstreamClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    answer = (_request, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.on("close", upstreamClosed);
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    };
    const outcome = await new Promise<{ received: number; error: string }>((resolve) => {
      const req = http.request(
        { host: "127.0.0.1", port: sandbox.port, path: "/api/file/getFile", method: "POST" },
        (res) => {
          let received = 0;
          res.on("data", (data: Buffer) => (received += data.length));
          res.on("error", (error) => resolve({ received, error: error.message }));
          res.on("end", () => resolve({ received, error: "" }));
        },
      );
      req.on("error", (error) => resolve({ received: -1, error: error.message }));
      req.end("{}");
    });
    expect(outcome.error).not.toBe("");
    expect(outcome.received).toBeLessThanOrEqual(PROXY_BODY_LIMIT);
    await closed;
    expect(written).toBeLessThan(total);
  });

  it("refuses an answer that declares more than the cap, and a compressed one, with 502", async () => {
    answer = (_request, res) => {
      res.writeHead(200, { "content-length": String(PROXY_BODY_LIMIT + 1) });
      res.write("x"); // and never more: the proxy must not wait for the rest
    };
    const tooLarge = await send(sandbox.port, "/api/file/getFile", { body: "{}" });
    expect(tooLarge.status).toBe(502);
    expect(JSON.parse(tooLarge.body).msg).toContain(String(PROXY_BODY_LIMIT));

    answer = (_request, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" });
      res.end("not really gzip");
    };
    const compressed = await send(sandbox.port, "/api/system/getConf", { body: "{}" });
    expect(compressed.status).toBe(502);
    expect(JSON.parse(compressed.body).msg).toContain("gzip");
  });

  it("refuses a request body that declares more than the cap with 413, before the kernel", async () => {
    const reply = await rawRequest(sandbox.port, [
      "POST /api/file/putFile HTTP/1.1",
      `Host: 127.0.0.1:${sandbox.port}`,
      `Content-Length: ${PROXY_BODY_LIMIT + 1}`,
    ]);
    expect(reply.status).toBe(413);
    expect(kernel.requests).toEqual([]);
  });
});

describe("proxy mode, small body cap", () => {
  let kernel: Recorder;
  let sandbox: Sandbox;
  const limit = 64 * 1024;
  const logLines: string[] = [];

  beforeAll(async () => {
    kernel = await startRecorder((request, res) => res.end(`${request.body.length}`));
    sandbox = await startSandbox({
      port: 0,
      pluginDir: PLUGIN_DIR,
      siyuanUrl: kernel.origin,
      siyuanToken: TOKEN,
      proxyBodyLimit: limit,
      log: (line) => logLines.push(line),
    });
  });

  afterAll(async () => {
    await sandbox.close();
    await kernel.close();
  });

  it("answers 413 to a chunked request body over the cap, and the kernel never gets it whole", async () => {
    const reply = await send(sandbox.port, "/api/file/putFile", {
      headers: { host: `127.0.0.1:${sandbox.port}`, "transfer-encoding": "chunked" },
      body: "b".repeat(limit * 3),
    });
    expect(reply.status).toBe(413);
    expect(kernel.requests).toEqual([]);
  });

  it("forwards a body under the cap", async () => {
    const reply = await send(sandbox.port, "/api/file/putFile", { body: "b".repeat(limit) });
    expect(reply).toMatchObject({ status: 200, body: String(limit) });
  });
});

describe("proxy mode over https", () => {
  let kernel: Recorder;

  beforeAll(async () => {
    kernel = await startTlsRecorder(kernelAnswer);
  });

  beforeEach(() => {
    kernel.requests.length = 0;
  });

  afterAll(async () => {
    await kernel.close();
  });

  it("refuses a self-signed certificate by default: 502, and no request carries the token", () =>
    withProxy(kernel.origin, {}, async (sandbox) => {
      const reply = await send(sandbox.port, "/api/system/getConf", { body: "{}" });
      expect(reply.status).toBe(502);
      expect(JSON.parse(reply.body).msg).toMatch(/certificate.*SIYUAN_INSECURE_TLS=1/);
      expect(kernel.requests).toEqual([]);
    }));

  it("accepts the certificate with siyuanInsecureTls and masks the token", () =>
    withProxy(kernel.origin, { siyuanInsecureTls: true }, async (sandbox) => {
      const reply = await send(sandbox.port, "/api/system/getConf", {
        headers: ownPage(sandbox.port),
        body: "{}",
      });
      expect(reply.status).toBe(200);
      expect(reply.body).not.toContain(TOKEN);
      expect(reply.body).toContain(S3_SECRET);
      expect(kernel.requests.map((request) => request.headers.authorization)).toEqual([
        `Token ${TOKEN}`,
      ]);
    }));
});

describe("proxy mode set-up and failures", () => {
  it.each(["ftp://127.0.0.1:6806", "http://127.0.0.1:6806/api", `http://u:${TOKEN}@127.0.0.1:1`])(
    "refuses to start with SIYUAN_URL %s",
    async (siyuanUrl) => {
      await expect(startSandbox({ port: 0, pluginDir: PLUGIN_DIR, siyuanUrl })).rejects.toThrow(
        /SIYUAN_URL/,
      );
    },
  );

  it("answers 502 in plain words when the kernel is not listening", async () => {
    const gone = await startRecorder((_request, res) => res.end());
    await gone.close();
    await withProxy(gone.origin, {}, async (sandbox) => {
      const reply = await send(sandbox.port, "/api/system/getConf", { body: "{}" });
      expect(reply.status).toBe(502);
      expect(JSON.parse(reply.body)).toMatchObject({
        code: -1,
        msg: expect.stringContaining(`cannot reach ${gone.origin}`),
      });
    });
  });
});

describe("double mode", () => {
  let sandbox: Sandbox;
  let root: string;
  let outside: string;

  const currentState = async () =>
    JSON.parse((await send(sandbox.port, "/__sandbox/state", { method: "GET" })).body);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-security-"));
    outside = path.join(root, "outside");
    sandbox = await startSandbox({
      port: 0,
      pluginDir: PLUGIN_DIR,
      cloudDir: path.join(root, "cloud"),
      storageDir: path.join(root, "workspace"),
    });
  });

  beforeEach(async () => {
    await send(sandbox.port, "/__sandbox/reset", { body: "{}" });
    fs.rmSync(sandbox.cloudDir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
    fs.mkdirSync(path.join(sandbox.cloudDir, "main"), { recursive: true });
    fs.mkdirSync(path.join(outside, "sub"), { recursive: true });
    fs.writeFileSync(path.join(outside, "sub", "keep.txt"), "keep");
  });

  afterAll(async () => {
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.each(CROSS_SITE)("refuses %s changing /__sandbox/state", async (_label, from) => {
    const reply = await crossSitePost(sandbox.port, "/__sandbox/state", from, '{"lang":"zh_CN"}');
    expect(reply.status).toBe(403);
    expect((await currentState()).lang).toBe("en_US");
  });

  it.each(CROSS_SITE)("refuses %s removing a directory", async (_label, from) => {
    const reply = await crossSiteRemove(sandbox.port, from);
    expect(reply.status).toBe(403);
    expect(fs.existsSync(path.join(sandbox.cloudDir, "main"))).toBe(true);
  });

  it("lets the page itself change the state and remove a directory", async () => {
    const patch = await send(sandbox.port, "/__sandbox/state", {
      headers: ownPage(sandbox.port),
      body: '{"lang":"zh_CN"}',
    });
    expect(patch.status).toBe(200);
    expect((await currentState()).lang).toBe("zh_CN");
    const reply = await send(sandbox.port, "/api/sync/removeCloudSyncDir", {
      headers: ownPage(sandbox.port),
      body: '{"name":"main"}',
    });
    expect(JSON.parse(reply.body)).toMatchObject({ code: 0 });
    expect(fs.existsSync(path.join(sandbox.cloudDir, "main"))).toBe(false);
  });

  it.each([
    ["POST", "/__sandbox/reset"],
    ["POST", "/api/sync/listCloudSyncDir"],
    ["GET", "/__sandbox/info"],
    ["GET", "/__sandbox/events"],
    ["GET", "/"],
    ["GET", "/sandbox/main.js"],
  ])("refuses a DNS-rebound %s %s with 403", async (method, target) => {
    const reply = await send(sandbox.port, target, {
      method,
      headers: { host: `evil.example:${sandbox.port}` },
      body: method === "POST" ? "{}" : undefined,
    });
    expect(reply.status).toBe(403);
  });

  it("refuses another site's page reading the reload stream or the info", async () => {
    const targets = ["/__sandbox/events", "/__sandbox/info", "/sandbox/../__sandbox/info"];
    for (const target of [...targets, "/plugins/%2e%2e/__sandbox/events"]) {
      const reply = await send(sandbox.port, target, {
        method: "GET",
        headers: { host: `127.0.0.1:${sandbox.port}`, "sec-fetch-site": "cross-site" },
      });
      expect(reply.status, target).toBe(403);
    }
  });

  it("serves the host page's files to any page on a loopback Host", async () => {
    const reply = await send(sandbox.port, "/", {
      method: "GET",
      headers: { host: `localhost:${sandbox.port}`, "sec-fetch-site": "cross-site" },
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toContain("text/html");
  });

  it("answers 400 to request targets that name another host", async () => {
    await expectForeignTargetsRefused(sandbox.port, '{"name":"main"}');
    expect(fs.existsSync(path.join(sandbox.cloudDir, "main"))).toBe(true);
  });

  describe("remove and symlinks", () => {
    const remove = (name: string) =>
      send(sandbox.port, "/api/sync/removeCloudSyncDir", { body: JSON.stringify({ name }) }).then(
        (reply) => JSON.parse(reply.body) as { code: number; msg: string },
      );

    it("refuses a path through a symlinked folder: link/sub never deletes outside/sub", async () => {
      fs.symlinkSync(outside, path.join(sandbox.cloudDir, "link"));
      expect(await remove("link/sub")).toMatchObject({
        code: -1,
        msg: expect.stringContaining("not a folder directly inside the Local endpoint"),
      });
      expect(fs.readFileSync(path.join(outside, "sub", "keep.txt"), "utf8")).toBe("keep");
    });

    it("removes a symlink itself, never what it points to", async () => {
      const link = path.join(sandbox.cloudDir, "link");
      fs.symlinkSync(outside, link);
      expect(await remove("link")).toMatchObject({ code: 0 });
      expect(fs.existsSync(link)).toBe(false);
      expect(fs.readFileSync(path.join(outside, "sub", "keep.txt"), "utf8")).toBe("keep");
    });

    it("removes inside a symlinked endpoint", async () => {
      const realCloud = path.join(root, "real-cloud");
      fs.rmSync(realCloud, { recursive: true, force: true });
      fs.renameSync(sandbox.cloudDir, realCloud);
      fs.symlinkSync(realCloud, sandbox.cloudDir);
      try {
        expect(await remove("main")).toMatchObject({ code: 0 });
        expect(fs.existsSync(path.join(realCloud, "main"))).toBe(false);
      } finally {
        fs.rmSync(sandbox.cloudDir);
        fs.rmSync(realCloud, { recursive: true, force: true });
      }
    });

    it("removeFile refuses a path through a symlinked folder in plugin storage", async () => {
      const pluginStorage = path.join(sandbox.storageDir, "data", "storage", "petal", "p");
      fs.mkdirSync(pluginStorage, { recursive: true });
      fs.symlinkSync(outside, path.join(pluginStorage, "linked"));
      try {
        const through = await send(sandbox.port, "/api/file/removeFile", {
          body: JSON.stringify({ path: "/data/storage/petal/p/linked/sub" }),
        });
        expect(through.status).toBe(403);
        expect(fs.readFileSync(path.join(outside, "sub", "keep.txt"), "utf8")).toBe("keep");

        const link = await send(sandbox.port, "/api/file/removeFile", {
          body: JSON.stringify({ path: "/data/storage/petal/p/linked" }),
        });
        expect(JSON.parse(link.body)).toMatchObject({ code: 0 });
        expect(fs.existsSync(path.join(pluginStorage, "linked"))).toBe(false);
        expect(fs.readFileSync(path.join(outside, "sub", "keep.txt"), "utf8")).toBe("keep");
      } finally {
        fs.rmSync(pluginStorage, { recursive: true, force: true });
      }
    });
  });
});
