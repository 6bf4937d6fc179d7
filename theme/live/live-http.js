// HTTP messages in the live panel: bytes and text, the multipart rule the
// build follows, and messages drawn the way the notes draw them (the colour
// elements of plugins/flask_exchanges/highlight.py, such as <t-na>: the
// request line's method and path, the status, the header names).

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

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

/** A body's text, or null when it is not UTF-8 (then the panel describes it). */
export function bodyText(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export function headerValue(headers, name) {
  return headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/** A body typed in the request form, as the build sends one: multipart lines end in CRLF. */
export function wireBody(text, headers) {
  const type = headerValue(headers, "Content-Type") ?? "";
  return encoder.encode(type.startsWith("multipart/") ? text.replace(/\r?\n/g, "\r\n") : text);
}

export function encode(text) {
  return encoder.encode(text);
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

function token(role, text) {
  return element(`t-${role}`, { text });
}

// The colours of one line of a message's head, as the notes give them.
function headLine(line, index) {
  if (index === 0) {
    const response = line.match(/^(HTTP\/\d\.\d) (\d{3}.*)$/);
    if (response) return [`${response[1]} `, token("ne", response[2])];
    const request = line.match(/^(\S+ \S+) (HTTP\/\d\.\d)$/);
    if (request) return [token("nf", request[1]), ` ${request[2]}`];
  }
  const colon = line.indexOf(":");
  if (colon > 0) return [token("na", line.slice(0, colon)), `: ${line.slice(colon + 1).trimStart()}`];
  return [line];
}

/**
 * A message drawn as the notes draw one. ``kinds`` may mark lines: "added"
 * (only here), "removed" (only in the build's), each with words for screen readers.
 */
export function renderMessage(lines, kinds = []) {
  const code = element("code");
  let inBody = false;
  lines.forEach((line, index) => {
    const kind = kinds[index];
    const parts = inBody ? [line] : headLine(line, index);
    if (line === "" && !kind) inBody = true;
    if (kind) {
      const words = kind === "removed" ? "built: " : "here: ";
      code.append(element("span", { class: `live-diff live-diff-${kind}` }, element("span", { class: "live-sr", text: words }), ...parts), "\n");
    } else code.append(...parts, "\n");
  });
  return element("div", { class: "highlight" }, element("pre", { tabindex: "0" }, code));
}
