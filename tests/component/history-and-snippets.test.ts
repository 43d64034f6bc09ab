/**
 * The session's request history and the "call it yourself" snippets, over the real kernel client
 * (recorded as src/ui/mount.ts records it) and the harness's fake kernel.
 */
import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HISTORY_LIMIT } from "../../src/core/history";
import { TechnicalOpenMemory } from "../../src/ui/technical-open.svelte";
import {
  CREATE,
  GET_CONF,
  KERNEL_TOKEN,
  LIST,
  REMOVE,
  USE,
  fakeKernel,
  kernelFails,
  openTechnical,
  renderPanel,
  technical,
  type KernelState,
  type RenderOptions,
} from "./harness";

afterEach(() => {
  vi.restoreAllMocks();
});

const PLACEHOLDER_HEADER = "Token YOUR_API_TOKEN";
const TOKEN_HEADER = `Token ${KERNEL_TOKEN}`;

const historySummary = () => screen.getByText(/^Request history \(\d+\)$/);
const historyEntries = () => screen.queryAllByRole("button", { name: /^Show \/api\// });
/** The endpoints the history lists, top to bottom. */
const historyEndpoints = () =>
  historyEntries().map((entry) => /^Show (\S+) from /.exec(entry.getAttribute("aria-label")!)![1]);
const response = () => screen.getByRole("region", { name: "Response" });
const refreshButton = () => screen.getByRole("button", { name: "Refresh list" });
const tokenBox = () => screen.getByRole("checkbox", { name: "Include my API token in this copy" });
const fallbackText = () => screen.queryByRole("textbox", { name: "Call it yourself" });

/** A clock that moves 1 s per reading, so no two requests start within a few ms of each other. */
function steppingClock() {
  let now = Date.UTC(2026, 6, 1, 10, 0, 0);
  return () => (now += 1000);
}

async function openPanel(
  state: Partial<KernelState> = {},
  options: Partial<Omit<RenderOptions, "transport">> = {},
  unfold = true,
) {
  const kernel = fakeKernel({ dirs: [{ cloudName: "main" }, { cloudName: "notes" }], ...state });
  const user = userEvent.setup();
  const rendered = renderPanel({ transport: kernel.transport, now: steppingClock(), ...options });
  await rendered.opened;
  // Folded (the dock), the section renders nothing: the history is only there once it is open.
  if (unfold) await openTechnical(user);
  return { kernel, user, ...rendered };
}

type User = ReturnType<typeof userEvent.setup>;

async function confirmUse(user: User, name: string) {
  await user.click(screen.getByRole("button", { name: `Use ${name}` }));
  await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Switch" }));
}

async function confirmDelete(user: User, name: string) {
  await user.click(screen.getByRole("button", { name: `Delete ${name}` }));
  await user.type(within(screen.getByRole("dialog")).getByRole("textbox"), name);
  await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
}

async function typePath(user: User, name: string) {
  await user.click(screen.getByRole("textbox", { name: "New directory" }));
  await user.paste(name);
}

/** The token must not be in the markup nor in any field's value. */
function expectTokenNowhereInDom() {
  expect(document.documentElement.outerHTML).not.toContain(KERNEL_TOKEN);
  for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    "input, textarea",
  )) {
    expect(field.value).not.toContain(KERNEL_TOKEN);
  }
}

describe("request history", () => {
  it("records create, list, use and delete newest first, and never getConf (its answer holds the token)", async () => {
    const { kernel, user, history } = await openPanel();
    await typePath(user, "fresh");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(history.entries).toHaveLength(3));
    await user.click(screen.getByRole("button", { name: "Reload sync settings" }));
    await confirmUse(user, "fresh");
    await waitFor(() => expect(history.entries).toHaveLength(5));
    await confirmDelete(user, "notes");
    await waitFor(() => expect(history.entries).toHaveLength(7));

    await user.click(historySummary());
    expect(historySummary()).toHaveTextContent("Request history (7)");
    expect(historyEndpoints()).toEqual([LIST, REMOVE, LIST, USE, LIST, CREATE, LIST]);
    // Opening, Reload, and each list and action read the settings first: 7 reads, none recorded.
    expect(kernel.sentTo(GET_CONF)).toHaveLength(7);
    expect(JSON.stringify(history.entries)).not.toContain(KERNEL_TOKEN);
    expectTokenNowhereInDom();
  });

  it(`keeps only the ${HISTORY_LIMIT} newest requests`, async () => {
    const { user, history } = await openPanel();
    await typePath(user, "fresh");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(history.entries).toHaveLength(3));
    const refreshUntil = async (count: number) => {
      while (history.entries.length < count) {
        const before = history.entries[0];
        await user.click(refreshButton());
        await waitFor(() => expect(history.entries[0]).not.toBe(before));
      }
    };
    await user.click(historySummary());

    await refreshUntil(HISTORY_LIMIT);
    expect(historyEndpoints().at(-1)).toBe(LIST);
    // One more: the list sent on open goes, the create is now the oldest kept.
    await user.click(refreshButton());
    await waitFor(() => expect(historyEndpoints()).toHaveLength(HISTORY_LIMIT));
    expect(historyEndpoints().at(-1)).toBe(CREATE);
    expect(historySummary()).toHaveTextContent(`Request history (${HISTORY_LIMIT})`);

    await user.click(refreshButton());
    await waitFor(() => expect(historyEndpoints()).not.toContain(CREATE));
    expect(historyEndpoints()).toEqual(Array(HISTORY_LIMIT).fill(LIST));
  });

  it("the toggle reports open and closed, and a later panel of the session opens as it was left", async () => {
    const firstToggle = vi.fn();
    const first = await openPanel({}, { onHistoryToggle: firstToggle });
    const details = historySummary().closest("details")!;
    expect(details).not.toHaveAttribute("open");

    await first.user.click(historySummary());
    await waitFor(() => expect(firstToggle).toHaveBeenCalledWith(true));
    expect(details).toHaveAttribute("open");
    expect(first.history.open).toBe(true);
    first.unmount();

    const secondToggle = vi.fn();
    const second = await openPanel({}, { history: first.history, onHistoryToggle: secondToggle });
    const reopened = historySummary().closest("details")!;
    expect(reopened).toHaveAttribute("open");
    // The session's entries carried over too: the first panel's list, then this one's.
    expect(historyEndpoints()).toEqual([LIST, LIST]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(secondToggle).not.toHaveBeenCalled();

    await second.user.click(historySummary());
    await waitFor(() => expect(secondToggle).toHaveBeenCalledWith(false));
    expect(reopened).not.toHaveAttribute("open");
    expect(second.history.open).toBe(false);
    expect(firstToggle).toHaveBeenCalledTimes(1);
  });

  it.each([
    [
      "a switch",
      1,
      USE,
      '{\n  "name": "notes"\n}',
      "Done.",
      '{\n  "code": 0,\n  "msg": "",\n  "data": null\n}',
    ],
    [
      "a failed listing",
      3,
      LIST,
      "{}",
      "SiYuan could not list the directories: disk gone. Check the provider's settings in Settings → Cloud.",
      '{\n  "code": 1,\n  "msg": "disk gone",\n  "data": {\n    "closeTimeout": 5000\n  }\n}',
    ],
  ])(
    "reopening %s shows its result, and its endpoint, body, status and answer in Request and response",
    async (_label, position, endpoint, body, verdict, answer) => {
      const { kernel, user } = await openPanel();
      const listAnswer = kernel.routes[LIST]!;
      kernel.routes[LIST] = () => kernelFails("disk gone", 1);
      await user.click(refreshButton());
      kernel.routes[LIST] = listAnswer;
      await user.click(refreshButton());
      await confirmUse(user, "notes");
      const region = response();
      await waitFor(() =>
        expect(screen.getByTestId("action-result")).toHaveTextContent("Now syncing"),
      );
      await openTechnical(user);
      await user.click(historySummary());
      // Newest first: list, use, list, failed list, list on open.
      expect(historyEndpoints()).toEqual([LIST, USE, LIST, LIST, LIST]);

      await user.click(historyEntries()[position]!);
      expect(within(region).getByTestId("summary")).toHaveTextContent(verdict);
      expect(within(technical()).getByTestId("response-request").textContent).toBe(
        `POST ${endpoint}\n${body}`,
      );
      expect(within(technical()).getByText(/^HTTP 200 · \d+ ms$/)).toBeVisible();
      expect(within(technical()).getByTestId("response-body").textContent).toBe(answer);
    },
  );

  it("lists requests that start 1 ms apart (rows once keyed by index + start time collided)", async () => {
    // Every request takes 1 ms on this clock, so each one starts 1 ms after the previous.
    let clock = 1_750_000_000_000;
    const kernel = fakeKernel({ dirs: [{ cloudName: "main" }, { cloudName: "notes" }] });
    const post = kernel.transport.post;
    kernel.transport.post = (endpoint, body, signal) => {
      clock += 1;
      return post(endpoint, body, signal);
    };
    const user = userEvent.setup();
    const { opened, history } = renderPanel({ transport: kernel.transport, now: () => clock });
    await opened;
    await openTechnical(user);
    await user.click(historySummary());
    await confirmUse(user, "notes");

    await waitFor(() => expect(historyEndpoints()).toEqual([LIST, USE, LIST]));
    // The settings are read (unrecorded) before the switch and before the re-list.
    expect(history.entries.map((entry) => entry.startedAt - history.entries[2]!.startedAt)).toEqual(
      [4, 2, 0],
    );
  });
});

describe("copied snippets", () => {
  const origin = () => window.location.origin;
  const createBody = '{"name":"notes","provider":"Local File System","path":"notes"}';

  /** Opens a panel with "notes" typed, so the snippets copy the create request about to be sent. */
  async function openWithSnippet(readToken: () => string | undefined = () => KERNEL_TOKEN) {
    const opened = await openPanel({}, { readToken });
    await typePath(opened.user, "notes");
    await openTechnical(opened.user);
    const writeText = vi.spyOn(navigator.clipboard, "writeText");
    return { ...opened, writeText };
  }

  it.each([
    [
      "Copy as cURL",
      [
        `curl -X POST '${"ORIGIN"}${CREATE}'`,
        `-H 'Content-Type: application/json'`,
        `-d '${createBody}'`,
      ],
    ],
    [
      "Copy as JavaScript",
      [
        `await fetch("${"ORIGIN"}${CREATE}"`,
        `"Content-Type": "application/json"`,
        `"body": JSON.stringify(${createBody})`,
      ],
    ],
  ])(
    "%s writes the placeholder, the token only for the one ticked copy",
    async (button, fragments) => {
      const { user, writeText } = await openWithSnippet();
      const copy = () => user.click(screen.getByRole("button", { name: button }));

      await copy();
      const plain = writeText.mock.lastCall![0];
      for (const fragment of fragments)
        expect(plain).toContain(fragment.replace("ORIGIN", origin()));
      expect(plain).toContain(PLACEHOLDER_HEADER);
      expect(plain).not.toContain(KERNEL_TOKEN);
      expect(screen.getByText("Copied to the clipboard.")).toBeVisible();

      await user.click(tokenBox());
      expect(tokenBox()).toBeChecked();
      await copy();
      const withToken = writeText.mock.lastCall![0];
      expect(withToken).toContain(TOKEN_HEADER);
      expect(withToken).not.toContain(PLACEHOLDER_HEADER);
      expect(tokenBox()).not.toBeChecked();

      await copy();
      expect(writeText.mock.lastCall![0]).toBe(plain);
      expect(writeText).toHaveBeenCalledTimes(3);
      expectTokenNowhereInDom();
    },
  );

  it("says the token is unavailable when it was asked for but SiYuan has none", async () => {
    const { user, writeText } = await openWithSnippet(() => undefined);
    await user.click(tokenBox());
    await user.click(screen.getByRole("button", { name: "Copy as cURL" }));
    expect(writeText.mock.lastCall![0]).toContain(PLACEHOLDER_HEADER);
    expect(
      screen.getByText("Your API token is not available here, so the placeholder was used."),
    ).toBeVisible();
    expect(tokenBox()).not.toBeChecked();
  });

  it("when the clipboard refuses, shows the placeholder snippet to copy by hand, and hides it after a later copy", async () => {
    const { user, writeText } = await openWithSnippet();
    writeText.mockRejectedValueOnce(
      new DOMException("Document is not focused.", "NotAllowedError"),
    );
    await user.click(screen.getByRole("button", { name: "Copy as JavaScript" }));

    expect(
      screen.getByText("The clipboard refused; select the text below and copy it yourself."),
    ).toBeVisible();
    const copied = writeText.mock.lastCall![0];
    expect(copied).toContain(PLACEHOLDER_HEADER);
    expect(fallbackText()).toHaveValue(copied);
    expect(fallbackText()).toHaveAttribute("readonly");

    await user.click(screen.getByRole("button", { name: "Copy as cURL" }));
    expect(fallbackText()).not.toBeInTheDocument();
    expect(screen.getByText("Copied to the clipboard.")).toBeVisible();
  });

  it("when the clipboard refuses a copy with the token, nothing is shown and the token stays off screen", async () => {
    const { user, writeText } = await openWithSnippet();
    writeText.mockRejectedValueOnce(new DOMException("Denied", "NotAllowedError"));
    await user.click(tokenBox());
    await user.click(screen.getByRole("button", { name: "Copy as cURL" }));

    expect(writeText.mock.lastCall![0]).toContain(TOKEN_HEADER);
    expect(
      screen.getByText(
        "The clipboard refused. A copy with your token is never shown on screen: copy without the token to see the text.",
      ),
    ).toBeVisible();
    expect(fallbackText()).not.toBeInTheDocument();
    expect(tokenBox()).not.toBeChecked();
    expectTokenNowhereInDom();
  });

  it("a reopened history entry's snippet copies that entry's endpoint and body", async () => {
    const { user } = await openPanel({}, { readToken: () => KERNEL_TOKEN });
    await confirmUse(user, "notes");
    await waitFor(() =>
      expect(screen.getByTestId("action-result")).toHaveTextContent("Now syncing"),
    );
    await user.click(historySummary());
    await user.click(screen.getByRole("button", { name: new RegExp(`^Show ${USE} from `) }));
    const writeText = vi.spyOn(navigator.clipboard, "writeText");

    await user.click(screen.getByRole("button", { name: "Copy as cURL" }));
    expect(writeText.mock.lastCall![0]).toBe(
      [
        `curl -X POST '${origin()}${USE}'`,
        `  -H 'Authorization: ${PLACEHOLDER_HEADER}'`,
        `  -H 'Content-Type: application/json'`,
        `  -d '{"name":"notes"}'`,
      ].join(" \\\n"),
    );
  });
});

describe("the Request and response section", () => {
  it("is folded in the dock, open in the dialog, and each stays as the user left it for the session", async () => {
    const technicalOpen = new TechnicalOpenMemory();
    const dock = await openPanel({}, { technicalOpen, surface: "dock" }, false);
    expect(technical()).not.toHaveAttribute("open");
    // Folded, nothing of it is rendered: no preview, reply or history to build on each request.
    expect(within(technical()).queryByText(/^Request history/)).not.toBeInTheDocument();
    await openTechnical(dock.user);
    expect(within(technical()).getByText(/^Request history/)).toBeInTheDocument();
    dock.unmount();

    const dialog = await openPanel({}, { technicalOpen, surface: "dialog" }, false);
    expect(technical()).toHaveAttribute("open");
    await dialog.user.click(screen.getByText("Request and response", { selector: "summary" }));
    await waitFor(() => expect(technical()).not.toHaveAttribute("open"));
    expect(within(technical()).queryByText(/^Request history/)).not.toBeInTheDocument();
    dialog.unmount();

    const dockAgain = await openPanel({}, { technicalOpen, surface: "dock" }, false);
    expect(technical()).toHaveAttribute("open");
    dockAgain.unmount();
    await openPanel({}, { technicalOpen, surface: "dialog" }, false);
    expect(technical()).not.toHaveAttribute("open");
  });

  it("comes after the directories, which hold the new-directory field and the one-line result", async () => {
    const { user } = await openPanel();
    await typePath(user, "fresh");
    await user.click(screen.getByRole("button", { name: "Create" }));
    await waitFor(() => expect(screen.getByTestId("reply-line")).toBeInTheDocument());

    const directories = screen.getByRole("region", { name: "Directories" });
    expect(within(directories).getByRole("textbox", { name: "New directory" })).toBeVisible();
    expect(within(directories).getByTestId("summary")).toHaveTextContent("Created “fresh”");
    // Compact, as the online-test widget shows it; the live region holds the one line only.
    expect(within(directories).getByTestId("reply-line")).toHaveTextContent(
      '{"code":0,"msg":"","data":null}',
    );
    expect(response()).not.toHaveTextContent("code");
    expect(
      directories.compareDocumentPosition(technical()) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
