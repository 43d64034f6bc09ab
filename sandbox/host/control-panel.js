// @ts-check
/**
 * The "Kernel double" control panel: edits the double's state through `/__sandbox/*`. Changes
 * that SiYuan would only show after a settings change (provider, read-only, publish, version,
 * language) reload the page, keeping the URL query, so `window.siyuan.config` is rebuilt.
 */
import { escapeHtml, requireElement } from "./layout.js";

const FAULT_KINDS = [
  "http500",
  "drop",
  "nonJson",
  "htmlMsg",
  "unauthorized",
  "forbidden",
  "notFound",
];
const PROVIDERS = [
  [0, "SiYuan (0)"],
  [2, "S3 (2)"],
  [3, "WebDAV (3)"],
  [4, "Local (4)"],
];
/** 3.7.3 allows forwardProxy to private addresses, 3.7.2 refuses them with codes 1–9, 3.6.4 with
 * -1/-2, 3.6.3 also has the old body rules. */
const VERSIONS = ["3.7.3", "3.7.2", "3.6.4", "3.6.3"];

/**
 * Sends a control request; throws with the server's message on failure.
 * @param {string} path
 * @param {unknown} [body]
 */
export async function control(path, body) {
  const response = await fetch(
    path,
    body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
  );
  const result = await response.json();
  if (!response.ok)
    throw new Error(result.message ?? `${path} failed with HTTP ${response.status}`);
  return result;
}

/**
 * Renders the panel into `#kernelPanel`.
 * @param {{mode: "double" | "proxy", proxyTarget: string | null, cloudDir: string, webdavDir?: string | null}} info
 * @param {Record<string, any> | null} state null in proxy mode
 */
export function renderControlPanel(info, state) {
  const panel = requireElement("kernelPanel");
  const proxy = info.mode === "proxy";
  const disabled = proxy ? " disabled" : "";
  const option = (
    /** @type {unknown} */ value,
    /** @type {string} */ label,
    /** @type {unknown} */ current,
  ) => `<option value="${value}"${value === current ? " selected" : ""}>${label}</option>`;
  panel.querySelector(".sandbox-panel__body")?.remove();
  const body = document.createElement("div");
  body.className = "sandbox-panel__body";
  body.innerHTML = `
<p class="b3-label__text" id="kernelMode">${
    proxy
      ? `proxy mode: the plugin's <code>/api/*</code> routes go to ${escapeHtml(info.proxyTarget ?? "")}; the double's controls are disabled.`
      : "kernel double: every <code>/api/*</code> call is answered by the sandbox."
  }</p>
<div class="sandbox-field"><label for="kernelProvider">Provider</label>
  <select class="b3-select" id="kernelProvider" data-key="provider" data-reload${disabled}>${PROVIDERS.map(([value, label]) => option(value, String(label), state?.provider)).join("")}</select></div>
<div class="sandbox-field"><label for="kernelReadonly">Read-only</label>
  <input type="checkbox" class="b3-switch" id="kernelReadonly" data-key="readonly" data-reload${state?.readonly ? " checked" : ""}${disabled}></div>
<div class="sandbox-field"><label for="kernelPublish">Publish</label>
  <input type="checkbox" class="b3-switch" id="kernelPublish" data-key="publish" data-reload${state?.publish ? " checked" : ""}${disabled} aria-describedby="kernelPublishHint"></div>
<p class="b3-label__text" id="kernelPublishHint">As in SiYuan, a published view does not load plugins whose plugin.json sets <code>disabledInPublish</code>.</p>
<div class="sandbox-field"><label for="kernelVersion">Kernel version</label>
  <select class="b3-select" id="kernelVersion" data-key="version" data-reload${disabled}>${VERSIONS.map((version) => option(version, version, state?.version)).join("")}</select></div>
<div class="sandbox-field"><label for="kernelSafeMode">Safe mode</label>
  <input type="checkbox" class="b3-switch" id="kernelSafeMode" data-key="safeMode"${state?.safeMode ? " checked" : ""}${disabled} aria-describedby="kernelSafeModeHint"></div>
<p class="b3-label__text" id="kernelSafeModeHint">A kernel started with <code>--safe-mode</code>: from 3.7.3 on, forwardProxy still refuses private and loopback addresses.</p>
<div class="sandbox-field"><label for="kernelWebdavWrongPassword">Wrong WebDAV password</label>
  <input type="checkbox" class="b3-switch" id="kernelWebdavWrongPassword" data-key="webdavWrongPassword" data-reload${state?.webdavWrongPassword ? " checked" : ""}${disabled} aria-describedby="kernelWebdavHint"></div>
<p class="b3-label__text" id="kernelWebdavHint">The WebDAV password in SiYuan's settings no longer matches the sandbox's WebDAV server.</p>
<div class="sandbox-field"><label for="kernelLatency">Latency (ms)</label>
  <input type="number" min="0" step="50" class="b3-text-field" id="kernelLatency" data-key="latencyMs" value="${state?.latencyMs ?? 0}"${disabled}></div>
<div class="sandbox-field sandbox-field--column"><span id="faultLabel">One-shot fault for the next call</span>
  <input class="b3-text-field fn__block" id="kernelFaultRoute" placeholder="route (optional), e.g. /api/sync/listCloudSyncDir" aria-label="Fault route (optional)"${disabled}>
  <div class="sandbox-faults" role="group" aria-labelledby="faultLabel">${FAULT_KINDS.map(
    (kind) =>
      `<button class="b3-button b3-button--outline b3-button--small" data-fault="${kind}"${disabled}>${kind}</button>`,
  ).join("")}</div>
  <span class="b3-label__text" id="kernelPendingFaults">Pending faults: ${state?.pendingFaults?.length ?? 0}</span></div>
<div class="sandbox-field sandbox-field--column"><label for="kernelCloudDir">Local folder (provider 4 endpoint)</label>
  <input class="b3-text-field fn__block" id="kernelCloudDir" readonly value="${escapeHtml(info.cloudDir)}"></div>
${
  info.webdavDir
    ? `<div class="sandbox-field sandbox-field--column"><label for="kernelWebdavDir">WebDAV server folder (provider 3)</label>
  <input class="b3-text-field fn__block" id="kernelWebdavDir" readonly value="${escapeHtml(info.webdavDir)}"></div>`
    : ""
}
<button class="b3-button b3-button--remove" id="kernelReset"${disabled}>Reset the kernel double</button>
<p class="b3-label__text" id="kernelError" role="alert"></p>`;
  panel.append(body);
  if (!proxy) bindControls(body);
}

/** @param {HTMLElement} body */
function bindControls(body) {
  const errorLine = /** @type {HTMLElement} */ (body.querySelector("#kernelError"));
  const report = (/** @type {unknown} */ error) => {
    errorLine.textContent = error instanceof Error ? error.message : String(error);
  };
  const pendingLine = /** @type {HTMLElement} */ (body.querySelector("#kernelPendingFaults"));
  const showPending = (/** @type {any} */ state) => {
    pendingLine.textContent = `Pending faults: ${state.pendingFaults?.length ?? 0}`;
  };
  for (const input of body.querySelectorAll("[data-key]")) {
    const field = /** @type {HTMLInputElement | HTMLSelectElement} */ (input);
    field.addEventListener("change", () => {
      const key = /** @type {string} */ (field.dataset.key);
      const value =
        field instanceof HTMLInputElement && field.type === "checkbox"
          ? field.checked
          : field.type === "number" || key === "provider"
            ? Number(field.value)
            : field.value;
      control("/__sandbox/state", { [key]: value })
        .then(() => field.hasAttribute("data-reload") && location.reload())
        .catch(report);
    });
  }
  const routeInput = /** @type {HTMLInputElement} */ (body.querySelector("#kernelFaultRoute"));
  for (const button of body.querySelectorAll("[data-fault]")) {
    button.addEventListener("click", () => {
      const route = routeInput.value.trim();
      control(
        "/__sandbox/fault",
        route
          ? { kind: button.getAttribute("data-fault"), route }
          : { kind: button.getAttribute("data-fault") },
      )
        .then(showPending)
        .catch(report);
    });
  }
  body.querySelector("#kernelReset")?.addEventListener("click", () => {
    control("/__sandbox/reset", {})
      .then(() => location.reload())
      .catch(report);
  });
}
