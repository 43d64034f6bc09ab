/**
 * What the panel offers per provider (S3: nothing by name; WebDAV: Use but no Delete, said once)
 * and SiYuan's version in the status line, over the real kernel client and the fake kernel.
 */
import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import chinese from "../../public/i18n/zh_CN.json";
import {
  LIST,
  USE,
  VERSION,
  fakeKernel,
  holdNextCall,
  json,
  kernelFails,
  kernelOk,
  openPanel,
  renderPanel,
} from "./harness";

const S3_NOTE =
  "With S3 the configured bucket is the one directory: SiYuan ignores directory names and sets the current one back to the bucket whenever it reads this list, so nothing can be created, switched to or deleted here. To sync to another bucket, create it in your provider's console, then enter it as Bucket in SiYuan's Settings → Cloud.";
const WEBDAV_NOTE =
  "WebDAV directories have no Delete here: SiYuan deliberately offers none for third-party storage. Remove a folder with your WebDAV server's own tools, such as its web interface or a WebDAV client.";

const directories = () => screen.getByRole("region", { name: "Directories" });
const rows = () => within(directories()).queryAllByRole("listitem");
const kernelVersion = () => screen.getByTestId("kernel-version");
const rowButtons = () =>
  rows().flatMap((item) =>
    within(item)
      .queryAllByRole("button")
      .map((button) => button.title),
  );

describe("S3: the bucket is the one directory", () => {
  const bucket = { provider: 2, cloudName: "siyuan-bucket" } as const;

  it("rows offer no Use or Delete, the form no name field, and the note points to the settings", async () => {
    await openPanel({ ...bucket, dirs: [{ cloudName: "siyuan-bucket" }, { cloudName: "other" }] });

    expect(rows()).toHaveLength(2);
    expect(within(directories()).queryAllByRole("button", { name: /^(Use|Delete) / })).toEqual([]);
    expect(rowButtons()).toEqual([]);
    expect(screen.queryByRole("textbox", { name: "New directory" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Create" })).toBeNull();
    // The provider select stays: it is how the user leaves S3.
    expect(screen.getByRole("combobox", { name: "Active provider" })).toHaveDisplayValue("S3");
    expect(within(directories()).getAllByText(S3_NOTE)).toHaveLength(1);
    // No second, contradicting warning that a request could still be sent.
    expect(screen.queryByText(/SiYuan cannot create directories on S3/)).toBeNull();
  });

  it("the form sends nothing on S3, even when submitted by hand", async () => {
    const { kernel, model } = await openPanel(bucket);
    model.form.typeName("notes");
    model.form.requestCreate();
    expect(model.form.plan.blocker).toBe("noNames");
    expect(kernel.creates()).toEqual([]);
  });

  it("in Chinese, the note names SiYuan's settings as SiYuan does", async () => {
    await openPanel(bucket, { t: chinese });
    expect(screen.getByText(chinese.s3BucketNote)).toBeVisible();
    expect(chinese.s3BucketNote).toContain("[设置 - 云端]");
    expect(chinese.s3BucketNote).toContain("控制台");
  });

  it("the name field comes back once the settings say another provider is active", async () => {
    const { kernel, user } = await openPanel(bucket);
    expect(screen.queryByRole("textbox", { name: "New directory" })).toBeNull();
    kernel.kernel.provider = 4;
    await user.click(screen.getByRole("button", { name: "Reload sync settings" }));
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "New directory" })).toBeEnabled(),
    );
    expect(screen.queryByText(S3_NOTE)).toBeNull();
  });
});

describe("WebDAV: Use, but no Delete, and why, once", () => {
  const webdav = {
    provider: 3,
    cloudName: "main",
    dirs: [{ cloudName: "main" }, { cloudName: "notes" }, { cloudName: "archive" }],
  } as const;

  it("every other row offers Use, none Delete, and the reason stands once above the rows", async () => {
    await openPanel({ ...webdav, dirs: [...webdav.dirs] });

    expect(rows()).toHaveLength(3);
    for (const name of ["notes", "archive"]) {
      expect(screen.getByRole("button", { name: `Use ${name}` })).toBeEnabled();
    }
    expect(screen.queryAllByRole("button", { name: /^Delete / })).toEqual([]);
    expect(within(directories()).getAllByText(WEBDAV_NOTE)).toHaveLength(1);
    for (const item of rows()) expect(item).not.toHaveTextContent("Delete");
  });

  it("Use switches on WebDAV, confirmed by the list", async () => {
    const { kernel, user } = await openPanel({ ...webdav, dirs: [...webdav.dirs] });
    await user.click(screen.getByRole("button", { name: "Use notes" }));
    const dialog = screen.getByRole("dialog", { name: "Switch the cloud sync directory?" });
    await user.click(within(dialog).getByRole("button", { name: "Switch" }));
    await waitFor(() => expect(screen.getByTestId("active-directory")).toHaveTextContent("notes"));
    expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]);
  });

  it("in Chinese, says why there is no delete", async () => {
    await openPanel({ ...webdav, dirs: [...webdav.dirs] }, { t: chinese });
    expect(
      screen.getByText(
        "WebDAV 目录在这里没有“删除”：思源有意不为第三方存储提供删除功能。请使用 WebDAV 服务器自己的工具删除文件夹，例如它的网页界面或 WebDAV 客户端。",
      ),
    ).toBeVisible();
  });
});

describe("SiYuan's version in the status line", () => {
  it("is read when the panel opens and shown as “SiYuan 3.7.3”", async () => {
    const { kernel } = await openPanel({ version: "3.7.3" });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.3"));
    expect(kernelVersion().closest("dl")).toHaveTextContent("Current directory main SiYuan 3.7.3");
    expect(kernelVersion().previousElementSibling).toHaveTextContent("SiYuan");
    expect(kernel.sentTo(VERSION)).toHaveLength(1);
    expect(screen.queryByText(/older than/)).toBeNull();
  });

  it("is read once: later settings reads (refresh, before actions) do not ask again", async () => {
    const { kernel, user } = await openPanel({ version: "3.7.3" });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.3"));
    await user.click(screen.getByRole("button", { name: "Reload sync settings" }));
    await user.click(screen.getByRole("button", { name: "Refresh list" }));
    await waitFor(() => expect(kernel.sentTo(LIST)).toHaveLength(2));
    expect(kernel.sentTo(VERSION)).toHaveLength(1);
  });

  it("keeps a pre-release suffix as SiYuan sent it", async () => {
    await openPanel({ version: "3.7.4-alpha.1" });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.4-alpha.1"));
  });

  it.each([
    ["3.1.18", "SiYuan 3.1.18 is older than 3.1.19, the oldest version this plugin supports."],
    ["2.12.0", "SiYuan 2.12.0 is older than 3.1.19, the oldest version this plugin supports."],
  ])("below minAppVersion (%s) the panel says so plainly", async (version, said) => {
    await openPanel({ version });
    await waitFor(() => expect(screen.getByText(said, { exact: false })).toBeVisible());
    expect(screen.getByText(said, { exact: false })).toHaveTextContent("please update SiYuan.");
  });

  it.each(["3.1.19", "3.6.3"])("at or above minAppVersion (%s) says nothing more", async (v) => {
    await openPanel({ version: v });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent(v));
    expect(screen.queryByText(/older than/)).toBeNull();
  });

  it("in Chinese: “思源 3.7.3”, and below the minimum in Chinese words", async () => {
    await openPanel({ version: "3.7.3" }, { t: chinese });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.3"));
    expect(kernelVersion().previousElementSibling).toHaveTextContent("思源");
  });

  it("below the minimum, in Chinese", async () => {
    await openPanel({ version: "3.1.0" }, { t: chinese });
    await waitFor(() =>
      expect(
        screen.getByText(
          "思源 3.1.0 低于本插件支持的最低版本 3.1.19。目录可能无法按这里的说明列出、创建或删除：请更新思源。",
        ),
      ).toBeVisible(),
    );
  });

  it.each([
    ["HTTP 404 (no such route)", () => json(404, "404 page not found")],
    ["a kernel error", () => kernelFails("boom")],
    ["not a version", () => kernelOk("<img src=x onerror=alert(1)>")],
    ["a number", () => kernelOk(373)],
    ["a dropped connection", () => Promise.reject(new TypeError("Failed to fetch"))],
  ])("a failed read (%s) says “version unknown” quietly and blocks nothing", async (_l, fail) => {
    await openPanel({ dirs: [{ cloudName: "main" }, { cloudName: "notes" }] }, {}, (kernel) => {
      kernel.routes[VERSION] = fail;
    });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("version unknown"));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(rows()).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Use notes" })).toBeEnabled();
    expect(document.body).not.toHaveTextContent("onerror");
  });

  it("in Chinese, an unknown version is “版本未知”", async () => {
    await openPanel({}, { t: chinese }, (kernel) => {
      kernel.routes[VERSION] = () => json(500, "");
    });
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("版本未知"));
  });

  it("a version read that never answers does not hold up the settings or the list", async () => {
    const kernel = fakeKernel({ dirs: [{ cloudName: "main" }, { cloudName: "notes" }] });
    const release = holdNextCall(kernel, VERSION);
    const { opened } = renderPanel({ transport: kernel.transport });
    await opened;
    expect(rows()).toHaveLength(2);
    expect(screen.getByTestId("active-provider")).toHaveTextContent("Local file system");
    expect(screen.queryByTestId("kernel-version")).toBeNull();
    release();
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.3"));
  });

  it("is asked again while unknown, and a late answer to an older read does not win", async () => {
    const kernel = fakeKernel({ version: "3.6.3" });
    // The first read hangs; when released it answers from the kernel's state then.
    const releaseFirst = holdNextCall(kernel, VERSION);
    const user = userEvent.setup();
    const { opened } = renderPanel({ transport: kernel.transport });
    await opened;

    kernel.kernel.version = "3.7.3";
    await user.click(screen.getByRole("button", { name: "Reload sync settings" }));
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.3"));
    expect(kernel.sentTo(VERSION)).toHaveLength(2);

    kernel.kernel.version = "3.1.0";
    releaseFirst();
    // Give the stale answer every chance to land.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(kernelVersion()).toHaveTextContent("3.7.3");
    expect(screen.queryByText(/older than/)).toBeNull();
  });

  it("a late failure of an older read does not turn a known version into “unknown”", async () => {
    const kernel = fakeKernel({ version: "3.7.3" });
    const answer = kernel.routes[VERSION]!;
    let calls = 0;
    let failFirst!: () => void;
    kernel.routes[VERSION] = (body, signal) => {
      calls += 1;
      if (calls > 1) return answer(body, signal);
      return new Promise((_resolve, reject) => {
        failFirst = () => reject(new TypeError("Failed to fetch"));
      });
    };
    const user = userEvent.setup();
    const { opened } = renderPanel({ transport: kernel.transport });
    await opened;
    await user.click(screen.getByRole("button", { name: "Reload sync settings" }));
    await waitFor(() => expect(kernelVersion()).toHaveTextContent("3.7.3"));

    failFirst();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(kernelVersion()).toHaveTextContent("3.7.3");
  });
});
