/**
 * The WebDAV provider on a real WebDAV server (the npm `webdav-server` package), and
 * forwardProxy as kernel/api/network.go implements it, per kernel version.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "../../sandbox/server.mjs";
import type { WebdavServer } from "../../sandbox/webdav-server.mjs";
import {
  CLOSE_TIMEOUT,
  ROUTE,
  goLocalTime,
  startDouble,
  useWebdavDouble,
  type Harness,
} from "./harness";

interface ProxyData {
  url: string;
  status: number;
  contentType: string;
  body: string;
  bodyEncoding: string;
  headers: Record<string, string[]>;
  elapsed: number;
}
interface ProxyReply {
  code: number;
  msg: string;
  data: ProxyData | null;
}

const setup = useWebdavDouble();
let webdav: WebdavServer;
let kernel: Harness;
let davRoot: string;

beforeEach(() => {
  ({ webdav, kernel, davRoot } = setup());
});

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
const rightAuth = () => basic(webdav.username, webdav.password);

async function forward(body: object): Promise<ProxyReply> {
  const response = await kernel.post(ROUTE.forwardProxy, body);
  expect(response.status).toBe(200);
  return response.json as ProxyReply;
}

const mkcol = (name: string, authorization = rightAuth()) =>
  forward({
    url: `${webdav.url}${encodeURIComponent(name)}/`,
    method: "MKCOL",
    headers: [{ Authorization: authorization }],
    timeout: 5000,
  });

async function listNames(): Promise<string[]> {
  const reply = (await kernel.post(ROUTE.list, {})).json as {
    data: { syncDirs: { cloudName: string }[] };
  };
  return reply.data.syncDirs.map((dir) => dir.cloudName);
}

describe("WebDAV provider on the sandbox's WebDAV server (dejavu cloud/webdav.go)", () => {
  it("an empty endpoint lists one `main` row, as ListCloudSyncDir adds it", async () => {
    const before = goLocalTime(new Date());
    const response = (await kernel.post(ROUTE.list, {})).json as {
      data: { syncDirs: { cloudName: string; size: number; hSize: string; updated: string }[] };
    };
    expect(response.data.syncDirs).toHaveLength(1);
    expect(response.data.syncDirs[0]).toMatchObject({ cloudName: "main", size: 0, hSize: "-" });
    expect((response.data.syncDirs[0]?.updated ?? "") >= before).toBe(true);
  });

  it("lists every entry under the endpoint by name, sorted, size 0, with its mtime", async () => {
    fs.mkdirSync(path.join(davRoot, "zeta"));
    fs.mkdirSync(path.join(davRoot, "alpha beta"), { recursive: true });
    fs.mkdirSync(path.join(davRoot, "alpha beta", "siyuan"));
    const mtime = new Date("2026-03-04T05:06:07Z");
    fs.utimesSync(path.join(davRoot, "zeta"), mtime, mtime);
    const response = (await kernel.post(ROUTE.list, {})).json as {
      data: { syncDirs: object[]; checkedSyncDir: string };
    };
    expect(response.data.syncDirs).toEqual([
      expect.objectContaining({ cloudName: "alpha beta", size: 0, hSize: "-" }),
      { cloudName: "zeta", size: 0, hSize: "-", updated: goLocalTime(mtime), saveDir: "" },
    ]);
  });

  it("a plain file at the endpoint's root is listed too: listRepos does not filter entries", async () => {
    fs.writeFileSync(path.join(davRoot, "readme.txt"), "x");
    fs.mkdirSync(path.join(davRoot, "notes"));
    expect(await listNames()).toEqual(["notes", "readme.txt"]);
  });

  it("getConf shows the server's endpoint and credentials unmasked to an admin, as SiYuan does", async () => {
    const conf = (await kernel.post(ROUTE.getConf, {})).json as {
      data: { conf: { sync: { webdav: Record<string, unknown> } } };
    };
    expect(conf.data.conf.sync.webdav).toEqual({
      endpoint: webdav.url,
      username: webdav.username,
      password: webdav.password,
      skipTlsVerify: false,
      timeout: 30,
      concurrentReqs: 1,
    });
  });

  it("wrong credentials: getConf holds another password and listing fails with code 1", async () => {
    kernel.double.setState({ webdavWrongPassword: true });
    const conf = (await kernel.post(ROUTE.getConf, {})).json as {
      data: { conf: { sync: { webdav: { password: string } } } };
    };
    expect(conf.data.conf.sync.webdav.password).not.toBe(webdav.password);
    expect((await kernel.post(ROUTE.list, {})).json).toEqual({
      code: 1,
      msg: "ReadDir /: 401 (Provider: WebDAV)",
      data: CLOSE_TIMEOUT,
    });
  });

  it("without a WebDAV server the double says so instead of inventing directories", async () => {
    const bare = await startDouble();
    try {
      bare.double.setState({ provider: 3 });
      const reply = (await bare.post(ROUTE.list, {})).json as { code: number; msg: string };
      expect(reply.code).toBe(1);
      expect(reply.msg).toContain("the sandbox started no WebDAV server");
    } finally {
      await bare.close();
    }
  });
});

describe("forwardProxy MKCOL against the WebDAV server", () => {
  it("201 creates the collection on the server's disk and it shows in listCloudSyncDir", async () => {
    const reply = await mkcol("my notes");
    expect(reply.code).toBe(0);
    expect(reply.data).toMatchObject({
      url: `${webdav.url}my%20notes/`,
      status: 201,
      bodyEncoding: "text",
    });
    expect(typeof reply.data?.elapsed).toBe("number");
    expect(reply.data?.headers.Server).toEqual(["webdav-server/2.6.3"]);
    expect(fs.statSync(path.join(davRoot, "my notes")).isDirectory()).toBe(true);
    expect(await listNames()).toEqual(["my notes"]);
  });

  it("405 for an existing collection, still code 0", async () => {
    fs.mkdirSync(path.join(davRoot, "notes"));
    const reply = await mkcol("notes");
    expect(reply.code).toBe(0);
    expect(reply.data?.status).toBe(405);
  });

  it("401 with the wrong password, and nothing is created", async () => {
    const reply = await mkcol("notes", basic(webdav.username, "wrong"));
    expect(reply).toMatchObject({ code: 0, data: { status: 401 } });
    expect(fs.existsSync(path.join(davRoot, "notes"))).toBe(false);
  });

  it("409 when the parent collection is missing", async () => {
    const reply = await forward({
      url: `${webdav.url}missing/notes/`,
      method: "MKCOL",
      headers: [{ Authorization: rightAuth() }],
    });
    expect(reply.data?.status).toBe(409);
  });

  it("the method is upper-cased, so a lower-case propfind with Depth: 1 gets a 207", async () => {
    fs.mkdirSync(path.join(davRoot, "notes"));
    const reply = await forward({
      url: webdav.url,
      method: "propfind",
      headers: [{ Authorization: rightAuth() }, { Depth: "1" }],
      contentType: "text/xml",
    });
    expect(reply.data?.status).toBe(207);
    expect(reply.data?.body).toContain("notes/</D:href>");
  });
});

describe("forwardProxy: the private-address rule per kernel version", () => {
  it("3.7.2 refuses loopback with code 8 and the kernel's wording; nothing is created", async () => {
    kernel.double.setState({ version: "3.7.2" });
    const port = new URL(webdav.url).port;
    expect(await mkcol("notes")).toEqual({
      code: 8,
      msg: `forward request failed: Mkcol "${webdav.url}notes/": dial tcp 127.0.0.1:${port}: ip address [127.0.0.1] is prohibited`,
      data: null,
    });
    expect(fs.existsSync(path.join(davRoot, "notes"))).toBe(false);
  });

  it("3.6.4 refuses it too, with code -1", async () => {
    kernel.double.setState({ version: "3.6.4" });
    const reply = await mkcol("notes");
    expect(reply.code).toBe(-1);
    expect(reply.msg).toMatch(/ip address \[127\.0\.0\.1\] is prohibited$/);
  });

  it("3.5.9, before the rule existed, forwards", async () => {
    kernel.double.setState({ version: "3.5.9" });
    expect((await mkcol("notes")).data?.status).toBe(201);
  });

  it("3.7.3 forwards; with safe mode it refuses again", async () => {
    expect((await mkcol("first")).data?.status).toBe(201);
    kernel.double.setState({ safeMode: true });
    const reply = await mkcol("second");
    expect(reply.code).toBe(8);
    expect(reply.msg).toMatch(/ip address \[127\.0\.0\.1\] is prohibited$/);
    expect(fs.existsSync(path.join(davRoot, "second"))).toBe(false);
  });
});

describe("forwardProxy request and reply rules (kernel/api/network.go)", () => {
  interface Seen {
    method: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }
  let echo: http.Server;
  let echoUrl: string;
  let seen: Seen[];

  beforeEach(async () => {
    seen = [];
    echo = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        seen.push({
          method: req.method ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const target = new URL(req.url ?? "/", "http://x");
        if (target.pathname === "/slow") return void setTimeout(() => res.end("late"), 1500);
        if (target.pathname === "/cut") {
          res.writeHead(200, { "content-length": "100" });
          res.write("partial", () => res.socket?.destroy());
          return;
        }
        if (target.pathname === "/moved") {
          res.writeHead(301, { location: "/landing" });
          return void res.end();
        }
        if (target.pathname === "/away") {
          res.writeHead(307, { location: "http://10.255.255.1/" });
          return void res.end();
        }
        res.writeHead(target.pathname === "/missing" ? 404 : 200, {
          "content-type": "text/plain; charset=utf-8",
          "x-multi": ["a", "b"],
        });
        res.end("hello");
      });
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    kernel.double.allowForwardTarget(echoUrl);
  });

  afterEach(async () => {
    echo.closeAllConnections();
    await new Promise((resolve) => echo.close(resolve));
  });

  it("defaults: POST, Content-Type application/json, and no body when payload is absent", async () => {
    const reply = await forward({ url: `${echoUrl}/x` });
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(seen[0]?.body).toBe("");
    expect(reply).toMatchObject({
      code: 0,
      msg: "",
      data: {
        url: `${echoUrl}/x`,
        status: 200,
        contentType: "text/plain; charset=utf-8",
        body: "hello",
        bodyEncoding: "text",
        headers: { "Content-Type": ["text/plain; charset=utf-8"], "X-Multi": ["a", "b"] },
      },
    });
  });

  it("headers are an array of objects, values as Go's %v; contentType overrides a Content-Type among them", async () => {
    await forward({
      url: `${echoUrl}/x`,
      method: "put",
      headers: [
        null,
        1,
        { "x-one": "1" },
        { "Content-Type": "text/plain" },
        { "X-Num": 5, "X-List": [1, true, null], "X-Map": { b: "x", a: 1 } },
      ],
      contentType: "text/xml",
      payload: "<a/>",
    });
    expect(seen[0]).toMatchObject({
      method: "PUT",
      body: "<a/>",
      headers: {
        "x-one": "1",
        "x-num": "5",
        "x-list": "[1 true <nil>]",
        "x-map": "map[a:1 b:x]",
        "content-type": "text/xml",
      },
    });
  });

  it("a JSON payload is sent as JSON, `text` encoding sends nothing, base64 is decoded", async () => {
    await forward({ url: `${echoUrl}/x`, payload: { a: 1 } });
    await forward({ url: `${echoUrl}/x`, payload: "ignored", payloadEncoding: "text" });
    await forward({ url: `${echoUrl}/x`, payload: "aGk=", payloadEncoding: "base64" });
    expect(seen.map((request) => request.body)).toEqual(['{"a":1}', "", "hi"]);
  });

  it("an undecodable payload is code 3 from 3.7.0, -2 before; nothing is sent", async () => {
    const bad = { url: `${echoUrl}/x`, payload: "*", payloadEncoding: "base64-std" };
    expect((await forward(bad)).code).toBe(3);
    kernel.double.setState({ version: "3.5.9" });
    expect((await forward(bad)).code).toBe(-2);
    expect(seen).toEqual([]);
  });

  it("an upstream 404 is still code 0; responseEncoding hex encodes the body", async () => {
    const reply = await forward({ url: `${echoUrl}/missing`, responseEncoding: "hex" });
    expect(reply).toMatchObject({
      code: 0,
      data: { status: 404, body: Buffer.from("hello").toString("hex"), bodyEncoding: "hex" },
    });
  });

  it("a timeout (ms) is a send failure, code 8", async () => {
    const reply = await forward({ url: `${echoUrl}/slow`, timeout: 200 });
    expect(reply.code).toBe(8);
    expect(reply.msg).toBe(
      `forward request failed: Post "${echoUrl}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    );
  });

  it("a body cut short is a read failure: code 9 from 3.7.0, -1 before", async () => {
    expect(await forward({ url: `${echoUrl}/cut` })).toEqual({
      code: 9,
      msg: "read response body failed: unexpected EOF",
      data: null,
    });
    kernel.double.setState({ version: "3.5.9" });
    expect((await forward({ url: `${echoUrl}/cut` })).code).toBe(-1);
  });

  it("an invalid url is code 1, another scheme code 2; both -1 before 3.7.0", async () => {
    expect(await forward({ url: "not a url" })).toEqual({
      code: 1,
      msg: "invalid [url]",
      data: null,
    });
    expect(await forward({ url: "ftp://127.0.0.1/" })).toEqual({
      code: 2,
      msg: "only http/https is allowed",
      data: null,
    });
    kernel.double.setState({ version: "3.5.9" });
    expect((await forward({ url: "ftp://127.0.0.1/" })).code).toBe(-1);
  });

  it("a missing url is the v3.6.4+ `Field [url] is required`", async () => {
    expect(await forward({ method: "GET" })).toEqual({
      code: -1,
      msg: "Field [url] is required",
      data: null,
    });
  });

  it("redirects are followed (301 turns into GET); redirect: false returns the 3xx from 3.7.0", async () => {
    expect((await forward({ url: `${echoUrl}/moved`, method: "MKCOL" })).data?.status).toBe(200);
    expect(seen.map((request) => request.method)).toEqual(["MKCOL", "GET"]);
    const unfollowed = await forward({ url: `${echoUrl}/moved`, redirect: false });
    expect(unfollowed.data?.status).toBe(301);
    kernel.double.setState({ version: "3.5.9" });
    const old = await forward({ url: `${echoUrl}/moved`, redirect: false });
    expect(old.data?.status).toBe(200);
  });

  it("SECURITY: the double forwards to nothing but its allow-list, not even through a redirect", async () => {
    const unregistered = [
      "http://10.255.255.1/",
      "http://example.com/",
      "http://localhost/",
      "http://127.0.0.1:6806/api/system/getConf",
      `${kernel.baseUrl}/api/system/version`,
    ];
    for (const url of unregistered) {
      const reply = await forward({ url });
      expect(reply.code).toBe(8);
      expect(reply.msg).toContain("forwards only to its own WebDAV server");
    }
    const redirected = await forward({ url: `${echoUrl}/away` });
    expect(redirected.code).toBe(8);
    expect(redirected.msg).toContain("not to [10.255.255.1]");
    expect(seen.map((request) => request.method)).toEqual(["POST"]);
  });

  it("SECURITY: only loopback origins can be added to the allow-list", () => {
    for (const origin of ["http://10.0.0.1:80", "http://example.com", "http://127.0.0.1:80/x"]) {
      expect(() => kernel.double.allowForwardTarget(origin)).toThrow(/not a loopback origin/);
    }
  });
});

describe("forwardProxy middleware and /api/system/version", () => {
  it("forwardProxy is CheckAuth + CheckAdminRole: a publish Reader gets an empty 403", async () => {
    kernel.double.setState({ publish: true });
    const response = await kernel.post(ROUTE.forwardProxy, { url: webdav.url });
    expect(response).toMatchObject({ status: 403, text: "" });
  });

  it("forwardProxy has no CheckReadonly: a read-only kernel still forwards", async () => {
    kernel.double.setState({ readonly: true });
    expect((await mkcol("notes")).data?.status).toBe(201);
  });

  it("a wrong API token is refused by CheckAuth", async () => {
    const response = await kernel.post(
      ROUTE.forwardProxy,
      { url: webdav.url },
      { headers: { Authorization: "Token wrong" } },
    );
    expect(response.status).toBe(401);
  });

  it.each(["GET", "POST"])("version answers %s without authentication", async (method) => {
    kernel.double.setState({ version: "3.7.2", publish: true });
    const response = await kernel.post(ROUTE.version, undefined, {
      method,
      headers: { Authorization: "Token wrong" },
    });
    expect(response.json).toEqual({ code: 0, msg: "", data: "3.7.2" });
  });
});

describe("the WebDAV password stays out of the sandbox log", () => {
  it("after lists, MKCOLs, a refusal and a failure, the log holds neither password nor Basic value", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-log-"));
    const lines: string[] = [];
    const sandbox = await startSandbox({
      port: 0,
      pluginDir: path.join(root, "none"),
      cloudDir: path.join(root, "cloud"),
      storageDir: path.join(root, "workspace"),
      webdavDir: path.join(root, "webdav"),
      log: (line) => lines.push(line),
    });
    try {
      const post = (route: string, body: object) =>
        fetch(sandbox.url + route.slice(1), { method: "POST", body: JSON.stringify(body) });
      await fetch(`${sandbox.url}__sandbox/state`, {
        method: "POST",
        body: JSON.stringify({ provider: 3 }),
      });
      const conf = (await (await post(ROUTE.getConf, {})).json()) as {
        data: {
          conf: { sync: { webdav: { endpoint: string; username: string; password: string } } };
        };
      };
      const { endpoint, username, password } = conf.data.conf.sync.webdav;
      const authorization = basic(username, password);
      const body = {
        url: `${endpoint}notes/`,
        method: "MKCOL",
        headers: [{ Authorization: authorization }],
      };
      expect((await post(ROUTE.forwardProxy, body)).status).toBe(200);
      await post(ROUTE.forwardProxy, body);
      await post(ROUTE.list, {});
      await fetch(`${sandbox.url}__sandbox/state`, {
        method: "POST",
        body: JSON.stringify({ version: "3.7.2", webdavWrongPassword: true }),
      });
      await post(ROUTE.forwardProxy, body);
      await post(ROUTE.list, {});
      expect(fs.existsSync(path.join(root, "webdav", "notes"))).toBe(true);
      expect(lines.length).toBeGreaterThan(4);
      const log = lines.join("\n");
      expect(log).not.toContain(password);
      expect(log).not.toContain(authorization.slice("Basic ".length));
    } finally {
      await sandbox.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
