/**
 * Issue 10 in a real browser: a page of another local site (another port on 127.0.0.1) and a
 * DNS-rebound name try to reach the sandbox. Nothing reaches the kernel, nothing reaches the
 * stranger, and the page reads nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, expect, test, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import { startSandbox } from "../../sandbox/server.mjs";
import { startRecorder, type Recorder } from "../sandbox/harness";

const fixturePluginDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixture-plugin");
const TOKEN = "browser-test-token-5d8e2b";
const S3_SECRET = "browser-test-s3-secret";

/** Serves one attacker page at `/` on its own loopback port. */
async function startAttackerSite(html: string): Promise<Recorder> {
  return startRecorder((_request, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
}

/**
 * The attacker page: images whose URLs smuggle another host into the path, and cross-site
 * POSTs that try to act and to read. It writes what it could read into `window.results`.
 */
function attackerPage(sandboxOrigin: string, strangerPort: number) {
  const images = [
    `${sandboxOrigin}//localhost:${strangerPort}/api/leak`,
    `${sandboxOrigin}//127.0.0.1:${strangerPort}/api/system/getConf`,
    `${sandboxOrigin}/api/system/getConf`,
  ];
  return `<!doctype html><body>
${images.map((src) => `<img src="${src}">`).join("\n")}
<script>
  const post = (route, body, mode) =>
    fetch(${JSON.stringify(sandboxOrigin)} + route, {
      method: "POST", mode, body, headers: { "content-type": "text/plain" },
    }).then((response) => response.type + ":" + response.status, (error) => "failed: " + error.name);
  const read = () =>
    fetch(${JSON.stringify(sandboxOrigin)} + "/api/system/getConf", { method: "POST", body: "{}" })
      .then((response) => response.text(), (error) => "failed: " + error.name);
  window.results = Promise.all([
    post("/api/system/getConf", "{}", "no-cors"),
    post("/api/sync/removeCloudSyncDir", '{"name":"main"}', "no-cors"),
    post("/__sandbox/state", '{"lang":"zh_CN"}', "no-cors"),
    read(),
  ]);
</script></body>`;
}

/** Sandbox log lines "refused <method> <path>: <reason>", as "<method> <path>". */
function refusalsOf(logLines: string[]) {
  return logLines.flatMap((line) => /^refused (\S+ \S+):/.exec(line)?.[1] ?? []).sort();
}

/** What the attacker page sends, as the sandbox logs its refusals. */
const attackRequests = (strangerPort: number) =>
  [
    `GET //localhost:${strangerPort}/api/leak`,
    `GET //127.0.0.1:${strangerPort}/api/system/getConf`,
    "GET /api/system/getConf", // the <img>
    "POST /api/system/getConf", // no-cors
    "POST /api/sync/removeCloudSyncDir",
    "POST /__sandbox/state",
    "POST /api/system/getConf", // the reading fetch
  ].sort();

/** Opens the attacker page; resolves what its script could read once the sandbox refused all. */
async function runAttack(page: Page, attacker: Recorder, logLines: string[], strangerPort: number) {
  await page.goto(attacker.origin);
  const results = (await page.evaluate(
    () => (window as unknown as { results: unknown }).results,
  )) as string[];
  await expect.poll(() => refusalsOf(logLines)).toEqual(attackRequests(strangerPort));
  return results;
}

test.describe("another local site against the sandbox", () => {
  let stranger: Recorder;

  test.beforeAll(async () => {
    stranger = await startRecorder((_request, res) => res.end("stranger"));
  });

  test.afterAll(async () => {
    expect(stranger.connections).toBe(0);
    await stranger.close();
  });

  test("proxy mode: the token goes nowhere and the page reads nothing", async ({ page }) => {
    const kernel = await startRecorder((_request, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "access-control-allow-origin": "*",
      });
      res.end(
        JSON.stringify({ code: 0, data: { conf: { api: { token: TOKEN }, s3: S3_SECRET } } }),
      );
    });
    const logLines: string[] = [];
    const sandbox = await startSandbox({
      port: 0,
      pluginDir: fixturePluginDir,
      siyuanUrl: kernel.origin,
      siyuanToken: TOKEN,
      log: (line) => logLines.push(line),
    });
    const attacker = await startAttackerSite(
      attackerPage(sandbox.url.replace(/\/$/, ""), stranger.port),
    );
    try {
      const results = await runAttack(page, attacker, logLines, stranger.port);
      expect(results.slice(0, 3)).toEqual(["opaque:0", "opaque:0", "opaque:0"]);
      expect(results[3]).toBe("failed: TypeError");
      expect(JSON.stringify(results)).not.toContain(S3_SECRET);
      expect(kernel.requests).toEqual([]);
    } finally {
      await attacker.close();
      await sandbox.close();
      await kernel.close();
    }
  });

  test("double mode: the page neither changes the state nor removes a directory", async ({
    page,
  }) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-browser-attack-"));
    const logLines: string[] = [];
    const sandbox = await startSandbox({
      port: 0,
      pluginDir: fixturePluginDir,
      cloudDir: path.join(root, "cloud"),
      storageDir: path.join(root, "workspace"),
      log: (line) => logLines.push(line),
    });
    fs.mkdirSync(path.join(sandbox.cloudDir, "main"));
    const attacker = await startAttackerSite(
      attackerPage(sandbox.url.replace(/\/$/, ""), stranger.port),
    );
    try {
      const results = await runAttack(page, attacker, logLines, stranger.port);
      expect(results[3]).toBe("failed: TypeError");
      expect(fs.existsSync(path.join(sandbox.cloudDir, "main"))).toBe(true);
      const state = await fetch(new URL("/__sandbox/state", sandbox.url)).then((response) =>
        response.json(),
      );
      expect(state.lang).toBe("en_US");
    } finally {
      await attacker.close();
      await sandbox.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

test("a DNS-rebound name gets 403 for the page and its API", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-rebinding-"));
  const sandbox = await startSandbox({
    port: 0,
    pluginDir: fixturePluginDir,
    cloudDir: path.join(root, "cloud"),
    storageDir: path.join(root, "workspace"),
  });
  // The browser resolves evil.example to 127.0.0.1, as after a DNS rebinding.
  const browser = await chromium.launch(
    chromiumLaunchOptions(["--host-resolver-rules=MAP evil.example 127.0.0.1"]),
  );
  try {
    const page = await browser.newPage();
    const rebound = `http://evil.example:${sandbox.port}`;
    const answer = await page.goto(`${rebound}/`);
    expect(answer?.status()).toBe(403);
    const api = await page.evaluate(
      (origin) =>
        fetch(`${origin}/__sandbox/state`, { method: "POST", body: '{"lang":"zh_CN"}' }).then(
          (response) => response.status,
        ),
      rebound,
    );
    expect(api).toBe(403);
    // The same browser reaches the sandbox under its own name.
    expect((await page.goto(sandbox.url))?.status()).toBe(200);
  } finally {
    await browser.close();
    await sandbox.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
