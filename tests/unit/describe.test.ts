import { describe, expect, it } from "vitest";
import english from "../../public/i18n/en_US.json";
import {
  describeLostConnection,
  describeNameProblem,
  describeOutcome,
  describeSwitchTarget,
  MAX_QUOTED_MSG_CHARS,
  shownMsg,
  type Verdict,
} from "../../src/core/describe";
import type { ProviderId } from "../../src/core/providers";
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
  msg: "the cloud says <b>no</b>",
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
      ["Unlock SiYuan"],
    ],
    ["forbidden", { kind: "forbidden" }, "outcomeForbidden", ["administrator"]],
    ["notFound", { kind: "notFound" }, "outcomeNotFound", ["3.1.19"]],
    ["badRequest", { kind: "badRequest" }, "outcomeBadRequest", ["3.6.4"]],
    ["serverError", { kind: "serverError", status: 502 }, "outcomeServerError", ["log"]],
    ["httpError", { kind: "httpError", status: 418 }, "outcomeHttpError", ["proxy"]],
    ["notJson", { kind: "notJson", status: 200 }, "outcomeNotJson", ["proxy"]],
    ["unexpectedData", { kind: "unexpectedData" }, "outcomeUnexpectedData", []],
    [
      "network",
      { kind: "network", detail: "Failed to fetch" },
      "outcomeNetwork",
      ["connection to SiYuan was lost", "Check the list"],
    ],
    ["timeout", { kind: "timeout", afterMs: 60_000 }, "outcomeTimeout", ["60 s"]],
    ["timeout rounds to seconds", { kind: "timeout", afterMs: 1_499 }, "outcomeTimeout", ["1 s"]],
    ["readonly", kernelError("readonly"), "outcomeReadonly", ["read-only"]],
    ["unsupportedProvider", kernelError("unsupportedProvider"), "outcomeUnsupportedProvider", []],
    ["invalidName", kernelError("invalidName"), "outcomeInvalidName", ["63"]],
    ["missingName", kernelError("missingName"), "outcomeMissingName", ["the cloud says no"]],
    [
      "unparsableRequest",
      kernelError("unparsableRequest"),
      "outcomeUnparsable",
      ["the cloud says no"],
    ],
    ["cloudAuth", kernelError("cloudAuth"), "outcomeCloudAuth", []],
    ["cloudLocked", kernelError("cloudLocked"), "outcomeCloudLocked", []],
    ["listFailed", kernelError("listFailed", 1), "outcomeListFailed", ["the cloud says no"]],
    [
      "other kernel error",
      kernelError("other", -1),
      "outcomeKernelError",
      ["SiYuan reported an error: the cloud says no"],
    ],
  ])("%s is an error explained by %s", (_label, outcome, key, contains) => {
    const verdict = describeOutcome(outcome, success);
    expect(verdict.tone).toBe("error");
    expect(verdict.message.key).toBe(key);
    const text = expectFilled(verdict.message);
    for (const part of contains) expect(text).toContain(part);
  });
});

describe("describeOutcome in plain words", () => {
  it.each<[string, Outcome<unknown>, readonly string[]]>([
    ["serverError", { kind: "serverError", status: 502 }, ["502"]],
    ["httpError", { kind: "httpError", status: 418 }, ["418"]],
    ["notJson", { kind: "notJson", status: 200 }, ["200", "JSON"]],
    ["unauthorized", { kind: "unauthorized", msg: "" }, ["401"]],
    ["forbidden", { kind: "forbidden" }, ["403"]],
    ["notFound", { kind: "notFound" }, ["404"]],
    ["badRequest", { kind: "badRequest" }, ["400"]],
    ["network", { kind: "network", detail: "Failed to fetch" }, ["Failed to fetch"]],
    ["kernelError", kernelError("other", -7), ["-7", "code"]],
  ])(
    "%s leaves status codes and raw details to the technical section",
    (_label, outcome, absent) => {
      const text = expectFilled(describeOutcome(outcome, success).message);
      expect(text).not.toMatch(/\bHTTP\b|kernel\b/i);
      for (const part of absent) expect(text).not.toContain(part);
    },
  );

  it("shows SiYuan's HTML message as text", () => {
    const outcome: Outcome<unknown> = {
      kind: "kernelError",
      code: -1,
      msg: 'Auth failed, please <button class="b3-button" onclick="location.reload()">refresh</button> the page &amp; try again',
      reason: "other",
    };
    expect(expectFilled(describeOutcome(outcome, success).message)).toBe(
      "SiYuan reported an error: Auth failed, please refresh the page & try again.",
    );
  });

  it("shortens a huge message to one line", () => {
    const outcome: Outcome<unknown> = {
      kind: "kernelError",
      code: 1,
      msg: `<p>${"x".repeat(1_000_000)}`,
      reason: "listFailed",
    };
    const message = describeOutcome(outcome, success).message;
    const msg = String(message.vars?.msg);
    expect(msg).toHaveLength(MAX_QUOTED_MSG_CHARS + 1);
    expect(msg.endsWith("x…")).toBe(true);
  });
});

describe("shownMsg", () => {
  it("strips markup, decodes entities and collapses whitespace", () => {
    expect(shownMsg("  <b>a</b>\n\t&lt;b&gt;  ")).toBe("a <b>.");
  });

  it("leaves a message within the limit whole", () => {
    const msg = `${"y".repeat(MAX_QUOTED_MSG_CHARS - 1)}!`;
    expect(shownMsg(msg)).toBe(msg);
  });

  it.each<[string, string, string]>([
    ["Latin text", "disk gone", "disk gone."],
    [
      "Chinese text",
      "云端同步目录还在被其他设备锁定，请稍后再试",
      "云端同步目录还在被其他设备锁定，请稍后再试。",
    ],
    ["a full stop", "Done.", "Done."],
    ["a Chinese full stop", "完成。", "完成。"],
    ["a question", "Why?", "Why?"],
    ["nothing", "", ""],
  ])("ends %s as a sentence so the advice after it does not run on", (_case, msg, shown) => {
    expect(shownMsg(msg)).toBe(shown);
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

describe("describeLostConnection: what the list read again shows", () => {
  const after = {
    dirs: [
      { name: "main", hSize: "-", updated: "" },
      { name: "notes", hSize: "-", updated: "" },
    ],
    active: "main",
  };
  const found = (verdict: Verdict) =>
    (verdict.message.vars?.found as { key: string } | undefined)?.key;

  it.each<[string, "listed" | "current", string]>([
    ["notes", "listed", "foundListed"],
    ["gone", "listed", "foundNotListed"],
    ["main", "current", "foundCurrent"],
    ["notes", "current", "foundNotCurrent"],
  ])("%s asked as %s: %s", (name, ask, key) => {
    const verdict = describeLostConnection(name, after, ask);
    expect(verdict.tone).toBe("error");
    expect(verdict.message.key).toBe("lostConnection");
    expect(found(verdict)).toBe(key);
  });

  it("escapes an unusual name", () => {
    const verdict = describeLostConnection("\u202Enotes", after, "listed");
    expect(translate(en, verdict.message)).toBe(
      "The connection was lost. The list was read again: “\\u202Enotes” is not there.",
    );
  });

  it("falls back to the plain lost-connection words when the list could not be read", () => {
    expect(describeLostConnection("notes", null, "listed").message).toEqual({
      key: "outcomeNetwork",
      vars: undefined,
    });
  });
});

describe("describeSwitchTarget: where the next sync goes", () => {
  const conf = {
    s3: { endpoint: "https://s3.example", bucket: "bucket-1" },
    webdav: { endpoint: "https://dav.example/", username: "", password: "", timeout: 0 },
    localEndpoint: "/mnt/sync/",
  };
  it.each<[ProviderId, string]>([
    [0, "The next sync goes to SiYuan's cloud, into the directory “notes”."],
    [
      2,
      "The next sync goes to the S3 bucket “bucket-1” at https://s3.example: on S3 the bucket is the directory.",
    ],
    [
      3,
      "The next sync goes to https://dav.example/, into the directory “notes”; SiYuan creates it there if it is missing.",
    ],
    [4, "The next sync goes to the folder /mnt/sync/notes."],
  ])("provider %i", (target, text) => {
    expect(translate(en, describeSwitchTarget(target, conf, "notes"))).toBe(text);
  });

  it("names main when the directory is not known", () => {
    expect(translate(en, describeSwitchTarget(0, null, ""))).toBe(
      "The next sync goes to SiYuan's cloud, into the directory “main”.",
    );
  });
});
