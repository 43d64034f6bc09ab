/** The placeholder that copied snippets carry unless the user explicitly asks for the real token. */
export const TOKEN_PLACEHOLDER = "YOUR_API_TOKEN";

export interface SnippetRequest {
  /** Where the kernel is reached from outside, e.g. `http://127.0.0.1:6806`. */
  readonly origin: string;
  readonly endpoint: string;
  readonly body: unknown;
  /** The real token, only when the user ticked "include my API token" for this copy. */
  readonly token?: string;
}

/** Wraps text in single quotes for a POSIX shell. */
function shellQuote(text: string): string {
  // A replacer function: in a replacement string, `$&` or `$'` in a value would be expanded.
  return `'${text.replaceAll("'", () => `'\\''`)}'`;
}

export function toCurl(request: SnippetRequest): string {
  const token = request.token ?? TOKEN_PLACEHOLDER;
  return [
    `curl -X POST ${shellQuote(request.origin + request.endpoint)}`,
    `  -H ${shellQuote(`Authorization: Token ${token}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(JSON.stringify(request.body))}`,
  ].join(" \\\n");
}

export function toJavaScript(request: SnippetRequest): string {
  const token = request.token ?? TOKEN_PLACEHOLDER;
  const headers = { Authorization: `Token ${token}`, "Content-Type": "application/json" };
  // Built piece by piece rather than by replacing a placeholder in the JSON text: a placeholder
  // could also occur inside the token, and a replacement string would expand `$&` in values.
  const optionsText = [
    "{",
    `  "method": "POST",`,
    `  "headers": ${JSON.stringify(headers, null, 2).replaceAll("\n", () => "\n  ")},`,
    `  "body": JSON.stringify(${JSON.stringify(request.body)})`,
    "}",
  ].join("\n");
  return [
    `const response = await fetch(${JSON.stringify(request.origin + request.endpoint)}, ${optionsText});`,
    `const { code, msg, data } = await response.json();`,
    `if (code !== 0) throw new Error(msg);`,
  ].join("\n");
}
