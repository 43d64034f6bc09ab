/** Sections (§N) in the test names: docs/siyuan-sync-api.md. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE, TEXTS, useDouble } from "./harness";

const CANNOT_UNMARSHAL = (goType: string) =>
  `json: cannot unmarshal ${goType} into Go value of type map[string]interface {}`;
const EOF_DETAIL = "the request body is empty or truncated (EOF)";

describe("§3 body rules of v3.6.4 and later (default version 3.7.3)", () => {
  const kernel = useDouble();

  it.each([
    ["an empty body", "", EOF_DETAIL],
    ["a body of white space", " \n\t", EOF_DETAIL],
    ["truncated JSON", '{"name":"main"', EOF_DETAIL],
    ["invalid JSON", "abc", "invalid character 'a' looking for beginning of value"],
    ["a key without colon", '{"name" "a"}', `invalid character '"' after object key`],
    [
      "a single-quoted key",
      "{'name':1}",
      "invalid character '\\'' looking for beginning of object key string",
    ],
    ["a bad literal", '{"name":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ["a missing comma", '{"a":1 "name":"x"}', `invalid character '"' after object key:value pair`],
    [
      "a control byte in a string",
      '{"name":"a\u0001"}',
      "invalid character '\\x01' in string literal",
    ],
    ["junk after a number", "12x", "invalid character 'x' after top-level value"],
    ["a JSON array", "[]", CANNOT_UNMARSHAL("array")],
    ["a JSON string", '"main"', CANNOT_UNMARSHAL("string")],
    ["a JSON number", "42", CANNOT_UNMARSHAL("number")],
    ["a JSON boolean", "true", CANNOT_UNMARSHAL("bool")],
  ])(
    "§3 util.JsonArg: %s is HTTP 200 'Parses request [path] failed: <detail>'",
    async (_label, body, detail) => {
      const response = await kernel().post(ROUTE.create, body);
      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        code: -1,
        msg: `Parses request [${ROUTE.create}] failed: ${detail}`,
        data: null,
      });
      expect(kernel().cloudFolders()).toEqual([]);
    },
  );

  it.each([
    ["the body null", "null", "Field [name] is required"],
    [
      "no name (the unofficial {provider, path} body)",
      '{"provider":"S3","path":"a/b"}',
      "Field [name] is required",
    ],
    ["name null", '{"name":null}', "Field [name] is required"],
    ["name a number", '{"name":7}', "Field [name] should be of type [String]"],
    ["name an array", '{"name":["a"]}', "Field [name] should be of type [String]"],
    [
      "name blank after TrimSpace",
      '{"name":" \\t\\u3000\\u00a0\\u2028 "}',
      "Field [name] must not be empty",
    ],
  ])("§3 BindJsonArg: %s is HTTP 200 code -1 %j", async (_label, body, message) => {
    const response = await kernel().post(ROUTE.create, body);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ code: -1, msg: message, data: null });
    expect(kernel().cloudFolders()).toEqual([]);
  });

  it.each([ROUTE.set, ROUTE.remove])(
    "§3 %s follows the same rules with its own path",
    async (route) => {
      expect((await kernel().post(route, "")).json).toEqual({
        code: -1,
        msg: `Parses request [${route}] failed: ${EOF_DETAIL}`,
        data: null,
      });
      expect((await kernel().post(route, {})).json).toEqual({
        code: -1,
        msg: "Field [name] is required",
        data: null,
      });
    },
  );

  it("§3 the name is TrimSpace-d with Go's White_Space set (U+0085, U+2028, U+3000)", async () => {
    const response = await kernel().post(ROUTE.create, { name: "\u0085\u2028 notes\u3000\n" });
    expect(response.json).toEqual({ code: 0, msg: "", data: null });
    expect(kernel().cloudFolders()).toEqual(["main", "notes"]);
  });

  it("§3 TrimSpace keeps U+FEFF, so a lone U+FEFF passes the API and fails §5 with Language(37)", async () => {
    const response = await kernel().post(ROUTE.create, { name: "\uFEFF" });
    expect(response.json).toEqual({
      code: -1,
      msg: TEXTS.en_US[37],
      data: { closeTimeout: 5000 },
    });
  });

  it("§3 json.Decoder reads one value: text after the object is ignored", async () => {
    const response = await kernel().post(ROUTE.create, '{"name":"notes"} trailing junk');
    expect(response.json).toEqual({ code: 0, msg: "", data: null });
    expect(kernel().cloudFolders()).toEqual(["main", "notes"]);
  });

  it("§3 ShouldBindJSON ignores Content-Type: a text/plain body (fetchPost) is parsed", async () => {
    const response = await kernel().post(ROUTE.create, '{"name":"notes"}', {
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
    });
    expect(response.json).toEqual({ code: 0, msg: "", data: null });
  });
});

describe("§3 body rules of v3.6.3 and older", () => {
  const kernel = useDouble();
  const OLD_BIND_FAILURE = '{"code":-1,"msg":"parses request failed","data":null}';
  const SWALLOWED_PANIC = { code: 0, msg: "", data: null };

  it.each(["", "abc", "[]", '{"name":"x"'])(
    "§3 BindJSON failure on %j is HTTP 400 'parses request failed'",
    async (body) => {
      kernel().double.setState({ version: "3.6.3" });
      const response = await kernel().post(ROUTE.create, body);
      expect(response.status).toBe(400);
      expect(response.text).toBe(OLD_BIND_FAILURE);
    },
  );

  it.each([ROUTE.create, ROUTE.set, ROUTE.remove])(
    "§3 %s: a missing or non-string name panics silently into HTTP 200 code 0, and nothing happens",
    async (route) => {
      kernel().double.setState({ version: "3.6.3", cloudName: "work" });
      for (const body of ["null", "{}", '{"provider":"S3","path":"a/b"}', '{"name":5}']) {
        const response = await kernel().post(route, body);
        expect(response.status).toBe(200);
        expect(response.json).toEqual(SWALLOWED_PANIC);
      }
      expect(kernel().cloudFolders()).toEqual([]);
      expect(kernel().double.getState().cloudName).toBe("work");
    },
  );

  it("§3 old createCloudSyncDir trims in the model", async () => {
    kernel().double.setState({ version: "3.6.3" });
    expect((await kernel().post(ROUTE.create, { name: "  notes \t" })).json).toEqual({
      code: 0,
      msg: "",
      data: null,
    });
    expect(kernel().cloudFolders()).toEqual(["main", "notes"]);
  });

  it("§3/§4 old setCloudSyncDir does not trim, so ' notes' is invalid and ignored", async () => {
    kernel().double.setState({ version: "3.6.3" });
    expect((await kernel().post(ROUTE.set, { name: " notes" })).json).toEqual({
      code: 0,
      msg: "",
      data: null,
    });
    expect(kernel().double.getState().cloudName).toBe("main");
  });

  it("§3 old RemoveCloudSyncDir('') succeeds without doing anything", async () => {
    kernel().double.setState({ version: "3.6.3", provider: 2 });
    const started = performance.now();
    const response = await kernel().post(ROUTE.remove, { name: "" });
    expect(response.json).toEqual({ code: 0, msg: "", data: "main" });
    expect(performance.now() - started).toBeLessThan(400);
  });

  it.each([
    ["3.6.3", 400],
    ["2.10.4", 400],
    ["3.6.4", 200],
    ["3.10.0", 200],
    ["4.0.0", 200],
  ])(
    "§3 version %s compares numerically against 3.6.3 (empty body → HTTP %i)",
    async (version, status) => {
      kernel().double.setState({ version });
      expect((await kernel().post(ROUTE.create, "")).status).toBe(status);
    },
  );
});

/**
 * The look-alike scenario of issue 9: Local folders `main` and `\u2000main`. Since v3.6.4 the API
 * trims `name` for remove and set as well (`kernel/api/sync.go`), so the body naming
 * `\u2000main` acts on `main`; older kernels act on the name as sent.
 */
describe("remove and set trim `name` since v3.6.4 (kernel/util/net.go), not before", () => {
  const kernel = useDouble();
  const makeFolders = (...names: string[]) => {
    for (const name of names) fs.mkdirSync(path.join(kernel().cloudDir, name));
  };

  it.each([
    ["3.7.3", ["\u2000main"]],
    ["3.6.4", ["\u2000main"]],
    ["3.6.3", ["main"]],
  ])("v%s: removing “\\u2000main” leaves %j", async (version, left) => {
    kernel().double.setState({ version });
    makeFolders("main", "\u2000main");
    const response = await kernel().post(ROUTE.remove, { name: "\u2000main" });
    expect(response.json).toMatchObject({ code: 0 });
    expect(kernel().cloudFolders()).toEqual(left);
  });

  it.each([
    ["3.7.3", "notes"],
    ["3.6.3", "notes\u3000"],
  ])("v%s: setting “notes\\u3000” makes the current directory %j", async (version, current) => {
    kernel().double.setState({ version });
    expect((await kernel().post(ROUTE.set, { name: "notes\u3000" })).json).toMatchObject({
      code: 0,
    });
    expect(kernel().double.getState().cloudName).toBe(current);
  });
});
