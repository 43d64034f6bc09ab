import { describe, expect, it } from "vitest";
import {
  classifyResponse,
  oneLineReply,
  prettyReply,
  kernelErrorReason,
  type KernelErrorReason,
  type Outcome,
} from "../../src/core/response";

/** `createCloudSyncDir` promises `data: null` on success. */
const readNull = (data: unknown) => (data === null ? null : undefined);
const classify = (status: number, text: string) => classifyResponse({ status, text }, readNull);

const closeTimeout = { closeTimeout: 5000 };
const kernelBody = (code: number, msg: string, data: unknown = closeTimeout) =>
  JSON.stringify({ code, msg, data });
/** `CheckReadonly`'s `util.Result` body (docs/siyuan-sync-api.md §2). */
const readonlyResultBody = JSON.stringify({
  cmd: "",
  reqId: 0,
  app: "",
  sid: "",
  pushMode: 0,
  callback: "",
  code: -1,
  msg: "This operation is not supported in read-only mode",
  data: closeTimeout,
});

describe("classifyResponse: HTTP status first (docs/siyuan-sync-api.md §2, §3)", () => {
  it.each<[string, number, string, Outcome<null>]>([
    [
      "401 with the kernel's JSON keeps the message",
      401,
      '{"code":-1,"msg":"Auth failed [header: Authorization]"}',
      { kind: "unauthorized", msg: "Auth failed [header: Authorization]" },
    ],
    [
      "401 for a remote request without a lock-screen password keeps both languages",
      401,
      JSON.stringify({
        code: -1,
        msg: "Auth failed: for security reasons, please set [Lock screen password] when using non-127.0.0.1 access\n\n为安全起见，使用非 127.0.0.1 访问时请设置 [锁屏密码]",
      }),
      {
        kind: "unauthorized",
        msg: "Auth failed: for security reasons, please set [Lock screen password] when using non-127.0.0.1 access\n\n为安全起见，使用非 127.0.0.1 访问时请设置 [锁屏密码]",
      },
    ],
    [
      "401 with a non-JSON body has an empty message",
      401,
      "Unauthorized",
      { kind: "unauthorized", msg: "" },
    ],
    ["403 from CheckAdminRole has an empty body", 403, "", { kind: "forbidden" }],
    ["404 with a text body", 404, "404 page not found", { kind: "notFound" }],
    ["400 from kernels up to 3.6.3", 400, "", { kind: "badRequest" }],
    [
      "400 with the old JSON message",
      400,
      kernelBody(-1, "parses request failed"),
      { kind: "badRequest" },
    ],
    ["500 with a text body", 500, "Internal Server Error", { kind: "serverError", status: 500 }],
    [
      "502 from a proxy",
      502,
      "<html><body>Bad Gateway</body></html>",
      { kind: "serverError", status: 502 },
    ],
    ["503", 503, "", { kind: "serverError", status: 503 }],
    ["302 (a redirect that was not followed)", 302, "", { kind: "httpError", status: 302 }],
    ["418", 418, "I'm a teapot", { kind: "httpError", status: 418 }],
    [
      "405 with a kernel envelope is still an HTTP error",
      405,
      kernelBody(0, "", null),
      { kind: "httpError", status: 405 },
    ],
  ])("%s", (_label, status, text, expected) => {
    expect(classify(status, text)).toEqual(expected);
  });
});

describe("classifyResponse: 2xx bodies", () => {
  it.each<[string, number, string, Outcome<null>]>([
    [
      "200 HTML is not JSON",
      200,
      "<!DOCTYPE html><html><body>login</body></html>",
      { kind: "notJson", status: 200 },
    ],
    ["200 empty body is not JSON", 200, "", { kind: "notJson", status: 200 }],
    ["204 empty body is not JSON", 204, "", { kind: "notJson", status: 204 }],
    ["200 JSON array is not an envelope", 200, "[1,2]", { kind: "unexpectedData" }],
    ["200 JSON null is not an envelope", 200, "null", { kind: "unexpectedData" }],
    ["200 JSON string is not an envelope", 200, '"ok"', { kind: "unexpectedData" }],
    ["200 object without code", 200, '{"msg":"","data":null}', { kind: "unexpectedData" }],
    [
      "200 object with a string code",
      200,
      '{"code":"0","msg":"","data":null}',
      { kind: "unexpectedData" },
    ],
    ["200 object without msg", 200, '{"code":0,"data":null}', { kind: "unexpectedData" }],
    [
      "code 0 with the promised data",
      200,
      '{"code":0,"msg":"","data":null}',
      { kind: "ok", data: null },
    ],
    ["code 0 without a data key", 200, '{"code":0,"msg":""}', { kind: "unexpectedData" }],
    [
      "code 0 with the wrong data shape",
      200,
      '{"code":0,"msg":"","data":{"x":1}}',
      { kind: "unexpectedData" },
    ],
  ])("%s", (_label, status, text, expected) => {
    expect(classify(status, text)).toEqual(expected);
  });

  it("passes the envelope's data to the route's reader and returns what it reads", () => {
    const seen: unknown[] = [];
    const outcome = classifyResponse(
      { status: 200, text: '{"code":0,"msg":"","data":"main"}' },
      (data) => {
        seen.push(data);
        return typeof data === "string" ? data.toUpperCase() : undefined;
      },
    );
    expect(seen).toEqual(["main"]);
    expect(outcome).toEqual({ kind: "ok", data: "MAIN" });
  });
});

/** The kernel's messages, in English and Chinese (docs/siyuan-sync-api.md §3, §4, §6). */
const KNOWN_MESSAGES: readonly [KernelErrorReason, string][] = [
  ["readonly", "This operation is not supported in read-only mode"],
  ["readonly", "只读模式下不支持该操作"],
  [
    "unsupportedProvider",
    "This operation is not supported, please go to the cloud storage provider management console to operate",
  ],
  ["unsupportedProvider", "不支持该操作，请到云端存储提供商管理控制台进行操作"],
  [
    "invalidName",
    "The cloud sync directory name (Bucket) cannot be empty, contain spaces or special symbols, and has a maximum length of 63 characters",
  ],
  ["invalidName", "云端同步目录名（Bucket）不能为空、包含空格或特殊符号，最大长度 63 字符"],
  ["missingName", "Field [name] is required"],
  ["missingName", "Field [name] should be of type [String]"],
  ["missingName", "Field [name] must not be empty"],
  [
    "unparsableRequest",
    "Parses request [/api/sync/createCloudSyncDir] failed: the request body is empty or truncated (EOF)",
  ],
  [
    "unparsableRequest",
    "Parses request [/api/sync/createCloudSyncDir] failed: invalid character 'a' looking for beginning of value",
  ],
  ["unparsableRequest", "parses request failed"],
  ["cloudAuth", "Account authentication failed, please login again (Provider: SiYuan)"],
  ["cloudAuth", "账号鉴权失败，请重新登录账号 (Provider: SiYuan)"],
  [
    "cloudLocked",
    "Failed to lock the cloud sync directory, please try again later (Provider: SiYuan)",
  ],
  ["cloudLocked", "锁定云端同步目录失败，请稍后再试 (Provider: Local File System)"],
  [
    "cloudLocked",
    "Cloud sync directory is still locked by other devices, please try again later (Provider: SiYuan)",
  ],
  ["cloudLocked", "云端同步目录还在被其他设备锁定，请稍后再试 (Provider: SiYuan)"],
  ["other", "create cloud repo failed [500] (Provider: SiYuan)"],
  ["other", "mkdir /mnt/sync/notes: permission denied (Provider: Local File System)"],
];

describe("classifyResponse: code -1 keeps the message and names the reason", () => {
  it.each(KNOWN_MESSAGES)("%s: %s", (reason, msg) => {
    expect(classify(200, kernelBody(-1, msg))).toEqual({
      kind: "kernelError",
      code: -1,
      msg,
      reason,
    });
  });

  it("reads CheckReadonly's util.Result body as readonly", () => {
    expect(classify(200, readonlyResultBody)).toMatchObject({
      kind: "kernelError",
      reason: "readonly",
    });
  });

  it("reads the missing-name answer whose data is null", () => {
    expect(classify(200, kernelBody(-1, "Field [name] is required", null))).toMatchObject({
      kind: "kernelError",
      reason: "missingName",
    });
  });

  it("keeps HTML in the message as it came", () => {
    const msg = '<img src=x onerror="alert(1)"> refused';
    expect(classify(200, kernelBody(-1, msg))).toEqual({
      kind: "kernelError",
      code: -1,
      msg,
      reason: "other",
    });
  });
});

describe("kernelErrorReason: listCloudSyncDir's positive code 1 (docs/siyuan-sync-api.md §4)", () => {
  it.each<[number, string, KernelErrorReason]>([
    [1, "open /mnt/sync: no such file or directory (Provider: Local File System)", "listFailed"],
    [1, "", "listFailed"],
    // A known message still names its own reason.
    [1, "Account authentication failed, please login again (Provider: SiYuan)", "cloudAuth"],
    [-1, "open /mnt/sync: no such file or directory", "other"],
    [2, "something", "other"],
  ])("code %i %j is %s", (code, msg, reason) => {
    expect(kernelErrorReason(code, msg)).toBe(reason);
  });

  it("classifies a list failure as a kernel error with code 1", () => {
    expect(classify(200, kernelBody(1, "dial tcp: i/o timeout"))).toEqual({
      kind: "kernelError",
      code: 1,
      msg: "dial tcp: i/o timeout",
      reason: "listFailed",
    });
  });
});

describe("oneLineReply and prettyReply: SiYuan's reply shown short and at length", () => {
  it("puts JSON on one line, and indents it at length", () => {
    const text = '{\n  "code": 0,\n  "msg": "",\n  "data": null\n}';
    expect(oneLineReply(text)).toBe('{"code":0,"msg":"","data":null}');
    expect(prettyReply('{"code":0,"msg":"","data":null}')).toBe(text);
  });

  it("keeps anything else as it came, on one line when short", () => {
    expect(oneLineReply("<html>\n  <body>Sign in</body>\r\n</html>")).toBe(
      "<html> <body>Sign in</body> </html>",
    );
    expect(prettyReply("Internal\nServer Error")).toBe("Internal\nServer Error");
  });
});
