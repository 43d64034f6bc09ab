// @ts-check
/**
 * Cloud-provider doubles behind dejavu's Repo (docs/siyuan-sync-api.md §4, §7): Local works on
 * real folders, SiYuan on an in-memory list, WebDAV on the sandbox's real WebDAV server, S3 on a
 * fixed bucket.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { escapeHtml } from "./replies.mjs";
import { realDirectChild } from "./paths.mjs";
import { listWebdavEntries, webdavConf } from "./webdav.mjs";

/**
 * @typedef {import("./state.mjs").CloudRepo} CloudRepo
 * @typedef {import("./state.mjs").KernelState} KernelState
 * @typedef {import("./state.mjs").ProviderId} ProviderId
 * @typedef {import("./webdav.mjs").WebdavServerInfo} WebdavServerInfo
 * @typedef {object} DirManager  CreateRepo/RemoveRepo, only on providers the kernel's gate lets through
 * @property {(name: string, currentCloudName: string) => Promise<void>} createRepo
 * @property {(name: string) => Promise<void>} removeRepo
 * @typedef {object} ProviderDouble
 * @property {string} label  conf.ProviderToStr
 * @property {boolean} humanizesSizes  hSize is humanized only for SiYuan, "-" elsewhere (§4)
 * @property {() => Promise<CloudRepo[]>} listRepos
 * @property {DirManager} [dirs]
 */

/** The bucket the S3 double is configured with; listing returns only it (§7). */
export const S3_BUCKET = "siyuan-bucket";
const FIXTURE_TIME = "2025-01-01 08:00:00";

/**
 * A sandbox-only refusal: the real kernel performs the operation, the double will not.
 * Its message is shown as is, without the formatRepoErrorMsg provider suffix.
 */
export class SandboxRefusal extends Error {}

/**
 * Go's time layout "2006-01-02 15:04:05" in local time.
 * @param {Date} date
 */
export function formatLocalTime(date) {
  const pad = (/** @type {number} */ value) => String(value).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/**
 * Go sorts names by their bytes; UTF-16 order differs for astral characters.
 * @param {{ name: string }} left
 * @param {{ name: string }} right
 */
const byName = (left, right) => Buffer.compare(Buffer.from(left.name), Buffer.from(right.name));

/**
 * Words a Node file-system error like Go's *PathError ("open /x: no such file or directory").
 * @param {string} operation
 * @param {unknown} error
 */
function goPathError(operation, error) {
  const { message, path: errorPath } = /** @type {NodeJS.ErrnoException} */ (error);
  const description = /^[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
  return new Error(`${operation} ${errorPath ?? ""}: ${description}`);
}

/**
 * @param {string} operation
 * @param {() => Promise<unknown>} action
 */
async function asGoError(operation, action) {
  try {
    await action();
  } catch (error) {
    throw goPathError(operation, error);
  }
}

const IEC_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/**
 * Stand-in for humanize.BytesCustomCeil(size, 2): 1024-based units, rounded up to two decimals,
 * trailing zeros dropped ("0 B", "512 B", "1.5 KiB", "2 MiB").
 * @param {number} size
 */
export function humanizeBytes(size) {
  let exponent = 0;
  while (exponent < IEC_UNITS.length - 1 && size >= 1024 ** (exponent + 1)) exponent++;
  const value = Math.ceil((size * 100) / 1024 ** exponent) / 100;
  return `${value} ${IEC_UNITS[exponent]}`;
}

/**
 * dejavu cloud/local.go (§7): the endpoint holds one folder per sync directory.
 * @param {string} cloudDir
 * @returns {ProviderDouble}
 */
function localProvider(cloudDir) {
  /** @param {string} name */
  const mkdirAll = (name) =>
    asGoError("mkdir", () => fs.mkdir(path.join(cloudDir, name), { recursive: true, mode: 0o755 }));
  return {
    label: "Local File System",
    humanizesSizes: false,
    async listRepos() {
      /** @type {import("node:fs").Dirent[]} */
      let entries = [];
      await asGoError("open", async () => {
        entries = await fs.readdir(cloudDir, { withFileTypes: true });
      });
      const directories = entries.filter((entry) => entry.isDirectory()).sort(byName);
      return Promise.all(
        directories.map(async ({ name }) => {
          // The inode size of the folder, not a recursive total, like entryInfo.Size().
          const info = await fs.lstat(path.join(cloudDir, name));
          return { name, size: info.size, updated: formatLocalTime(info.mtime) };
        }),
      );
    },
    dirs: {
      async createRepo(name, currentCloudName) {
        // tryLockCloud uploads lock-sync into the current dir first, which leaves that folder behind.
        await mkdirAll(currentCloudName);
        await mkdirAll(name);
      },
      async removeRepo(name) {
        const target = await realDirectChild(cloudDir, name).catch((error) => {
          throw goPathError("lstat", error);
        });
        if (!target) {
          throw new SandboxRefusal(
            `The sandbox refused to remove [${escapeHtml(name)}]: it is not a folder directly ` +
              `inside the Local endpoint. This is a sandbox safety deviation: the real kernel ` +
              `does not validate the name and would delete ${escapeHtml(path.join(cloudDir, name))}.`,
          );
        }
        await asGoError("unlinkat", () => fs.rm(target, { recursive: true, force: true }));
      },
    },
  };
}

/**
 * The SiYuan cloud, kept in the sandbox state so tests and the host page can inspect it.
 * @param {KernelState} state
 * @returns {ProviderDouble}
 */
function siyuanProvider(state) {
  return {
    label: "SiYuan",
    humanizesSizes: true,
    listRepos: async () => state.siyuanDirs.map((repo) => ({ ...repo })).sort(byName),
    dirs: {
      async createRepo(name) {
        if (state.siyuanDirs.some((repo) => repo.name === name)) return;
        state.siyuanDirs.push({ name, size: 0, updated: formatLocalTime(new Date()) });
      },
      async removeRepo(name) {
        state.siyuanDirs = state.siyuanDirs.filter((repo) => repo.name !== name);
      },
    },
  };
}

/**
 * dejavu cloud/s3.go: only the configured bucket is listed, with size 0 and its creation date.
 * @returns {ProviderDouble}
 */
function s3Provider() {
  return {
    label: "S3",
    humanizesSizes: false,
    listRepos: async () => [{ name: S3_BUCKET, size: 0, updated: FIXTURE_TIME }],
  };
}

/**
 * dejavu cloud/webdav.go: every entry directly under the endpoint, size 0, its mtime.
 * @param {WebdavServerInfo | undefined} server
 * @param {KernelState} state
 * @returns {ProviderDouble}
 */
function webdavProvider(server, state) {
  return {
    label: "WebDAV",
    humanizesSizes: false,
    async listRepos() {
      const entries = await listWebdavEntries(webdavConf(server, state));
      return entries
        .map(({ name, modified }) => ({ name, size: 0, updated: formatLocalTime(modified) }))
        .sort(byName);
    },
  };
}

/**
 * @param {{ cloudDir: string, state: KernelState, webdav?: WebdavServerInfo }} options
 * @returns {Record<ProviderId, ProviderDouble>}
 */
export function createProviders({ cloudDir, state, webdav }) {
  return {
    0: siyuanProvider(state),
    2: s3Provider(),
    3: webdavProvider(webdav, state),
    4: localProvider(cloudDir),
  };
}
