import { parseKernelVersion } from "./kernel-version";
import { PROVIDER, isProviderId, type ProviderId } from "./providers";
import { EMPTY_BODY, nameBody, type CreateDirBody } from "./request";
import { classifyResponse, type Outcome } from "./response";
import { MAX_REPLY_BYTES, replyTooLarge, type Transport } from "./transport";
import {
  FORWARD_PROXY_ENDPOINT,
  readProxyReply,
  readWebdavConf,
  redactSecrets,
  type MkcolRequest,
  type WebdavConf,
} from "./webdav";

/** The part of `/api/system/getConf` this plugin needs (docs/siyuan-sync-api.md §8). */
export interface KernelConf {
  /**
   * `null` when the kernel hid it: a non-admin's `sync` is emptied to provider 0
   * (docs/siyuan-sync-api.md §8).
   */
  readonly provider: ProviderId | null;
  readonly cloudName: string;
  /** `conf.sync.local.endpoint`: the folder the Local provider keeps directories in (`kernel/conf/sync.go`). */
  readonly localEndpoint: string | null;
  readonly readonly: boolean;
  readonly isPublish: boolean;
  /** `conf.sync.webdav`, password included: for building requests only, never for display. */
  readonly webdav: WebdavConf | null;
  /** `conf.sync.s3`'s endpoint and bucket: whether S3 is set up (docs/siyuan-sync-api.md §16). */
  readonly s3: { readonly endpoint: string; readonly bucket: string } | null;
}

/**
 * One row of `listCloudSyncDir` (docs/siyuan-sync-api.md §4): `hSize` is `"-"` for every provider
 * but SiYuan.
 */
export interface CloudDir {
  readonly name: string;
  readonly hSize: string;
  readonly updated: string;
}

export interface CloudDirList {
  readonly dirs: readonly CloudDir[];
  readonly active: string;
}

/** One request and everything that came back: what the response view and the history show. */
export interface KernelExchange<T> {
  readonly endpoint: string;
  /** What was sent, or its masked copy when the request carried secrets. */
  readonly body: unknown;
  /** What a copied snippet sends: the body, or a copy with placeholders for its secrets. */
  readonly snippetBody: unknown;
  /** Wall-clock start, ms since the epoch. */
  readonly startedAt: number;
  readonly durationMs: number;
  /** `null` when no HTTP answer arrived. */
  readonly status: number | null;
  readonly responseText: string | null;
  readonly outcome: Outcome<T>;
}

export interface KernelClientOptions {
  /** A request still unanswered after this long is abandoned. */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/** How much longer than forwardProxy's own timeout the client waits for the kernel's answer. */
const PROXY_TIMEOUT_MARGIN_MS = 5_000;

export const CREATE_ENDPOINT = "/api/sync/createCloudSyncDir";
export const SET_PROVIDER_ENDPOINT = "/api/sync/setSyncProvider";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function readConf(data: unknown): KernelConf | undefined {
  if (!isRecord(data) || !isRecord(data.conf)) return undefined;
  const { sync, readonly } = data.conf;
  if (!isRecord(sync) || !isProviderId(sync.provider)) return undefined;
  // A non-admin gets an emptied `sync` (docs/siyuan-sync-api.md §8): provider 0 and cloudName "",
  // which say nothing.
  const hidden =
    data.isPublish === true || (sync.provider === PROVIDER.siyuan && sync.cloudName === "");
  const local = isRecord(sync.local) ? sync.local : {};
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    provider: hidden ? null : sync.provider,
    cloudName: typeof sync.cloudName === "string" ? sync.cloudName : "",
    localEndpoint: typeof local.endpoint === "string" ? local.endpoint : null,
    readonly: readonly === true,
    isPublish: data.isPublish === true,
    webdav: readWebdavConf(sync.webdav),
    s3: isRecord(sync.s3)
      ? { endpoint: text(sync.s3.endpoint), bucket: text(sync.s3.bucket) }
      : null,
  };
}

function readDir(item: unknown): CloudDir | undefined {
  if (!isRecord(item) || typeof item.cloudName !== "string") return undefined;
  return {
    name: item.cloudName,
    hSize: typeof item.hSize === "string" ? item.hSize : "-",
    updated: typeof item.updated === "string" ? item.updated : "",
  };
}

function readDirList(data: unknown): CloudDirList | undefined {
  if (!isRecord(data) || !Array.isArray(data.syncDirs)) return undefined;
  const dirs = data.syncDirs.map(readDir);
  if (dirs.some((dir) => dir === undefined)) return undefined;
  return {
    dirs: dirs as CloudDir[],
    active: typeof data.checkedSyncDir === "string" ? data.checkedSyncDir : "",
  };
}

const readNull = (data: unknown): null | undefined => (data === null ? null : undefined);
/**
 * `setCloudSyncDir` and `setSyncProvider` promise nothing about `data`; only the code matters
 * (docs/siyuan-sync-api.md §4, §16).
 */
const ignoreData = (): null => null;
const readString = (data: unknown): string | undefined =>
  typeof data === "string" ? data : undefined;
const readVersion = (data: unknown) =>
  typeof data === "string" ? (parseKernelVersion(data) ?? undefined) : undefined;

/** For a request that carries secrets: what to keep instead of the body, what to mask in replies. */
interface SecretHandling {
  readonly shownBody: unknown;
  readonly snippetBody: unknown;
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
}

export type KernelClient = ReturnType<typeof createKernelClient>;

export function createKernelClient(transport: Transport, options: KernelClientOptions = {}) {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => Date.now());

  async function call<T>(
    endpoint: string,
    body: unknown,
    readData: (data: unknown) => T | undefined,
    secret?: SecretHandling,
  ): Promise<KernelExchange<T>> {
    const startedAt = now();
    const controller = new AbortController();
    const waitMs = secret?.timeoutMs ?? timeoutMs;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, waitMs);
    const finish = (
      status: number | null,
      responseText: string | null,
      outcome: Outcome<T>,
    ): KernelExchange<T> => ({
      endpoint,
      body: secret ? secret.shownBody : body,
      snippetBody: secret ? secret.snippetBody : body,
      startedAt,
      durationMs: Math.max(0, now() - startedAt),
      status,
      responseText,
      outcome,
    });
    try {
      const received = await transport.post(endpoint, body, controller.signal);
      // Refused unread and not kept: a huge reply would sit in the history and the response view.
      if (replyTooLarge(received)) {
        return finish(received.status, null, { kind: "tooLarge", limitBytes: MAX_REPLY_BYTES });
      }
      // A hostile or echoing server must not get the secrets into what is shown or kept.
      const response = secret
        ? { ...received, text: redactSecrets(received.text, secret.secrets) }
        : received;
      return finish(response.status, response.text, classifyResponse(response, readData));
    } catch (error) {
      if (timedOut) return finish(null, null, { kind: "timeout", afterMs: waitMs });
      const detail = error instanceof Error ? error.message : String(error);
      return finish(null, null, {
        kind: "network",
        detail: secret ? redactSecrets(detail, secret.secrets) : detail,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    getConf: () => call("/api/system/getConf", EMPTY_BODY, readConf),
    /** `/api/system/version`; no authentication, any role (kernel/api/system.go). */
    version: () => call("/api/system/version", EMPTY_BODY, readVersion),
    /** Sends `request.body`; the exchange keeps `request.shown` and a redacted reply. */
    forwardProxy: (request: MkcolRequest) =>
      call(FORWARD_PROXY_ENDPOINT, request.body, readProxyReply, {
        shownBody: request.shown,
        snippetBody: request.snippet,
        secrets: request.secrets,
        timeoutMs: Math.max(timeoutMs, request.body.timeout + PROXY_TIMEOUT_MARGIN_MS),
      }),
    createCloudSyncDir: (body: CreateDirBody) => call(CREATE_ENDPOINT, body, readNull),
    listCloudSyncDir: () => call("/api/sync/listCloudSyncDir", EMPTY_BODY, readDirList),
    setCloudSyncDir: (name: string) =>
      call("/api/sync/setCloudSyncDir", nameBody(name), ignoreData),
    /** Stores the provider SiYuan syncs with, and nothing else (docs/siyuan-sync-api.md §16). */
    setSyncProvider: (provider: ProviderId) =>
      call(SET_PROVIDER_ENDPOINT, { provider }, ignoreData),
    /** Answers the directory that is current after the removal (docs/siyuan-sync-api.md §4). */
    removeCloudSyncDir: (name: string) =>
      call("/api/sync/removeCloudSyncDir", nameBody(name), readString),
  };
}
