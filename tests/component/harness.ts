/**
 * Renders the real panel (PanelRoot over a real PanelModel and the real kernel client) against a
 * hand-written kernel double that speaks HTTP through the client's `Transport`.
 */
import { render } from "@testing-library/svelte";
import { afterEach } from "vitest";
import english from "../../public/i18n/en_US.json";
import { createKernelClient } from "../../src/core/kernel-client";
import type { ProviderId } from "../../src/core/providers";
import type { Transport, TransportResponse } from "../../src/core/transport";
import type { I18n } from "../../src/i18n";
import type { KnownEnvironment, Surface } from "../../src/ui/create-panel.svelte";
import { PanelModel } from "../../src/ui/panel-model.svelte";
import PanelRoot from "../../src/ui/PanelRoot.svelte";
import { RequestHistory } from "../../src/ui/request-history.svelte";

export const CREATE = "/api/sync/createCloudSyncDir";

export interface SentRequest {
  readonly endpoint: string;
  readonly body: unknown;
}

export interface KernelState {
  provider: ProviderId;
  cloudName: string;
  readonly: boolean;
  isPublish: boolean;
}

export type Responder = (body: unknown, signal: AbortSignal) => Promise<TransportResponse>;

export const json = (status: number, value: unknown): Promise<TransportResponse> =>
  Promise.resolve({ status, text: JSON.stringify(value) });
export const kernelOk = (data: unknown = null) => json(200, { code: 0, msg: "", data });
export const kernelFails = (msg: string, code = -1) =>
  json(200, { code, msg, data: { closeTimeout: 5000 } });

/** A kernel that answers getConf and list from `state`, and create with `create`. */
export function fakeKernel(state: Partial<KernelState> = {}, create: Responder = () => kernelOk()) {
  const kernel: KernelState = {
    provider: 4,
    cloudName: "main",
    readonly: false,
    isPublish: false,
    ...state,
  };
  const sent: SentRequest[] = [];
  const routes: Record<string, Responder> = {
    "/api/system/getConf": () =>
      kernelOk({
        conf: {
          sync: {
            provider: kernel.provider,
            cloudName: kernel.cloudName,
            enabled: true,
            s3: {},
            webdav: {},
            local: {},
          },
          readonly: kernel.readonly,
        },
        start: true,
        isPublish: kernel.isPublish,
      }),
    "/api/sync/listCloudSyncDir": () =>
      kernelOk({
        syncDirs: [
          { cloudName: kernel.cloudName, size: 0, hSize: "-", updated: "2026-07-01 10:00:00" },
        ],
        hSize: "-",
        checkedSyncDir: kernel.cloudName,
      }),
    [CREATE]: create,
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
  };
}

export interface RenderOptions {
  readonly transport: Transport;
  readonly environment?: Partial<KnownEnvironment>;
  readonly t?: I18n;
  readonly surface?: Surface;
  readonly rememberedProvider?: ProviderId | null;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

const models = new Set<PanelModel>();

afterEach(() => {
  for (const model of models) model.dispose();
  models.clear();
});

export function renderPanel(options: RenderOptions) {
  const client = createKernelClient(options.transport, {
    timeoutMs: options.timeoutMs,
    now: options.now,
  });
  const model = new PanelModel({
    client,
    environment: {
      provider: 4,
      cloudName: "main",
      readonly: false,
      isPublish: false,
      ...options.environment,
    },
    rememberedProvider: options.rememberedProvider ?? null,
    onProviderChosen: () => undefined,
  });
  models.add(model);
  const history = new RequestHistory(false);
  const result = render(PanelRoot, {
    props: {
      model,
      history,
      readToken: () => undefined,
      onHistoryToggle: () => undefined,
      t: options.t ?? english,
      surface: options.surface ?? "dock",
    },
  });
  const opened = model.open();
  return { ...result, model, opened };
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
