// An HTTP message drawn as the notes draw one, coloured by head.js.

import { element } from "./dom.js";
import { messageParts } from "./head.js";

const WORDS = { added: "here: ", removed: "built: " };

/**
 * A message's ``lines`` as a highlighted block. ``kinds`` may mark lines:
 * "added" (only here), "removed" (only in the build's), each with words for
 * screen readers.
 */
export function renderMessage(lines, kinds = []) {
  const code = element("code");
  messageParts(lines, kinds).forEach((parts, index) => {
    const nodes = parts.map(([role, text]) => (role ? element(`t-${role}`, { text }) : text));
    const kind = kinds[index];
    if (kind) {
      const marked = element("span", { class: `live-diff live-diff-${kind}` }, element("span", { class: "live-sr", text: WORDS[kind] }), ...nodes);
      code.append(marked, "\n");
    } else code.append(...nodes, "\n");
  });
  return element("div", { class: "highlight" }, element("pre", { tabindex: "0" }, code));
}

/** A traceback, or any text the app raised, as the panel shows one. */
export function renderTraceback(text) {
  return element("pre", { class: "live-traceback", tabindex: "0", text });
}
