import fs from "node:fs";
import path from "node:path";
import { Readable, type Transform } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, byteLimit, tokenMask } from "../../sandbox/proxy.mjs";
import {
  checkCaller,
  checkHost,
  checkProxyRoute,
  checkTarget,
  kernelRequestHeaders,
  kernelUrl,
  pageResponseHeaders,
  parseKernelUrl,
  PROXY_ROUTES,
} from "../../sandbox/request-guard.mjs";

const PORT = 6816;
const KERNEL = new URL("http://127.0.0.1:6806");

describe("checkHost", () => {
  it.each(["127.0.0.1:6816", "localhost:6816", "[::1]:6816", "LOCALHOST:6816"])(
    "accepts the sandbox itself: %s",
    (host) => expect(checkHost({ host }, PORT)).toBeNull(),
  );

  it.each([
    ["a rebound name", "evil.example:6816"],
    ["another port", "127.0.0.1:6806"],
    ["no port", "127.0.0.1"],
    ["a look-alike", "localhost.evil.example:6816"],
    ["a trailing dot", "localhost.:6816"],
    ["an empty header", ""],
  ])("refuses %s with 403", (_label, host) => {
    expect(checkHost({ host }, PORT)).toMatchObject({ status: 403 });
  });

  it("refuses a request without a Host header", () => {
    expect(checkHost({}, PORT)).toMatchObject({ status: 403 });
  });
});

describe("checkCaller", () => {
  const host = "127.0.0.1:6816";

  it.each([
    ["a local tool (no Origin, no fetch metadata)", {}],
    ["the page itself", { origin: "http://127.0.0.1:6816", "sec-fetch-site": "same-origin" }],
    ["the page under another loopback name", { origin: "http://localhost:6816" }],
    ["a typed URL", { "sec-fetch-site": "none" }],
  ])("accepts %s", (_label, headers) => {
    expect(checkCaller({ host, ...headers }, PORT)).toBeNull();
  });

  it.each([
    ["another site", { origin: "http://evil.example" }],
    ["another local port", { origin: "http://127.0.0.1:9999" }],
    ["https on the same port", { origin: "https://127.0.0.1:6816" }],
    ["an opaque origin", { origin: "null" }],
    ["a cross-site page without Origin (an <img>)", { "sec-fetch-site": "cross-site" }],
    ["a same-site page on another port", { "sec-fetch-site": "same-site" }],
  ])("refuses %s with 403", (_label, headers) => {
    expect(checkCaller({ host, ...headers }, PORT)).toMatchObject({ status: 403 });
  });

  it("applies the Host check too", () => {
    expect(
      checkCaller({ host: "evil.example:6816", origin: "http://evil.example:6816" }, PORT),
    ).toMatchObject({ status: 403, reason: expect.stringContaining("evil.example") });
  });
});

describe("checkTarget and kernelUrl", () => {
  it.each([
    "//localhost:9999/api/leak",
    "/\\localhost:9999/api/leak",
    "http://localhost:9999/x",
    "@evil.example/x",
    "*",
    "",
  ])("refuses the target %j with 400", (target) => {
    expect(checkTarget(target)).toMatchObject({ status: 400 });
    expect(kernelUrl(target, KERNEL)).toMatchObject({ status: 400 });
  });

  it("keeps the kernel's origin and the target's path and query", () => {
    const result = kernelUrl("/api/system/getConf?x=1", KERNEL);
    expect("url" in result && result.url.href).toBe("http://127.0.0.1:6806/api/system/getConf?x=1");
  });

  it("normalizes dot segments before the allow-list sees the path", () => {
    const result = kernelUrl("/api/sync/listCloudSyncDir/../../system/exit", KERNEL);
    expect("url" in result && result.url.pathname).toBe("/api/system/exit");
    expect(checkProxyRoute("POST", "/api/system/exit")).toMatchObject({ status: 403 });
  });
});

describe("parseKernelUrl", () => {
  it.each(["http://127.0.0.1:6806", "https://siyuan.local:6806/"])("accepts %s", (url) => {
    expect(parseKernelUrl(url).origin).toBe(new URL(url).origin);
  });

  it.each([
    ["not a URL", "127.0.0.1:6806x"],
    ["another scheme", "ftp://127.0.0.1:6806"],
    ["credentials", "http://user:secret@127.0.0.1:6806"],
    ["a path", "http://127.0.0.1:6806/api"],
    ["a query", "http://127.0.0.1:6806/?token=x"],
  ])("refuses %s", (_label, url) => {
    expect(() => parseKernelUrl(url)).toThrow(/SIYUAN_URL/);
  });
});

describe("checkProxyRoute", () => {
  it.each(PROXY_ROUTES)("forwards POST %s", (route) => {
    expect(checkProxyRoute("POST", route)).toBeNull();
  });

  it.each([
    ["GET", "/api/system/getConf"],
    ["OPTIONS", "/api/system/getConf"],
    ["POST", "/api/system/exit"],
    ["POST", "/api/system/getConf/"],
    ["POST", "/api/sync/%6CistCloudSyncDir"],
    ["POST", "/api/petal/loadPetals"],
  ])("refuses %s %s with 403", (method, route) => {
    expect(checkProxyRoute(method, route)).toMatchObject({ status: 403 });
  });
});

describe("the proxy allow-list", () => {
  /** Every "/api/<group>/<name>" written in the files below `dir`. */
  const routesUsedIn = (dir: string): string[] =>
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.parentPath.includes("vendor"))
      .flatMap((entry) =>
        [
          ...fs
            .readFileSync(path.join(entry.parentPath, entry.name), "utf8")
            .matchAll(/\/api\/[A-Za-z]+\/[A-Za-z]+/g),
        ].map((match) => match[0]),
      );

  it("covers every kernel route the plugin and the host page call", () => {
    const used = new Set([...routesUsedIn("src"), ...routesUsedIn("sandbox/host")]);
    used.delete("/api/petal/loadPetals"); // answered by the sandbox itself
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((route) => !PROXY_ROUTES.includes(route))).toEqual([]);
  });

  it("is the list in the README's Proxy mode section", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("### Proxy mode"), readme.indexOf("### Layout"));
    for (const route of PROXY_ROUTES) {
      const [, , group, name] = route.split("/");
      expect(section, route).toMatch(new RegExp(`/api/${group}/(\\w+\`, \`)*${name}\``));
    }
  });
});

describe("forwarded headers", () => {
  it("sends the kernel only the body headers, its Host and the token", () => {
    expect(
      kernelRequestHeaders(
        {
          host: "127.0.0.1:6816",
          authorization: "Token client-guess",
          cookie: "siyuan=session",
          origin: "http://127.0.0.1:6816",
          "x-auth-token": "jwt",
          "content-type": "text/plain;charset=UTF-8",
          "content-length": "2",
        },
        KERNEL,
        "secret",
      ),
    ).toEqual({
      host: "127.0.0.1:6806",
      "content-type": "text/plain;charset=UTF-8",
      "content-length": "2",
      authorization: "Token secret",
    });
  });

  it("gives the page no CORS or cookie headers and masks the token in the rest", () => {
    expect(
      pageResponseHeaders(
        {
          "access-control-allow-origin": "*",
          "access-control-allow-headers": "Authorization",
          "set-cookie": ["siyuan=abc"],
          "content-length": "10",
          "content-type": "application/json",
          "content-disposition": 'attachment; filename="secret.json"',
        },
        "secret",
        "***",
      ),
    ).toEqual({
      "content-type": "application/json",
      "content-disposition": 'attachment; filename="***.json"',
    });
  });
});

/** Runs `chunks` through the transform and returns the output as text. */
async function run(chunks: string[], stage: Transform): Promise<string> {
  const output: Buffer[] = [];
  await pipeline(
    Readable.from(chunks.map((chunk) => Buffer.from(chunk))),
    stage,
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) output.push(chunk);
    },
  );
  return Buffer.concat(output).toString();
}

describe("tokenMask", () => {
  const token = "tok3n-secret";

  it("masks every whole occurrence", async () => {
    expect(await run([`a${token}b${token}${token}`], tokenMask(token, "*"))).toBe("a*b**");
  });

  it("masks a token split across chunks at every position", async () => {
    const text = `{"token":"${token}"}`;
    const start = text.indexOf(token);
    for (let cut = start; cut <= start + token.length; cut++) {
      expect(await run([text.slice(0, cut), text.slice(cut)], tokenMask(token, "*"))).toBe(
        '{"token":"*"}',
      );
    }
  });

  it("masks a token arriving one byte a chunk", async () => {
    expect(await run([...("x" + token + "y")], tokenMask(token, "*"))).toBe("x*y");
  });

  it("keeps a partial token at the end as it was", async () => {
    expect(await run(["abc", token.slice(0, 5)], tokenMask(token, "*"))).toBe(
      `abc${token.slice(0, 5)}`,
    );
  });

  it("keeps multi-byte characters intact across chunks", async () => {
    const bytes = Buffer.from(`思源${token}同步`);
    const chunks = [bytes.subarray(0, 4), bytes.subarray(4, 9), bytes.subarray(9)];
    const output = await buffer(Readable.from(chunks).pipe(tokenMask(token, "*")));
    expect(output.toString()).toBe("思源*同步");
  });
});

describe("byteLimit", () => {
  it("passes a body of exactly the limit", async () => {
    expect(await run(["12345", "678"], byteLimit(8))).toBe("12345678");
  });

  it("fails once the body goes past the limit", async () => {
    await expect(run(["12345", "6789"], byteLimit(8))).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
