import { screen, within } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import english from "../../public/i18n/en_US.json";
import CloudSyncDirPlugin from "../../src/index";
import {
  openDialogs,
  resetSiyuanMock,
  setFrontend,
  type DockModel,
  type Plugin as MockPlugin,
} from "../mocks/siyuan";
import { fakeKernel } from "./harness";

type PluginOptions = ConstructorParameters<typeof CloudSyncDirPlugin>[0];

let kernel: ReturnType<typeof fakeKernel>;
let fetchSpy: ReturnType<typeof vi.fn>;
let plugin: CloudSyncDirPlugin;
/** The same instance, seen through the stub's recordings. */
let recorded: MockPlugin;

beforeEach(() => {
  kernel = fakeKernel({ provider: 4, cloudName: "main" });
  // The plugin's fetch transport calls the global fetch; answer it from the kernel double.
  fetchSpy = vi.fn(async (url: string, init: RequestInit) => {
    const answer = await kernel.transport.post(
      url,
      JSON.parse(String(init.body)),
      init.signal ?? new AbortController().signal,
    );
    return { status: answer.status, text: async () => answer.text };
  });
  vi.stubGlobal("fetch", fetchSpy);
  Object.assign(window, {
    siyuan: {
      config: { readonly: false, sync: { provider: 4, cloudName: "main" } },
      isPublish: false,
    },
  });
  plugin = new CloudSyncDirPlugin({
    app: {},
    name: "cloud-sync-dir",
    i18n: english,
  } as unknown as PluginOptions);
  recorded = plugin as unknown as MockPlugin;
});

afterEach(() => {
  plugin.onunload();
  resetSiyuanMock();
  vi.unstubAllGlobals();
  Reflect.deleteProperty(window, "siyuan");
  document.body.innerHTML = "";
});

function dockModel(): DockModel {
  const element = document.createElement("div");
  document.body.append(element);
  return { element };
}

function openDock(): DockModel {
  const dock = recorded.docks[0];
  if (!dock) throw new Error("no dock registered");
  const model = dockModel();
  // SiYuan calls `this.init(this)` on the dock's model (docs/siyuan-plugin-platform.md §1.3).
  dock.init.call(model, model);
  return model;
}

const waitForPanel = (element: HTMLElement) =>
  vi.waitFor(() => within(element).getByRole("button", { name: "Create" }));

describe("onload", () => {
  it("registers the dock and the command synchronously, adds no icon sprite and sends nothing", () => {
    const result = plugin.onload();

    expect(result).toBeUndefined();
    // SiYuan's own cloud icon: an addIcons sprite would add DOM before the dock is ever opened.
    expect(recorded.icons).toHaveLength(0);
    expect(recorded.docks).toHaveLength(1);
    expect(recorded.docks[0]).toMatchObject({
      type: "dock",
      config: { position: "RightTop", icon: "iconCloud", title: "Cloud sync directories" },
    });
    expect(recorded.commands).toHaveLength(1);
    expect(recorded.commands[0]).toMatchObject({ langKey: "commandCreate", hotkey: "" });
    expect(recorded.commands[0]?.callback).toBeTypeOf("function");
    expect(Object.keys(english)).toContain(recorded.commands[0]?.langKey);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(recorded.loadData).not.toHaveBeenCalled();
  });

  it("defines openSetting on the class itself, so SiYuan shows the settings gear", () => {
    expect(Object.prototype.hasOwnProperty.call(CloudSyncDirPlugin.prototype, "openSetting")).toBe(
      true,
    );
  });
});

describe("the dock", () => {
  it("mounts a panel into the dock element on init and empties it on destroy", async () => {
    plugin.onload();
    const model = openDock();

    await waitForPanel(model.element);
    expect(within(model.element).getByRole("button", { name: "Minimize" })).toBeInTheDocument();
    await vi.waitFor(() =>
      expect(
        within(model.element).getByRole("combobox", { name: "Active provider" }),
      ).toHaveDisplayValue("Local file system"),
    );
    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalled());
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe("/api/system/getConf");
    expect(init).toMatchObject({ method: "POST", body: "{}" });

    recorded.docks[0]?.destroy?.call(model);
    expect(model.element).toBeEmptyDOMElement();
  });

  it("is usable once mounted and reads the kernel and the preferences in the next task", async () => {
    plugin.onload();
    const model = openDock();

    expect(within(model.element).getByRole("button", { name: "Create" })).toBeInTheDocument();
    expect(model.element.querySelector('input[type="text"]')).toBeEnabled();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(recorded.loadData).not.toHaveBeenCalled();

    await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalled());
    expect(recorded.loadData).toHaveBeenCalledOnce();
  });

  it("sends nothing for a panel closed in the task that opened it", async () => {
    plugin.onload();
    const model = openDock();
    recorded.docks[0]?.destroy?.call(model);

    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(recorded.loadData).not.toHaveBeenCalled();
  });

  it("uses SiYuan's mobile header on mobile", async () => {
    setFrontend("mobile");
    plugin.onload();
    const model = openDock();
    await waitForPanel(model.element);
    expect(within(model.element).queryByRole("button", { name: "Minimize" })).toBeNull();
    expect(model.element.querySelector(".toolbar__text")).toHaveTextContent(
      "Cloud sync directories",
    );
  });

  it("mounts nothing when destroyed before the lazy mount finished", async () => {
    plugin.onload();
    const model = openDock();
    recorded.docks[0]?.destroy?.call(model);

    // A dialog opened afterwards waits for the same lazy import.
    recorded.commands[0]?.callback?.();
    await waitForPanel(openDialogs[0]?.element ?? document.body);
    expect(model.element).toBeEmptyDOMElement();
  });
});

describe("dialogs and unload", () => {
  it("the command opens a dialog with a panel; onunload closes it and empties the dock", async () => {
    plugin.onload();
    const dock = openDock();
    await waitForPanel(dock.element);

    recorded.commands[0]?.callback?.();
    expect(openDialogs).toHaveLength(1);
    const dialog = openDialogs[0]!;
    expect(dialog.options.title).toBe("Create cloud sync directory…");
    await waitForPanel(dialog.element);

    plugin.onunload();
    expect(dock.element).toBeEmptyDOMElement();
    expect(openDialogs).toHaveLength(0);
    expect(document.querySelector(".b3-dialog")).toBeNull();
    expect(recorded.removeData).not.toHaveBeenCalled();
  });

  it("openSetting shows the same panel; a stored provider preference of an older version changes nothing", async () => {
    recorded.storage.set("preferences.json", { rememberProvider: true, lastProvider: 0 });
    plugin.onload();
    plugin.openSetting();

    const dialog = openDialogs[0];
    expect(dialog?.options.title).toBe("Cloud sync directories");
    const body = dialog!.element.querySelector<HTMLElement>(".b3-dialog__body")!;
    await waitForPanel(body);
    await vi.waitFor(() => expect(recorded.loadData).toHaveBeenCalledWith("preferences.json"));
    await vi.waitFor(() =>
      expect(within(body).getByRole("combobox", { name: "Active provider" })).toHaveDisplayValue(
        "Local file system",
      ),
    );
    expect(within(body).queryByRole("checkbox")).toBeNull();
    expect(screen.queryByText("Preferences")).toBeNull();
  });
});

describe("uninstall", () => {
  it("removes the stored preferences", async () => {
    recorded.storage.set("preferences.json", { rememberProvider: true, lastProvider: 0 });
    plugin.onload();
    plugin.uninstall();
    expect(recorded.removeData).toHaveBeenCalledWith("preferences.json");
    await vi.waitFor(() => expect(recorded.storage.has("preferences.json")).toBe(false));
  });

  it("swallows a refusal in publish or read-only mode", async () => {
    recorded.removeData.mockRejectedValueOnce({ code: 403 });
    plugin.onload();
    expect(() => plugin.uninstall()).not.toThrow();
    await Promise.resolve();
  });
});
