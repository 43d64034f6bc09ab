import { describe, expect, it } from "vitest";
import english from "../../public/i18n/en_US.json";
import { describeNameProblem, describeOutcome } from "../../src/core/describe";
import type { NameProblem } from "../../src/core/dir-name";
import type { KernelErrorReason, Outcome } from "../../src/core/response";
import { translate, type I18n, type Message } from "../../src/i18n";

const en: I18n = english;
const success: Message = {
  key: "outcomeCreated",
  vars: { name: "notes", provider: { key: "providerLocal" } },
};
const UNFILLED = /\{\w+\}/;

function expectFilled(message: Message): string {
  expect(Object.keys(en)).toContain(message.key);
  const text = translate(en, message);
  expect(text).not.toMatch(UNFILLED);
  expect(text.trim()).not.toBe("");
  return text;
}

const kernelError = (reason: KernelErrorReason, code = -1): Outcome<unknown> => ({
  kind: "kernelError",
  code,
  msg: "kernel says <b>no</b>",
  reason,
});

describe("describeOutcome", () => {
  it("uses the given success message for ok", () => {
    const verdict = describeOutcome({ kind: "ok", data: null }, success);
    expect(verdict).toEqual({ tone: "success", message: success });
    expect(expectFilled(verdict.message)).toBe("Created “notes” on Local file system.");
  });

  it.each<[string, Outcome<unknown>, string, readonly string[]]>([
    [
      "unauthorized",
      { kind: "unauthorized", msg: "Auth failed [session]" },
      "outcomeUnauthorized",
      ["401"],
    ],
    ["forbidden", { kind: "forbidden" }, "outcomeForbidden", ["403"]],
    ["notFound", { kind: "notFound" }, "outcomeNotFound", ["404", "3.1.19"]],
    ["badRequest", { kind: "badRequest" }, "outcomeBadRequest", ["400", "3.6.4"]],
    ["serverError", { kind: "serverError", status: 502 }, "outcomeServerError", ["502"]],
    ["httpError", { kind: "httpError", status: 418 }, "outcomeHttpError", ["418"]],
    ["notJson", { kind: "notJson", status: 200 }, "outcomeNotJson", ["200"]],
    ["unexpectedData", { kind: "unexpectedData" }, "outcomeUnexpectedData", []],
    [
      "network",
      { kind: "network", detail: "Failed to fetch" },
      "outcomeNetwork",
      ["Failed to fetch"],
    ],
    ["timeout", { kind: "timeout", afterMs: 60_000 }, "outcomeTimeout", ["60 s"]],
    ["timeout rounds to seconds", { kind: "timeout", afterMs: 1_499 }, "outcomeTimeout", ["1 s"]],
    ["readonly", kernelError("readonly"), "outcomeReadonly", ["read-only"]],
    ["unsupportedProvider", kernelError("unsupportedProvider"), "outcomeUnsupportedProvider", []],
    ["invalidName", kernelError("invalidName"), "outcomeInvalidName", ["63"]],
    ["missingName", kernelError("missingName"), "outcomeMissingName", ["kernel says <b>no</b>"]],
    [
      "unparsableRequest",
      kernelError("unparsableRequest"),
      "outcomeUnparsable",
      ["kernel says <b>no</b>"],
    ],
    ["cloudAuth", kernelError("cloudAuth"), "outcomeCloudAuth", []],
    ["cloudLocked", kernelError("cloudLocked"), "outcomeCloudLocked", []],
    ["listFailed", kernelError("listFailed", 1), "outcomeListFailed", ["kernel says <b>no</b>"]],
    [
      "other kernel error",
      kernelError("other", -1),
      "outcomeKernelError",
      ["-1", "kernel says <b>no</b>"],
    ],
  ])("%s is an error explained by %s", (_label, outcome, key, contains) => {
    const verdict = describeOutcome(outcome, success);
    expect(verdict.tone).toBe("error");
    expect(verdict.message.key).toBe(key);
    const text = expectFilled(verdict.message);
    for (const part of contains) expect(text).toContain(part);
  });
});

describe("describeNameProblem", () => {
  it.each<[NameProblem, string, readonly string[]]>([
    [{ kind: "empty" }, "problemEmpty", []],
    [{ kind: "tooLong", bytes: 66 }, "problemTooLong", ["66", "63"]],
    [{ kind: "path", separator: "/" }, "problemPath", ["“/”"]],
    [{ kind: "path", separator: "\\" }, "problemPath", ["“\\”"]],
    [{ kind: "forbidden", character: "?" }, "problemForbidden", ["“?”"]],
    [{ kind: "space", fromNbsp: false }, "problemSpace", []],
    [{ kind: "space", fromNbsp: true }, "problemNbsp", ["no-break space"]],
    [{ kind: "control", codePoint: 0x1f }, "problemControl", ["U+001F"]],
    [{ kind: "control", codePoint: 0x7f }, "problemControl", ["U+007F"]],
  ])("%j is explained by %s", (problem, key, contains) => {
    const message = describeNameProblem(problem);
    expect(message.key).toBe(key);
    const text = expectFilled(message);
    for (const part of contains) expect(text).toContain(part);
  });
});
