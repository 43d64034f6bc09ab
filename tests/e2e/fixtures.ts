/**
 * Playwright fixtures for the sandbox host.
 *
 * - Every test fails at teardown if the page logged a `pageerror` or a console error it did
 *   not declare (`consoleErrors.allow(pattern)` or `test.use({ expectedConsoleErrors })`).
 * - `sandbox` resets the kernel double before each test and drives it: `setState`, `fault`,
 *   `reset`, `state`, `cloudDir`/`storageDir` (absolute paths on disk) and `gotoHost`.
 * - By default tests use the webServer of playwright.config.ts (dist/ as the plugin). A file
 *   can instead get its own in-process sandbox with other plugin folders:
 *   `test.use({ sandboxPluginDirs: ["/abs/plugin"] })`.
 */
import fs from "node:fs";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { startSandbox } from "../../sandbox/server.mjs";

export type Provider = 0 | 2 | 3 | 4;
export type FaultKind =
  "http500" | "drop" | "nonJson" | "htmlMsg" | "unauthorized" | "forbidden" | "notFound";

export interface SandboxState {
  provider: Provider;
  cloudName: string;
  syncEnabled: boolean;
  readonly: boolean;
  publish: boolean;
  version: string;
  safeMode: boolean;
  webdavWrongPassword: boolean;
  lang: "en_US" | "zh_CN";
  latencyMs: number;
  pendingFaults: { kind: FaultKind; route?: string }[];
  siyuanDirs: unknown[];
}

/** A plugin instance as tests see it through `window.__sandbox.plugins`. */
export interface HostPlugin {
  name: string;
  displayName: string;
  i18n: Record<string, unknown>;
  [member: string]: unknown;
}

/** `window.__sandbox`: the host page's test hooks. */
export interface SandboxHooks {
  plugins: Map<string, HostPlugin>;
  loaded: Promise<void>;
  messages: string[];
  unloadPlugin(name: string): void;
  loadPlugin(name: string): Promise<void>;
  openDock(name: string, type?: string): void;
  closeDock(name: string, type?: string): void;
  runCommand(name: string, langKey: string): void;
}

/** The page's globals, for use inside `page.evaluate`: `(window as unknown as HostWindow).siyuan`. */
export type HostWindow = {
  __sandbox: SandboxHooks;
  siyuan: {
    config: {
      lang: string;
      readonly: boolean;
      sync: { provider: Provider; cloudName: string };
      appearance: { mode: 0 | 1 };
      keymap: { plugin: Record<string, Record<string, { default: string; custom: string }>> };
    };
    isPublish: boolean;
    languages: Record<string, string>;
  };
};

export interface GotoHostOptions {
  lang?: "en_US" | "zh_CN";
  /** `?mobile=1` and a 400px wide viewport */
  mobile?: boolean;
  theme?: "light" | "dark";
  /** `?noreload` (default true): a 401 logs instead of reloading the page after 3 s */
  noreload?: boolean;
}

export interface Sandbox {
  url: string;
  cloudDir: string;
  storageDir: string;
  state(): Promise<SandboxState>;
  /** Patches the double's state; rejects with the server's message on a bad patch. */
  setState(patch: Partial<SandboxState>): Promise<SandboxState>;
  /** Queues a one-shot fault for the next (matching) kernel call. */
  fault(kind: FaultKind, route?: string): Promise<SandboxState>;
  reset(): Promise<SandboxState>;
  /** Opens the host page and waits until every plugin passed onLayoutReady. */
  gotoHost(options?: GotoHostOptions): Promise<void>;
}

export interface ConsoleErrors {
  /** Declares a console error or page error this test expects (substring or RegExp). */
  allow(pattern: string | RegExp): void;
  /** Everything collected so far. */
  readonly errors: string[];
}

interface SandboxServer {
  url: string;
  cloudDir: string;
  storageDir: string;
}

/** Calls a `/__sandbox/*` control route and returns its JSON, throwing the server's message. */
async function control<T>(baseUrl: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(
    new URL(route, baseUrl),
    body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
  );
  const result = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(`${route}: ${result.message ?? `HTTP ${response.status}`}`);
  return result;
}

export const test = base.extend<
  { sandbox: Sandbox; consoleErrors: ConsoleErrors; expectedConsoleErrors: (string | RegExp)[] },
  { sandboxPluginDirs: string[] | undefined; sandboxServer: SandboxServer }
>({
  sandboxPluginDirs: [undefined, { scope: "worker", option: true }],

  sandboxServer: [
    async ({ sandboxPluginDirs }, use, workerInfo) => {
      if (!sandboxPluginDirs) {
        const url = String(workerInfo.project.use.baseURL);
        const info = await control<{ cloudDir: string; storageDir: string }>(
          url,
          "/__sandbox/info",
        );
        await use({ url, cloudDir: info.cloudDir, storageDir: info.storageDir });
        return;
      }
      fs.mkdirSync(".sandbox", { recursive: true });
      const runDir = fs.mkdtempSync(path.resolve(".sandbox", "e2e-inprocess-"));
      const [pluginDir, ...extraPluginDirs] = sandboxPluginDirs;
      const server = await startSandbox({
        port: 0,
        pluginDir,
        extraPluginDirs,
        cloudDir: path.join(runDir, "cloud"),
        storageDir: path.join(runDir, "workspace"),
      });
      await use(server);
      await server.close();
      fs.rmSync(runDir, { recursive: true, force: true });
    },
    { scope: "worker" },
  ],

  baseURL: async ({ sandboxServer }, use) => use(sandboxServer.url),

  expectedConsoleErrors: [[], { option: true }],

  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      const allowed = [...expectedConsoleErrors];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
      });
      await use({
        allow: (pattern) => allowed.push(pattern),
        get errors() {
          return [...errors];
        },
      });
      const matches = (error: string) =>
        allowed.some((pattern) =>
          typeof pattern === "string" ? error.includes(pattern) : pattern.test(error),
        );
      expect(
        errors.filter((error) => !matches(error)),
        "unexpected page or console errors",
      ).toEqual([]);
    },
    { auto: true },
  ],

  sandbox: [
    async ({ page, sandboxServer }, use) => {
      const { url } = sandboxServer;
      await control(url, "/__sandbox/reset", {});
      await use({
        url,
        cloudDir: sandboxServer.cloudDir,
        storageDir: sandboxServer.storageDir,
        state: () => control<SandboxState>(url, "/__sandbox/state"),
        setState: (patch) => control<SandboxState>(url, "/__sandbox/state", patch),
        fault: (kind, route) =>
          control<SandboxState>(
            url,
            "/__sandbox/fault",
            route === undefined ? { kind } : { kind, route },
          ),
        reset: () => control<SandboxState>(url, "/__sandbox/reset", {}),
        gotoHost: async ({ lang, mobile, theme, noreload = true } = {}) => {
          const query = new URLSearchParams();
          if (lang) query.set("lang", lang);
          if (mobile) query.set("mobile", "1");
          if (theme) query.set("theme", theme);
          if (noreload) query.set("noreload", "1");
          if (mobile) await page.setViewportSize({ width: 400, height: 860 });
          await page.goto(`/?${query}`);
          // The body has no height of its own, so wait for the attribute, not visibility.
          await page.locator("body[data-loaded]").waitFor({ state: "attached" });
        },
      });
    },
    { auto: true },
  ],
});

export { expect };
