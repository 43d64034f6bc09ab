/**
 * The directory list, driven like a user over the real kernel client and the harness's fake
 * kernel: listing, refusing names, the provider gate for delete, the filter, and the confirmed
 * Use and Delete actions.
 */
import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import chinese from "../../public/i18n/zh_CN.json";
import type { ProviderId } from "../../src/core/providers";
import {
  GET_CONF,
  LIST,
  REMOVE,
  USE,
  deferred,
  fakeKernel,
  holdNextCall,
  json,
  kernelFails,
  kernelOk,
  openPanel,
  renderPanel,
  type ListedDir,
  type Responder,
} from "./harness";

const LIST_FAILED = "SiYuan could not list the directories:";
const DELETED_NOTES =
  "Deleted “notes” from Local file system; the list confirms that nothing else changed. The current directory is “main”.";
const CONFIGURE_HINT = "Check the provider's settings in Settings → Cloud.";

const listed = (...names: string[]): ListedDir[] => names.map((cloudName) => ({ cloudName }));

const directories = () => screen.getByRole("region", { name: "Directories" });
const rows = () => within(directories()).queryAllByRole("listitem");
const rowNames = () => rows().map((item) => item.dataset.name);
function row(name: string): HTMLElement {
  const found = rows().find((item) => item.dataset.name === name);
  if (!found) throw new Error(`no row for ${JSON.stringify(name)}; rows: ${rowNames().join(", ")}`);
  return found;
}
const useButton = (name: string) => screen.getByRole("button", { name: `Use ${name}` });
const deleteButton = (name: string) => screen.getByRole("button", { name: `Delete ${name}` });
const refreshButton = () => screen.getByRole("button", { name: "Refresh list" });
const response = () => screen.getByRole("region", { name: "Response" });
const summary = () => within(response()).getByTestId("summary");
/** What Use or Delete ended with: in its row, or above the rows once the row is gone. */
const actionResult = () => within(directories()).getByTestId("action-result");
const activeDirectory = () => screen.getByTestId("active-directory");
const useDialog = () => screen.getByRole("dialog", { name: "Switch the cloud sync directory?" });
const deleteDialog = (name: string) => screen.getByRole("dialog", { name: `Delete “${name}”?` });
const rowActions = () =>
  within(directories())
    .queryAllByRole("button")
    .filter((button) => /^(Use|Delete) /.test(button.getAttribute("aria-label") ?? ""));

describe("listing on open", () => {
  it("shows each directory's name, size (— for “-”) and date, and marks the current one", async () => {
    await openPanel({
      provider: 0,
      cloudName: "main",
      dirs: [
        { cloudName: "archive", hSize: "12.5 MB", updated: "2026-05-02 08:30:00" },
        { cloudName: "main", hSize: "-", updated: "2026-07-01 10:00:00" },
        { cloudName: "notes", hSize: "", updated: "2026-06-15 21:05:09" },
      ],
    });

    expect(rowNames()).toEqual(["archive", "main", "notes"]);
    expect(row("archive")).toHaveTextContent("12.5 MB · updated 2026-05-02 08:30:00");
    expect(row("main")).toHaveTextContent("— · updated 2026-07-01 10:00:00");
    expect(row("notes")).toHaveTextContent("— · updated 2026-06-15 21:05:09");

    expect(row("main")).toHaveAttribute("aria-current", "true");
    expect(within(row("main")).getByText("current")).toBeVisible();
    for (const other of ["archive", "notes"]) {
      expect(row(other)).not.toHaveAttribute("aria-current");
      expect(within(row(other)).queryByText("current")).not.toBeInTheDocument();
    }
    expect(within(row("main")).queryByRole("button", { name: "Use main" })).toBeNull();
    expect(useButton("notes")).toBeEnabled();
  });

  it("says it is listing, busy and without a usable refresh button, until the kernel answers", async () => {
    const kernel = fakeKernel({ dirs: listed("main", "notes") });
    const release = holdNextCall(kernel, LIST);
    const { opened } = renderPanel({ transport: kernel.transport });

    await waitFor(() => expect(screen.getByText("Listing directories…")).toBeVisible());
    expect(screen.getByText("Listing directories…")).toHaveAttribute("role", "status");
    expect(directories()).toHaveAttribute("aria-busy", "true");
    expect(refreshButton()).toBeDisabled();
    expect(rows()).toEqual([]);

    release();
    await opened;
    expect(screen.queryByText("Listing directories…")).not.toBeInTheDocument();
    expect(directories()).toHaveAttribute("aria-busy", "false");
    expect(refreshButton()).toBeEnabled();
    expect(rowNames()).toEqual(["main", "notes"]);
  });

  it("an empty listing still shows the current directory, saying why it is not listed", async () => {
    await openPanel({ dirs: [] });
    expect(rowNames()).toEqual(["main"]);
    expect(within(rows()[0]!).getByTestId("unlisted")).toHaveTextContent(
      "Current directory, not on Local file system yet: SiYuan creates it at the next sync.",
    );
    expect(within(rows()[0]!).queryAllByRole("button")).toEqual([]);
    expect(rows()[0]).toHaveAttribute("aria-current", "true");
  });

  it("the current directory's row is the listed one when the provider lists it", async () => {
    await openPanel({ dirs: listed("main", "notes") });
    expect(rowNames()).toEqual(["main", "notes"]);
    expect(screen.queryByTestId("unlisted")).toBeNull();
  });

  it("in Chinese, the unlisted current directory says why", async () => {
    await openPanel({ dirs: [], provider: 3, cloudName: "notes-2026" }, { t: chinese });
    expect(screen.getByTestId("unlisted")).toHaveTextContent(
      "当前目录，尚未出现在云存储服务（WebDAV）中：思源会在下次同步时创建它。",
    );
  });

  it.each<[string, Responder, string]>([
    [
      "code 1 (the list route's failure code) with the configure hint",
      () =>
        kernelFails("open /mnt/cloud: no such file or directory (Provider: Local File System)", 1),
      `${LIST_FAILED} open /mnt/cloud: no such file or directory (Provider: Local File System). ${CONFIGURE_HINT}`,
    ],
    [
      "code -1",
      () => kernelFails("Account authentication failed, please login again"),
      "The cloud service rejected your account. Log in to your SiYuan account again.",
    ],
    [
      "code -1 with an unknown message",
      () => kernelFails("boom (Provider: SiYuan)"),
      "SiYuan reported an error: boom (Provider: SiYuan).",
    ],
    [
      "HTTP 403",
      () => Promise.resolve({ status: 403, text: "" }),
      "Only the administrator of this SiYuan can manage cloud sync directories; published and reader views cannot.",
    ],
    [
      "HTTP 500",
      () => Promise.resolve({ status: 500, text: "Internal Server Error" }),
      "SiYuan failed to carry out the request. Try again; if it keeps failing, check SiYuan's log.",
    ],
    [
      "a dropped connection",
      () => Promise.reject(new TypeError("Failed to fetch")),
      "The connection to SiYuan was lost, so it is not known whether the request took effect. Check the list before trying again.",
    ],
  ])("a listing error is explained: %s", async (_label, fail, explanation) => {
    await openPanel({}, {}, (kernel) => (kernel.routes[LIST] = fail));
    expect(within(directories()).getByRole("alert")).toHaveTextContent(explanation);
    expect(rows()).toEqual([]);
    expect(refreshButton()).toBeEnabled();
  });

  it("Refresh list asks again, clears the error and shows what changed meanwhile", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main") }, {}, (fake) => {
      const answer = fake.routes[LIST]!;
      let calls = 0;
      fake.routes[LIST] = (body, signal) =>
        (calls += 1) === 1 ? kernelFails("locked", 1) : answer(body, signal);
    });
    expect(within(directories()).getByRole("alert")).toHaveTextContent(`${LIST_FAILED} locked`);

    kernel.kernel.dirs = listed("main", "added-elsewhere");
    await user.click(refreshButton());

    await waitFor(() => expect(rowNames()).toEqual(["main", "added-elsewhere"]));
    expect(within(directories()).queryByRole("alert")).not.toBeInTheDocument();
    expect(kernel.sentTo(LIST)).toEqual([{}, {}]);
  });
});

describe("after a successful create", () => {
  it("lists again and highlights the new directory", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "zeta") });
    await user.click(screen.getByRole("textbox", { name: "New directory" }));
    await user.paste("fresh");
    await user.click(screen.getByRole("button", { name: "Create" }));

    await waitFor(() => expect(rowNames()).toEqual(["fresh", "main", "zeta"]));
    expect(kernel.sentTo(LIST)).toHaveLength(2);
    expect(row("fresh")).toHaveClass("csd-dirs__row--highlighted");
    expect(row("main")).not.toHaveClass("csd-dirs__row--highlighted");
    expect(row("main")).toHaveAttribute("aria-current", "true");
  });

  it("shows the answer before it reads the settings and the list again", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main") });
    await user.click(screen.getByRole("textbox", { name: "New directory" }));
    await user.paste("fresh");
    const readsBefore = kernel.sentTo(GET_CONF).length;
    // Runs right after the DOM changes, before any later task.
    let readsWhenShown: number | undefined;
    const observer = new MutationObserver(() => {
      if (
        readsWhenShown === undefined &&
        screen.queryByText("Created “fresh” on Local file system.")
      )
        readsWhenShown = kernel.sentTo(GET_CONF).length;
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await user.click(screen.getByRole("button", { name: "Create" }));

    await waitFor(() => expect(rowNames()).toEqual(["fresh", "main"]));
    observer.disconnect();
    expect(readsWhenShown).toBe(readsBefore);
    expect(kernel.sentTo(GET_CONF)).toHaveLength(readsBefore + 1);
  });

  it("does not list again when the kernel refused the create", async () => {
    const kernel = fakeKernel({ dirs: listed("main") }, () => kernelFails("nope"));
    const user = userEvent.setup();
    const { opened } = renderPanel({ transport: kernel.transport });
    await opened;
    await user.click(screen.getByRole("textbox", { name: "New directory" }));
    await user.paste("fresh");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(summary()).toHaveTextContent("SiYuan reported an error: nope"));
    expect(kernel.sentTo(LIST)).toHaveLength(1);
  });
});

describe("names the kernel would refuse", () => {
  it.each([
    [".stfolder", "“.” is not allowed in a cloud sync directory name."],
    ["lost+found", "“+” is not allowed in a cloud sync directory name."],
    ["bell\u0007name", "Control character U+0007 is not allowed."],
  ])("%j is greyed with its reason and offers neither Use nor Delete", async (name, reason) => {
    await openPanel({ provider: 4, dirs: listed(name, "main", "notes") });

    expect(row(name)).toHaveClass("csd-dirs__row--invalid");
    expect(row(name)).toHaveTextContent(
      `SiYuan would not act on exactly this name, so it cannot be used or deleted here: ${reason}`,
    );
    expect(within(row(name)).queryAllByRole("button")).toEqual([]);
    // The valid sibling in the same list keeps both actions.
    expect(within(row("notes")).getAllByRole("button")).toHaveLength(2);
  });
});

describe("Delete is offered only where the kernel's gate admits removal, Use where names count", () => {
  it.each<[string, ProviderId | null, boolean, boolean]>([
    ["SiYuan (0)", 0, true, true],
    ["Local (4)", 4, true, true],
    ["S3 (2)", 2, false, false],
    ["WebDAV (3)", 3, true, false],
    ["unknown", null, true, false],
  ])("%s", async (_label, provider, usable, offered) => {
    await openPanel(
      { provider: provider ?? 0, dirs: listed("main", "notes") },
      { environment: { provider } },
      (kernel) => {
        // An unknown provider: the settings could not be read.
        if (provider === null) kernel.routes["/api/system/getConf"] = () => json(403, "");
      },
    );
    expect(screen.queryByRole("button", { name: "Use notes" }) !== null).toBe(usable);
    expect(screen.queryByRole("button", { name: "Delete notes" }) !== null).toBe(offered);
    expect(screen.queryByRole("button", { name: "Delete main" }) !== null).toBe(offered);
  });
});

describe("filter", () => {
  const names = (count: number) =>
    Array.from({ length: count }, (_, index) => `dir-${String(index).padStart(2, "0")}`);

  it("is not offered for 10 rows", async () => {
    await openPanel({ dirs: listed(...names(10)), cloudName: "dir-00" });
    expect(rows()).toHaveLength(10);
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
  });

  it("past 10 rows filters case-insensitively and says when nothing matches", async () => {
    const { user } = await openPanel({
      dirs: listed(...names(8), "Notes-A", "notes-b", "NOTES-c"),
      cloudName: "dir-00",
    });
    const filter = screen.getByRole("searchbox", { name: "Filter directories" });

    await user.type(filter, "notes");
    expect(rowNames()).toEqual(["Notes-A", "notes-b", "NOTES-c"]);
    await user.clear(filter);
    await user.type(filter, "NoTeS-B");
    expect(rowNames()).toEqual(["notes-b"]);

    await user.clear(filter);
    await user.type(filter, "zzz");
    expect(rows()).toEqual([]);
    expect(within(directories()).getByText("No directory matches “zzz”.")).toBeVisible();

    await user.clear(filter);
    expect(rows()).toHaveLength(11);
  });

  // Rows are reused in place as the filter changes (DirList.svelte): every part of a row, its
  // actions included, must follow the name it now shows.
  it("acts on the directory a row shows after the filter changed it", async () => {
    const { user } = await openPanel({
      provider: 4,
      cloudName: "main",
      dirs: listed(...names(11), "main"),
    });
    const filter = screen.getByRole("searchbox", { name: "Filter directories" });
    await user.type(filter, "dir-07");
    expect(rowNames()).toEqual(["dir-07"]);
    expect(
      within(row("dir-07"))
        .getAllByRole("button")
        .map((b) => b.ariaLabel),
    ).toEqual(["Use dir-07", "Delete dir-07"]);
    await user.click(deleteButton("dir-07"));
    expect(deleteDialog("dir-07")).toBeVisible();
    await user.click(within(deleteDialog("dir-07")).getByRole("button", { name: "Cancel" }));

    await user.clear(filter);
    await user.type(filter, "main");
    expect(rowNames()).toEqual(["main"]);
    expect(row("main")).toHaveAttribute("aria-current", "true");
    expect(within(row("main")).queryByRole("button", { name: "Use main" })).toBeNull();
  });

  // Once a delete brings the list down to 10 rows, a filter that still holds text must stay
  // visible, or its text would hide rows with nothing left to clear it.
  it("never hides rows behind a filter box that is no longer shown", async () => {
    const { user } = await openPanel({ dirs: listed(...names(9), "notes-a", "notes-b") });
    await user.type(screen.getByRole("searchbox", { name: "Filter directories" }), "notes");
    await user.click(deleteButton("notes-a"));
    await user.type(within(deleteDialog("notes-a")).getByRole("textbox"), "notes-a");
    await user.click(within(deleteDialog("notes-a")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByText("notes-a")).not.toBeInTheDocument());

    // Either fix is fine: show all 10 rows, or keep the box (and its text) on screen.
    const filterShown = screen.queryByRole("searchbox", { name: "Filter directories" }) !== null;
    expect(rows().length === 10 || filterShown, "rows hidden by an invisible filter").toBe(true);
  });
});

describe("Use: switching the current directory", () => {
  it.each([
    [
      "Cancel",
      (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByText("Cancel")),
    ],
    ["Escape", (user: ReturnType<typeof userEvent.setup>) => user.keyboard("{Escape}")],
  ])("%s closes the confirmation, sends nothing and gives focus back", async (_label, close) => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    await user.click(useButton("notes"));

    const dialog = useDialog();
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(dialog).toHaveTextContent(
      "Switch this workspace from “main” to “notes” on Local file system?",
    );
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();

    await close(user);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(useButton("notes")).toHaveFocus();
    expect(kernel.sentTo(USE)).toEqual([]);
    expect(row("main")).toHaveAttribute("aria-current", "true");
  });

  it("Switch sends setCloudSyncDir {name} once; the marker moves when the re-list shows it", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes", "other") });
    const release = holdNextCall(kernel, LIST);
    await user.click(useButton("notes"));
    await user.click(within(useDialog()).getByRole("button", { name: "Switch" }));

    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(kernel.sentTo(LIST)).toHaveLength(2));
    expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]);
    // The kernel said code 0, but until the re-list proves it the marker stays.
    expect(row("main")).toHaveAttribute("aria-current", "true");
    expect(row("notes")).not.toHaveAttribute("aria-current");
    expect(rowActions().every((button) => button.hasAttribute("disabled"))).toBe(true);
    // The row acted on says what is running; no other row does.
    expect(within(row("notes")).getByRole("status")).toHaveTextContent("Switching to “notes”…");
    expect(within(row("other")).queryByRole("status")).not.toBeInTheDocument();

    release();
    await waitFor(() => expect(row("notes")).toHaveAttribute("aria-current", "true"));
    expect(within(row("notes")).queryByText("Switching to “notes”…")).not.toBeInTheDocument();
    expect(within(row("notes")).getByText("current")).toBeVisible();
    expect(row("main")).not.toHaveAttribute("aria-current");
    // Said in the row switched to, not under the create form.
    expect(within(row("notes")).getByTestId("action-result")).toHaveTextContent(
      "Now syncing with “notes”.",
    );
    expect(within(response()).queryByTestId("summary")).toBeNull();
    expect(activeDirectory()).toHaveTextContent("notes");
    expect(rowActions().every((button) => !button.hasAttribute("disabled"))).toBe(true);
    expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]);
  });

  it("says the switch did not happen when the kernel answers code 0 but still lists the old one", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") }, {}, (fake) => {
      fake.routes[USE] = () => kernelOk(null);
    });
    await user.click(useButton("notes"));
    await user.click(within(useDialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() =>
      expect(actionResult()).toHaveTextContent(
        "SiYuan answered, but the current directory is still not “notes”.",
      ),
    );
    expect(actionResult()).toHaveClass("csd-dirs__result--error");
    expect(row("main")).toHaveAttribute("aria-current", "true");
    expect(row("notes")).not.toHaveAttribute("aria-current");
    expect(activeDirectory()).toHaveTextContent("main");
    expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]);
  });

  it("says the switch is unconfirmed when the kernel accepts it but the re-list fails", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    kernel.routes[USE] = () => {
      kernel.routes[LIST] = () => kernelFails("disk gone", 1);
      return kernelOk(null);
    };
    await user.click(useButton("notes"));
    await user.click(within(useDialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() =>
      expect(actionResult()).toHaveTextContent(
        "SiYuan accepted the switch to “notes”, but the list could not be read to confirm it.",
      ),
    );
    expect(actionResult()).toHaveClass("csd-dirs__result--error");
    expect(within(directories()).getByRole("alert")).toHaveTextContent(`${LIST_FAILED} disk gone`);
    expect(row("main")).toHaveAttribute("aria-current", "true");
  });

  it.each<[string, Responder, string]>([
    [
      "read-only refusal",
      () => kernelFails("This operation is not supported in read-only mode"),
      "SiYuan refused: it runs in read-only mode.",
    ],
    [
      "HTTP 401",
      () => json(401, { code: -1, msg: "Auth failed [session]" }),
      "SiYuan refused the request as not authorised. Unlock SiYuan or reload the window, then try again.",
    ],
    [
      "a dropped connection before SiYuan switched",
      () => Promise.reject(new TypeError("Failed to fetch")),
      "The connection was lost. The list was read again: “notes” is not the current directory.",
    ],
  ])("an error answer is explained and the marker stays: %s", async (_label, fail, text) => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") }, {}, (fake) => {
      fake.routes[USE] = fail;
    });
    await user.click(useButton("notes"));
    await user.click(within(useDialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() => expect(actionResult()).toHaveTextContent(text));
    expect(row("main")).toHaveAttribute("aria-current", "true");
    expect(activeDirectory()).toHaveTextContent("main");
    expect(useButton("notes")).toBeEnabled();
    expect(kernel.sentTo(USE)).toEqual([{ name: "notes" }]);
  });
});

describe("a lost connection during Use or Delete re-reads the list and says what it found", () => {
  it("Use that SiYuan carried out before the connection dropped", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") }, {}, (fake) => {
      fake.routes[USE] = () => {
        fake.kernel.cloudName = "notes";
        return Promise.reject(new TypeError("Failed to fetch"));
      };
    });
    const lists = kernel.sentTo(LIST).length;
    await user.click(useButton("notes"));
    await user.click(within(useDialog()).getByRole("button", { name: "Switch" }));

    await waitFor(() =>
      expect(actionResult()).toHaveTextContent(
        "The connection was lost. The list was read again: “notes” is the current directory.",
      ),
    );
    expect(kernel.sentTo(LIST).length).toBe(lists + 1);
    expect(row("notes")).toHaveAttribute("aria-current", "true");
  });

  it.each([
    ["carried out", true, "“notes” is not there."],
    ["lost on the way", false, "“notes” is there."],
  ])("Delete %s", async (_label, took, found) => {
    const { user } = await openPanel({ dirs: listed("main", "notes") }, {}, (fake) => {
      fake.routes[REMOVE] = () => {
        if (took) fake.kernel.dirs = listed("main");
        return Promise.reject(new TypeError("Failed to fetch"));
      };
    });
    await user.click(deleteButton("notes"));
    await user.type(within(deleteDialog("notes")).getByRole("textbox"), "notes");
    await user.click(within(deleteDialog("notes")).getByRole("button", { name: "Delete" }));

    await waitFor(() =>
      expect(
        screen.getByText(`The connection was lost. The list was read again: ${found}`),
      ).toBeVisible(),
    );
  });
});

describe("a row's result clears when the new-directory name is edited", () => {
  it("the Use result goes as soon as a name is typed", async () => {
    const { user } = await openPanel({ dirs: listed("main", "notes") });
    await user.click(useButton("notes"));
    await user.click(within(useDialog()).getByRole("button", { name: "Switch" }));
    await waitFor(() => expect(actionResult()).toHaveTextContent("Now syncing with “notes”."));

    await user.type(screen.getByRole("textbox", { name: "New directory" }), "x");
    expect(screen.queryByTestId("action-result")).toBeNull();
  });
});

describe("Delete: typed-name confirmation", () => {
  it.each([["NOTES"], ["notes "], [" notes"], ["note"], ["notes2"]])(
    "typing %j keeps Delete disabled, and Enter in the field sends nothing",
    async (typed) => {
      const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
      await user.click(deleteButton("notes"));
      const dialog = deleteDialog("notes");
      const field = within(dialog).getByRole("textbox", { name: "notes" });
      const confirm = within(dialog).getByRole("button", { name: "Delete" });
      expect(field).toHaveFocus();
      expect(confirm).toBeDisabled();

      await user.type(field, `${typed}{Enter}`);
      expect(confirm).toBeDisabled();
      expect(deleteDialog("notes")).toBeInTheDocument();
      expect(kernel.sentTo(REMOVE)).toEqual([]);
    },
  );

  it("Escape closes it without sending and gives focus back to the row's Delete button", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    await user.click(deleteButton("notes"));
    await user.type(within(deleteDialog("notes")).getByRole("textbox"), "notes{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(deleteButton("notes")).toHaveFocus();
    expect(kernel.sentTo(REMOVE)).toEqual([]);

    // Asking again starts from an empty field.
    await user.click(deleteButton("notes"));
    expect(within(deleteDialog("notes")).getByRole("textbox")).toHaveValue("");
  });

  it("the exact name sends removeCloudSyncDir {name} once, then lists again", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes", "zeta") });
    const release = holdNextCall(kernel, REMOVE);
    await user.click(deleteButton("notes"));
    const dialog = deleteDialog("notes");
    expect(dialog).toHaveTextContent(
      "This destroys every snapshot stored in “notes” on Local file system.",
    );
    expect(dialog).not.toHaveTextContent("current directory");

    await user.type(within(dialog).getByRole("textbox"), "notes");
    const confirm = within(dialog).getByRole("button", { name: "Delete" });
    expect(confirm).toBeEnabled();
    await user.dblClick(confirm);

    // While the kernel works the row says so, and only that row.
    await waitFor(() =>
      expect(within(row("notes")).getByRole("status")).toHaveTextContent("Deleting “notes”…"),
    );
    expect(within(row("zeta")).queryByRole("status")).not.toBeInTheDocument();
    release();
    await waitFor(() => expect(rowNames()).toEqual(["main", "zeta"]));
    expect(kernel.sentTo(REMOVE)).toEqual([{ name: "notes" }]);
    expect(kernel.sentTo(LIST)).toHaveLength(2);
    // The row is gone, so the result stands above the rows, not in one nor under the form.
    expect(actionResult()).toHaveTextContent(DELETED_NOTES);
    expect(rows().some((item) => within(item).queryByTestId("action-result"))).toBe(false);
    expect(within(response()).queryByTestId("summary")).toBeNull();
    expect(row("main")).toHaveAttribute("aria-current", "true");
  });

  it("deleting the current one says SiYuan switches to main and takes the kernel's answer as current", async () => {
    const { kernel, user } = await openPanel({
      cloudName: "notes",
      dirs: listed("main", "notes"),
    });
    expect(activeDirectory()).toHaveTextContent("notes");
    const release = holdNextCall(kernel, LIST);
    await user.click(deleteButton("notes"));
    const dialog = deleteDialog("notes");
    expect(dialog).toHaveTextContent(
      "“notes” is this workspace's current directory: SiYuan then switches this workspace to the directory “main”.",
    );
    await user.type(within(dialog).getByRole("textbox"), "notes{Enter}");

    // Before the re-list answers, the current directory is the string the remove answered,
    // and nothing is said yet: the result is only known once the list is checked.
    await waitFor(() => expect(activeDirectory()).toHaveTextContent("main"));
    expect(kernel.sentTo(LIST)).toHaveLength(2);
    expect(within(directories()).queryByTestId("action-result")).toBeNull();

    release();
    await waitFor(() => expect(actionResult()).toHaveTextContent(DELETED_NOTES));
    expect(rowNames()).toEqual(["main"]);
    expect(row("main")).toHaveAttribute("aria-current", "true");
    expect(kernel.sentTo(REMOVE)).toEqual([{ name: "notes" }]);
  });

  it("a refused delete is explained, and the list is checked again", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") }, {}, (fake) => {
      fake.routes[REMOVE] = () =>
        kernelFails("Failed to lock the cloud sync directory (Provider: Local File System)");
    });
    await user.click(deleteButton("notes"));
    await user.type(within(deleteDialog("notes")).getByRole("textbox"), "notes{Enter}");
    await waitFor(() =>
      expect(actionResult()).toHaveTextContent(
        "Another device holds the cloud lock. Wait a minute and try again.",
      ),
    );
    await waitFor(() => expect(kernel.sentTo(LIST)).toHaveLength(2));
    expect(rowNames()).toEqual(["main", "notes"]);
    expect(activeDirectory()).toHaveTextContent("main");
  });
});

describe("when changes are not possible", () => {
  it.each([
    ["a switch", USE, "Use other", "Switch"],
    ["a delete", REMOVE, "Delete other", "Delete"],
  ])("every Use and Delete is disabled while %s runs", async (_label, route, ask, confirm) => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes", "other") });
    const answer = deferred<void>();
    const reply = kernel.routes[route]!;
    kernel.routes[route] = async (body, signal) => {
      await answer.promise;
      return reply(body, signal);
    };
    await user.click(screen.getByRole("button", { name: ask }));
    const dialog = screen.getByRole("dialog");
    const field = within(dialog).queryByRole("textbox");
    if (field) await user.type(field, "other");
    await user.click(within(dialog).getByRole("button", { name: confirm }));

    await waitFor(() => expect(kernel.sentTo(route)).toHaveLength(1));
    expect(rowActions().length).toBeGreaterThan(0);
    for (const button of rowActions()) expect(button).toBeDisabled();
    await user.click(useButton("notes"));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    answer.resolve();
    await waitFor(() => expect(useButton("notes")).toBeEnabled());
    expect(kernel.sentTo(route)).toHaveLength(1);
  });

  it("in read-only mode every Use and Delete is disabled and opens nothing", async () => {
    const { kernel, user } = await openPanel({ readonly: true, dirs: listed("main", "notes") });
    expect(rowActions().map((button) => button.getAttribute("aria-label"))).toEqual([
      "Delete main",
      "Use notes",
      "Delete notes",
    ]);
    for (const button of rowActions()) expect(button).toBeDisabled();
    await user.click(useButton("notes"));
    await user.click(deleteButton("notes"));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect([...kernel.sentTo(USE), ...kernel.sentTo(REMOVE)]).toEqual([]);
  });
});

describe("focus after a confirmed action", () => {
  // confirm() disables the row button that opened the dialog, and the re-list then removes it
  // (Use disappears on the now-current row, Delete with its row): focus must not fall to <body>.
  it.each([
    ["Switch", "Use notes", ""],
    ["Delete", "Delete notes", "notes"],
  ])("after %s focus stays inside the panel, not on <body>", async (confirm, ask, typed) => {
    const { user, container } = await openPanel({ dirs: listed("main", "notes") });
    await user.click(screen.getByRole("button", { name: ask }));
    const dialog = screen.getByRole("dialog");
    const field = within(dialog).queryByRole("textbox");
    if (field) await user.type(field, typed);
    await user.click(within(dialog).getByRole("button", { name: confirm }));
    await waitFor(() => expect(actionResult()).toHaveTextContent(/Now syncing|Deleted/));

    expect(document.activeElement).not.toBe(document.body);
    expect(container).toContainElement(document.activeElement as HTMLElement);
  });
});

describe("confirmations carry the facts that decide", () => {
  const DEVICES =
    "The notes on this device are not touched; devices syncing to this directory lose their cloud copy.";
  const TARGET_RULE =
    "Pick only a directory that is empty or holds this workspace's data: syncing into another workspace's directory mixes the two.";

  it("Delete names the provider, the size and the last update, and what happens to devices", async () => {
    const { user } = await openPanel({
      provider: 0,
      dirs: [
        { cloudName: "main" },
        { cloudName: "archive", hSize: "12.5 MB", updated: "2026-05-02 08:30:00" },
      ],
    });
    await user.click(deleteButton("archive"));
    const dialog = deleteDialog("archive");
    expect(dialog).toHaveTextContent("every snapshot stored in “archive” on SiYuan.");
    expect(within(dialog).getByTestId("delete-facts")).toHaveTextContent(
      "Size: 12.5 MB · last updated: 2026-05-02 08:30:00",
    );
    expect(dialog).toHaveTextContent(DEVICES);
    // Not the current directory: nothing is said about what SiYuan switches to.
    expect(dialog).not.toHaveTextContent("“main”");
  });

  it("Delete on Local shows the folder, and — for a size SiYuan does not report", async () => {
    const { user } = await openPanel({
      dirs: [
        { cloudName: "main" },
        { cloudName: "notes", hSize: "-", updated: "2026-06-15 21:05:09" },
      ],
    });
    await user.click(deleteButton("notes"));
    const dialog = deleteDialog("notes");
    expect(within(dialog).getByTestId("delete-path")).toHaveTextContent("/notes");
    expect(within(dialog).getByTestId("delete-facts")).toHaveTextContent(
      "Size: — · last updated: 2026-06-15 21:05:09",
    );
    expect(dialog).toHaveTextContent(DEVICES);
  });

  it("deleting the current “main” says SiYuan keeps using main and creates it again", async () => {
    const { user } = await openPanel({ provider: 0, dirs: listed("main", "notes") });
    await user.click(deleteButton("main"));
    const dialog = deleteDialog("main");
    expect(dialog).toHaveTextContent(
      "“main” is this workspace's current directory: SiYuan keeps using “main”, which it creates again at the next sync.",
    );
    expect(dialog).not.toHaveTextContent("switches this workspace");
  });

  it("Use says from which directory to which, and which directories to pick", async () => {
    const { user } = await openPanel({ cloudName: "notes", dirs: listed("main", "notes", "zeta") });
    await user.click(useButton("zeta"));
    const dialog = useDialog();
    expect(within(dialog).getByTestId("use-from-to")).toHaveTextContent(
      "Switch this workspace from “notes” to “zeta” on Local file system?",
    );
    expect(dialog).toHaveTextContent(TARGET_RULE);
  });

  it("Use without a known current directory says only where it switches to", async () => {
    const { user } = await openPanel({ cloudName: "", dirs: listed("main", "notes") });
    await user.click(useButton("notes"));
    expect(within(useDialog()).getByTestId("use-from-to")).toHaveTextContent(
      /^Switch this workspace to “notes” on Local file system\?$/,
    );
  });

  it("says the same facts in Chinese", async () => {
    const { user } = await openPanel(
      {
        provider: 0,
        cloudName: "notes",
        dirs: [
          { cloudName: "main" },
          { cloudName: "notes", hSize: "3 MB", updated: "2026-06-15 21:05:09" },
        ],
      },
      { t: chinese },
    );
    await user.click(screen.getByRole("button", { name: "删除 notes" }));
    const remove = screen.getByRole("dialog", { name: "删除“notes”？" });
    expect(within(remove).getByTestId("delete-facts")).toHaveTextContent(
      "大小：3 MB · 最后更新：2026-06-15 21:05:09",
    );
    expect(remove).toHaveTextContent(
      "这台设备上的笔记不受影响；同步到这个目录的设备会失去它们的云端副本。",
    );
    expect(remove).toHaveTextContent(
      "“notes”是这个工作空间的当前目录：删除后思源会把这个工作空间切换到目录“main”。",
    );
    await user.keyboard("{Escape}");

    await user.click(screen.getByRole("button", { name: "使用 main" }));
    const use = screen.getByRole("dialog", { name: "切换云端同步目录？" });
    expect(within(use).getByTestId("use-from-to")).toHaveTextContent(
      "把这个工作空间从“notes”切换到“main”（SiYuan）？",
    );
    expect(use).toHaveTextContent("请只选择空目录或保存着这个工作空间数据的目录");
  });
});
