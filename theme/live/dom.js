// Making elements for every view of the panel, and waiting for them to be drawn.

/** A new element with ``attributes`` ("text" sets its text) and ``children``. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** A button that does ``action`` when pressed, unless it is unavailable (see ``unavailable``). */
export function button(text, action, attributes = {}) {
  const node = element("button", { type: "button", text, ...attributes });
  node.addEventListener("click", (event) => {
    if (node.getAttribute("aria-disabled") !== "true") action(event);
  });
  return node;
}

/**
 * Make ``node`` (a button) unavailable, or available again. It says so with
 * aria-disabled rather than "disabled": a disabled button loses the keyboard
 * focus, which then falls to the page's body, and the reader's place with it.
 */
export function unavailable(node, yes) {
  if (yes) node.setAttribute("aria-disabled", "true");
  else node.removeAttribute("aria-disabled");
}

/**
 * Resolves once the browser has drawn the page as it is now, just after its
 * next frame; at once in a hidden tab, which draws no frames (and after 100 ms
 * at most, should the tab be hidden meanwhile).
 */
export function nextPaint() {
  return new Promise((resolve) => {
    if (document.visibilityState === "hidden") return resolve();
    setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(resolve));
  });
}
