// @ts-check
/**
 * Request-body rules of util.JsonArg and the `name` extraction, in both generations
 * (docs/siyuan-sync-api.md §3).
 */
import { trimSpace } from "./names.mjs";
import { jsonReply, resultReply } from "./replies.mjs";

/** @typedef {import("./replies.mjs").Reply} Reply */

/** Go's json.Decoder hit the end of input: empty body (io.EOF) or truncated value (io.ErrUnexpectedEOF). */
class TruncatedJsonError extends Error {}

const ESCAPABLE = new Set([...'"\\/bfnrt'].map((character) => character.charCodeAt(0)));
/** @type {Record<number, string>} */
const QUOTED_CONTROL = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };

/** @param {number | undefined} byte */
const isSpace = (byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
/** @param {number | undefined} byte */
const isDigit = (byte) => byte !== undefined && byte >= 0x30 && byte <= 0x39;
/** @param {number} byte */
const isHex = (byte) =>
  isDigit(byte) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46);

/**
 * encoding/json quoteChar: Go quotes the offending byte as the rune of the same number.
 * @param {number} byte
 */
function quoteByte(byte) {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x5c) return "'\\\\'";
  const control = QUOTED_CONTROL[byte];
  if (control) return `'${control}'`;
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, "0")}'`;
  if ((byte >= 0x80 && byte <= 0xa0) || byte === 0xad) return `'\\u00${byte.toString(16)}'`;
  return `'${String.fromCharCode(byte)}'`;
}

/**
 * Finds the first JSON value like json.Decoder.Decode, which reads one value and leaves the rest
 * of the stream unread, and throws Go's syntax error wording.
 * @param {Uint8Array} bytes
 * @returns {{ start: number, end: number }}
 */
function scanFirstValue(bytes) {
  let index = 0;
  /** @param {number} at */
  const byteAt = (at) => {
    const byte = bytes[at];
    if (byte === undefined) throw new TruncatedJsonError();
    return byte;
  };
  /** @param {number} byte @param {string} context */
  const syntaxError = (byte, context) =>
    new SyntaxError(`invalid character ${quoteByte(byte)} ${context}`);
  const skipSpace = () => {
    while (isSpace(bytes[index])) index++;
  };
  const skipDigits = () => {
    while (isDigit(bytes[index])) index++;
  };

  const scanString = () => {
    index++;
    for (;;) {
      const byte = byteAt(index++);
      if (byte === 0x22) return;
      if (byte < 0x20) throw syntaxError(byte, "in string literal");
      if (byte !== 0x5c) continue;
      const escape = byteAt(index++);
      if (escape === 0x75) {
        for (let digit = 0; digit < 4; digit++) {
          const hex = byteAt(index++);
          if (!isHex(hex)) throw syntaxError(hex, "in \\u hexadecimal character escape");
        }
      } else if (!ESCAPABLE.has(escape)) {
        throw syntaxError(escape, "in string escape code");
      }
    }
  };

  /** @param {number} byte @param {string} context */
  const requireDigit = (byte, context) => {
    if (!isDigit(byte)) throw syntaxError(byte, context);
  };
  const scanNumber = () => {
    if (bytes[index] === 0x2d) requireDigit(byteAt(++index), "in numeric literal");
    if (bytes[index] === 0x30) index++;
    else skipDigits();
    if (bytes[index] === 0x2e) {
      requireDigit(byteAt(++index), "after decimal point in numeric literal");
      skipDigits();
    }
    if (bytes[index] === 0x65 || bytes[index] === 0x45) {
      index++;
      if (bytes[index] === 0x2b || bytes[index] === 0x2d) index++;
      requireDigit(byteAt(index), "in exponent of numeric literal");
      skipDigits();
    }
  };

  /** @param {string} word */
  const scanLiteral = (word) => {
    index++;
    for (let position = 1; position < word.length; position++) {
      const expected = word.charCodeAt(position);
      const byte = byteAt(index++);
      if (byte !== expected) {
        throw syntaxError(byte, `in literal ${word} (expecting ${quoteByte(expected)})`);
      }
    }
  };

  /**
   * @param {number} close
   * @param {() => void} scanMember
   * @param {string} afterMember
   */
  const scanContainer = (close, scanMember, afterMember) => {
    index++;
    skipSpace();
    if (byteAt(index) === close) {
      index++;
      return;
    }
    for (;;) {
      scanMember();
      skipSpace();
      const next = byteAt(index++);
      if (next === close) return;
      if (next !== 0x2c) throw syntaxError(next, afterMember);
    }
  };
  const scanObjectMember = () => {
    skipSpace();
    const quote = byteAt(index);
    if (quote !== 0x22) throw syntaxError(quote, "looking for beginning of object key string");
    scanString();
    skipSpace();
    const colon = byteAt(index++);
    if (colon !== 0x3a) throw syntaxError(colon, "after object key");
    scanValue();
  };

  const scanValue = () => {
    skipSpace();
    const byte = byteAt(index);
    if (byte === 0x7b) return scanContainer(0x7d, scanObjectMember, "after object key:value pair");
    if (byte === 0x5b) return scanContainer(0x5d, scanValue, "after array element");
    if (byte === 0x22) return scanString();
    if (byte === 0x2d || isDigit(byte)) return scanNumber();
    const literal = ["true", "false", "null"].find((word) => word.charCodeAt(0) === byte);
    if (literal) return scanLiteral(literal);
    throw syntaxError(byte, "looking for beginning of value");
  };

  skipSpace();
  const start = index;
  scanValue();
  // A scalar only ends at the next byte, which must be white space (Go's stateEndTop).
  const first = bytes[start];
  const trailing = bytes[index];
  if (first !== 0x7b && first !== 0x5b && trailing !== undefined && !isSpace(trailing)) {
    throw syntaxError(trailing, "after top-level value");
  }
  return { start, end: index };
}

/** @param {unknown} value */
function goTypeName(value) {
  if (Array.isArray(value)) return "array";
  return typeof value === "boolean" ? "bool" : typeof value;
}

/**
 * Decodes the body into a Go map[string]any the way ShouldBindJSON/BindJSON do.
 * @param {Uint8Array} body
 * @returns {{ arg: Record<string, unknown> | null } | { detail: string }}
 */
export function decodeJsonArg(body) {
  try {
    const { start, end } = scanFirstValue(body);
    /** @type {unknown} */
    const value = JSON.parse(Buffer.from(body.subarray(start, end)).toString("utf8"));
    if (value === null) return { arg: null }; // decodes to a nil map without error
    if (typeof value === "object" && !Array.isArray(value)) {
      return { arg: /** @type {Record<string, unknown>} */ (value) };
    }
    return {
      detail: `json: cannot unmarshal ${goTypeName(value)} into Go value of type map[string]interface {}`,
    };
  } catch (error) {
    if (error instanceof TruncatedJsonError) {
      return { detail: "the request body is empty or truncated (EOF)" };
    }
    return { detail: /** @type {Error} */ (error).message };
  }
}

/** Go's JSON decoder turns unpaired surrogate escapes into U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * The body's `field` as decoded (`undefined` when absent), or the reply to a body that does not
 * parse: BindJSON's 400 up to v3.6.3, util.JsonArg's code -1 since v3.6.4 (§3).
 * @param {{ path: string, body: Uint8Array, oldBodyRules: boolean }} request
 * @param {string} field
 * @returns {{ value: unknown } | { reply: Reply }}
 */
function decodeField({ path, body, oldBodyRules }, field) {
  const decoded = decodeJsonArg(body);
  if ("detail" in decoded) {
    return {
      reply: oldBodyRules
        ? jsonReply(400, { code: -1, msg: "parses request failed", data: null })
        : resultReply(-1, `Parses request [${path}] failed: ${decoded.detail}`, null),
    };
  }
  const { arg } = decoded;
  return { value: arg && Object.hasOwn(arg, field) ? arg[field] : undefined };
}

/**
 * BindJsonArg's refusal of a required field (v3.6.4+): missing or null, or not of `type`.
 * @param {string} field
 * @param {unknown} value
 * @param {"String" | "Number"} type
 * @returns {Reply | null}
 */
function bindRefusal(field, value, type) {
  if (value === undefined || value === null) {
    return resultReply(-1, `Field [${field}] is required`, null);
  }
  if (typeof value !== type.toLowerCase()) {
    return resultReply(-1, `Field [${field}] should be of type [${type}]`, null);
  }
  return null;
}

/**
 * Reads a required string field of the JSON body, or the reply the kernel gives instead.
 * New rules (v3.6.4+): util.JsonArg + BindJsonArg(field, required, rejectEmpty), value TrimSpace-d.
 * Old rules (v3.6.3-): BindJSON answers 400, and `arg[field].(string)` panics silently (§3).
 * @param {{ path: string, body: Uint8Array, oldBodyRules: boolean }} request
 * @param {string} field
 * @returns {{ value: string } | { reply: Reply }}
 */
export function readStringArg(request, field) {
  const decoded = decodeField(request, field);
  if ("reply" in decoded) return decoded;
  const { value } = decoded;
  if (request.oldBodyRules) {
    // The panic is swallowed by model.Recover, and the deferred c.JSON sends the initial result.
    if (typeof value !== "string") return { reply: resultReply(0, "", null) };
    return { value: value.replace(LONE_SURROGATE, "\uFFFD") };
  }
  const refusal = bindRefusal(field, value, "String");
  if (refusal) return { reply: refusal };
  const trimmed = trimSpace(/** @type {string} */ (value).replace(LONE_SURROGATE, "\uFFFD"));
  if (trimmed === "") return { reply: resultReply(-1, `Field [${field}] must not be empty`, null) };
  return { value: trimmed };
}

/**
 * Reads a required number field, as `setSyncProvider` does (kernel/api/sync.go): BindJsonArg into
 * a float64 since v3.6.4; up to v3.6.3 `arg[field].(float64)`, which panics silently like the
 * string fields.
 * @param {{ path: string, body: Uint8Array, oldBodyRules: boolean }} request
 * @param {string} field
 * @returns {{ value: number } | { reply: Reply }}
 */
export function readNumberArg(request, field) {
  const decoded = decodeField(request, field);
  if ("reply" in decoded) return decoded;
  const { value } = decoded;
  if (request.oldBodyRules && typeof value !== "number") return { reply: resultReply(0, "", null) };
  const refusal = bindRefusal(field, value, "Number");
  return refusal ? { reply: refusal } : { value: /** @type {number} */ (value) };
}
