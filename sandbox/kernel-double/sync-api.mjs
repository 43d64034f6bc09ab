// @ts-check
/**
 * Handlers of the sync-directory API, getConf and version (docs/siyuan-sync-api.md §4, §8).
 * Each returns the reply after the middleware chain has let the request through.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { readNumberArg, readStringArg } from "./json-body.mjs";
import { language } from "./messages.mjs";
import { isValidCloudDirName, removeInvalid, trimSpace } from "./names.mjs";
import { S3_BUCKET, SandboxRefusal, formatLocalTime, humanizeBytes } from "./providers.mjs";
import { CLOSE_TIMEOUT, escapeHtml, resultReply } from "./replies.mjs";
import { webdavConf } from "./webdav.mjs";

/**
 * @typedef {import("./state.mjs").KernelState} KernelState
 * @typedef {import("./state.mjs").ProviderId} ProviderId
 * @typedef {import("./providers.mjs").ProviderDouble} ProviderDouble
 * @typedef {import("./replies.mjs").Reply} Reply
 * @typedef {object} Kernel  what handlers may read and change
 * @property {KernelState} state
 * @property {string} cloudDir
 * @property {string} storageDir
 * @property {string} token
 * @property {import("./webdav.mjs").WebdavServerInfo} [webdav]
 * @property {Set<string>} forwardTargets  the only origins forwardProxy reaches (loopback ones)
 * @property {Record<ProviderId, ProviderDouble>} providers
 * @property {(message: string) => void} push  util.PushMsg; the double has no websocket, so it logs
 * @typedef {object} ApiRequest
 * @property {string} path
 * @property {Uint8Array} body
 * @property {string} contentType
 * @property {boolean} oldBodyRules
 * @property {boolean} isAdmin
 * @typedef {(request: ApiRequest, kernel: Kernel) => Promise<Reply>} Handler
 */

/** RemoveCloudSyncDir sleeps this long after removing, which keeps the UI's progress visible. */
const REMOVE_SETTLE_MS = 500;
const KERNEL_ID = "sandbox";

/** @param {string} message */
const errorReply = (message) => resultReply(-1, message, CLOSE_TIMEOUT);

/**
 * formatRepoErrorMsg (§4). Its mapping of known dejavu errors to language strings is not needed:
 * none of those errors can happen against the doubles.
 * @param {unknown} error
 * @param {ProviderDouble} provider
 */
function formatRepoError(error, provider) {
  return `${escapeHtml(/** @type {Error} */ (error).message)} (Provider: ${provider.label})`;
}

/** @param {KernelState} state */
const syncStat = (state) => (state.syncEnabled ? "" : language(53, state.lang));

/** @type {Handler} */
export async function createCloudSyncDir(request, { state, providers }) {
  const arg = readStringArg(request, "name");
  if ("reply" in arg) return arg.reply;
  const provider = providers[state.provider];
  if (!provider.dirs) return errorReply(language(131, state.lang));
  // Kernels up to v3.6.3 trimmed in the model instead of the API layer (§3).
  const name = removeInvalid(request.oldBodyRules ? trimSpace(arg.value) : arg.value);
  if (!isValidCloudDirName(name)) return errorReply(language(37, state.lang));
  try {
    await provider.dirs.createRepo(name, state.cloudName);
  } catch (error) {
    return errorReply(formatRepoError(error, provider));
  }
  return resultReply(0, "", null);
}

/** @type {Handler} */
export async function removeCloudSyncDir(request, { state, providers, push }) {
  const arg = readStringArg(request, "name");
  if ("reply" in arg) return arg.reply;
  const name = arg.value;
  // Up to v3.6.3 RemoveCloudSyncDir("") returned success before doing anything (§3).
  if (request.oldBodyRules && name === "") return resultReply(0, "", state.cloudName);
  const provider = providers[state.provider];
  if (!provider.dirs) return errorReply(language(131, state.lang));
  push(language(116, state.lang));
  try {
    await provider.dirs.removeRepo(name);
  } catch (error) {
    return errorReply(
      error instanceof SandboxRefusal ? error.message : formatRepoError(error, provider),
    );
  }
  await sleep(REMOVE_SETTLE_MS);
  if (name === state.cloudName) {
    state.cloudName = "main";
    push(language(155, state.lang));
  }
  return resultReply(0, "", state.cloudName);
}

/** @type {Handler} */
export async function listCloudSyncDir(_request, { state, providers }) {
  const provider = providers[state.provider];
  let repos;
  try {
    repos = await provider.listRepos();
  } catch (error) {
    return resultReply(1, formatRepoError(error, provider), CLOSE_TIMEOUT);
  }
  if (repos.length === 0) repos = [{ name: "main", size: 0, updated: formatLocalTime(new Date()) }];
  // Listing S3 makes the bucket the current directory (§4 ListCloudSyncDir step 5).
  if (state.provider === 2) state.cloudName = /** @type {string} */ (repos[0]?.name);
  /** @param {number} size */
  const hSize = (size) => (provider.humanizesSizes ? humanizeBytes(size) : "-");
  const totalSize = repos.reduce((sum, repo) => sum + repo.size, 0);
  return resultReply(0, "", {
    syncDirs: repos.map(({ name, size, updated }) => ({
      size,
      hSize: hSize(size),
      updated,
      cloudName: name,
      saveDir: "",
    })),
    hSize: hSize(totalSize),
    checkedSyncDir: state.cloudName,
  });
}

/** @type {Handler} */
export async function setCloudSyncDir(request, { state, push }) {
  const arg = readStringArg(request, "name");
  if ("reply" in arg) return arg.reply;
  // An invalid name only produces a websocket toast; the HTTP reply still says success (§4).
  if (isValidCloudDirName(arg.value)) state.cloudName = arg.value;
  else push(language(37, state.lang));
  return resultReply(0, "", null);
}

/**
 * `setSyncProvider` (kernel/api/sync.go, model.SetSyncProvider in kernel/model/sync.go): stores
 * the number, truncated to an integer, and saves; nothing else is checked or changed.
 * @type {Handler}
 */
export async function setSyncProvider(request, { state }) {
  const arg = readNumberArg(request, "provider");
  if ("reply" in arg) return arg.reply;
  const provider = Math.trunc(arg.value);
  // SiYuan stores any number too, and then every list and sync fails with "invalid provider [N]"
  // (kernel/model/repository.go); the double keeps its state valid instead.
  if (![0, 2, 3, 4].includes(provider)) {
    return errorReply(
      `The sandbox refused provider [${provider}]: the real kernel would store it and fail every ` +
        `list and sync with "invalid provider [${provider}]". This is a sandbox deviation.`,
    );
  }
  state.provider = /** @type {ProviderId} */ (provider);
  return resultReply(0, "", null);
}

/** @type {Handler} */
export async function getSyncInfo(_request, { state }) {
  return resultReply(0, "", { synced: 0, stat: syncStat(state), kernels: [], kernel: KERNEL_ID });
}

/** conf.Sync{} as HideConfSecret leaves it for non-admin roles (§8). */
const EMPTY_SYNC = Object.freeze({
  cloudName: "",
  enabled: false,
  perception: false,
  mode: 0,
  interval: 0,
  synced: 0,
  stat: "",
  generateConflictDoc: false,
  provider: 0,
  s3: null,
  webdav: null,
  local: null,
});

/**
 * conf.Sync for an admin: secrets are not masked (§8).
 * @param {Kernel} kernel
 */
function adminSyncConf({ state, cloudDir, webdav }) {
  return {
    cloudName: state.cloudName,
    enabled: state.syncEnabled,
    perception: false,
    mode: 1,
    interval: 30,
    synced: 0,
    stat: syncStat(state),
    generateConflictDoc: false,
    provider: state.provider,
    s3: {
      endpoint: "https://s3.sandbox.invalid",
      accessKey: "sandbox-access-key",
      secretKey: "sandbox-secret-key",
      bucket: S3_BUCKET,
      region: "sandbox-region",
      pathStyle: false,
      skipTlsVerify: false,
      timeout: 30,
      concurrentReqs: 8,
    },
    webdav: { ...webdavConf(webdav, state), skipTlsVerify: false, concurrentReqs: 1 },
    local: { endpoint: cloudDir, timeout: 30, concurrentReqs: 16 },
  };
}

/**
 * `/api/system/version` (kernel/api/system.go): the bare version string, for anyone.
 * @type {Handler}
 */
export async function getVersion(_request, { state }) {
  return resultReply(0, "", state.version);
}

/** @type {Handler} */
export async function getConf({ isAdmin }, kernel) {
  const { state } = kernel;
  return resultReply(0, "", {
    conf: {
      sync: isAdmin ? adminSyncConf(kernel) : EMPTY_SYNC,
      readonly: state.readonly || !isAdmin,
      lang: state.lang,
      appearance: { mode: 0 },
      api: { token: isAdmin ? kernel.token : "" },
      system: { kernelVersion: state.version },
    },
    start: true,
    isPublish: !isAdmin,
  });
}
