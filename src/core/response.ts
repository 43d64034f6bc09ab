import type { TransportResponse } from "./transport";

/** What one request to the kernel came to, for the UI to explain in words. */
export type Outcome<T> =
  | { readonly kind: "ok"; readonly data: T }
  | {
      readonly kind: "kernelError";
      readonly code: number;
      readonly msg: string;
      readonly reason: KernelErrorReason;
    }
  | { readonly kind: "unauthorized"; readonly msg: string }
  | { readonly kind: "forbidden" }
  | { readonly kind: "notFound" }
  | { readonly kind: "badRequest" }
  | { readonly kind: "serverError"; readonly status: number }
  | { readonly kind: "httpError"; readonly status: number }
  | { readonly kind: "notJson"; readonly status: number }
  | { readonly kind: "unexpectedData" }
  /** The reply was over the size cap and was dropped unread (`MAX_REPLY_BYTES`). */
  | { readonly kind: "tooLarge"; readonly limitBytes: number }
  | { readonly kind: "network"; readonly detail: string }
  | { readonly kind: "timeout"; readonly afterMs: number };

export type Failure = Exclude<Outcome<unknown>, { kind: "ok" }>;

/**
 * Which of the kernel's known messages (docs/siyuan-sync-api.md §3, §4, §6) a `code ≠ 0` answer
 * carries.
 */
export type KernelErrorReason =
  | "readonly"
  | "unsupportedProvider"
  | "invalidName"
  | "missingName"
  | "unparsableRequest"
  | "cloudAuth"
  | "cloudLocked"
  | "listFailed"
  | "other";

/** Message starts in English and Chinese, matched on the text because the kernel sends no ids. */
const REASON_PATTERNS: readonly (readonly [KernelErrorReason, RegExp])[] = [
  ["readonly", /^(This operation is not supported in read-only mode|只读模式下不支持该操作)/],
  [
    "unsupportedProvider",
    /^(This operation is not supported, please go to the cloud storage provider|不支持该操作，请到云端存储提供商)/,
  ],
  ["invalidName", /^(The cloud sync directory name \(Bucket\)|云端同步目录名（Bucket）)/],
  ["missingName", /^Field \[name\]/],
  ["unparsableRequest", /^(Parses request|parses request failed)/],
  ["cloudAuth", /^(Account authentication failed|账号鉴权失败)/],
  [
    "cloudLocked",
    /^(Failed to lock the cloud sync directory|Cloud sync directory is still locked|锁定云端同步目录失败|云端同步目录还在被其他设备锁定)/,
  ],
];

export function kernelErrorReason(code: number, msg: string): KernelErrorReason {
  const match = REASON_PATTERNS.find(([, pattern]) => pattern.test(msg));
  if (match) return match[0];
  // `listCloudSyncDir` is the one route that reports failures with a positive code
  // (docs/siyuan-sync-api.md §4).
  return code === 1 ? "listFailed" : "other";
}

interface KernelEnvelope {
  code: number;
  msg: string;
  data: unknown;
}

function parseEnvelope(text: string): KernelEnvelope | "notJson" | "notEnvelope" {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "notJson";
  }
  if (typeof parsed !== "object" || parsed === null) return "notEnvelope";
  const { code, msg, data } = parsed as Record<string, unknown>;
  if (typeof code !== "number" || typeof msg !== "string") return "notEnvelope";
  return { code, msg, data };
}

/**
 * Turns an HTTP answer into an outcome. `readData` checks the `data` of a `code 0` answer and
 * returns `undefined` when it is not what the route promises.
 */
export function classifyResponse<T>(
  response: TransportResponse,
  readData: (data: unknown) => T | undefined,
): Outcome<T> {
  const { status, text } = response;
  const envelope = parseEnvelope(text);
  if (status === 401) {
    return { kind: "unauthorized", msg: typeof envelope === "object" ? envelope.msg : "" };
  }
  if (status === 403) return { kind: "forbidden" };
  if (status === 404) return { kind: "notFound" };
  // Kernels up to 3.6.3 answer an unparsable body with a bare 400 (docs/siyuan-sync-api.md §3).
  if (status === 400) return { kind: "badRequest" };
  if (status >= 500) return { kind: "serverError", status };
  if (status < 200 || status > 299) return { kind: "httpError", status };
  if (envelope === "notJson") return { kind: "notJson", status };
  if (envelope === "notEnvelope") return { kind: "unexpectedData" };
  if (envelope.code !== 0) {
    return {
      kind: "kernelError",
      code: envelope.code,
      msg: envelope.msg,
      reason: kernelErrorReason(envelope.code, envelope.msg),
    };
  }
  const data = readData(envelope.data);
  return data === undefined ? { kind: "unexpectedData" } : { kind: "ok", data };
}

/** A reply body for reading at length: SiYuan's JSON indented, anything else exactly as it came. */
export function prettyReply(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * A reply body on one line, as the online-test widget shows it: SiYuan's JSON compact (it may
 * come indented), anything else with its line breaks turned into spaces.
 */
export function oneLineReply(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
  }
}
