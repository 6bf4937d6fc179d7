// "Edit and resend" in the network log, as the browsers' developer tools
// have it: a logged request in a small form (method, path, headers, body),
// sent again by the panel's browser once edited; the answer joins the log.
// Cookies come from the browser's cookie jar, as a browser's do: the form
// holds the headers the browser itself set, not those Flask's client adds.

import { button, element } from "../dom.js";
import { bodyText, parseHeaderLines, wireBody } from "../http.js";
import { ORIGIN } from "./address.js";

function field(text, control) {
  return element("label", {}, element("span", { text }), control);
}

/** The "Edit and resend" button of ``exchange`` and its form; ``send(request)`` sends it. */
export function resendForm(exchange, send) {
  const method = element("input", { type: "text", value: exchange.method, spellcheck: "false" });
  const path = element("input", { type: "text", value: exchange.path, spellcheck: "false" });
  const headers = element("textarea", { rows: "3", spellcheck: "false" });
  headers.value = exchange.headers.map(([name, value]) => `${name}: ${value}`).join("\n");
  const body = element("textarea", { rows: "2", spellcheck: "false" });
  body.value = bodyText(exchange.body ?? new Uint8Array()) ?? "";
  const said = element("p", { role: "status" });
  const form = element(
    "form",
    { class: "live-request live-resend", hidden: "", "aria-label": "Edit and resend" },
    element("div", { class: "live-request-line" }, field("Method", method), field("Path", path)),
    field("Headers (one per line)", headers),
    field("Body", body),
    element("p", {}, element("button", { type: "submit", text: "Resend" })),
    said,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let request;
    try {
      const lines = parseHeaderLines(headers.value);
      request = { method: method.value.trim().toUpperCase() || "GET", url: ORIGIN + (path.value.trim() || "/"), headers: lines, body: wireBody(body.value, lines) };
    } catch (error) {
      said.textContent = error.message;
      return;
    }
    try {
      const answer = await send(request);
      said.textContent = `Sent again: ${answer.status}. Its row is the last of the log.`;
    } catch (error) {
      said.textContent = `Sent again: ${error.message}. Its row is the last of the log.`;
    }
  });
  const open = button("Edit and resend", () => {
    form.hidden = !form.hidden;
    open.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) method.focus();
  }, { "aria-expanded": "false" });
  return [open, form];
}
