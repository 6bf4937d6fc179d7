// The panel's first line: how far Python has got in starting, then what to do next.
// Only each new stage is announced (by the panel's live region), never each
// megabyte of the download.

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
  /** ``announce(text)`` says a new stage once. */
  constructor(announce) {
    this.announce = announce;
    this.stage = null;
    this.bar = element("progress", { max: "1", "aria-label": "Starting Python" });
    this.status = element("span", { text: "Starting…" });
    this.view = element("div", { class: "live-progress" }, this.bar, this.status);
  }

  /** Show a progress message of the worker: {stage, loaded, total}. */
  show(message) {
    if (message.stage !== this.stage) {
      this.stage = message.stage;
      this.announce(`${STAGES[message.stage]}…`);
    }
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
