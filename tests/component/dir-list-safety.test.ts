/**
 * Issue 9 in the panel: Use and Delete act only on the exact listed name, on the provider and
 * Local folder the list was read from, a delete is checked against a fresh list, and older
 * answers never replace newer ones.
 */
import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { NAME_INPUT_MAX_LENGTH } from "../../src/core/dir-name";
import { MAX_REPLY_BYTES } from "../../src/core/transport";
import {
  GET_CONF,
  LIST,
  REMOVE,
  USE,
  deferred,
  fakeKernel,
  holdNextCall,
  kernelOk,
  renderPanel,
  type KernelState,
} from "./harness";

const listed = (...names: string[]) => names.map((cloudName) => ({ cloudName }));

async function openPanel(state: Partial<KernelState>) {
  const kernel = fakeKernel(state);
  const user = userEvent.setup();
  const rendered = renderPanel({
    transport: kernel.transport,
    environment: { provider: kernel.kernel.provider, cloudName: kernel.kernel.cloudName },
  });
  await rendered.opened;
  return { kernel, user, ...rendered };
}

const directories = () => screen.getByRole("region", { name: "Directories" });
const rows = () => within(directories()).queryAllByRole("listitem");
const rowNames = () => rows().map((item) => item.dataset.name);
function row(name: string): HTMLElement {
  const found = rows().find((item) => item.dataset.name === name);
  if (!found) throw new Error(`no row for ${JSON.stringify(name)}`);
  return found;
}
/** What Use or Delete ended with: in its row, or above the rows once the row is gone. */
const summary = () => within(directories()).getByTestId("action-result");
const alert = () => within(directories()).getByRole("alert");

type User = ReturnType<typeof userEvent.setup>;

async function askDelete(user: User, shown: string) {
  await user.click(screen.getByRole("button", { name: `Delete ${shown}` }));
  return screen.getByRole("dialog", { name: `Delete “${shown}”?` });
}

async function confirmDelete(user: User, shown: string, typed = shown) {
  const dialog = await askDelete(user, shown);
  await user.click(within(dialog).getByRole("textbox"));
  await user.paste(typed);
  await user.click(within(dialog).getByRole("button", { name: "Delete" }));
}

describe("exact names (issue 9, the look-alike scenario)", () => {
  it("offers nothing for names the kernel would trim, says why and shows them escaped", async () => {
    const odd = ["\u2000main", "main\u3000", "\u00a0main", "\u0085main"];
    const { kernel, user } = await openPanel({ dirs: listed("main", ...odd) });

    for (const [name, shown, reason] of [
      ["\u2000main", "\\u2000main", "It starts with an invisible space, U+2000"],
      ["main\u3000", "main\\u3000", "It ends with an invisible space, U+3000"],
      ["\u00a0main", "\\u00A0main", "It starts with an invisible space, U+00A0"],
      ["\u0085main", "\\u0085main", "It starts with an invisible space, U+0085"],
    ] as const) {
      expect(within(row(name)).queryAllByRole("button")).toEqual([]);
      expect(row(name)).toHaveTextContent(shown);
      expect(row(name)).toHaveTextContent(
        `SiYuan would not act on exactly this name, so it cannot be used or deleted here: ${reason}`,
      );
    }
    expect(within(row("main")).getByRole("button", { name: "Delete main" })).toBeEnabled();
    await confirmDelete(user, "main");
    await waitFor(() => expect(summary()).toHaveTextContent("Deleted “main”"));
    expect(kernel.sentTo(REMOVE)).toEqual([{ name: "main" }]);
    // SiYuan switched back to "main", which it creates again at the next sync.
    expect(rowNames()).toEqual(["main", ...odd]);
    expect(within(row("main")).getByTestId("unlisted")).toBeVisible();
  });

  it("a look-alike with a bidi control is warned about, and confirmed by its escaped form", async () => {
    const name = "mai\u202En";
    const { kernel, user } = await openPanel({ dirs: listed("main", name) });
    expect(within(row(name)).getByTestId("look-alike")).toHaveTextContent(
      "This name can look like another one. It contains invisible format or direction characters: U+202E.",
    );
    const dialog = await askDelete(user, "mai\\u202En");
    expect(dialog).toHaveTextContent("This name can look like another one.");
    const confirm = within(dialog).getByRole("button", { name: "Delete" });
    await user.click(within(dialog).getByRole("textbox"));
    await user.paste("main");
    expect(confirm).toBeDisabled();
    await user.clear(within(dialog).getByRole("textbox"));
    await user.paste("mai\\u202En");
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    await waitFor(() => expect(kernel.sentTo(REMOVE)).toEqual([{ name }]));
  });

  it("a name in NFD beside its NFC twin: distinct rows, a warning, and only exact code points confirm", async () => {
    const nfd = "cafe\u0301";
    const { kernel, user } = await openPanel({ dirs: listed("café", nfd) });
    expect(row(nfd)).toHaveTextContent("cafe\\u0301");
    expect(within(row(nfd)).getByTestId("look-alike")).toHaveTextContent("not in Unicode NFC");
    expect(within(row("café")).queryByTestId("look-alike")).toBeNull();

    const dialog = await askDelete(user, "cafe\\u0301");
    await user.click(within(dialog).getByRole("textbox"));
    await user.paste("café");
    expect(within(dialog).getByRole("button", { name: "Delete" })).toBeDisabled();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(kernel.sentTo(REMOVE)).toEqual([]);
  });
});

describe("a pinned provider (issue 9, the provider scenario)", () => {
  it("the confirmation names the provider and the Local folder that will be removed", async () => {
    const { user } = await openPanel({
      dirs: listed("main", "notes"),
      localEndpoint: "/srv/cloud/",
    });
    const dialog = await askDelete(user, "notes");
    expect(dialog).toHaveTextContent("stored in “notes” on Local file system.");
    expect(within(dialog).getByTestId("delete-path")).toHaveTextContent(/^\/srv\/cloud\/notes$/);
  });

  it("on SiYuan the confirmation names SiYuan and shows no folder", async () => {
    const { user } = await openPanel({ provider: 0, dirs: listed("main", "notes") });
    const dialog = await askDelete(user, "notes");
    expect(dialog).toHaveTextContent("stored in “notes” on SiYuan.");
    expect(within(dialog).queryByTestId("delete-path")).toBeNull();
  });

  it.each<[string, Partial<KernelState>, string]>([
    [
      "the provider switched to SiYuan",
      { provider: 0 },
      "The active provider changed from Local file system to SiYuan since this list was read.",
    ],
    [
      "the Local folder changed",
      { localEndpoint: "/mnt/other" },
      "The Local folder changed from “/mnt/sync” to “/mnt/other” since this list was read.",
    ],
  ])("Delete sends nothing when %s behind the open list", async (_label, change, said) => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "keep-me") });
    const dialog = await askDelete(user, "keep-me");
    Object.assign(kernel.kernel, change);
    await user.click(within(dialog).getByRole("textbox"));
    await user.paste("keep-me");
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));

    await waitFor(() => expect(alert()).toHaveTextContent(said));
    expect(alert()).toHaveTextContent("Nothing was sent; the list has been read again.");
    expect(kernel.sentTo(REMOVE)).toEqual([]);
    await waitFor(() => expect(kernel.sentTo(LIST)).toHaveLength(2));
    // Its own re-read keeps the notice; the next successful read the user asks for clears it.
    await waitFor(() => expect(directories()).toHaveAttribute("aria-busy", "false"));
    expect(alert()).toHaveTextContent(said);
    await user.click(screen.getByRole("button", { name: "Refresh list" }));
    await waitFor(() => expect(within(directories()).queryByRole("alert")).toBeNull());
    expect(kernel.sentTo(LIST)).toHaveLength(3);
  });

  it("Use sends nothing when the provider changed behind the open list", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    await user.click(screen.getByRole("button", { name: "Use notes" }));
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent("to “notes” on Local file system?");
    kernel.kernel.provider = 0;
    await user.click(within(dialog).getByRole("button", { name: "Switch" }));
    await waitFor(() => expect(alert()).toHaveTextContent("from Local file system to SiYuan"));
    expect(kernel.sentTo(USE)).toEqual([]);
  });

  it("sends nothing when the settings cannot be read right before sending", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    const dialog = await askDelete(user, "notes");
    kernel.routes[GET_CONF] = () => Promise.reject(new TypeError("Failed to fetch"));
    await user.click(within(dialog).getByRole("textbox"));
    await user.paste("notes");
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() =>
      expect(alert()).toHaveTextContent(
        "The sync settings could not be read again just before sending, so nothing was sent.",
      ),
    );
    expect(kernel.sentTo(REMOVE)).toEqual([]);
  });

  it("when Reload shows the settings moved, the list says so and its actions are disabled", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    kernel.kernel.provider = 0;
    await user.click(screen.getByRole("button", { name: "Reload sync settings" }));
    await waitFor(() =>
      expect(within(directories()).getByRole("status")).toHaveTextContent(
        "The active provider changed from Local file system to SiYuan since this list was read. Refresh the list before using or deleting a directory.",
      ),
    );
    expect(screen.getByRole("button", { name: "Use notes" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Refresh list" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Use notes" })).toBeEnabled());
    expect(within(directories()).queryByRole("status")).toBeNull();
  });
});

describe("a verified delete", () => {
  it("reports prominently when something else disappeared too", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes", "other") });
    kernel.routes[REMOVE] = () => {
      kernel.kernel.dirs = listed("main", "fresh");
      return kernelOk("main");
    };
    await confirmDelete(user, "notes");
    await waitFor(() =>
      expect(summary()).toHaveTextContent(
        "SiYuan deleted “notes”, but the list changed in other ways too: see the warning under Directories.",
      ),
    );
    expect(summary()).toHaveClass("csd-dirs__result--error");
    expect(alert()).toHaveTextContent(
      "Besides “notes”, these are no longer listed: “other”. Newly listed since the delete: “fresh”.",
    );
  });

  it("says so when the kernel answers success but the name is still listed", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    kernel.routes[REMOVE] = () => kernelOk("main");
    await confirmDelete(user, "notes");
    await waitFor(() =>
      expect(summary()).toHaveTextContent(
        "SiYuan answered that “notes” was deleted, but it is still listed.",
      ),
    );
    expect(summary()).toHaveClass("csd-dirs__result--error");
  });

  it("says the delete is unchecked when the list cannot be read again", async () => {
    const { kernel, user } = await openPanel({ dirs: listed("main", "notes") });
    const remove = kernel.routes[REMOVE]!;
    kernel.routes[REMOVE] = (body, signal) => {
      kernel.routes[LIST] = () => Promise.reject(new TypeError("Failed to fetch"));
      return remove(body, signal);
    };
    await confirmDelete(user, "notes");
    await waitFor(() =>
      expect(summary()).toHaveTextContent(
        "SiYuan answered that “notes” was deleted, but the list could not be read again",
      ),
    );
  });
});

describe("no stale answers", () => {
  it("an older listing that answers last does not replace the newer one", async () => {
    const { kernel, model } = await openPanel({ dirs: listed("main") });
    const older = deferred<void>();
    const answer = kernel.routes[LIST]!;
    let calls = 0;
    kernel.routes[LIST] = async (body, signal) => {
      calls += 1;
      if (calls > 1) return answer(body, signal);
      const stale = await answer(body, signal);
      await older.promise;
      return stale;
    };
    const olderListing = model.dirs.refresh();
    await waitFor(() => expect(calls).toBe(1));
    kernel.kernel.dirs = listed("main", "newer");
    // The panel shown again lists while the first listing is still out.
    await model.open();
    expect(rowNames()).toEqual(["main", "newer"]);
    older.resolve();
    // The older call answers what the newer one read.
    expect((await olderListing)?.dirs.map((dir) => dir.name)).toEqual(["main", "newer"]);
    expect(rowNames()).toEqual(["main", "newer"]);
  });

  it("an older settings read that answers last does not replace the newer one", async () => {
    const { kernel, model } = await openPanel({ dirs: listed("main") });
    const release = holdNextCall(kernel, GET_CONF);
    const olderRead = model.settings.refresh();
    // The held read answers from the kernel's state at release time: SiYuan by then.
    kernel.kernel.provider = 0;
    const answer = kernel.routes[GET_CONF]!;
    kernel.routes[GET_CONF] = (body, signal) => {
      kernel.kernel.provider = 4;
      const reply = answer(body, signal);
      kernel.kernel.provider = 0;
      return reply;
    };
    const newer = await model.settings.refresh();
    expect(newer?.provider).toBe(4);
    release();
    expect((await olderRead)?.provider).toBe(4);
    expect(screen.getByTestId("active-provider")).toHaveTextContent("Local file system");
    expect(kernel.sentTo(GET_CONF).length).toBeGreaterThanOrEqual(3);
  });
});

describe("bounded input and output", () => {
  it(`the name field takes up to ${NAME_INPUT_MAX_LENGTH} characters, far above 63 bytes`, async () => {
    await openPanel({});
    expect(screen.getByRole("textbox", { name: "New directory" })).toHaveAttribute(
      "maxlength",
      String(NAME_INPUT_MAX_LENGTH),
    );
  });

  it("a listing over the size cap is refused with a clear message and not kept in the history", async () => {
    const kernel = fakeKernel({});
    kernel.routes[LIST] = () =>
      Promise.resolve({ status: 200, text: "x".repeat(MAX_REPLY_BYTES + 1) });
    const { opened, history } = renderPanel({ transport: kernel.transport });
    await opened;
    expect(alert()).toHaveTextContent(
      "SiYuan's answer was larger than 1 MiB; it was refused unread and is not kept.",
    );
    expect(history.entries).toEqual([]);
  });
});
