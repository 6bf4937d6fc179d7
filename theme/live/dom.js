// Making elements, for every view of the panel.

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

/** A button that does ``action`` when pressed. */
export function button(text, action, attributes = {}) {
  const node = element("button", { type: "button", text, ...attributes });
  node.addEventListener("click", action);
  return node;
}
