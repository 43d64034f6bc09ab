import { fireEvent, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import chinese from "../../public/i18n/zh_CN.json";
import {
  LIST,
  deferred,
  fakeKernel,
  json,
  kernelFails,
  kernelOk,
  openTechnical,
  renderPanel,
  technical,
  unanswered,
  type Responder,
} from "./harness";

const provider = () => screen.getByRole("combobox", { name: "Active provider" });
const path = () => screen.getByRole("textbox", { name: "New directory" });
const createButton = () => screen.getByRole("button", { name: "Create" });
const response = () => screen.getByRole("region", { name: "Response" });

/** Renders the panel, waits for the kernel's settings and types `name` like a user. */
async function openAndType(name: string, options: Parameters<typeof renderPanel>[0]) {
  const user = userEvent.setup();
  const rendered = renderPanel(options);
  await rendered.opened;
  if (name !== "") {
    await user.click(path());
    await user.paste(name);
  }
  return { user, ...rendered };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("idle form", () => {
  it("starts on the environment's active provider, then follows the kernel's settings", async () => {
    const kernel = fakeKernel({ provider: 4, cloudName: "main" });
    const user = userEvent.setup();
    const { opened } = renderPanel({
      transport: kernel.transport,
      environment: { provider: 0, cloudName: "old" },
    });

    expect(provider()).toHaveDisplayValue("SiYuan");
    expect(screen.getByText("old")).toBeInTheDocument();

    await opened;
    await waitFor(() => expect(provider()).toHaveDisplayValue("Local file system"));
    expect(path()).toHaveValue("");
    expect(createButton()).toBeDisabled();
    expect(response()).toBeEmptyDOMElement();
    await openTechnical(user);
    expect(within(technical()).getByText("SiYuan's answer will appear here.")).toBeVisible();
    expect(kernel.creates()).toEqual([]);
  });
});

describe("invalid names: explained, counted, never sent", () => {
  it.each([
    ["my?notes", "“?” is not allowed in a cloud sync directory name.", "8 / 63 bytes"],
    ["my notes", "Spaces are not allowed in a cloud sync directory name.", "8 / 63 bytes"],
    ["a\u00A0b", "SiYuan turns a no-break space into an ordinary space", "3 / 63 bytes"],
    [".stfolder", "“.” is not allowed in a cloud sync directory name.", "9 / 63 bytes"],
    ["中".repeat(22), "The name is 66 bytes long", "66 / 63 bytes"],
  ])("%j", async (name, problem, counter) => {
    const kernel = fakeKernel();
    const { user } = await openAndType(name, { transport: kernel.transport });

    expect(screen.getByText(problem, { exact: false })).toBeVisible();
    expect(screen.getByText(counter)).toBeVisible();
    expect(path()).toHaveAttribute("aria-invalid", "true");
    expect(createButton()).toBeDisabled();
    await openTechnical(user);
    expect(screen.getByText("Nothing will be sent until the name is valid.")).toBeVisible();

    await user.click(createButton());
    await user.type(path(), "{Enter}");
    expect(kernel.creates()).toEqual([]);
  });

  it("counts CJK characters as 3 bytes and accepts 21 of them", async () => {
    const kernel = fakeKernel();
    await openAndType("中".repeat(21), { transport: kernel.transport });
    expect(screen.getByText("63 / 63 bytes")).toBeVisible();
    expect(createButton()).toBeEnabled();
  });

  it("explains a/b as a path and fills the suggestion a-b in one click", async () => {
    const kernel = fakeKernel();
    const { user } = await openAndType("a/b", { transport: kernel.transport });

    expect(
      screen.getByText(
        "“/” is not allowed: SiYuan creates one directory, not a path, so a name cannot contain “/”.",
      ),
    ).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Use “a-b”" }));

    expect(path()).toHaveValue("a-b");
    expect(screen.getByText("Will create “a-b”.")).toBeVisible();
    expect(path()).toHaveAttribute("aria-invalid", "false");
    expect(createButton()).toBeEnabled();
    expect(kernel.creates()).toEqual([]);
  });

  it("puts the cursor back in the name field after a suggestion is applied by click or Enter", async () => {
    const kernel = fakeKernel();
    const { user } = await openAndType("a/b", { transport: kernel.transport });
    await user.click(screen.getByRole("button", { name: "Use “a-b”" }));
    expect(path()).toHaveFocus();

    await user.type(path(), "/c");
    screen.getByRole("button", { name: "Use “a-b-c”" }).focus();
    await user.keyboard("{Enter}");
    expect(path()).toHaveValue("a-b-c");
    expect(path()).toHaveFocus();
  });

  it("says how many invisible characters the kernel strips, and sends the stripped name", async () => {
    const kernel = fakeKernel();
    const { user } = await openAndType("no\u200Btes", { transport: kernel.transport });
    expect(
      screen.getByText("SiYuan removes 1 invisible or control character(s) from this name."),
    ).toBeVisible();
    expect(screen.getByText("Will create “notes”.")).toBeVisible();
    await user.click(createButton());
    await waitFor(() => expect(kernel.creates()).toHaveLength(1));
    expect(kernel.creates()[0]).toEqual({
      name: "notes",
      provider: "Local File System",
      path: "no\u200Btes",
    });
  });
});

describe("the active provider", () => {
  it("is where a create goes: sent at once, with its kernel name in the body", async () => {
    const kernel = fakeKernel({ provider: 0 });
    const { user } = await openAndType("notes", {
      transport: kernel.transport,
      environment: { provider: 0 },
    });
    await user.click(createButton());
    await waitFor(() =>
      expect(within(response()).getByText("Created “notes” on SiYuan.")).toBeVisible(),
    );
    expect(kernel.creates()).toEqual([{ name: "notes", provider: "SiYuan", path: "notes" }]);
  });

  it("unknown: nothing is sent, and the status says why", async () => {
    const kernel = fakeKernel();
    kernel.routes["/api/system/getConf"] = () => json(403, "");
    const { user } = await openAndType("notes", {
      transport: kernel.transport,
      environment: { provider: null },
    });
    expect(
      screen.getByText("Could not read the sync settings", { exact: false }),
    ).toBeInTheDocument();
    expect(provider()).toHaveDisplayValue("unknown");
    expect(createButton()).toBeDisabled();
    await user.type(path(), "{Enter}");
    expect(kernel.creates()).toEqual([]);
  });
});

// No provider left where Create sends a request SiYuan refuses: S3 offers no name field
// (providers-and-version.test.ts), and on WebDAV the plugin creates the folder itself, SiYuan's own
// refusal being one secondary action away (webdav-create.test.ts).

describe("read-only and publish: the form is locked", () => {
  it.each([
    [
      "read-only kernel",
      { readonly: true },
      "SiYuan runs in read-only mode: cloud sync directories cannot be changed, and nothing is sent.",
    ],
    [
      "publish view",
      { isPublish: true, readonly: true },
      "This is a published (read-only) view of SiYuan: cloud sync directories cannot be changed here, and nothing is sent.",
    ],
  ])("%s", async (_label, state, explanation) => {
    const kernel = fakeKernel(state);
    const { model, opened } = renderPanel({ transport: kernel.transport });
    model.form.typeName("notes");
    await opened;

    await waitFor(() => expect(screen.getByText(explanation)).toBeVisible());
    expect(path()).toBeDisabled();
    expect(provider()).toBeDisabled();
    expect(createButton()).toBeDisabled();

    // Enter in the field submits the form; the form must still send nothing.
    const form = createButton().closest("form");
    expect(form).not.toBeNull();
    await fireEvent.submit(form!);
    await fireEvent.keyDown(path(), { key: "Enter" });
    expect(kernel.creates()).toEqual([]);
  });

  it("does not list directories in a publish view (the route answers 403 there)", async () => {
    const kernel = fakeKernel({ isPublish: true, readonly: true });
    const { opened } = renderPanel({
      transport: kernel.transport,
      environment: { isPublish: true },
    });
    await opened;
    // The version needs no authentication and is read in a published view too.
    expect(kernel.sent.map((request) => request.endpoint)).toEqual([
      "/api/system/getConf",
      "/api/system/version",
    ]);
  });
});

describe("in flight", () => {
  it("disables the button at once and sends a double click once", async () => {
    const answer = deferred<{ status: number; text: string }>();
    const kernel = fakeKernel({}, () => answer.promise);
    const { user } = await openAndType("notes", { transport: kernel.transport });

    await user.dblClick(createButton());
    const busy = createButton();
    expect(busy).toBeDisabled();
    // Progress words wait a second: a quick answer is not preceded by "Creating…" and "0 s".
    expect(screen.queryByRole("button", { name: "Creating…" })).toBeNull();
    expect(within(response()).queryByText(/Waiting for SiYuan/)).toBeNull();
    await user.click(busy);
    await user.type(path(), "{Enter}");
    expect(kernel.creates()).toHaveLength(1);

    answer.resolve({ status: 200, text: '{"code":0,"msg":"","data":null}' });
    // Created: the field clears for the next name.
    await waitFor(() => expect(path()).toHaveValue(""));
    expect(createButton()).toBeDisabled();
    expect(kernel.creates()).toHaveLength(1);
  });

  it("counts the seconds while waiting, then times out after 60 s", async () => {
    vi.useFakeTimers();
    const kernel = fakeKernel({}, unanswered);
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const { opened } = renderPanel({ transport: kernel.transport });
    await opened;
    await user.click(path());
    await user.paste("notes");
    await user.click(createButton());

    await vi.advanceTimersByTimeAsync(999);
    expect(within(response()).queryByText(/Waiting for SiYuan/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Creating…" })).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(within(response()).getByText("Waiting for SiYuan… 1 s")).toBeVisible();
    expect(screen.getByRole("button", { name: "Creating…" })).toBeDisabled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(within(response()).getByText("Waiting for SiYuan… 3 s")).toBeVisible();

    await vi.advanceTimersByTimeAsync(57_000);
    expect(
      within(response()).getByText(
        "No answer within 60 s. SiYuan may still finish the request; check the list before trying again.",
      ),
    ).toBeVisible();
    await openTechnical(user);
    expect(within(technical()).getByText(/^No HTTP answer · \d+ ms$/)).toBeVisible();
    expect(createButton()).toBeEnabled();
    expect(kernel.creates()).toHaveLength(1);
  });
});

describe("answers", () => {
  it("shows the summary, HTTP status, duration and the pretty JSON on success", async () => {
    let clock = 1_000;
    const kernel = fakeKernel({}, () => {
      clock += 42;
      return kernelOk();
    });
    const { user } = await openAndType("notes", {
      transport: kernel.transport,
      now: () => clock,
    });
    await user.click(createButton());

    const region = response();
    await waitFor(() =>
      expect(within(region).getByText("Created “notes” on Local file system.")).toBeVisible(),
    );
    expect(screen.getByTestId("reply-line")).toHaveTextContent('{"code":0,"msg":"","data":null}');
    await openTechnical(user);
    expect(within(technical()).getByText("HTTP 200 · 42 ms")).toBeVisible();
    expect(within(technical()).getByTestId("response-body").textContent).toBe(
      '{\n  "code": 0,\n  "msg": "",\n  "data": null\n}',
    );
    expect(kernel.creates()).toEqual([
      { name: "notes", provider: "Local File System", path: "notes" },
    ]);
  });

  it.each<[string, Responder, string, string]>([
    [
      "401",
      () => json(401, { code: -1, msg: "Auth failed [session]" }),
      "SiYuan refused the request as not authorised. Unlock SiYuan or reload the window, then try again.",
      "HTTP 401",
    ],
    [
      "403 with an empty body",
      () => Promise.resolve({ status: 403, text: "" }),
      "Only the administrator of this SiYuan can manage cloud sync directories; published and reader views cannot.",
      "HTTP 403",
    ],
    [
      "500",
      () => Promise.resolve({ status: 500, text: "Internal Server Error" }),
      "SiYuan failed to carry out the request. Try again; if it keeps failing, check SiYuan's log.",
      "HTTP 500",
    ],
    [
      "a non-JSON answer",
      () => Promise.resolve({ status: 200, text: "<html><body>Sign in</body></html>" }),
      "SiYuan's answer could not be read. A proxy or an outdated SiYuan may be in the way.",
      "HTTP 200",
    ],
    [
      "the invalid-name refusal",
      () =>
        kernelFails(
          "The cloud sync directory name (Bucket) cannot be empty, contain spaces or special symbols, and has a maximum length of 63 characters",
        ),
      "SiYuan rejected the name. Use 1–63 bytes without spaces or special characters.",
      "HTTP 200",
    ],
  ])("%s is explained", async (_label, create, summary, status) => {
    const kernel = fakeKernel({}, create);
    const { user } = await openAndType("notes", { transport: kernel.transport });
    await user.click(createButton());

    const region = response();
    await waitFor(() => expect(within(region).getByText(summary)).toBeVisible());
    await openTechnical(user);
    expect(within(technical()).getByText(new RegExp(`^${status} · \\d+ ms$`))).toBeVisible();
    expect(createButton()).toBeEnabled();
  });

  it.each([
    ["created before the connection dropped", true, "“notes” is there."],
    ["never reached SiYuan", false, "“notes” is not there."],
  ])("a lost connection re-reads the list and says what it found: %s", async (_l, took, found) => {
    const kernel = fakeKernel({ dirs: [{ cloudName: "main" }] });
    kernel.routes["/api/sync/createCloudSyncDir"] = () => {
      if (took) kernel.kernel.dirs = [...(kernel.kernel.dirs ?? []), { cloudName: "notes" }];
      return Promise.reject(new TypeError("Failed to fetch"));
    };
    const { user } = await openAndType("notes", { transport: kernel.transport });
    const listsBefore = kernel.sentTo(LIST).length;
    await user.click(createButton());

    await waitFor(() =>
      expect(
        within(response()).getByText(`The connection was lost. The list was read again: ${found}`),
      ).toBeVisible(),
    );
    expect(kernel.sentTo(LIST).length).toBe(listsBefore + 1);
    expect(screen.queryByText("Failed to fetch", { exact: false })).toBeNull();
  });

  it("shows a non-JSON body as it came, as text", async () => {
    const html = "<html><body><img src=x>Sign in</body></html>";
    const kernel = fakeKernel({}, () => Promise.resolve({ status: 200, text: html }));
    const { user, container } = await openAndType("notes", { transport: kernel.transport });
    await user.click(createButton());
    await waitFor(() => expect(screen.getByTestId("reply-line")).toHaveTextContent(html));
    await openTechnical(user);
    expect(within(technical()).getByTestId("response-body")).toHaveTextContent(html);
    expect(container.querySelector("img")).toBeNull();
  });

  it("shows HTML in SiYuan's message as plain text, never as markup", async () => {
    const msg = '<img src=x onerror="alert(1)"><b>create cloud repo failed</b> (Provider: SiYuan)';
    const kernel = fakeKernel({}, () => kernelFails(msg));
    const { user, container } = await openAndType("notes", { transport: kernel.transport });
    await user.click(createButton());

    await waitFor(() =>
      expect(
        within(response()).getByText(
          "SiYuan reported an error: create cloud repo failed (Provider: SiYuan).",
        ),
      ).toBeVisible(),
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("names already listed", () => {
  const listed = { dirs: [{ cloudName: "main" }, { cloudName: "Notes-2026" }] };

  it.each([
    [
      "the same name",
      "Notes-2026",
      "“Notes-2026” is already in the list: use it instead of creating it.",
    ],
    [
      "a name differing only in case",
      "notes-2026",
      "“Notes-2026” is already in the list, differing only in case: on Windows and macOS that is the same folder. Use it instead.",
    ],
  ])("%s says so, offers Use, and is never sent", async (_label, typed, said) => {
    const kernel = fakeKernel(listed);
    const { user } = await openAndType(typed, { transport: kernel.transport });
    await waitFor(() => expect(screen.getByText(said)).toBeVisible());
    expect(screen.queryByText(/^Will create/)).toBeNull();
    expect(createButton()).toBeDisabled();
    await user.type(path(), "{Enter}");
    expect(kernel.creates()).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Use “Notes-2026”" }));
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Switch" }));
    await waitFor(() => expect(kernel.kernel.cloudName).toBe("Notes-2026"));
  });

  it("the current directory is named as such, with nothing to use", async () => {
    const kernel = fakeKernel(listed);
    await openAndType("MAIN", { transport: kernel.transport });
    expect(
      screen.getByText("“main” is already in the list, and it is the current directory."),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Use “main”" })).toBeNull();
    expect(createButton()).toBeDisabled();
  });

  it("after a create the field clears and the new row is highlighted", async () => {
    const kernel = fakeKernel(listed);
    const { user } = await openAndType("fresh", { transport: kernel.transport });
    await user.click(createButton());
    await waitFor(() => expect(path()).toHaveValue(""));
    const row = await screen.findByText("fresh", { selector: ".csd-dirs__name" });
    expect(row.closest("li")).toHaveClass("csd-dirs__row--highlighted");
    expect(screen.queryByText(/is already in the list/)).toBeNull();
    expect(within(response()).getByText("Created “fresh” on Local file system.")).toBeVisible();

    // The result was about "fresh": editing the name clears it.
    await user.type(path(), "a b");
    expect(response()).toBeEmptyDOMElement();
    expect(screen.queryByTestId("reply-line")).toBeNull();
  });
});

describe("in Chinese", () => {
  it("names the controls in Chinese and explains a path in Chinese", async () => {
    const kernel = fakeKernel();
    const user = userEvent.setup();
    const { opened } = renderPanel({ transport: kernel.transport, t: chinese });
    await opened;

    expect(screen.getByRole("combobox", { name: "当前提供商" })).toHaveDisplayValue("本地文件系统");
    const field = screen.getByRole("textbox", { name: "新建目录" });
    expect(screen.getByRole("region", { name: "响应" })).toBeInTheDocument();
    await user.click(field);
    await user.paste("a/b");
    expect(
      screen.getByText("不能使用“/”：思源只创建一个目录，而不是多级路径，所以名称中不能有“/”。"),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: "创建" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "改用“a-b”" }));
    expect(field).toHaveValue("a-b");
  });

  it("says a listed name is already there, in Chinese", async () => {
    const kernel = fakeKernel({ dirs: [{ cloudName: "main" }, { cloudName: "notes" }] });
    const user = userEvent.setup();
    await renderPanel({ transport: kernel.transport, t: chinese }).opened;
    await user.click(screen.getByRole("textbox", { name: "新建目录" }));
    await user.paste("NOTES");
    expect(
      screen.getByText(
        "列表中已有“notes”，仅大小写不同：在 Windows 和 macOS 上它们是同一个文件夹。请直接使用它。",
      ),
    ).toBeVisible();
    expect(screen.getByRole("button", { name: "改用“notes”" })).toBeEnabled();
  });
});
