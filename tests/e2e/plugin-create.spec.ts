import { expect, test } from "./fixtures";
import {
  activeProvider,
  CREATE_ROUTE,
  countRequests,
  createdOnLocal,
  createFrom,
  folderExists,
  openDock,
  openTechnical,
  uniqueName,
} from "./plugin-helpers";

test.describe("creating a cloud sync directory", () => {
  test("from the dock: the folder appears on disk and the response shows code 0", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await expect(activeProvider(panel)).toHaveText("Local file system");
    const name = uniqueName("dock");
    await createFrom(panel, name);
    const response = panel.getByRole("region", { name: "Response" });
    await expect(response.getByTestId("summary")).toHaveText(createdOnLocal(name));
    // SiYuan's reply on one line, as the online-test widget shows it; the rest is folded away.
    await expect(panel.getByTestId("reply-line")).toHaveText('{"code":0,"msg":"","data":null}');
    await expect(panel.getByTestId("response-body")).toBeHidden();
    await openTechnical(panel);
    await expect(panel.getByTestId("response-body")).toContainText('"code": 0');
    await expect(panel.getByTestId("response-details")).toContainText("HTTP 200");
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);
  });

  test("from the command palette: the same form in a dialog", async ({ page, sandbox }) => {
    await sandbox.gotoHost();
    await page.keyboard.press("Control+Shift+P");
    await page.getByRole("option", { name: /Create cloud sync directory…/ }).click();
    const dialog = page.locator(".b3-dialog");
    await expect(dialog.getByRole("combobox", { name: "Active provider" })).toBeVisible();
    const name = uniqueName("palette");
    await createFrom(dialog, name);
    await expect(dialog.getByTestId("summary")).toHaveText(createdOnLocal(name));
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);
  });

  test("the body sent is {name, provider, path} with the cleaned name", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("body");
    const sent = page.waitForRequest((request) => request.url().endsWith(CREATE_ROUTE));
    await createFrom(panel, `  ${name}\u200B `);
    expect((await sent).postDataJSON()).toEqual({
      name,
      provider: "Local File System",
      path: `  ${name}\u200B `,
    });
    await expect(panel.getByTestId("summary")).toContainText(name);
  });

  for (const invalid of ["a b", "a/b", "..", "名".repeat(22), "x".repeat(64), "semi;colon"]) {
    test(`an invalid name is never sent: ${JSON.stringify(invalid.slice(0, 12))}`, async ({
      page,
      sandbox,
    }) => {
      await sandbox.gotoHost();
      const panel = await openDock(page);
      const creates = countRequests(page, CREATE_ROUTE);
      const path = panel.getByRole("textbox", { name: "New directory" });
      await path.fill(invalid);
      await expect(path).toHaveAttribute("aria-invalid", "true");
      await expect(panel.getByRole("button", { name: "Create", exact: true })).toBeDisabled();
      await path.press("Enter");
      await openTechnical(panel);
      await expect(panel.getByText("Nothing will be sent until the name is valid.")).toBeVisible();
      expect(creates.count).toBe(0);
    });
  }

  test("a kernel up to 3.6.3 creates too, because the plugin always sends name", async ({
    page,
    sandbox,
  }) => {
    await sandbox.setState({ version: "3.6.3" });
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("old-kernel");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(name));
    expect(folderExists(sandbox.cloudDir, name)).toBe(true);
  });

  test("a path gets a one-click suggestion that can then be created", async ({ page, sandbox }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const name = uniqueName("archive");
    await panel.getByRole("textbox", { name: "New directory" }).fill(`${name}/2024`);
    await expect(panel.getByText(/creates one directory, not a path/)).toBeVisible();
    await panel.getByRole("button", { name: `Use “${name}-2024”` }).click();
    await expect(panel.getByRole("textbox", { name: "New directory" })).toHaveValue(`${name}-2024`);
    await panel.getByRole("button", { name: "Create", exact: true }).click();
    await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(`${name}-2024`));
    expect(folderExists(sandbox.cloudDir, `${name}-2024`)).toBe(true);
  });

  test("the byte counter counts UTF-8 bytes: 21 CJK characters fit, 22 do not", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    const path = panel.getByRole("textbox", { name: "New directory" });
    await path.fill("云".repeat(21));
    await expect(panel.getByTestId("byte-counter")).toHaveText("63 / 63 bytes");
    await expect(panel.getByRole("button", { name: "Create", exact: true })).toBeEnabled();
    await path.fill("云".repeat(22));
    await expect(panel.getByTestId("byte-counter")).toHaveText("66 / 63 bytes");
    await expect(panel.getByText(/at most 63 bytes/)).toBeVisible();
  });

  // S3 offers no name field (plugin-provider-rows.spec.ts); on WebDAV the plugin creates the folder
  // itself, SiYuan's own refusal one secondary action away (plugin-webdav.spec.ts).

  test("read-only mode: the form is disabled, says why, and sends nothing", async ({
    page,
    sandbox,
  }) => {
    await sandbox.setState({ readonly: true });
    await sandbox.gotoHost();
    const creates = countRequests(page, CREATE_ROUTE);
    const panel = await openDock(page);
    await expect(panel.getByText(/SiYuan runs in read-only mode/)).toBeVisible();
    await expect(panel.getByRole("textbox", { name: "New directory" })).toBeDisabled();
    await expect(panel.getByRole("button", { name: "Create", exact: true })).toBeDisabled();
    expect(creates.count).toBe(0);
  });

  test("publish mode: SiYuan does not load the plugin at all (disabledInPublish)", async ({
    page,
    sandbox,
  }) => {
    await sandbox.setState({ publish: true });
    await sandbox.gotoHost();
    await expect(
      page.getByRole("button", { name: "Cloud sync directories", exact: true }),
    ).toHaveCount(0);
    expect(
      await page.evaluate(() =>
        (
          window as unknown as { __sandbox: { plugins: Map<string, unknown> } }
        ).__sandbox.plugins.has("cloud-sync-dir"),
      ),
    ).toBe(false);
  });

  const failures = [
    {
      fault: "unauthorized",
      summary:
        "SiYuan refused the request as not authorised. Unlock SiYuan or reload the window, then try again.",
    },
    {
      fault: "forbidden",
      summary:
        "Only the administrator of this SiYuan can manage cloud sync directories; published and reader views cannot.",
    },
    {
      fault: "http500",
      summary:
        "SiYuan failed to carry out the request. Try again; if it keeps failing, check SiYuan's log.",
    },
    {
      fault: "nonJson",
      summary:
        "SiYuan's answer could not be read. A proxy or an outdated SiYuan may be in the way.",
    },
    // The list is read again after a lost connection, and says what it found.
    {
      fault: "drop",
      summary: /^The connection was lost\. The list was read again: “drop-\w+” is not there\.$/,
    },
    {
      fault: "notFound",
      summary:
        "This version of SiYuan cannot manage cloud sync directories for plugins: that needs SiYuan 3.1.19 or later.",
    },
  ] as const;
  for (const { fault, summary } of failures) {
    test(`a ${fault} answer is explained and creates nothing`, async ({
      page,
      sandbox,
      consoleErrors,
    }) => {
      // Chromium itself logs every failed response as a console error.
      consoleErrors.allow(/Failed to load resource/);
      await sandbox.gotoHost();
      const panel = await openDock(page);
      await sandbox.fault(fault, CREATE_ROUTE);
      const name = uniqueName(fault);
      await createFrom(panel, name);
      await expect(panel.getByTestId("summary")).toHaveText(summary);
      expect(folderExists(sandbox.cloudDir, name)).toBe(false);
      await expect(panel.getByRole("button", { name: "Create", exact: true })).toBeEnabled();
    });
  }

  test("sync settings that cannot be read are explained, and the form keeps working", async ({
    page,
    sandbox,
    consoleErrors,
  }) => {
    consoleErrors.allow(/Failed to load resource/);
    await sandbox.gotoHost();
    await sandbox.fault("unauthorized", "/api/system/getConf");
    const panel = await openDock(page);
    await expect(
      panel.getByText(
        /^Could not read the sync settings: SiYuan refused the request as not authorised/,
      ),
    ).toBeVisible();
    await expect(activeProvider(panel)).toHaveText("Local file system");
    const name = uniqueName("conf-failed");
    await createFrom(panel, name);
    await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(name));
  });

  test("HTML in SiYuan's msg is shown as plain text, never run", async ({ page, sandbox }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await sandbox.fault("htmlMsg", CREATE_ROUTE);
    await createFrom(panel, uniqueName("html"));
    await expect(panel.getByTestId("summary")).toHaveText(
      "SiYuan reported an error: bold kernel message.",
    );
    await expect(panel.locator("img")).toHaveCount(0);
    await expect(panel.locator("b")).toHaveCount(0);
    expect(await page.evaluate(() => "__xss" in window)).toBe(false);
  });

  test("a slow kernel: progress while waiting, one request for a double click", async ({
    page,
    sandbox,
  }) => {
    await sandbox.gotoHost();
    const panel = await openDock(page);
    await sandbox.setState({ latencyMs: 2500 });
    const creates = countRequests(page, CREATE_ROUTE);
    const name = uniqueName("slow");
    await panel.getByRole("textbox", { name: "New directory" }).fill(name);
    await panel.getByRole("button", { name: "Create", exact: true }).dblclick();
    await expect(panel.getByRole("button", { name: "Creating…" })).toBeDisabled();
    await expect(panel.getByText(/Waiting for SiYuan… \d+ s/)).toBeVisible();
    await expect(panel.getByTestId("summary")).toHaveText(createdOnLocal(name));
    expect(creates.count).toBe(1);
  });
});
