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
  return `'${text.replaceAll("'", `'\\''`)}'`;
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
  const options = {
    method: "POST",
    headers: { Authorization: `Token ${token}`, "Content-Type": "application/json" },
    body: "BODY",
  };
  const optionsText = JSON.stringify(options, null, 2).replace(
    `"BODY"`,
    `JSON.stringify(${JSON.stringify(request.body)})`,
  );
  return [
    `const response = await fetch(${JSON.stringify(request.origin + request.endpoint)}, ${optionsText});`,
    `const { code, msg, data } = await response.json();`,
    `if (code !== 0) throw new Error(msg);`,
  ].join("\n");
}
