// @ts-check
/**
 * The file routes behind plugin loadData/saveData/removeData (docs/siyuan-plugin-platform.md §1.7),
 * confined to <storageDir>/data/storage/petal/.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { readStringArg } from "./json-body.mjs";
import { isStrictlyInside, realPathInside } from "./paths.mjs";
import { escapeHtml, jsonReply, resultReply } from "./replies.mjs";

/**
 * @typedef {import("./sync-api.mjs").Handler} Handler
 * @typedef {import("./sync-api.mjs").ApiRequest} ApiRequest
 */

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

/** @param {string} storageDir */
const petalRoot = (storageDir) => path.join(storageDir, "data", "storage", "petal");

/**
 * The absolute file for a workspace path such as "/data/storage/petal/<plugin>/<name>", or null
 * when it would leave the plugin storage root.
 * @param {string} storageDir
 * @param {string} workspacePath
 */
function resolvePetalPath(storageDir, workspacePath) {
  const target = path.join(storageDir, workspacePath);
  return isStrictlyInside(petalRoot(storageDir), target) ? target : null;
}

/**
 * The double's own answer for paths outside plugin storage (the real kernel serves much more).
 * HTTP 403 so fetchPost reports it as a refusal, with a JSON body for direct callers.
 * @param {string} workspacePath
 */
const outsidePetalReply = (workspacePath) =>
  jsonReply(403, {
    code: -1,
    msg: `The sandbox refused path [${escapeHtml(workspacePath)}]: the kernel double only serves /data/storage/petal/`,
    data: null,
  });

/** @param {string} workspacePath */
const missingFileReply = (workspacePath) =>
  jsonReply(202, {
    code: 404,
    msg: `file [${escapeHtml(workspacePath)}] does not exist`,
    data: null,
  });

/**
 * Reads the `path` argument of a JSON body and maps it into plugin storage.
 * @param {ApiRequest} request
 * @param {string} storageDir
 * @returns {{ workspacePath: string, target: string } | { reply: import("./replies.mjs").Reply }}
 */
function readPetalTarget(request, storageDir) {
  const arg = readStringArg(request, "path");
  if ("reply" in arg) return arg;
  const target = resolvePetalPath(storageDir, arg.value);
  return target ? { workspacePath: arg.value, target } : { reply: outsidePetalReply(arg.value) };
}

/** @param {string} file */
async function isRegularFile(file) {
  const info = await fs.stat(file).catch(() => null);
  return info?.isFile() ?? false;
}

/** @type {Handler} */
export async function getFile(request, { storageDir }) {
  const resolved = readPetalTarget(request, storageDir);
  if ("reply" in resolved) return resolved.reply;
  if (!(await isRegularFile(resolved.target))) return missingFileReply(resolved.workspacePath);
  const contentType =
    CONTENT_TYPES[path.extname(resolved.target).toLowerCase()] ?? "application/octet-stream";
  return {
    status: 200,
    headers: { "content-type": contentType },
    body: await fs.readFile(resolved.target),
  };
}

/** @type {Handler} */
export async function removeFile(request, { storageDir }) {
  const resolved = readPetalTarget(request, storageDir);
  if ("reply" in resolved) return resolved.reply;
  if (!(await fs.lstat(resolved.target).catch(() => null))) {
    return missingFileReply(resolved.workspacePath);
  }
  // A symlinked folder on the way must not lead the removal out of plugin storage.
  const target = await realPathInside(petalRoot(storageDir), resolved.target);
  if (!target) return outsidePetalReply(resolved.workspacePath);
  await fs.rm(target, { recursive: true, force: true });
  return resultReply(0, "", null);
}

/**
 * Writes a putFile form to `target`: a folder when isDir is "true", else the `file` blob, then
 * applies modTime (ms since the epoch) when given.
 * @param {FormData} form
 * @param {string} target
 */
async function writeFormEntry(form, target) {
  if (form.get("isDir") === "true") {
    await fs.mkdir(target, { recursive: true });
  } else {
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new Error("Field [file] is required");
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, new Uint8Array(await file.arrayBuffer()));
  }
  const modTimeMs = Number(form.get("modTime"));
  if (Number.isSafeInteger(modTimeMs) && modTimeMs > 0) {
    const modTime = new Date(modTimeMs);
    await fs.utimes(target, modTime, modTime);
  }
}

/**
 * multipart/form-data with fields path, file (blob), isDir ("true"/"false") and modTime (ms).
 * @type {Handler}
 */
export async function putFile({ body, contentType }, { storageDir }) {
  let form;
  try {
    form = await new Request("http://kernel-double/api/file/putFile", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new Uint8Array(body),
    }).formData();
  } catch (error) {
    return resultReply(
      -1,
      `parses multipart form failed: ${/** @type {Error} */ (error).message}`,
      null,
    );
  }
  const workspacePath = form.get("path");
  if (typeof workspacePath !== "string") return resultReply(-1, "Field [path] is required", null);
  const target = resolvePetalPath(storageDir, workspacePath);
  if (!target) return outsidePetalReply(workspacePath);
  try {
    await writeFormEntry(form, target);
  } catch (error) {
    return resultReply(-1, /** @type {Error} */ (error).message, null);
  }
  return resultReply(0, "", null);
}
