// HTTP messages as plain data: bytes and text, headers, the multipart rule
// the build follows, and a message as the lines the notes show. No DOM.

import rules from "../../plugins/example_core/rules.json" with { type: "json" };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export function toBase64(bytes) {
  let text = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(text);
}

export function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function encode(text) {
  return encoder.encode(text);
}

/** A body's text, or null when it is not UTF-8 (then the panel describes it). */
export function bodyText(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The value of the first header called ``name`` (any case), or undefined. */
export function headerValue(headers, name) {
  return headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/** The media type of a message, such as "text/html", without its parameters. */
export function mediaType(headers) {
  return (headerValue(headers, "Content-Type") ?? "").split(";")[0].trim();
}

/** A status line's code, as a number: 200 for "200 OK". */
export function statusCode(status) {
  return Number(status.split(" ")[0]);
}

// A header's name is a token (RFC 9110, section 5.1): letters, digits and a few marks, no spaces.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Header lines typed one per line ("Name: value"), as [name, value] pairs.
 * Throws for a line that is not a header, naming the line and what is wrong.
 */
export function parseHeaderLines(text) {
  const headers = [];
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    const where = `Header line ${index + 1} (${line.trim()})`;
    const colon = line.indexOf(":");
    if (colon < 0) throw new Error(`${where} has no colon: write a name, a colon, then the value, such as "Accept: text/html".`);
    const name = line.slice(0, colon).trim();
    if (!name) throw new Error(`${where} has no name before its colon.`);
    if (!TOKEN.test(name)) throw new Error(`${where} has a name HTTP does not allow: a name has no spaces, only letters, digits and marks such as "-".`);
    headers.push([name, line.slice(colon + 1).trim()]);
  });
  return headers;
}

/** A body typed in the request form, as the build sends one: multipart lines end in CRLF. */
export function wireBody(text, headers) {
  const type = headerValue(headers, "Content-Type") ?? "";
  const crlf = rules.crlf_body_types.some((prefix) => type.startsWith(prefix));
  return encoder.encode(crlf ? text.replace(/\r?\n/g, "\r\n") : text);
}

/** A message as lines: the start line, each header, then the body's lines (described if binary). */
export function messageLines(startLine, headers, bodyBytes) {
  const lines = [startLine, ...headers.map(([name, value]) => `${name}: ${value}`)];
  if (bodyBytes.length) {
    const text = bodyText(bodyBytes);
    lines.push("", ...(text === null ? [`[${bodyBytes.length.toLocaleString("en")} bytes of binary data]`] : text.replace(/\n$/, "").split("\n")));
  }
  return lines;
}

/** A data: URL of a body, typed by its Content-Type. */
export function dataUrl(headers, bytes) {
  return `data:${mediaType(headers) || "application/octet-stream"};base64,${toBase64(bytes)}`;
}
