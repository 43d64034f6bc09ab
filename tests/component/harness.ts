/**
 * Renders the real panel (CloudSyncPanel over a real PanelModel and the real kernel client, with
 * the language, token reader and history it provides as context) against a hand-written kernel
 * double that speaks HTTP through the client's `Transport`.
 */
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, expect } from "vitest";
import english from "../../public/i18n/en_US.json";
import { createKernelClient } from "../../src/core/kernel-client";
import { recordExchanges } from "../../src/core/recording-client";
import type { KnownEnvironment, Surface } from "../../src/core/host";
import type { ProviderId } from "../../src/core/providers";
import type { Transport, TransportResponse } from "../../src/core/transport";
import type { I18n } from "../../src/i18n";
import CloudSyncPanel from "../../src/ui/CloudSyncPanel.svelte";
import { PanelModel } from "../../src/ui/panel-model.svelte";
import { RequestHistory } from "../../src/ui/request-history.svelte";
import { TechnicalOpenMemory } from "../../src/ui/technical-open.svelte";

export const CREATE = "/api/sync/createCloudSyncDir";
export const LIST = "/api/sync/listCloudSyncDir";
export const USE = "/api/sync/setCloudSyncDir";
export const REMOVE = "/api/sync/removeCloudSyncDir";
export const GET_CONF = "/api/system/getConf";
export const VERSION = "/api/system/version";
export const SET_PROVIDER = "/api/sync/setSyncProvider";

export interface SentRequest {
  readonly endpoint: string;
  readonly body: unknown;
}

/**
 * One `syncDirs` item as the kernel sends it (docs/siyuan-sync-api.md §4); omitted fields get
 * defaults.
 */
export interface ListedDir {
  cloudName: string;
  size?: number;
  hSize?: string;
  updated?: string;
}

export interface KernelState {
  provider: ProviderId;
  cloudName: string;
  readonly: boolean;
  isPublish: boolean;
  /**
   * The directories the kernel lists. `null` (the default) lists only the current one. With a
   * list, create adds to it, set switches to any name (the kernel does not check existence) and
   * remove deletes from it, resetting the current one to "main" as the kernel does (§4).
   */
  dirs: ListedDir[] | null;
  /** The API token the admin's getConf answer carries in `conf.api.token` (§8). */
  token: string;
  /** `conf.sync.local.endpoint`: the Local provider's folder. */
  localEndpoint: string;
  /** What `/api/system/version` answers. */
  version: string;
  /** `conf.sync.webdav` as an admin's getConf carries it, password included (§15); an endpoint by
   * default, so WebDAV can be switched to. */
  webdav: Record<string, unknown>;
  /** `conf.sync.s3`'s endpoint and bucket; empty by default, so S3 is not set up. */
  s3: { endpoint: string; bucket: string };
}

/** The token in the fake getConf answer; it must never reach the DOM or the history. */
export const KERNEL_TOKEN = "kernel-secret-token-6f1d";

const nameOf = (body: unknown): string =>
  typeof body === "object" && body !== null && "name" in body ? String(body.name) : "";

export type Responder = (body: unknown, signal: AbortSignal) => Promise<TransportResponse>;

/** A kernel that never answers, until the client gives up and aborts. */
export const unanswered: Responder = (_body, signal) =>
  new Promise((_resolve, reject) => {
    signal.addEventListener("abort", () => reject(new Error("aborted")));
  });
export const json = (status: number, value: unknown): Promise<TransportResponse> =>
  Promise.resolve({ status, text: JSON.stringify(value) });
export const kernelOk = (data: unknown = null) => json(200, { code: 0, msg: "", data });
export const kernelFails = (msg: string, code = -1) =>
  json(200, { code, msg, data: { closeTimeout: 5000 } });

/** A kernel that answers getConf, list, set and remove from `state`, and create with `create`. */
export function fakeKernel(state: Partial<KernelState> = {}, create?: Responder) {
  const kernel: KernelState = {
    provider: 4,
    cloudName: "main",
    readonly: false,
    isPublish: false,
    dirs: null,
    token: KERNEL_TOKEN,
    localEndpoint: "/mnt/sync",
    version: "3.7.3",
    webdav: { endpoint: "https://dav.example/remote.php/dav/", username: "u", password: "p" },
    s3: { endpoint: "", bucket: "" },
    ...state,
  };
  const sent: SentRequest[] = [];
  const routes: Record<string, Responder> = {
    [VERSION]: () => kernelOk(kernel.version),
    "/api/system/getConf": () =>
      kernelOk({
        conf: {
          sync: {
            provider: kernel.provider,
            cloudName: kernel.cloudName,
            enabled: true,
            s3: kernel.s3,
            webdav: kernel.webdav,
            local: { endpoint: kernel.localEndpoint },
          },
          readonly: kernel.readonly,
          api: { token: kernel.token },
        },
        start: true,
        isPublish: kernel.isPublish,
      }),
    [LIST]: () =>
      kernelOk({
        syncDirs: (kernel.dirs ?? [{ cloudName: kernel.cloudName }]).map((dir) => ({
          size: 0,
          hSize: "-",
          updated: "2026-07-01 10:00:00",
          ...dir,
        })),
        hSize: "-",
        checkedSyncDir: kernel.cloudName,
      }),
    [CREATE]:
      create ??
      ((body) => {
        const name = nameOf(body);
        if (kernel.dirs && !kernel.dirs.some((dir) => dir.cloudName === name)) {
          kernel.dirs = [...kernel.dirs, { cloudName: name }].sort((a, b) =>
            a.cloudName < b.cloudName ? -1 : 1,
          );
        }
        return kernelOk();
      }),
    [USE]: (body) => {
      kernel.cloudName = nameOf(body);
      return kernelOk(null);
    },
    [SET_PROVIDER]: (body) => {
      kernel.provider = (body as { provider: ProviderId }).provider;
      return kernelOk(null);
    },
    [REMOVE]: (body) => {
      const name = nameOf(body);
      if (kernel.dirs) kernel.dirs = kernel.dirs.filter((dir) => dir.cloudName !== name);
      if (kernel.cloudName === name) kernel.cloudName = "main";
      return kernelOk(kernel.cloudName);
    },
  };
  const transport: Transport = {
    post(endpoint, body, signal) {
      sent.push({ endpoint, body });
      const route = routes[endpoint] ?? (() => kernelOk());
      return route(body, signal);
    },
  };
  return {
    kernel,
    transport,
    sent,
    routes,
    /** The create requests that reached the kernel. */
    creates: () => sent.filter((request) => request.endpoint === CREATE).map(({ body }) => body),
    /** The bodies of the requests that reached one route, oldest first. */
    sentTo: (endpoint: string) =>
      sent.filter((request) => request.endpoint === endpoint).map(({ body }) => body),
  };
}

export interface RenderOptions {
  readonly transport: Transport;
  readonly environment?: Partial<KnownEnvironment>;
  readonly t?: I18n;
  readonly surface?: Surface;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  /** The session history; by default a new, closed one. Shared to model a second panel. */
  readonly history?: RequestHistory;
  readonly readToken?: () => string | undefined;
  readonly onHistoryToggle?: (open: boolean) => void;
  /** The "Request and response" section's memory; by default a new one. Shared to model a second panel. */
  readonly technicalOpen?: TechnicalOpenMemory;
}

const models = new Set<PanelModel>();

afterEach(() => {
  for (const model of models) model.dispose();
  models.clear();
});

export function renderPanel(options: RenderOptions) {
  const history = options.history ?? new RequestHistory(false);
  // Wired as src/ui/mount.ts's PanelSession wires it: every sync exchange goes to the history.
  const client = recordExchanges(
    createKernelClient(options.transport, { timeoutMs: options.timeoutMs, now: options.now }),
    (exchange) => history.record(exchange),
  );
  const model = new PanelModel({
    client,
    environment: {
      provider: 4,
      cloudName: "main",
      readonly: false,
      isPublish: false,
      cloudSubscriber: false,
      ...options.environment,
    },
  });
  models.add(model);
  const result = render(CloudSyncPanel, {
    props: {
      model,
      surface: options.surface ?? "dock",
      t: options.t ?? english,
      readToken: options.readToken ?? (() => undefined),
      history,
      onHistoryToggle: options.onHistoryToggle ?? (() => undefined),
      technicalOpen: options.technicalOpen ?? new TechnicalOpenMemory(),
    },
  });
  const opened = model.open();
  return { ...result, model, history, opened };
}

/**
 * Renders the panel over a fake kernel in `state`, started on the kernel's provider and directory,
 * and waits until it listed. `prepare` changes the kernel's routes before anything is sent.
 */
export async function openPanel(
  state: Partial<KernelState> = {},
  options: Partial<Omit<RenderOptions, "transport">> = {},
  prepare: (kernel: ReturnType<typeof fakeKernel>) => void = () => undefined,
) {
  const kernel = fakeKernel(state);
  prepare(kernel);
  const user = userEvent.setup();
  const rendered = renderPanel({
    transport: kernel.transport,
    environment: { provider: kernel.kernel.provider, cloudName: kernel.kernel.cloudName },
    ...options,
  });
  await rendered.opened;
  return { kernel, user, ...rendered };
}

/** A promise and the functions that settle it from outside. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Holds the next request to `endpoint` until the returned function is called; the kernel answers
 * from its state at release time. Later requests go straight through.
 */
export function holdNextCall(kernel: ReturnType<typeof fakeKernel>, endpoint: string) {
  const gate = deferred<void>();
  const answer = kernel.routes[endpoint] ?? (() => kernelOk());
  let held = false;
  kernel.routes[endpoint] = async (body, signal) => {
    if (!held) {
      held = true;
      await gate.promise;
    }
    return answer(body, signal);
  };
  return () => gate.resolve();
}

/** The "Request and response" section: request preview, the exchange at length, the history. */
export const technical = () => screen.getByTestId("technical");

/** Unfolds the "Request and response" section as a user does, when it is folded (the dock). */
export async function openTechnical(user: { click: (element: Element) => Promise<void> }) {
  const section = technical();
  if (!section.hasAttribute("open")) {
    await user.click(screen.getByText("Request and response", { selector: "summary" }));
  }
  await waitFor(() => expect(section).toHaveAttribute("open"));
}
