// A logged exchange taken elsewhere: as a curl command for `flask run`
// (what Chrome's and Firefox's "Copy as cURL" give, for a POSIX shell), and
// the whole log as a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/),
// which the browsers' developer tools open. No DOM.

import { bodyText, headerValue, mediaType, statusCode, toBase64 } from "../http.js";

// Where `flask run` listens unless told otherwise.
export const FLASK_RUN = "http://127.0.0.1:5000";
// Headers curl writes itself from the URL and the body.
const CURL_OWN = new Set(["host", "content-length"]);
const PRINTABLE = /^[\x20-\x7e]*$/;

/** ``text`` (a string of characters 0 to 255, or bytes) as one word for a POSIX shell. */
export function shellWord(text) {
  const codes = typeof text === "string" ? Array.from(text, (c) => c.charCodeAt(0)) : Array.from(text);
  const plain = String.fromCharCode(...codes);
  if (PRINTABLE.test(plain)) return `'${plain.replaceAll("'", `'\\''`)}'`;
  // Bash's $'...': every byte outside printable ASCII written as \xHH.
  const escaped = codes.map((code) => {
    if (code === 0x5c) return "\\\\";
    if (code === 0x27) return "\\'";
    return code >= 0x20 && code <= 0x7e ? String.fromCharCode(code) : `\\x${code.toString(16).padStart(2, "0")}`;
  });
  return `$'${escaped.join("")}'`;
}

/** Latin-1 bytes of a header line, as HTTP/1.1 carries it. */
function latin1(text) {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** The request of ``exchange`` (as the network log keeps it) as a curl command for ``origin``. */
export function curlCommand(exchange, origin = FLASK_RUN) {
  const { method, path } = exchange;
  const sent = exchange.answer.sent ?? exchange.headers;
  const body = exchange.body ?? new Uint8Array();
  const words = ["curl", shellWord(origin + path)];
  if (method === "HEAD") words.push("--head");
  else if (method !== (body.length ? "POST" : "GET")) words.push("-X", shellWord(method));
  for (const [name, value] of sent) {
    if (!CURL_OWN.has(name.toLowerCase())) words.push("-H", shellWord(latin1(`${name}: ${value}`)));
  }
  // Headers curl adds of its own, left out (an empty value) where the request had none.
  const unasked = ["Accept", ...(body.length ? ["Content-Type", "Expect"] : [])];
  for (const name of unasked) if (headerValue(sent, name) === undefined) words.push("-H", shellWord(`${name}:`));
  if (body.length) words.push("--data-raw", shellWord(body));
  return words.join(" ");
}

function pairs(headers) {
  return headers.map(([name, value]) => ({ name, value }));
}

function cookies(headers, name, split) {
  return headers
    .filter(([key]) => key.toLowerCase() === name)
    .flatMap(([, value]) => split(value))
    .map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
    })
    .filter((cookie) => cookie.name);
}

function content(bytes, headers) {
  const text = bodyText(bytes);
  const mimeType = headerValue(headers, "Content-Type") ?? "";
  return text === null ? { size: bytes.length, mimeType, text: toBase64(bytes), encoding: "base64" } : { size: bytes.length, mimeType, text };
}

/** One HAR entry for a logged exchange (``at``: when it started, in ms since 1970). */
export function harEntry(exchange, host = "localhost") {
  const { method, path, answer, milliseconds, fromCache, at } = exchange;
  const sent = answer.sent ?? exchange.headers;
  const body = exchange.body ?? new Uint8Array();
  const url = new URL(path, `http://${host}`);
  const request = {
    method,
    url: url.href,
    httpVersion: "HTTP/1.1",
    cookies: cookies(sent, "cookie", (value) => value.split(";")),
    headers: pairs(sent),
    queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: body.length,
  };
  if (body.length) request.postData = { mimeType: mediaType(sent), text: bodyText(body) ?? toBase64(body) };
  const failed = answer.status === "error";
  const response = {
    status: failed ? 0 : statusCode(answer.status),
    statusText: failed ? "" : answer.status.split(" ").slice(1).join(" "),
    httpVersion: "HTTP/1.1",
    cookies: cookies(answer.headers, "set-cookie", (value) => [value.split(";")[0]]),
    headers: pairs(answer.headers),
    content: content(answer.bytes, answer.headers),
    redirectURL: headerValue(answer.headers, "Location") ?? "",
    headersSize: -1,
    bodySize: fromCache ? 0 : answer.bytes.length,
  };
  if (failed) response._error = answer.error;
  const time = fromCache ? 0 : milliseconds;
  const entry = { startedDateTime: new Date(at).toISOString(), time, request, response, cache: {}, timings: { send: 0, wait: time, receive: 0 } };
  if (fromCache) entry._fromCache = "memory";
  return entry;
}

/** The log's exchanges as a HAR 1.2 document (an object; JSON.stringify it to save). */
export function harLog(exchanges, creator = { name: "How webservers work: live panel", version: "1" }) {
  return { log: { version: "1.2", creator, entries: exchanges.map((exchange) => harEntry(exchange)) } };
}
