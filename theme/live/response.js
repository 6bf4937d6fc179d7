// The answer to the form's request: a log line, the message, and an HTML
// body rendered as the build's previews render one.

import rules from "../../plugins/example_core/rules.json" with { type: "json" };
import { element } from "./dom.js";
import { bodyText, fromBase64, mediaType, messageLines } from "./http.js";
import { renderMessage, renderTraceback } from "./message-view.js";
import { summary } from "./answers.js";

export class ResponseView {
  constructor() {
    this.log = element("p", { class: "live-log" });
    this.view = element("div", { class: "live-response" }, this.log);
    this.preview = null;
  }

  /** Show ``response``, the example's answer to ``request``. */
  show(request, response) {
    if (response.error) {
      this.showError(response.error);
      return;
    }
    this.clear();
    const code = response.status.split(" ")[0];
    this.log.textContent = `"${summary(request)} HTTP/1.1" ${code} -  (${response.milliseconds.toFixed(1)} ms in your browser)`;
    const body = fromBase64(response.body);
    const text = bodyText(body);
    this.view.append(renderMessage(messageLines(`HTTP/1.1 ${response.status}`, response.headers, body)));
    this.view.dataset.status = code;
    this.view.dataset.body = text ?? "";
    if (mediaType(response.headers) === "text/html" && text !== null) {
      // One frame per panel, shown again with each new page: making a frame
      // costs more than answering the request did.
      this.preview ??= element("iframe", { class: "exchange-preview", sandbox: "", title: "The HTML of the response, rendered" });
      this.view.append(this.preview);
      this.preview.srcdoc = rules.preview_prefix + text;
      this.preview.hidden = false;
    }
  }

  /** Show what the app raised, or why the request could not be sent. */
  showError(text) {
    this.clear();
    this.log.textContent = "The app raised an exception (it is still usable: fix the code and send again):";
    this.view.append(renderTraceback(text));
    this.view.dataset.status = "error";
  }

  /** Python was stopped before it answered; the panel's Stop line says why. */
  showStopped() {
    this.clear();
    this.log.textContent = "";
    this.view.dataset.status = "stopped";
  }

  clear() {
    if (this.preview) this.preview.hidden = true;
    this.view.querySelector(".highlight, .live-traceback")?.remove();
  }
}
