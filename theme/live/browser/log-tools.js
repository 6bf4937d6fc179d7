// What a reader can do with the network log besides reading it, as in the
// browsers' developer tools: copy a request as a curl command, and save the
// whole log as a HAR file (replay.js makes both).

import { button, element } from "../dom.js";
import { curlCommand, harLog } from "./replay.js";

/** "Copy as curl" for one exchange: copies it, then shows what it copied and says so, once. */
export function copyAsCurl(exchange) {
  const said = element("p", { role: "status", class: "live-copied" });
  const shown = element("pre", { class: "live-curl", tabindex: "0", "aria-label": "The request as a curl command", hidden: "" });
  const copy = button("Copy as curl", async () => {
    const command = curlCommand(exchange);
    shown.textContent = command;
    shown.hidden = false;
    try {
      await navigator.clipboard.writeText(command);
      said.textContent = "Copied: a curl command for flask run on 127.0.0.1:5000, shown below.";
    } catch {
      said.textContent = "The clipboard could not be reached: select the command below and copy it.";
    }
  });
  return element("div", { class: "live-replay" }, copy, said, shown);
}

/** Save ``exchanges`` as a HAR 1.2 file, as a download called network-log.har. */
export function saveHar(exchanges) {
  const text = JSON.stringify(harLog(exchanges), null, 2);
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = element("a", { href: url, download: "network-log.har", hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
