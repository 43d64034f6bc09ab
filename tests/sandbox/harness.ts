/**
 * Loopback servers for the sandbox security tests: a fake kernel that records what reaches it,
 * a "stranger" that must never be contacted, and raw HTTP/1.1 requests for request targets an
 * HTTP client would normalize (`//host/x`, absolute-form, `*`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Recorder {
  port: number;
  origin: string;
  /** Complete requests the server answered. */
  requests: SeenRequest[];
  /** TCP connections accepted, including ones that never became a request. */
  connections: number;
  close(): Promise<void>;
}

type Answer = (request: SeenRequest, res: http.ServerResponse) => void;

async function listen(
  server: http.Server | https.Server,
  scheme: "http" | "https",
  requests: SeenRequest[],
): Promise<Recorder> {
  const recorder = { requests, connections: 0 } as Recorder;
  server.on("connection", () => recorder.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  recorder.port = (server.address() as AddressInfo).port;
  recorder.origin = `${scheme}://127.0.0.1:${recorder.port}`;
  recorder.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return recorder;
}

function recordingHandler(requests: SeenRequest[], answer: Answer) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(seen);
      answer(seen, res);
    });
  };
}

/** An http server on 127.0.0.1 that records every request and answers with `answer`. */
export function startRecorder(answer: Answer): Promise<Recorder> {
  const requests: SeenRequest[] = [];
  return listen(http.createServer(recordingHandler(requests, answer)), "http", requests);
}

/** The same over TLS with a self-signed certificate for 127.0.0.1. */
export function startTlsRecorder(answer: Answer): Promise<Recorder> {
  const requests: SeenRequest[] = [];
  const server = https.createServer(selfSignedCertificate(), recordingHandler(requests, answer));
  return listen(server, "https", requests);
}

/**
 * A throwaway self-signed certificate for 127.0.0.1, made by the openssl CLI (node:crypto
 * cannot write X.509 certificates).
 */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-tls-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        key,
        "-out",
        cert,
      ],
      { stdio: "pipe" },
    );
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } catch (error) {
    throw new Error(
      `The TLS tests need the openssl command to make a test certificate: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends `lines` (request line and headers) and an optional body on a fresh socket exactly as
 * written, and reads until the server closes.
 */
export function rawRequest(port: number, lines: string[], body = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString();
      const split = text.indexOf("\r\n\r\n");
      const head = split < 0 ? text : text.slice(0, split);
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: split < 0 ? "" : text.slice(split + 4),
      });
    });
    const withLength = body ? [...lines, `Content-Length: ${Buffer.byteLength(body)}`] : lines;
    socket.end(`${[...withLength, "Connection: close"].join("\r\n")}\r\n\r\n${body}`);
  });
}
