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

/** Header lines typed one per line ("Name: value"), as [name, value] pairs. */
export function parseHeaderLines(text) {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      const colon = line.indexOf(":");
      if (colon < 1) throw new Error(`This header line has no name and colon: ${line}`);
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    });
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
