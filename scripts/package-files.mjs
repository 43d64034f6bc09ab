// @ts-check
/**
 * What package.zip holds, written once for the build (vite.config.ts copies the root files into
 * dist/) and the packaging step (scripts/package.mjs checks dist/ against the whole list).
 */

/** Files from the repository root that SiYuan and the bazaar expect beside index.js. */
export const PACKAGE_ROOT_FILES = [
  "plugin.json",
  "icon.png",
  "preview.png",
  "README.md",
  "README_zh_CN.md",
];

/** Every file of the package, as paths inside it. */
export const PACKAGE_FILES = [
  "index.js",
  ...PACKAGE_ROOT_FILES,
  "i18n/en_US.json",
  "i18n/zh_CN.json",
];
