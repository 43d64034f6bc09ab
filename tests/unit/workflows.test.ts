/**
 * The GitHub workflows, parsed as YAML: CI runs the README's test command the way .ci/run does,
 * and a `v*` tag is checked against the version, tested, built and published with package.zip.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(resolve(root, file), "utf8");

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  "runs-on": string;
  container?: { image: string; options?: string };
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, unknown>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;
const ci = workflow("ci.yml");
const release = workflow("release.yml");
const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps);
const runs = (job: Job) => job.steps.flatMap((step) => (step.run ? [step.run] : []));

/** The only actions the workflows may use: GitHub's own, at a major version. */
const ALLOWED_ACTIONS = /^actions\/(checkout|setup-node|upload-artifact|download-artifact)@v\d+$/;

describe.each([
  ["ci.yml", ci],
  ["release.yml", release],
])("%s", (_name, flow) => {
  it("only reads the repository unless a job asks for more", () => {
    expect(flow.permissions).toEqual({ contents: "read" });
  });

  it("uses only GitHub's own actions, each at a major version", () => {
    for (const step of steps(flow)) if (step.uses) expect(step.uses).toMatch(ALLOWED_ACTIONS);
  });

  it("sets up Node 20 with the npm cache wherever it sets up Node", () => {
    const setups = steps(flow).filter((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(setups.length).toBeGreaterThan(0);
    for (const setup of setups) {
      expect(String(setup.with?.["node-version"])).toBe("20");
      expect(setup.with?.cache).toBe("npm");
    }
  });

  it("never downloads a browser", () => {
    for (const step of steps(flow)) {
      expect(step.run ?? "").not.toMatch(/playwright\s+install/);
      expect(JSON.stringify(step.env ?? {})).not.toContain("PLAYWRIGHT");
    }
  });

  it("tests on Debian, where .ci/run installs Chromium from apt", () => {
    for (const job of Object.values(flow.jobs)) {
      if (!runs(job).some((run) => run.includes(".ci/run"))) continue;
      expect(job.container?.image).toMatch(/^node:20-bookworm$/);
    }
  });
});

describe(".ci/run", () => {
  const script = read(".ci/run");

  it("installs Debian's chromium with apt-get, through sudo when not root", () => {
    expect(script).toMatch(/apt-get install -y -qq chromium/);
    expect(script).toMatch(/id -u\)" -ne 0 \] && command -v sudo/);
  });

  it("runs npm ci, then the README's test command unless given another", () => {
    expect(script).toMatch(
      /npm ci --no-audit --no-fund\nif \[ "\$#" -eq 0 \]; then set -- npm test; fi\n"\$@"\n$/,
    );
    expect(read("README.md")).toMatch(/^npm test\s+#/m);
  });
});

describe("ci.yml", () => {
  it("runs on every push and pull request", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(ci.on.push).toBeNull();
    expect(ci.on.pull_request).toBeNull();
  });

  it("checks out, sets up Node and runs .ci/run, which ends in npm test", () => {
    const [job, ...others] = Object.values(ci.jobs);
    expect(others).toEqual([]);
    expect(job?.steps.map((step) => step.uses ?? step.run)).toEqual([
      "actions/checkout@v5",
      "actions/setup-node@v5",
      "bash .ci/run",
    ]);
  });
});

describe("release.yml", () => {
  const { check, publish } = release.jobs;

  it("runs on v* tags only", () => {
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
  });

  it("takes the tag from the ref name, through the environment rather than the script text", () => {
    for (const job of [check, publish]) expect(job?.env?.TAG).toBe("${{ github.ref_name }}");
    for (const run of [...runs(check!), ...runs(publish!)]) expect(run).not.toContain("${{");
  });

  it("refuses a tag that differs from the version before installing anything", () => {
    const checkRuns = runs(check!);
    expect(checkRuns[0]).toBe('node scripts/release-check.mjs --versions-only "$TAG"');
  });

  it("then runs release:check (tests, build, zip listing) on the CI machine setup", () => {
    expect(runs(check!)[1]).toBe('bash .ci/run npm run release:check -- "$TAG"');
    const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts["release:check"]).toBe("node scripts/release-check.mjs");
  });

  it("hands package.zip and the changelog notes to the publishing job", () => {
    const upload = check!.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(String(upload?.with?.path).trim().split("\n")).toEqual([
      "package.zip",
      "release-notes.md",
    ]);
    expect(upload?.with?.["if-no-files-found"]).toBe("error");
    const download = publish!.steps.find((step) =>
      step.uses?.startsWith("actions/download-artifact@"),
    );
    expect(download?.with?.name).toBe(upload?.with?.name);
  });

  it("publishes only after the check, with write access in that job alone", () => {
    expect(publish?.needs).toBe("check");
    expect(publish?.permissions).toEqual({ contents: "write" });
    expect(check?.permissions).toBeUndefined();
  });

  it("creates the release for the existing tag with package.zip and the notes file", () => {
    const step = publish!.steps.find((candidate) => candidate.run?.includes("gh release create"));
    expect(step?.env?.GH_TOKEN).toBe("${{ github.token }}");
    const command = step!.run!.replace(/\\\n\s*/g, "");
    expect(command).toMatch(/gh release create "\$TAG" package\.zip /);
    expect(command).toContain("--verify-tag");
    expect(command).toContain("--notes-file release-notes.md");
  });
});
