/**
 * SiYuan's messages may carry HTML (several `_kernel` messages in app/appearance/langs/*.json hold
 * links or buttons), and a hostile server can send anything. The panel shows them as text, so the
 * markup is removed here instead of being shown as raw tags. One pass over the input: hostile input
 * (unclosed tags, quotes that never end, megabytes of `<`) costs linear time.
 */

/** Tags that separate words when rendered; removing them must not glue the words together. */
const BREAKING_TAGS = new Set([
  "address",
  "article",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "td",
  "th",
  "tr",
  "ul",
]);

const TAG_NAME = /^\/?([a-z][a-z0-9-]*)/i;
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|(lt|gt|amp|quot|apos|nbsp));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
  nbsp: " ",
};
/**
 * Control characters and the invisible direction marks and overrides: in a one-line message they
 * can only hide or reorder what is shown (e.g. U+202E turning "exe.txt" around).
 */
const INVISIBLE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const WHITESPACE_RUN = /\s+/g;

/** Where the markup that starts at `start` (a `<`) ends, or -1 when it never does. */
function markupEnd(html: string, start: number): number {
  if (html.startsWith("<!--", start)) {
    const close = html.indexOf("-->", start + 4);
    return close === -1 ? -1 : close + 3;
  }
  let quote = "";
  let previous = "";
  for (let index = start + 1; index < html.length; index++) {
    const char = html[index] ?? "";
    if (quote !== "") {
      if (char === quote) quote = "";
    } else if ((char === '"' || char === "'") && previous === "=") {
      // Quotes matter only around an attribute's value: `title="a>b"`, not `don't`.
      quote = char;
    } else if (char === ">") {
      return index + 1;
    }
    if (!/\s/.test(char)) previous = char;
  }
  return -1;
}

/** `<` starts markup only when a tag name, `/`, `!` or `?` follows, as in HTML; else it is text. */
function startsMarkup(html: string, index: number): boolean {
  return /[a-zA-Z/!?]/.test(html[index + 1] ?? "");
}

function stripTags(html: string): string {
  let text = "";
  let copiedUpTo = 0;
  let index = html.indexOf("<");
  while (index !== -1) {
    if (!startsMarkup(html, index)) {
      index = html.indexOf("<", index + 1);
      continue;
    }
    text += html.slice(copiedUpTo, index);
    const end = markupEnd(html, index);
    // An unclosed tag hides the rest of the text in a browser too; showing half a tag helps no one.
    if (end === -1) return text;
    const name = TAG_NAME.exec(html.slice(index + 1, Math.min(end, index + 16)))?.[1];
    if (name && BREAKING_TAGS.has(name.toLowerCase())) text += " ";
    copiedUpTo = end;
    index = html.indexOf("<", end);
  }
  return text + html.slice(copiedUpTo);
}

function codePointText(codePoint: number): string {
  const valid =
    codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : "\uFFFD";
}

/** Decodes the entities SiYuan's messages use, once: `&amp;lt;` becomes the text `&lt;`. */
function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_whole, decimal?: string, hex?: string, name?: string) =>
    name !== undefined
      ? (NAMED_ENTITIES[name] ?? "")
      : codePointText(decimal !== undefined ? Number(decimal) : parseInt(hex ?? "", 16)),
  );
}

/**
 * `html` as the one line of text a browser would show for it: tags and comments removed, the
 * common entities decoded, invisible controls dropped and whitespace collapsed.
 */
export function plainText(html: string): string {
  return decodeEntities(stripTags(html))
    .replace(INVISIBLE, " ")
    .replace(WHITESPACE_RUN, " ")
    .trim();
}

/** At most `maxChars` UTF-16 units of `text`, never splitting a surrogate pair, with "…" if cut. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const last = cut.charCodeAt(cut.length - 1);
  const whole = last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
  return `${whole.trimEnd()}…`;
}
