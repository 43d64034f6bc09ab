import { describe, expect, it } from "vitest";
import { planCreate, type CreateContext } from "../../src/core/create-plan";
import { checkName } from "../../src/core/dir-name";
import type { ProviderId } from "../../src/core/providers";

function context(overrides: Partial<CreateContext> = {}): CreateContext {
  return {
    check: checkName("notes"),
    active: 4,
    readonly: false,
    isPublish: false,
    busy: false,
    ...overrides,
  };
}

describe("planCreate blockers", () => {
  it("has no blocker for a valid name on the active provider", () => {
    expect(planCreate(context())).toEqual({
      blocker: null,
      offersCreate: true,
      activeRefusesCreate: false,
      body: { name: "notes", provider: "Local File System", path: "notes" },
    });
  });

  it.each<[string, Partial<CreateContext>, string]>([
    ["publish", { isPublish: true }, "publish"],
    ["readonly", { readonly: true }, "readonly"],
    ["busy", { busy: true }, "busy"],
    ["invalid name", { check: checkName("a/b") }, "invalidName"],
    ["empty name", { check: checkName("") }, "invalidName"],
    [
      "publish beats everything",
      { isPublish: true, readonly: true, busy: true, check: checkName("") },
      "publish",
    ],
    [
      "readonly beats busy and invalid",
      { readonly: true, busy: true, check: checkName("") },
      "readonly",
    ],
    ["busy beats invalid", { busy: true, check: checkName("") }, "busy"],
    ["S3 active: no names", { active: 2 }, "noNames"],
    [
      "S3 active beats busy and invalid",
      { active: 2, busy: true, check: checkName("") },
      "noNames",
    ],
    ["readonly beats S3", { active: 2, readonly: true }, "readonly"],
  ])("%s", (_label, overrides, blocker) => {
    expect(planCreate(context(overrides)).blocker).toBe(blocker);
  });
});

describe("planCreate body", () => {
  it("is null when the name is invalid, whatever else holds", () => {
    expect(planCreate(context({ check: checkName("my notes") })).body).toBeNull();
  });

  it("is still built under a publish, readonly or busy blocker when the name is valid", () => {
    for (const overrides of [{ isPublish: true }, { readonly: true }, { busy: true }]) {
      expect(planCreate(context(overrides)).body).not.toBeNull();
    }
  });

  it("sends the normalised name, the active provider's kernel name and the path as typed", () => {
    const body = planCreate(context({ check: checkName("  no\u200Btes "), active: 0 })).body;
    expect(JSON.stringify(body)).toBe(
      '{"name":"notes","provider":"SiYuan","path":"  no\u200Btes "}',
    );
  });
});

describe("planCreate while the active provider is unknown", () => {
  it("sends nothing: SiYuan creates on its active provider, whichever that is", () => {
    const plan = planCreate(context({ active: null }));
    expect(plan.blocker).toBe("unknownProvider");
    expect(plan.body).toEqual({ name: "notes", provider: "", path: "notes" });
  });

  it("read-only and publish still come first", () => {
    expect(planCreate(context({ active: null, readonly: true })).blocker).toBe("readonly");
    expect(planCreate(context({ active: null, isPublish: true })).blocker).toBe("publish");
  });
});

describe("planCreate activeRefusesCreate (kernel gate: only SiYuan and Local)", () => {
  it.each<[ProviderId | null, boolean]>([
    [0, false],
    [3, true],
    [4, false],
  ])("active %s refuses: %s", (active, expected) => {
    const plan = planCreate(context({ active }));
    expect(plan.activeRefusesCreate).toBe(expected);
    // The kernel's refusal is shown, not enforced: the request can still be sent.
    expect(plan.blocker).toBeNull();
  });

  it("S3 active: no name field at all, so no refusal to warn about (docs/siyuan-sync-api.md §11)", () => {
    const plan = planCreate(context({ active: 2 }));
    expect(plan).toMatchObject({ offersCreate: false, activeRefusesCreate: false });
    expect(plan.blocker).toBe("noNames");
  });
});
