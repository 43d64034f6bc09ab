// @ts-check
/** `platformUtils`: clipboard and platform checks as a Linux browser sees them. */

/**
 * Copies text with the async clipboard API, falling back to a hidden textarea + execCommand
 * where the API is missing or refused (e.g. insecure origins).
 * @param {string} text
 */
async function writeText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const textarea = document.createElement("textarea");
    textarea.value = text;
    textarea.style.cssText = "position:fixed;opacity:0;pointer-events:none";
    document.body.append(textarea);
    textarea.select();
    document.execCommand("copy");
    textarea.remove();
  }
}

/** @returns {Promise<string>} */
async function readText() {
  return navigator.clipboard.readText();
}

const no = () => false;

export const platformUtils = Object.freeze({
  writeText,
  copyPlainText: writeText,
  readText,
  isMac: no,
  isIPhone: no,
  isIPad: no,
  isInAndroid: no,
  isInIOS: no,
});
