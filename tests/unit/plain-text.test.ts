import { describe, expect, it } from "vitest";
import { plainText, truncate } from "../../src/core/plain-text";

describe("plainText", () => {
  it.each<[string, string, string]>([
    ["plain text", "Field [name] is required", "Field [name] is required"],
    [
      "SiYuan's refresh button",
      'Authentication failed, please <button class="b3-button" onclick="window.location.reload()">refresh</button> the page',
      "Authentication failed, please refresh the page",
    ],
    [
      "a link",
      "see <a href='https://example.com/?a=1&amp;b=2' target=\"_blank\">here</a>.",
      "see here.",
    ],
    ["inline tags keep the word whole", "<b>bo</b>ld", "bold"],
    [
      "breaking tags keep words apart",
      "one<br>two<br/>three<p>four</p><li>five",
      "one two three four five",
    ],
    ["upper-case tags", "<DIV>a</DIV><BR>b", "a b"],
    ["a comment", "a<!-- <b>hidden</b> -->b", "ab"],
    ["a doctype and a processing instruction", "<!DOCTYPE html><?xml version='1.0'?>text", "text"],
    ["a quoted > inside an attribute", "<a title=\"x > y\" data-z='>'>link</a>", "link"],
    ["an apostrophe that is not a quote", "<p class=x don't>it's</p>", "it's"],
    ["a lone < that starts no tag", "1 < 2 and 3 <= 4", "1 < 2 and 3 <= 4"],
    ["a lone > in text", "4 > 3", "4 > 3"],
    ["an unclosed tag at the end", "before <button onclick='x'", "before"],
    ["an unclosed quote", 'before <a title="never closed>after', "before"],
    ["an unclosed comment", "before <!-- never closed <b>x</b>", "before"],
    ["script text stays inert text", "<script>alert(1)</script>", "alert(1)"],
  ])("strips %s", (_case, html, text) => {
    expect(plainText(html)).toBe(text);
  });

  it.each<[string, string, string]>([
    [
      "named entities",
      "&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39; &apos;a&apos;",
      "<b> & \"q\" 's' 'a'",
    ],
    ["decimal and hex entities", "&#20013;&#x6587; &#X41;", "中文 A"],
    ["astral code points", "&#128512; &#x1F600;", "😀 😀"],
    ["once, not twice", "&amp;lt;b&amp;gt;", "&lt;b&gt;"],
    [
      "entities that name markup stay text",
      "&lt;button onclick=x&gt;go&lt;/button&gt;",
      "<button onclick=x>go</button>",
    ],
    ["a no-break space", "a&nbsp;b", "a b"],
    ["unknown entities as written", "&copy; &unknown; & ;", "&copy; &unknown; & ;"],
    ["an entity without its semicolon as written", "&lt b", "&lt b"],
    ["code point 0", "a&#0;b", "a\uFFFDb"],
    ["a surrogate", "a&#xD800;b", "a\uFFFDb"],
    ["a code point beyond Unicode", "a&#x110000;b &#99999999;", "a\uFFFDb \uFFFD"],
  ])("decodes %s", (_case, html, text) => {
    expect(plainText(html)).toBe(text);
  });

  it.each<[string, string, string]>([
    ["control characters", "a\u0000b\u0007c\u009Fd", "a b c d"],
    [
      "direction overrides, raw and as entities",
      "gpj.\u202Eexe &#x202E;txt &#8294;x",
      "gpj. exe txt x",
    ],
    ["line breaks and tabs", "  one\r\n\ttwo  \n ", "one two"],
  ])("removes %s", (_case, html, text) => {
    expect(plainText(html)).toBe(text);
  });

  it.each<[string, string]>([
    ["a megabyte of <", "<".repeat(1_000_000)],
    ["a megabyte of unclosed tags", "<a".repeat(500_000)],
    ["a megabyte of unclosed quotes", '<a b="'.repeat(200_000)],
    ["a megabyte of comment openers", "<!--".repeat(250_000)],
    ["a megabyte of entities", "&amp;".repeat(200_000)],
    ["a megabyte of tags", "<b>x</b>".repeat(125_000)],
  ])("handles %s in linear time", (_case, html) => {
    // A quadratic scan of a megabyte takes minutes; the default test timeout fails it.
    const text = plainText(html);
    expect(text.length).toBeLessThanOrEqual(html.length);
    expect(text).not.toMatch(/<[a-z!]/i);
  });
});

describe("truncate", () => {
  it("leaves short text alone", () => {
    expect(truncate("abc", 3)).toBe("abc");
  });

  it("cuts long text and marks the cut", () => {
    expect(truncate("abcdef", 3)).toBe("abc…");
  });

  it("never splits a surrogate pair", () => {
    expect(truncate("ab😀cd", 3)).toBe("ab…");
  });

  it("does not leave a space before the mark", () => {
    expect(truncate("ab cd", 3)).toBe("ab…");
  });
});
