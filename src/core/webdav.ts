/**
 * Creating a WebDAV cloud sync directory through the kernel. SiYuan refuses `createCloudSyncDir`
 * for WebDAV, yet a directory there is only the collection `<endpoint>/<name>/` (dejavu
 * cloud/webdav.go keeps everything under `<name>/siyuan/repo/`, and lists every entry under the
 * endpoint). So the plugin asks the kernel's `/api/network/forwardProxy` (kernel/api/network.go)
 * to send MKCOL there with the credentials of `conf.sync.webdav`.
 *
 * The password travels only in the body that is sent. What is shown, recorded and copied is a
 * copy whose Authorization value is masked, and the kernel's answer is searched for the secrets
 * before anyone keeps it.
 */
import {
  ADDRESS_RULE_LIFTED_IN,
  compareVersions,
  proxyFailureCodes,
  type KernelVersion,
} from "./kernel-version";
import type { Failure, Outcome } from "./response";

/** `conf.sync.webdav` as `getConf` gives it to an administrator (kernel/conf/sync.go). */
export interface WebdavConf {
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
  /** Seconds, like every provider timeout in SiYuan's conf. */
  readonly timeout: number;
}

export const FORWARD_PROXY_ENDPOINT = "/api/network/forwardProxy";
/** What the history and the response area show in place of the Basic credentials. */
export const SHOWN_AUTHORIZATION = "Basic ********";
/** What a copied snippet carries in place of them. */
export const SNIPPET_AUTHORIZATION = "Basic BASE64_OF_USERNAME:PASSWORD";
/** A password this short is not searched for in replies: it would mask ordinary text. */
const MIN_REDACTED_SECRET_LENGTH = 4;
export const REDACTED = "********";

/** The body of `POST /api/network/forwardProxy` for one MKCOL. */
export interface ForwardProxyBody {
  readonly url: string;
  readonly method: "MKCOL";
  /** Milliseconds. */
  readonly timeout: number;
  readonly headers: readonly { readonly Authorization: string }[];
  /** A redirect is reported, not followed as a GET (read from v3.7.0 on). */
  readonly redirect: false;
}

export interface MkcolRequest {
  /** Sent to the kernel, and nowhere else. */
  readonly body: ForwardProxyBody;
  /** The same request with `Authorization: Basic ********`, for display and history. */
  readonly shown: ForwardProxyBody;
  /** The same request with a placeholder, for copied snippets. */
  readonly snippet: ForwardProxyBody;
  /** Strings that must never reach display or storage: the password and the Basic value. */
  readonly secrets: readonly string[];
  /** The collection's URL, for the words around the answer. */
  readonly url: string;
}

export type MkcolPlan =
  | { readonly kind: "ready"; readonly request: MkcolRequest }
  | { readonly kind: "noEndpoint" }
  | { readonly kind: "badEndpoint"; readonly endpoint: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `conf.sync.webdav`; null when the kernel hid it (non-admin) or never had one. */
export function readWebdavConf(webdav: unknown): WebdavConf | null {
  if (!isRecord(webdav)) return null;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    endpoint: text(webdav.endpoint),
    username: text(webdav.username),
    password: text(webdav.password),
    timeout: typeof webdav.timeout === "number" ? webdav.timeout : 0,
  };
}

/** util.NormalizeTimeout (kernel/util): 7–300 seconds, and 60 for a missing value. */
export function normalizeTimeoutSeconds(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 1) return 60;
  return Math.min(300, Math.max(7, Math.trunc(seconds)));
}

/** Base64 of the UTF-8 bytes, as HTTP Basic authentication expects. */
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The collection URL: the endpoint with one trailing slash, then the percent-encoded name and a
 * slash. Credentials written into the endpoint URL are dropped: the Basic header carries them,
 * and a URL is shown everywhere.
 */
function collectionUrl(endpoint: string, name: string): URL | null {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  const base = url.href.endsWith("/") ? url.href : `${url.href}/`;
  return new URL(`${base}${encodeURIComponent(name)}/`);
}

/**
 * Plans MKCOL `<endpoint>/<name>/` for a name that already passed the cloud-dir name rules.
 */
export function planMkcol(conf: WebdavConf, name: string): MkcolPlan {
  if (conf.endpoint.trim() === "") return { kind: "noEndpoint" };
  const url = collectionUrl(conf.endpoint, name);
  if (!url) return { kind: "badEndpoint", endpoint: conf.endpoint };
  const credentials = base64Utf8(`${conf.username}:${conf.password}`);
  const withAuthorization = (authorization: string): ForwardProxyBody => ({
    url: url.href,
    method: "MKCOL",
    timeout: normalizeTimeoutSeconds(conf.timeout) * 1000,
    headers: [{ Authorization: authorization }],
    redirect: false,
  });
  const secrets = [credentials];
  if (conf.password.length >= MIN_REDACTED_SECRET_LENGTH) secrets.push(conf.password);
  return {
    kind: "ready",
    request: {
      body: withAuthorization(`Basic ${credentials}`),
      shown: withAuthorization(SHOWN_AUTHORIZATION),
      snippet: withAuthorization(SNIPPET_AUTHORIZATION),
      secrets,
      url: url.href,
    },
  };
}

/** JSON text may carry a secret escaped: as JSON.stringify writes it, and with Go's \u003c etc. */
function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const go = json.replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return [...new Set([secret, json, go])];
}

/** Replaces every spelling of every secret with `********`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .flatMap(spellings)
    .filter((spelling) => spelling !== "")
    .sort((left, right) => right.length - left.length)
    .reduce((redacted, spelling) => redacted.replaceAll(spelling, REDACTED), text);
}

/** `data` of a forwardProxy reply (kernel/api/network.go). */
export interface ProxyReply {
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly bodyEncoding: string;
  /** Go's http.Header: canonical names, each with its values. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly elapsed: number;
}

export function readProxyReply(data: unknown): ProxyReply | undefined {
  if (!isRecord(data) || typeof data.status !== "number") return undefined;
  const headers: Record<string, string[]> = {};
  if (isRecord(data.headers)) {
    for (const [name, values] of Object.entries(data.headers)) {
      if (Array.isArray(values)) headers[name] = values.filter((v) => typeof v === "string");
    }
  }
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  return {
    url: text(data.url),
    status: data.status,
    contentType: text(data.contentType),
    body: text(data.body),
    bodyEncoding: text(data.bodyEncoding) || "text",
    headers,
    elapsed: typeof data.elapsed === "number" ? data.elapsed : 0,
  };
}

/** Where the kernel's own forwardProxy failure happened (its `code`, kernel/api/network.go). */
export type ProxyFailureStage = "invalidUrl" | "scheme" | "payload" | "send" | "read" | "unknown";

/** What one MKCOL through forwardProxy came to, for the panel to say in words. */
export type MkcolVerdict =
  | { readonly kind: "created" }
  | { readonly kind: "exists" }
  | { readonly kind: "wrongCredentials" }
  | { readonly kind: "forbidden" }
  | { readonly kind: "parentMissing" }
  | { readonly kind: "locked" }
  | { readonly kind: "noSpace" }
  | { readonly kind: "redirect"; readonly status: number; readonly location: string | null }
  | { readonly kind: "otherStatus"; readonly status: number }
  /** SiYuan refused to dial a private or loopback address. */
  | {
      readonly kind: "addressRefused";
      readonly ip: string;
      /** "versionRule" on 3.6.0–3.7.2; "safeMode" on 3.7.3+ started with --safe-mode. */
      readonly cause: "versionRule" | "safeMode";
      readonly liftedIn: string;
    }
  | { readonly kind: "timeout" }
  | { readonly kind: "tls"; readonly msg: string }
  | { readonly kind: "unreachable"; readonly msg: string }
  | {
      readonly kind: "kernelFailure";
      readonly code: number;
      readonly stage: ProxyFailureStage;
      readonly msg: string;
    }
  /** The forwardProxy call itself failed (auth, 403, dropped connection, …): no WebDAV answer. */
  | { readonly kind: "notDelivered"; readonly failure: Failure };

const STATUS_VERDICTS: Readonly<Record<number, MkcolVerdict>> = {
  201: { kind: "created" },
  405: { kind: "exists" },
  401: { kind: "wrongCredentials" },
  403: { kind: "forbidden" },
  409: { kind: "parentMissing" },
  423: { kind: "locked" },
  507: { kind: "noSpace" },
};

function statusVerdict(reply: ProxyReply): MkcolVerdict {
  const known = STATUS_VERDICTS[reply.status];
  if (known) return known;
  if (reply.status >= 300 && reply.status <= 399) {
    const location = Object.entries(reply.headers).find(
      ([name]) => name.toLowerCase() === "location",
    )?.[1][0];
    return { kind: "redirect", status: reply.status, location: location ?? null };
  }
  return { kind: "otherStatus", status: reply.status };
}

const NUMBERED_STAGES: Readonly<Record<number, ProxyFailureStage>> = {
  1: "invalidUrl",
  2: "scheme",
  3: "payload",
  4: "payload",
  5: "payload",
  6: "payload",
  7: "payload",
  8: "send",
  9: "read",
};

/** Before v3.7.0 the codes were -1 (url, scheme, send, read) and -2 (payload): the text tells. */
const NEGATIVE_STAGE_PREFIXES: readonly (readonly [string, ProxyFailureStage])[] = [
  ["invalid [url]", "invalidUrl"],
  ["only http/https is allowed", "scheme"],
  ["forward request failed", "send"],
  ["read response body failed", "read"],
];

function failureStage(code: number, msg: string, version: KernelVersion): ProxyFailureStage {
  if (proxyFailureCodes(version) === "numbered") return NUMBERED_STAGES[code] ?? "unknown";
  if (code === -2) return "payload";
  if (code !== -1) return "unknown";
  return NEGATIVE_STAGE_PREFIXES.find(([prefix]) => msg.startsWith(prefix))?.[1] ?? "unknown";
}

const PROHIBITED = /ip address \[([^\]]*)\] is prohibited/;
const TIMED_OUT = /Client\.Timeout|context deadline exceeded|i\/o timeout/;
const TLS_FAILED = /x509:|tls:|certificate/i;
const UNREACHABLE = /connection refused|no such host|network is unreachable|no route to host/;

function transportVerdict(
  code: number,
  stage: ProxyFailureStage,
  msg: string,
  version: KernelVersion,
): MkcolVerdict {
  const prohibited = PROHIBITED.exec(msg);
  if (prohibited) {
    const cause =
      compareVersions(version, ADDRESS_RULE_LIFTED_IN) >= 0 ? "safeMode" : "versionRule";
    return {
      kind: "addressRefused",
      ip: prohibited[1] ?? "",
      cause,
      liftedIn: ADDRESS_RULE_LIFTED_IN,
    };
  }
  if (TIMED_OUT.test(msg)) return { kind: "timeout" };
  if (TLS_FAILED.test(msg)) return { kind: "tls", msg };
  if (UNREACHABLE.test(msg)) return { kind: "unreachable", msg };
  return { kind: "kernelFailure", code, stage, msg };
}

/**
 * Classifies the outcome of the forwardProxy call for an MKCOL. `version` is the kernel's, which
 * decides how its failure codes read.
 */
export function classifyMkcol(outcome: Outcome<ProxyReply>, version: KernelVersion): MkcolVerdict {
  switch (outcome.kind) {
    case "ok":
      return statusVerdict(outcome.data);
    case "timeout":
      return { kind: "timeout" };
    case "kernelError": {
      const stage = failureStage(outcome.code, outcome.msg, version);
      if (stage === "send" || stage === "read") {
        return transportVerdict(outcome.code, stage, outcome.msg, version);
      }
      return { kind: "kernelFailure", code: outcome.code, stage, msg: outcome.msg };
    }
    default:
      return { kind: "notDelivered", failure: outcome };
  }
}

/** The failures after which "Use this name now" is offered: SiYuan could not reach the server. */
export function serverUnreachable(verdict: MkcolVerdict): boolean {
  return ["addressRefused", "timeout", "tls", "unreachable"].includes(verdict.kind);
}
