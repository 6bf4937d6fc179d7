// The panel's first line: how far Python has got in starting, then what to do next.

import { element } from "./dom.js";

const STAGES = {
  download: "Downloading Python and Flask",
  python: "Starting Python and installing Flask",
  flask: "Importing Flask",
  example: "Loading the example",
};

function formatSize(bytes) {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export class ProgressView {
  constructor() {
    this.bar = element("progress", { max: "1" });
    this.status = element("span", { text: "Starting…" });
    this.view = element("div", { class: "live-progress", role: "status" }, this.bar, this.status);
  }

  /** Show a progress message of the worker: {stage, loaded, total}. */
  show(message) {
    if (message.stage === "download" && message.total) {
      this.bar.value = message.loaded / message.total;
      this.status.textContent = `${STAGES.download}: ${formatSize(message.loaded)} of ${formatSize(message.total)}`;
    } else {
      this.bar.removeAttribute("value");
      this.status.textContent = `${STAGES[message.stage]}…`;
    }
  }

  /** The start is over: no more bar, and ``text`` in its place. */
  done(text) {
    this.bar.remove();
    this.status.textContent = text;
  }
}
