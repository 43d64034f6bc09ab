import type { Message } from "../i18n";
import type { NameProblem } from "./dir-name";
import { MAX_NAME_BYTES } from "./dir-name";
import type { KernelErrorReason, Outcome } from "./response";

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

/** Explains an outcome in words; `success` is what to say when the kernel answered code 0. */
export function describeOutcome(outcome: Outcome<unknown>, success: Message): Verdict {
  const error = (key: Message["key"], vars?: Message["vars"]): Verdict => ({
    tone: "error",
    message: { key, vars },
  });
  switch (outcome.kind) {
    case "ok":
      return { tone: "success", message: success };
    case "kernelError":
      return error(REASON_KEYS[outcome.reason], { code: outcome.code, msg: outcome.msg });
    case "unauthorized":
      return error("outcomeUnauthorized");
    case "forbidden":
      return error("outcomeForbidden");
    case "notFound":
      return error("outcomeNotFound");
    case "badRequest":
      return error("outcomeBadRequest");
    case "serverError":
      return error("outcomeServerError", { status: outcome.status });
    case "httpError":
      return error("outcomeHttpError", { status: outcome.status });
    case "notJson":
      return error("outcomeNotJson", { status: outcome.status });
    case "unexpectedData":
      return error("outcomeUnexpectedData");
    case "network":
      return error("outcomeNetwork", { detail: outcome.detail });
    case "timeout":
      return error("outcomeTimeout", { seconds: Math.round(outcome.afterMs / 1000) });
  }
}

/** Explains why a typed name cannot be sent. */
export function describeNameProblem(problem: NameProblem): Message {
  switch (problem.kind) {
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
        vars: { codePoint: problem.codePoint.toString(16).toUpperCase().padStart(4, "0") },
      };
  }
}
