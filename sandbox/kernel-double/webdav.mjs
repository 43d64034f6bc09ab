// @ts-check
/**
 * The double's WebDAV provider: conf.sync.webdav as getConf shows it, and dejavu's listRepos
 * (cloud/webdav.go), a PROPFIND with `Depth: 1` on the endpoint through the conf's credentials.
 */
/**
 * @typedef {{ url: string, username: string, password: string }} WebdavServerInfo
 *   the sandbox's WebDAV server, see sandbox/webdav-server.mjs
 * @typedef {{ endpoint: string, username: string, password: string, timeout: number }} WebdavConf
 * @typedef {{ name: string, modified: Date }} WebdavEntry
 */

/** conf.sync.webdav.timeout in seconds, inside util.NormalizeTimeout's 7–300. */
export const WEBDAV_TIMEOUT_SECONDS = 30;
/** What conf.sync.webdav.password holds when the control panel says the credentials are wrong. */
const WRONG_PASSWORD = "an-outdated-password";

/**
 * @param {WebdavServerInfo | undefined} server  none: WebDAV was never configured
 * @param {{ webdavWrongPassword: boolean }} state
 * @returns {WebdavConf}
 */
export function webdavConf(server, state) {
  if (!server) return { endpoint: "", username: "", password: "", timeout: WEBDAV_TIMEOUT_SECONDS };
  return {
    endpoint: server.url,
    username: server.username,
    password: state.webdavWrongPassword ? WRONG_PASSWORD : server.password,
    timeout: WEBDAV_TIMEOUT_SECONDS,
  };
}

const RESPONSE = /<(?:[\w-]+:)?response[\s>][\s\S]*?<\/(?:[\w-]+:)?response>/g;
const HREF = /<(?:[\w-]+:)?href>([\s\S]*?)<\/(?:[\w-]+:)?href>/;
const LAST_MODIFIED = /<(?:[\w-]+:)?getlastmodified>([\s\S]*?)<\/(?:[\w-]+:)?getlastmodified>/;
const COLLECTION = /<(?:[\w-]+:)?collection\s*\/?>/;

/** @param {string} text */
const unescapeXml = (text) =>
  text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");

/**
 * path.Base(url.PathUnescape(href)), how gowebdav names an entry; href may be a full URL.
 * @param {string} href
 */
function entryName(href) {
  const path = unescapeXml(href.trim()).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // gowebdav falls back to the displayname; the raw path is close enough for the double
  }
  return decoded.replace(/\/+$/, "").split("/").pop() ?? "";
}

/**
 * The entries of a multistatus answer after the first (the endpoint itself, which gowebdav's
 * ReadDir skips). Every entry is kept, files too: dejavu's listRepos does not filter them.
 * @param {string} xml
 * @returns {WebdavEntry[]}
 */
export function parseMultistatus(xml) {
  const responses = xml.match(RESPONSE) ?? [];
  const [self, ...entries] = responses;
  const rest = self && COLLECTION.test(self) ? entries : responses;
  return rest.flatMap((response) => {
    const name = entryName(HREF.exec(response)?.[1] ?? "");
    if (!name) return [];
    const modified = new Date(LAST_MODIFIED.exec(response)?.[1] ?? "");
    return [{ name, modified: Number.isNaN(modified.getTime()) ? new Date(0) : modified }];
  });
}

/**
 * dejavu's WebDAV listRepos: a 404 lists nothing (the kernel then shows `main`), any other
 * non-207 answer is an error worded like gowebdav's StatusError.
 * @param {WebdavConf} conf
 * @returns {Promise<WebdavEntry[]>}
 */
export async function listWebdavEntries(conf) {
  if (!conf.endpoint) throw new Error("the sandbox started no WebDAV server");
  const basic = Buffer.from(`${conf.username}:${conf.password}`).toString("base64");
  const response = await fetch(conf.endpoint, {
    method: "PROPFIND",
    headers: { authorization: `Basic ${basic}`, depth: "1", "content-type": "text/xml" },
    signal: AbortSignal.timeout(conf.timeout * 1000),
  });
  const text = await response.text();
  if (response.status === 404) return [];
  if (response.status !== 207) throw new Error(`ReadDir /: ${response.status}`);
  return parseMultistatus(text);
}
