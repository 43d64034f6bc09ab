// @ts-check
/**
 * The sandbox's WebDAV server: the npm `webdav-server` package (not written here) serving a real
 * folder on loopback, with one user who has every right on `/` and nobody else any. The kernel
 * double's WebDAV provider lists it and its forwardProxy reaches it, as SiYuan reaches a NAS.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { v2 as webdav } from "webdav-server";

/**
 * @typedef {object} WebdavServer
 * @property {string} url  the endpoint, with a trailing slash as SiYuan's NormalizeEndpoint keeps it
 * @property {string} username
 * @property {string} password  random per start, so a leak in a log or the page can be searched for
 * @property {string} rootDir  the folder on disk behind `/`
 * @property {() => Promise<void>} close
 */

export const WEBDAV_USERNAME = "sandbox-user";

/**
 * @param {{ rootDir: string, password?: string }} options
 * @returns {Promise<WebdavServer>}
 */
export async function startWebdavServer({ rootDir, password }) {
  fs.mkdirSync(rootDir, { recursive: true });
  const secret = password ?? crypto.randomBytes(12).toString("base64url");
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(WEBDAV_USERNAME, secret, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, "/", ["all"]);
  const server = new webdav.WebDAVServer({
    hostname: "127.0.0.1",
    port: 0,
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, "sandbox"),
    privilegeManager: privileges,
    rootFileSystem: new webdav.PhysicalFileSystem(rootDir),
  });
  const httpServer = await new Promise((resolve) => server.start(resolve));
  const address = httpServer.address();
  if (typeof address !== "object" || address === null) {
    throw new Error("the WebDAV server did not report its port");
  }
  return {
    url: `http://127.0.0.1:${address.port}/`,
    username: WEBDAV_USERNAME,
    password: secret,
    rootDir,
    close: async () => {
      httpServer.closeAllConnections?.();
      await new Promise((resolve) => server.stop(() => resolve(undefined)));
    },
  };
}
