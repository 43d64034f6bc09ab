/**
 * The provider select: it shows SiYuan's active provider and switches SiYuan's sync to another one
 * it has settings for, after a confirmation (docs/siyuan-sync-api.md §16).
 */
import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import chinese from "../../public/i18n/zh_CN.json";
import {
  GET_CONF,
  LIST,
  SET_PROVIDER,
  fakeKernel,
  json,
  renderPanel,
  type KernelState,
  type RenderOptions,
} from "./harness";

const select = (name = "Active provider") => screen.getByRole("combobox", { name });
const option = (label: string) => within(select()).getByRole("option", { name: label });
const dialog = () => screen.getByRole("dialog");

async function open(state: Partial<KernelState> = {}, options: Partial<RenderOptions> = {}) {
  const kernel = fakeKernel(state);
  const user = userEvent.setup();
  const rendered = renderPanel({ transport: kernel.transport, ...options });
  await rendered.opened;
  return { kernel, user, ...rendered };
}

describe("what the select offers", () => {
  it("shows the active provider; providers without settings are disabled with where to set them up", async () => {
    await open();
    expect(select()).toHaveDisplayValue("Local file system");
    expect(option("WebDAV")).toBeEnabled();
    expect(option("S3: set it up in Settings → Cloud")).toBeDisabled();
    expect(option("SiYuan: set it up in Settings → Cloud")).toBeDisabled();
  });

  it("offers S3 once endpoint and bucket are set, and SiYuan's cloud to a subscriber", async () => {
    await open(
      { s3: { endpoint: "https://s3.example", bucket: "notes" } },
      { environment: { cloudSubscriber: true } },
    );
    expect(option("S3")).toBeEnabled();
    expect(option("SiYuan")).toBeEnabled();
  });

  it("is disabled in a read-only SiYuan, and says why", async () => {
    const { kernel } = await open({ readonly: true });
    expect(select()).toBeDisabled();
    expect(
      screen.getByText(
        "SiYuan refuses changes here (read-only or published), so its provider cannot be switched.",
      ),
    ).toBeVisible();
    expect(kernel.sentTo(SET_PROVIDER)).toEqual([]);
  });
});

describe("switching", () => {
  it("asks with where the next sync goes; Cancel sends nothing and shows the active provider again", async () => {
    const { kernel, user } = await open();
    await user.selectOptions(select(), "WebDAV");

    expect(dialog()).toHaveAccessibleName("Switch SiYuan's sync to WebDAV?");
    expect(within(dialog()).getByTestId("switch-where")).toHaveTextContent(
      "The next sync goes to https://dav.example/remote.php/dav/, into the directory “main”; SiYuan creates it there if it is missing.",
    );
    expect(dialog()).toHaveTextContent(
      "Only the provider changes: the notes on this device and the directories on Local file system are not touched.",
    );
    await user.click(within(dialog()).getByRole("button", { name: "Cancel" }));

    expect(screen.queryByRole("dialog")).toBeNull();
    expect(select()).toHaveDisplayValue("Local file system");
    expect(kernel.sentTo(SET_PROVIDER)).toEqual([]);
  });

  it("switches after the confirmation, then reads the settings and the list again", async () => {
    const { kernel, user } = await open({ dirs: [{ cloudName: "main" }] });
    const reads = kernel.sentTo(GET_CONF).length;
    const lists = kernel.sentTo(LIST).length;
    await user.selectOptions(select(), "WebDAV");
    await user.click(within(dialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() =>
      expect(screen.getByTestId("provider-result")).toHaveTextContent(
        "SiYuan now syncs with WebDAV; the list shows its directories.",
      ),
    );
    expect(screen.getByTestId("provider-result")).toHaveClass("csd-verdict--success");
    expect(kernel.sentTo(SET_PROVIDER)).toEqual([{ provider: 3 }]);
    // Read right before sending (the confirmation must still hold), and again after the switch.
    expect(kernel.sentTo(GET_CONF).length).toBe(reads + 2);
    expect(kernel.sentTo(LIST).length).toBe(lists + 1);
    expect(select()).toHaveDisplayValue("WebDAV");
    // The select was disabled while switching: focus stayed by it instead of falling to <body>.
    expect(document.activeElement).toBe(screen.getByTestId("provider-result").parentElement);
  });

  it.each<[string, (state: KernelState) => void]>([
    [
      "the WebDAV address",
      (state) => (state.webdav = { ...state.webdav, endpoint: "https://elsewhere.example/dav/" }),
    ],
    ["the active provider", (state) => (state.provider = 2)],
    ["the current directory", (state) => (state.cloudName = "notes-2026")],
    ["WebDAV's settings, now gone", (state) => (state.webdav = { endpoint: "" })],
  ])(
    "sends nothing when %s changed after the confirmation was shown, and says so",
    async (_label, change) => {
      const { kernel, user } = await open();
      await user.selectOptions(select(), "WebDAV");
      change(kernel.kernel);
      await user.click(within(dialog()).getByRole("button", { name: "Switch" }));

      await waitFor(() =>
        expect(screen.getByTestId("provider-notice")).toHaveTextContent(
          "SiYuan's sync settings changed after you confirmed, so nothing was switched. Check where the next sync would go and choose again.",
        ),
      );
      expect(kernel.sentTo(SET_PROVIDER)).toEqual([]);
      expect(kernel.kernel.provider).not.toBe(3);
    },
  );

  it("explains a failure in plain words and keeps showing the active provider", async () => {
    const { kernel, user } = await open();
    kernel.routes[SET_PROVIDER] = () => Promise.resolve({ status: 500, text: "boom" });
    await user.selectOptions(select(), "WebDAV");
    await user.click(within(dialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() =>
      expect(screen.getByTestId("provider-result")).toHaveTextContent(
        "SiYuan failed to carry out the request. Try again; if it keeps failing, check SiYuan's log.",
      ),
    );
    expect(select()).toHaveDisplayValue("Local file system");
  });

  it("a code 0 that changed nothing is reported as not switched", async () => {
    const { kernel, user } = await open();
    kernel.routes[SET_PROVIDER] = () => json(200, { code: 0, msg: "", data: null });
    await user.selectOptions(select(), "WebDAV");
    await user.click(within(dialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() =>
      expect(screen.getByTestId("provider-result")).toHaveTextContent(
        "SiYuan answered, but it still syncs with Local file system.",
      ),
    );
  });

  it("a lost connection says which provider the settings read again show", async () => {
    const { kernel, user } = await open();
    kernel.routes[SET_PROVIDER] = () => {
      kernel.kernel.provider = 3;
      return Promise.reject(new TypeError("Failed to fetch"));
    };
    await user.selectOptions(select(), "WebDAV");
    await user.click(within(dialog()).getByRole("button", { name: "Switch" }));

    // SiYuan did switch before the connection dropped: the re-read is what counts.
    await waitFor(() => expect(select()).toHaveDisplayValue("WebDAV"));
    expect(screen.getByTestId("provider-result")).toHaveTextContent("SiYuan now syncs with WebDAV");
  });

  it("a new directory name clears the switch's result", async () => {
    const { user } = await open();
    await user.selectOptions(select(), "WebDAV");
    await user.click(within(dialog()).getByRole("button", { name: "Switch" }));
    await waitFor(() => expect(screen.getByTestId("provider-result")).toBeVisible());

    await user.type(screen.getByRole("textbox", { name: "New directory" }), "n");
    expect(screen.queryByTestId("provider-result")).toBeNull();
  });
});

describe("in Chinese", () => {
  it("names the select, the hint and the confirmation in Chinese", async () => {
    const { user } = await open({}, { t: chinese });
    expect(select("当前提供商")).toHaveDisplayValue("本地文件系统");
    expect(
      within(select("当前提供商")).getByRole("option", { name: "S3：请在 [设置 - 云端] 中配置" }),
    ).toBeDisabled();
    await user.selectOptions(select("当前提供商"), "WebDAV");
    expect(dialog()).toHaveAccessibleName("把思源的同步切换到“WebDAV”？");
    expect(within(dialog()).getByTestId("switch-where")).toHaveTextContent(
      "下次同步会进入 https://dav.example/remote.php/dav/ 上的目录“main”；如果目录不存在，思源会创建它。",
    );
  });
});
