// @ts-check
/**
 * Kernel message texts the double reproduces: the `_kernel` language strings
 * (docs/siyuan-sync-api.md §6) and the fixed CheckAuth texts (§2).
 */

/** @typedef {"en_US" | "zh_CN"} KernelLang */

/** Conf.Language(n) for the ids listed in §6: [English, Chinese]. */
const LANGUAGE_STRINGS = /** @type {const} */ ({
  31: ["Account authentication failed, please login again", "账号鉴权失败，请重新登录账号"],
  34: ["This operation is not supported in read-only mode", "只读模式下不支持该操作"],
  37: [
    "The cloud sync directory name (Bucket) cannot be empty, contain spaces or special symbols, and has a maximum length of 63 characters",
    "云端同步目录名（Bucket）不能为空、包含空格或特殊符号，最大长度 63 字符",
  ],
  53: ["Data synchronization has not been enabled", "数据同步尚未启用"],
  116: ["Processing, please wait...", "正在处理中，请稍等..."],
  131: [
    "This operation is not supported, please go to the cloud storage provider management console to operate",
    "不支持该操作，请到云端存储提供商管理控制台进行操作",
  ],
  155: ["Cloud sync directory has been reset to [main]", "云端同步目录已经重置为 [main]"],
  156: [
    'Lock screen password authentication failed, please <button onclick="window.location.reload()">refresh</button> or reopen',
    '锁屏密码验证失败，请<button onclick="window.location.reload()">刷新</button>或者重新打开',
  ],
  188: [
    "Failed to lock the cloud sync directory, please try again later",
    "锁定云端同步目录失败，请稍后再试",
  ],
  189: [
    "Cloud sync directory is still locked by other devices, please try again later",
    "云端同步目录还在被其他设备锁定，请稍后再试",
  ],
});

/** @typedef {keyof typeof LANGUAGE_STRINGS} LanguageId */

/**
 * Conf.Language(id) in the kernel's current language.
 * @param {LanguageId} id
 * @param {KernelLang} lang
 */
export function language(id, lang) {
  const [english, chinese] = LANGUAGE_STRINGS[id];
  return lang === "zh_CN" ? chinese : english;
}

/** CheckAuth failure texts (§2): hard-coded in the kernel, so independent of the language. */
export const AUTH_FAILED_HEADER = "Auth failed [header: Authorization]";
export const AUTH_FAILED_QUERY = "Auth failed [query: token]";
