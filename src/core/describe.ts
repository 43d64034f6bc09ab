import type { Message } from "../i18n";
import { localFolderPath, type DeleteCheck, type SourceChange } from "./dir-list";
import type { CloudDirList, KernelConf } from "./kernel-client";
import { MAX_NAME_BYTES } from "./dir-name";
import { escapeName, formatCodePoint, type ListedNameProblem, type LookAlike } from "./listed-name";
import { plainText, truncate } from "./plain-text";
import { PROVIDER, providerInfo, type ProviderId } from "./providers";
import type { Failure, KernelErrorReason, Outcome } from "./response";
import type { MkcolVerdict } from "./webdav";

export type Tone = "success" | "error";

export interface Verdict {
  readonly tone: Tone;
  readonly message: Message;
}

const REASON_KEYS = {
  readonly: "outcomeReadonly",
  unsupportedProvider: "outcomeUnsupportedProvider",
  invalidName: "outcomeInvalidName",
  missingName: "outcomeMissingName",
  unparsableRequest: "outcomeUnparsable",
  cloudAuth: "outcomeCloudAuth",
  cloudLocked: "outcomeCloudLocked",
  listFailed: "outcomeListFailed",
  other: "outcomeKernelError",
} as const satisfies Record<KernelErrorReason, Message["key"]>;

/**
 * How much of SiYuan's own message a one-line result quotes; the whole reply stays in the request
 * and response section.
 */
export const MAX_QUOTED_MSG_CHARS = 300;

const SENTENCE_END = /[.!?…。！？]$/u;
const ENDS_IN_HAN = /\p{Script=Han}$/u;

/**
 * SiYuan's messages often lack a final full stop ("…请稍后再试"); the advice that follows them in
 * a result would otherwise run on as one sentence.
 */
function asSentence(text: string): string {
  if (text === "" || SENTENCE_END.test(text)) return text;
  return `${text}${ENDS_IN_HAN.test(text) ? "。" : "."}`;
}

/** SiYuan's message as the user reads it: one short sentence of text, not markup. */
export function shownMsg(msg: string): string {
  return asSentence(truncate(plainText(msg), MAX_QUOTED_MSG_CHARS));
}

/**
 * Explains an outcome in words; `success` is what to say when SiYuan answered code 0. Status
 * codes and message numbers stay out: the request and response section shows them.
 */
export function describeOutcome(outcome: Outcome<unknown>, success: Message): Verdict {
  return outcome.kind === "ok" ? { tone: "success", message: success } : describeFailure(outcome);
}

/** Explains why a request did not succeed, for callers that have nothing to say on success. */
export function describeFailure(failure: Failure): Verdict {
  const error = (key: Message["key"], vars?: Message["vars"]): Verdict => ({
    tone: "error",
    message: { key, vars },
  });
  switch (failure.kind) {
    case "kernelError":
      return error(REASON_KEYS[failure.reason], { msg: shownMsg(failure.msg) });
    case "unauthorized":
      return error("outcomeUnauthorized");
    case "forbidden":
      return error("outcomeForbidden");
    case "notFound":
      return error("outcomeNotFound");
    case "badRequest":
      return error("outcomeBadRequest");
    case "serverError":
      return error("outcomeServerError");
    case "httpError":
      return error("outcomeHttpError");
    case "notJson":
      return error("outcomeNotJson");
    case "unexpectedData":
      return error("outcomeUnexpectedData");
    case "tooLarge":
      return error("outcomeTooLarge", { limit: `${failure.limitBytes / 1024 / 1024} MiB` });
    case "network":
      // The browser's own wording ("Failed to fetch") tells a user nothing.
      return error("outcomeNetwork");
    case "timeout":
      return error("outcomeTimeout", { seconds: Math.round(failure.afterMs / 1000) });
  }
}

/** WebDAV answers that need only the name to be explained. */
const MKCOL_KEYS = {
  exists: "webdavExists",
  wrongCredentials: "webdavWrongCredentials",
  forbidden: "webdavForbidden",
  parentMissing: "webdavParentMissing",
  locked: "webdavLocked",
  noSpace: "webdavNoSpace",
  timeout: "webdavTimeout",
} as const satisfies Partial<Record<MkcolVerdict["kind"], Message["key"]>>;

/** Explains what an MKCOL through SiYuan came to (src/core/webdav.ts classifyMkcol). */
export function describeMkcol(verdict: MkcolVerdict, name: string): Verdict {
  const error = (key: Message["key"], vars?: Message["vars"]): Verdict => ({
    tone: "error",
    message: { key, vars },
  });
  switch (verdict.kind) {
    case "created":
      return { tone: "success", message: { key: "webdavCreated", vars: { name } } };
    case "redirect":
      return error("webdavRedirect", {
        location: truncate(plainText(verdict.location ?? "—"), MAX_QUOTED_MSG_CHARS),
      });
    case "otherStatus":
      return error("webdavOtherStatus");
    case "addressRefused":
      return error(verdict.cause === "versionRule" ? "webdavAddressRule" : "webdavSafeMode", {
        ip: verdict.ip,
        liftedIn: verdict.liftedIn,
      });
    case "tls":
      return error("webdavTls", { msg: shownMsg(verdict.msg) });
    case "unreachable":
      return error("webdavUnreachable", { msg: shownMsg(verdict.msg) });
    case "kernelFailure":
      return error("webdavNotSent", { msg: shownMsg(verdict.msg) });
    case "notDelivered":
      return describeFailure(verdict.failure);
    default:
      return error(MKCOL_KEYS[verdict.kind], { name });
  }
}

/** A provider's name for a message, or "—" while the provider is unknown. */
export const providerName = (id: ProviderId | null): Message | string =>
  id === null ? "—" : { key: providerInfo(id).labelKey };

/** Explains why a typed or listed name cannot be sent. */
export function describeNameProblem(problem: ListedNameProblem): Message {
  switch (problem.kind) {
    case "edgeSpace":
      return {
        key: problem.at === "start" ? "problemLeadingSpace" : "problemTrailingSpace",
        vars: { codePoint: formatCodePoint(problem.codePoint) },
      };
    case "unreadable":
      return { key: "problemUnreadable", vars: { codePoint: formatCodePoint(problem.codePoint) } };
    case "duplicate":
      return { key: "problemDuplicate" };
    case "empty":
      return { key: "problemEmpty" };
    case "tooLong":
      return { key: "problemTooLong", vars: { bytes: problem.bytes, max: MAX_NAME_BYTES } };
    case "path":
      return { key: "problemPath", vars: { separator: problem.separator } };
    case "forbidden":
      return { key: "problemForbidden", vars: { character: problem.character } };
    case "space":
      return { key: problem.fromNbsp ? "problemNbsp" : "problemSpace" };
    case "control":
      return {
        key: "problemControl",
        vars: { codePoint: formatCodePoint(problem.codePoint) },
      };
  }
}

const codePointList = (codePoints: readonly number[]): string =>
  codePoints.map(formatCodePoint).join(" ");

/** The warning on a name that could pass for another one, one sentence per reason. */
export function describeLookAlike(warning: LookAlike): Message[] {
  const messages: Message[] = [];
  if (warning.notNfc) messages.push({ key: "lookAlikeNotNfc" });
  if (warning.formatCodePoints.length > 0) {
    messages.push({
      key: "lookAlikeFormat",
      vars: { codePoints: codePointList(warning.formatCodePoints) },
    });
  }
  if (warning.scripts) {
    messages.push({ key: "lookAlikeScripts", vars: { scripts: warning.scripts.join(" + ") } });
  }
  messages.push({
    key: "lookAlikeCodePoints",
    vars: { codePoints: codePointList(warning.codePoints) },
  });
  return messages;
}

/** Why nothing was sent: the list was read from somewhere else than where the kernel acts now. */
export function describeSourceChange(change: SourceChange): Message {
  switch (change.kind) {
    case "unknown":
      return { key: "sourceUnknown" };
    case "provider":
      return {
        key: "sourceProviderChanged",
        vars: { from: providerName(change.from), to: providerName(change.to) },
      };
    case "localEndpoint":
      return {
        key: "sourceLocalChanged",
        vars: { from: change.from ?? "—", to: change.to ?? "—" },
      };
  }
}

const nameList = (names: readonly string[]): string =>
  names.map((name) => `“${escapeName(name)}”`).join(", ");

/** Every way the list after a delete differs from what was expected, prominently shown. */
export function describeDeleteCheck(check: DeleteCheck, name: string): Message[] {
  const messages: Message[] = [];
  if (check.alsoGone.length > 0) {
    messages.push({
      key: "deleteAlsoGone",
      vars: { name: escapeName(name), names: nameList(check.alsoGone) },
    });
  }
  if (check.appeared.length > 0) {
    messages.push({ key: "deleteAppeared", vars: { names: nameList(check.appeared) } });
  }
  return messages;
}

/**
 * A request whose connection was lost may or may not have taken effect, so the list is read again
 * and this says what it shows about `name`: whether it is listed (after a create or a delete), or
 * whether it is the current directory (after a use). `after` is `null` when that read failed too.
 */
export function describeLostConnection(
  name: string,
  after: CloudDirList | null,
  ask: "listed" | "current",
): Verdict {
  if (after === null) return describeFailure({ kind: "network", detail: "" });
  const vars = { name: escapeName(name) };
  const found: Message =
    ask === "current"
      ? { key: after.active === name ? "foundCurrent" : "foundNotCurrent", vars }
      : {
          key: after.dirs.some((dir) => dir.name === name) ? "foundListed" : "foundNotListed",
          vars,
        };
  return { tone: "error", message: { key: "lostConnection", vars: { found } } };
}

/**
 * Where the next sync goes once SiYuan syncs with `target`, from the settings it holds for it:
 * the directory keeps its name (`setSyncProvider` changes nothing else, docs/siyuan-sync-api.md
 * §16), except on S3, where the bucket is the directory (§11).
 */
export function describeSwitchTarget(
  target: ProviderId,
  conf: Pick<KernelConf, "s3" | "webdav" | "localEndpoint"> | null,
  cloudName: string,
): Message {
  const name = escapeName(cloudName === "" ? "main" : cloudName);
  switch (target) {
    case PROVIDER.siyuan:
      return { key: "switchWhereSiyuan", vars: { name } };
    case PROVIDER.s3:
      return {
        key: "switchWhereS3",
        vars: { bucket: conf?.s3?.bucket ?? "", endpoint: conf?.s3?.endpoint ?? "" },
      };
    case PROVIDER.webdav:
      return { key: "switchWhereWebdav", vars: { endpoint: conf?.webdav?.endpoint ?? "", name } };
    case PROVIDER.local:
      return {
        key: "switchWhereLocal",
        vars: { path: localFolderPath(conf?.localEndpoint ?? "", name) },
      };
  }
}
