// The network log under the panel's browser, like the Network tab of a
// browser's developer tools: a row per exchange the client tells of
// (client.js), whose method opens the messages (with "Copy as curl" and
// "Edit and resend", resend.js), and
// whose Server link goes to its access line on the Server tab (and back).
// The log can be saved as a HAR file (log-tools.js).

import { button, element } from "../dom.js";
import { mediaType, messageLines } from "../http.js";
import { renderMessage, renderTraceback } from "../message-view.js";
import { copyAsCurl, saveHar } from "./log-tools.js";
import { resendForm } from "./resend.js";

const COLUMNS = ["Method", "Path", "Status", "Type", "Body", "Time", "Cache", "Server"];

// "html" for text/html, "javascript" for application/x-javascript: the Type column's word.
function typeWord(headers) {
  return mediaType(headers).split("/")[1]?.replace(/^x-/, "") ?? "";
}

export class NetworkLog {
  /** The log, its heading's id ``id``; ``resend(request)`` sends an edited request again. */
  constructor(id, resend) {
    this.resend = resend;
    this.exchanges = [];
    this.rows = element("tbody");
    const heads = COLUMNS.map((text) => element("th", { scope: "col", text }));
    const table = element("table", { class: "live-network", "aria-labelledby": id }, element("thead", {}, element("tr", {}, ...heads)), this.rows);
    this.view = [
      element("p", { class: "live-heading", id, text: "Network: every exchange of these pages (a row's method opens its messages)" }),
      element("div", { class: "live-network-scroll", tabindex: "0", role: "region", "aria-labelledby": id }, table),
      element("p", {}, button("Clear the log", () => this.clear()), " ", button("Save as HAR", () => saveHar(this.exchanges))),
    ];
  }

  /** Add a row for an exchange, as client.js tells of one. */
  add(told) {
    const exchange = { ...told, at: Date.now() - told.milliseconds };
    this.exchanges.push(exchange);
    const { method, path, answer, kind, milliseconds, fromCache, typeHeaders } = exchange;
    const line = answer.consoleLine;
    const code = answer.status.split(" ")[0];
    const opener = button(method, () => this.toggle(opener, row, exchange), { "aria-expanded": "false", "aria-label": `${method} ${path}: show the messages` });
    const row = element(
      "tr",
      { "data-status": code, "data-path": path, "data-cache": fromCache ? "yes" : "no", id: line ? `${line}-row` : null },
      element("td", {}, opener),
      element("td", { class: "live-network-path", text: path }),
      element("td", { text: code }),
      element("td", { text: `${kind} ${typeWord(typeHeaders)}`.trim() }),
      element("td", { text: `${answer.bytes.length.toLocaleString("en")} B` }),
      element("td", { text: fromCache ? "0 ms" : `${milliseconds.toFixed(0)} ms` }),
      element("td", { text: fromCache ? "from cache" : "" }),
      element("td", {}, line ? element("a", { class: "live-jump", href: `#${line}`, "aria-label": `Server line of ${method} ${path}`, text: "Server line" }) : ""),
    );
    this.rows.append(row);
  }

  clear() {
    this.rows.replaceChildren();
    this.exchanges = [];
  }

  toggle(opener, row, exchange) {
    const open = opener.getAttribute("aria-expanded") === "true";
    opener.setAttribute("aria-expanded", String(!open));
    if (open) row.nextElementSibling?.remove();
    else row.after(this.messages(exchange));
  }

  messages(exchange) {
    const { method, path, headers, body, answer, fromCache } = exchange;
    const cell = element("td", { colspan: String(COLUMNS.length), class: "live-network-messages" });
    if (fromCache) {
      cell.append(element("p", { text: "No request: the browser used the answer it had kept (fresh by its Cache-Control max-age, or the page itself on going back or forward)." }));
    } else {
      const request = messageLines(`${method} ${path} HTTP/1.1`, answer.sent ?? headers, body ?? new Uint8Array());
      cell.append(element("p", { class: "exchange-label", text: "Request" }), renderMessage(request), copyAsCurl(exchange), ...resendForm(exchange, this.resend));
    }
    cell.append(element("p", { class: "exchange-label", text: "Response" }));
    if (answer.error) cell.append(renderTraceback(answer.error));
    else cell.append(renderMessage(messageLines(`HTTP/1.1 ${answer.status}`, answer.headers, answer.bytes)));
    return element("tr", { class: "live-network-detail" }, cell);
  }
}
