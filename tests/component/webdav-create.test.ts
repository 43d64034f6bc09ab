/**
 * Create with WebDAV active: MKCOL through SiYuan's forwardProxy, every answer in words, "Use this
 * name now" when SiYuan cannot reach the server, and the WebDAV password kept out of the DOM, the
 * history and the snippets.
 */
import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import english from "../../public/i18n/en_US.json";
import chinese from "../../public/i18n/zh_CN.json";
import type { I18n } from "../../src/i18n";
import {
  CREATE,
  GET_CONF,
  LIST,
  USE,
  fakeKernel,
  json,
  kernelFails,
  kernelOk,
  openTechnical,
  renderPanel,
  technical,
  unanswered,
  type KernelState,
  type Responder,
} from "./harness";

const PROXY = "/api/network/forwardProxy";
const VERSION = "/api/system/version";
const LANGUAGE_131 =
  "This operation is not supported, please go to the cloud storage provider management console to operate";
/** Characters JSON and Go's encoder escape, so every spelling of it is searched for. */
const PASSWORD = 'pa55-<"word">&more';
const USERNAME = "ann";
const BASIC = btoa(`${USERNAME}:${PASSWORD}`);
const WEBDAV = {
  endpoint: "http://192.168.1.20:5005/dav",
  username: USERNAME,
  password: PASSWORD,
  timeout: 30,
  skipTlsVerify: false,
  concurrentReqs: 1,
};

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const path = () => screen.getByRole("textbox", { name: "New directory" });
const createButton = () => screen.getByRole("button", { name: "Create" });
const response = () => screen.getByRole("region", { name: "Response" });
const row = (name: string) =>
  screen.getByText(name, { selector: ".csd-dirs__name" }).closest("li") as HTMLElement;

/** forwardProxy's reply (kernel/api/network.go): the WebDAV status inside a code 0 answer. */
const proxyReply = (status: number, headers: Record<string, string[]> = {}, body = "") =>
  kernelOk({
    url: "http://192.168.1.20:5005/dav/notes/",
    status,
    contentType: "text/plain",
    body,
    bodyEncoding: "text",
    headers,
    elapsed: 12,
  });

interface OpenOptions {
  readonly state?: Partial<KernelState>;
  readonly version?: string;
  readonly t?: I18n;
}

/** Opens the panel with WebDAV active, answers forwardProxy with `answer`, types `name`. */
async function openWebdav(answer: Responder, name = "notes", options: OpenOptions = {}) {
  const kernel = fakeKernel({
    provider: 3,
    dirs: [{ cloudName: "main" }],
    webdav: WEBDAV,
    ...options.state,
  });
  kernel.routes[VERSION] = () => kernelOk(options.version ?? "3.7.3");
  kernel.routes[PROXY] = answer;
  const user = userEvent.setup(
    vi.isFakeTimers() ? { advanceTimers: (ms) => vi.advanceTimersByTime(ms) } : {},
  );
  const rendered = renderPanel({
    transport: kernel.transport,
    environment: { provider: 3 },
    t: options.t,
  });
  await rendered.opened;
  if (name !== "") {
    await user.click(screen.getByRole("textbox", { name: (options.t ?? english).newDirLabel }));
    await user.paste(name);
  }
  return { kernel, user, ...rendered };
}

/** The password, its Basic value and their JSON spellings appear nowhere in the page. */
function expectNoSecretIn(text: string) {
  for (const secret of [PASSWORD, BASIC, JSON.stringify(PASSWORD).slice(1, -1)]) {
    expect(text).not.toContain(secret);
  }
}

function expectNoSecretInDom() {
  expectNoSecretIn(document.documentElement.outerHTML);
  for (const field of document.querySelectorAll<HTMLInputElement>("input, textarea")) {
    expectNoSecretIn(field.value);
  }
}

describe("create on WebDAV", () => {
  it("says beforehand what happens, sends MKCOL through SiYuan, lists again and highlights", async () => {
    const { kernel, user, history } = await openWebdav(() => {
      kernel.kernel.dirs?.push({ cloudName: "notes" });
      return proxyReply(201);
    });
    expect(
      screen.getByText(
        "SiYuan's API refuses to create directories on WebDAV. This plugin creates the folder on your WebDAV server itself",
        { exact: false },
      ),
    ).toBeVisible();
    await openTechnical(user);
    const preview = within(technical()).getByTestId("request-preview");
    expect(preview).toHaveTextContent(`POST ${PROXY}`);
    expect(preview).toHaveTextContent('"Authorization": "Basic ********"');
    expect(preview).toHaveTextContent('"method": "MKCOL"');

    await user.click(createButton());
    await waitFor(() =>
      expect(within(response()).getByText("Created “notes” on the WebDAV server.")).toBeVisible(),
    );
    expect(kernel.sentTo(PROXY)).toEqual([
      {
        url: "http://192.168.1.20:5005/dav/notes/",
        method: "MKCOL",
        timeout: 30_000,
        headers: [{ Authorization: `Basic ${BASIC}` }],
        redirect: false,
      },
    ]);
    expect(kernel.sentTo(CREATE)).toEqual([]);
    await waitFor(() => expect(row("notes")).toHaveClass("csd-dirs__row--highlighted"));
    expect(path()).toHaveValue("");
    // What was sent, shown and kept: the masked request and the reply with the WebDAV status.
    expect(within(technical()).getByTestId("response-request")).toHaveTextContent(
      '"Authorization": "Basic ********"',
    );
    expect(within(technical()).getByTestId("response-body")).toHaveTextContent('"status": 201');
    expect(history.entries.map((entry) => entry.endpoint)).toContain(PROXY);
    expectNoSecretInDom();
  });

  it("percent-encodes the name and keeps one slash after an endpoint with a trailing slash", async () => {
    const { kernel, user } = await openWebdav(() => proxyReply(201), "笔记-2026", {
      state: { webdav: { ...WEBDAV, endpoint: "https://dav.example.org/remote.php/dav/" } },
    });
    await user.click(createButton());
    await waitFor(() => expect(kernel.sentTo(PROXY)).toHaveLength(1));
    expect(kernel.sentTo(PROXY)[0]).toMatchObject({
      url: "https://dav.example.org/remote.php/dav/%E7%AC%94%E8%AE%B0-2026/",
    });
  });

  it("reads the settings again before sending: a changed password is the one used", async () => {
    const { kernel, user } = await openWebdav(() => proxyReply(201));
    kernel.kernel.webdav = { ...WEBDAV, password: "changed-on-the-server" };
    await user.click(createButton());
    await waitFor(() => expect(kernel.sentTo(PROXY)).toHaveLength(1));
    expect(kernel.sentTo(PROXY)[0]).toMatchObject({
      headers: [{ Authorization: `Basic ${btoa(`${USERNAME}:changed-on-the-server`)}` }],
    });
  });

  it("sends nothing when SiYuan no longer syncs with WebDAV, and says so", async () => {
    const { kernel, user } = await openWebdav(() => proxyReply(201));
    kernel.kernel.provider = 4;
    await user.click(createButton());
    expect(
      await screen.findByText("SiYuan no longer syncs with WebDAV, so nothing was sent."),
    ).toBeVisible();
    expect(kernel.sentTo(PROXY)).toEqual([]);
    expect(kernel.sentTo(CREATE)).toEqual([]);
  });

  it.each([
    ["no address", ""],
    ["not http or https", "ftp://nas.local/dav"],
  ])("sends nothing when the WebDAV settings have %s", async (_case, endpoint) => {
    const { kernel, user } = await openWebdav(() => proxyReply(201), "notes", {
      state: { webdav: { ...WEBDAV, endpoint } },
    });
    await user.click(createButton());
    expect(
      await screen.findByText(
        "SiYuan's WebDAV settings have no usable server address (http or https), so nothing was sent.",
      ),
    ).toBeVisible();
    expect(kernel.sentTo(PROXY)).toEqual([]);
  });

  it("keeps createCloudSyncDir as a secondary action and explains SiYuan's refusal", async () => {
    const { kernel, user } = await openWebdav(() => proxyReply(201));
    kernel.routes[CREATE] = () => kernelFails(LANGUAGE_131);
    await user.click(
      screen.getByRole("button", {
        name: "Send createCloudSyncDir instead, to see SiYuan's own answer",
      }),
    );
    await waitFor(() =>
      expect(
        within(response()).getByText(
          "SiYuan cannot manage directories on the active provider. Use your provider's own console or client.",
        ),
      ).toBeVisible(),
    );
    expect(kernel.sentTo(CREATE)).toEqual([{ name: "notes", provider: "WebDAV", path: "notes" }]);
    expect(kernel.sentTo(PROXY)).toEqual([]);
  });
});

describe("every WebDAV answer in words", () => {
  it.each<[number, Record<string, string[]>, string]>([
    [
      401,
      {},
      "The WebDAV server refused the user name or password in SiYuan's WebDAV settings. Correct them in SiYuan's settings, under Cloud.",
    ],
    [403, {}, "The WebDAV server does not allow this user to create a folder there."],
    [
      409,
      {},
      "The folder of the WebDAV address in SiYuan's settings does not exist on the server. Check the address.",
    ],
    [423, {}, "That place is locked on the WebDAV server. Try again later."],
    [507, {}, "The WebDAV server has no space left for a new folder."],
    [
      301,
      { Location: ["https://dav.example.org/dav/notes/"] },
      "The WebDAV server sends requests elsewhere (https://dav.example.org/dav/notes/); the plugin does not follow. Check the address in SiYuan's WebDAV settings.",
    ],
    [
      500,
      {},
      "The WebDAV server answered with a status the plugin does not expect, so the folder was probably not created. Its answer is in Request and response.",
    ],
  ])("%i", async (status, headers, words) => {
    const { user } = await openWebdav(() => proxyReply(status, headers));
    await user.click(createButton());
    await waitFor(() => expect(within(response()).getByText(words)).toBeVisible());
    expect(screen.queryByRole("button", { name: "Use this name now" })).toBeNull();
    // Nothing was created: the name stays for another try.
    expect(path()).toHaveValue("notes");
  });

  it("405: it exists already, and the form offers Use for the listed folder", async () => {
    const { kernel, user } = await openWebdav(() => {
      kernel.kernel.dirs?.push({ cloudName: "notes" });
      return proxyReply(405);
    });
    await user.click(createButton());
    await waitFor(() =>
      expect(
        within(response()).getByText(
          "“notes” already exists on the WebDAV server. Use it, if it holds this workspace's data or nothing.",
        ),
      ).toBeVisible(),
    );
    await waitFor(() => expect(row("notes")).toHaveClass("csd-dirs__row--highlighted"));
    await user.click(screen.getByRole("button", { name: "Use “notes”" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Switch" }));
    await waitFor(() => expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]));
  });

  it("in Chinese too", async () => {
    const { user } = await openWebdav(() => proxyReply(401), "notes", {
      t: chinese as I18n,
    });
    await user.click(screen.getByRole("button", { name: "创建" }));
    expect(
      await screen.findByText(
        "WebDAV 服务器拒绝了思源 WebDAV 设置中的用户名或密码。请在思源设置的“云端”中更正。",
      ),
    ).toBeVisible();
  });
});

/** The error text of kernel/api/network.go for an MKCOL that failed to be sent. */
const sendFailed = (detail: string) =>
  `forward request failed: Mkcol "http://192.168.1.20:5005/dav/notes/": ${detail}`;

describe("SiYuan cannot reach the server: why, and Use this name now", () => {
  it.each<[string, string, number, string, string]>([
    [
      "the address rule of 3.6.0–3.7.2",
      "3.7.2",
      8,
      "dial tcp 192.168.1.20:5005: ip address [192.168.1.20] is prohibited",
      "SiYuan refused to connect to the local address 192.168.1.20: SiYuan 3.6.0 to 3.7.2 keep plugins from reaching loopback and local network addresses. SiYuan 3.7.3 lifts this rule.",
    ],
    [
      "the address rule before the numbered codes",
      "3.6.4",
      -1,
      "dial tcp 192.168.1.20:5005: ip address [192.168.1.20] is prohibited",
      "SiYuan refused to connect to the local address 192.168.1.20: SiYuan 3.6.0 to 3.7.2 keep plugins from reaching loopback and local network addresses. SiYuan 3.7.3 lifts this rule.",
    ],
    [
      "safe mode on 3.7.3",
      "3.7.3",
      8,
      "dial tcp 192.168.1.20:5005: ip address [192.168.1.20] is prohibited",
      "SiYuan refused to connect to the local address 192.168.1.20: it runs in safe mode, which keeps plugins from reaching loopback and local network addresses. SiYuan 3.7.3 allows it outside safe mode.",
    ],
    [
      "a timeout",
      "3.7.3",
      8,
      "context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
      "The WebDAV server did not answer SiYuan in time.",
    ],
    [
      "TLS",
      "3.7.3",
      8,
      "tls: failed to verify certificate: x509: certificate signed by unknown authority",
      "SiYuan could not make a secure connection to the WebDAV server: forward request failed:",
    ],
    [
      "a refused connection",
      "3.7.3",
      8,
      "dial tcp 192.168.1.20:5005: connect: connection refused",
      "SiYuan could not reach the WebDAV server: forward request failed:",
    ],
  ])("%s", async (_case, version, code, detail, words) => {
    const { user } = await openWebdav(() => kernelFails(sendFailed(detail), code), "notes", {
      version,
    });
    await user.click(createButton());
    expect(await screen.findByText(words, { exact: false })).toBeVisible();
    expect(
      screen.getByText(
        "SiYuan's own sync can still create it: use this name now, and SiYuan creates the folder at its next sync and uploads this workspace's data there.",
      ),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: "Use this name now" })).toBeEnabled();
  });

  it("the kernel's own failures are said, with no offer", async () => {
    const { user } = await openWebdav(() =>
      kernelFails("invalid [url]: parse \"http://[x\": missing ']' in host", 1),
    );
    await user.click(createButton());
    expect(
      await screen.findByText("SiYuan could not send the request to the WebDAV server: invalid", {
        exact: false,
      }),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Use this name now" })).toBeNull();
  });

  it("a forwardProxy that SiYuan itself refused is said as for any request, with no offer", async () => {
    const { user } = await openWebdav(() => json(403, { code: -1, msg: "", data: null }));
    await user.click(createButton());
    expect(
      await screen.findByText(
        "Only the administrator of this SiYuan can manage cloud sync directories; published and reader views cannot.",
      ),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Use this name now" })).toBeNull();
  });

  it("an unanswered forwardProxy is a timeout too, after the WebDAV timeout and a margin", async () => {
    vi.useFakeTimers();
    const { user } = await openWebdav(unanswered, "notes", {
      state: { webdav: { ...WEBDAV, timeout: 90 } },
    });
    await user.click(createButton());

    await vi.advanceTimersByTimeAsync(90_000);
    expect(within(response()).getByText("Waiting for SiYuan… 90 s")).toBeVisible();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(
      within(response()).getByText("The WebDAV server did not answer SiYuan in time."),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: "Use this name now" })).toBeEnabled();
  });

  async function refusedOn372() {
    const opened = await openWebdav(
      () =>
        kernelFails(sendFailed("dial tcp 127.0.0.1:5005: ip address [127.0.0.1] is prohibited"), 8),
      "notes",
      { version: "3.7.2" },
    );
    await opened.user.click(createButton());
    await opened.user.click(await screen.findByRole("button", { name: "Use this name now" }));
    return opened;
  }

  it("Use this name now: confirmed, setCloudSyncDir, and cloudName read back", async () => {
    const { kernel, user } = await refusedOn372();
    const dialog = screen.getByRole("dialog", { name: "Use “notes” now?" });
    expect(
      within(dialog).getByText(
        "SiYuan will sync this workspace with “notes” on the WebDAV server. The folder does not exist yet: SiYuan creates it at its next sync and uploads this workspace's data there.",
      ),
    ).toBeVisible();
    const readsBefore = kernel.sentTo(GET_CONF).length;
    await user.click(within(dialog).getByRole("button", { name: "Use this name now" }));

    await waitFor(() =>
      expect(
        within(response()).getByText(
          "SiYuan now syncs with “notes” and creates the folder at its next sync.",
        ),
      ).toBeVisible(),
    );
    expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]);
    // Once before sending (still WebDAV?) and once after (did the name take?).
    expect(kernel.sentTo(GET_CONF).length).toBeGreaterThanOrEqual(readsBefore + 2);
    expect(screen.queryByRole("button", { name: "Use this name now" })).toBeNull();
    expect(await screen.findByTestId("active-directory")).toHaveTextContent("notes");
    await waitFor(() => expect(row("notes")).toHaveClass("csd-dirs__row--highlighted"));
  });

  it("Use this name now: code 0 but the name did not take is said as such", async () => {
    const { kernel, user } = await refusedOn372();
    // The route answers code 0 even when it refused the name (docs/siyuan-sync-api.md §12).
    kernel.routes[USE] = () => kernelOk(null);
    await user.click(
      within(screen.getByRole("dialog")).getByRole("button", { name: "Use this name now" }),
    );
    expect(
      await screen.findByText("SiYuan answered, but the current directory is still not “notes”."),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: "Use this name now" })).toBeEnabled();
  });

  it("Use this name now: Cancel sends nothing", async () => {
    const { kernel, user } = await refusedOn372();
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(kernel.sentTo(USE)).toEqual([]);
  });
});

describe("the WebDAV password stays secret", () => {
  /** A hostile server that echoes the request, credentials included, into its answer. */
  const echoing: Responder = (body) =>
    proxyReply(401, { "X-Echo": [JSON.stringify(body)] }, `you sent ${JSON.stringify(body)}`);

  it("not in the DOM, the history or either snippet; the history shows Basic ********", async () => {
    const { user, history } = await openWebdav(echoing);
    await openTechnical(user);
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    // The snippet of the request about to be sent.
    await user.click(screen.getByRole("button", { name: "Copy as cURL" }));
    await user.click(createButton());
    await waitFor(() => expect(history.entries.map((entry) => entry.endpoint)).toContain(PROXY));
    // The snippets of the request that was sent.
    await user.click(screen.getByRole("button", { name: "Copy as cURL" }));
    await user.click(screen.getByRole("button", { name: "Copy as JavaScript" }));
    // And again from the history.
    await user.click(screen.getByText(/^Request history/));
    await user.click(screen.getByRole("button", { name: new RegExp(`^Show ${PROXY}`) }));

    expect(writeText).toHaveBeenCalledTimes(3);
    for (const [copied] of writeText.mock.calls) {
      expectNoSecretIn(copied);
      expect(copied).toContain("Basic BASE64_OF_USERNAME:PASSWORD");
    }
    const kept = JSON.stringify(history.entries);
    expectNoSecretIn(kept);
    expect(kept).toContain("Basic ********");
    expect(within(technical()).getByTestId("response-request")).toHaveTextContent(
      '"Authorization": "Basic ********"',
    );
    expectNoSecretInDom();
    // The list and the settings reads are not where it leaks either.
    expect(history.entries.map((entry) => entry.endpoint)).not.toContain(GET_CONF);
    expect(history.entries.map((entry) => entry.endpoint)).toContain(LIST);
  });

  it("a reply that is not JSON still has the secrets masked", async () => {
    const { user } = await openWebdav(() => json(502, `bad gateway for ${PASSWORD} / ${BASIC}`));
    await openTechnical(user);
    await user.click(createButton());
    await waitFor(() => expect(within(technical()).getByTestId("response-body")).toBeVisible());
    expect(within(technical()).getByTestId("response-body")).toHaveTextContent("********");
    expectNoSecretInDom();
  });
});
