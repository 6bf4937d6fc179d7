// The example's files, one tab each, in the editor (bundled apart, loaded
// with the panel's first run), and a hint, tied to each editor, on how the
// keyboard leaves it: Tab indents there.

import { button, element } from "./dom.js";
import { Tabs } from "./tabs.js";

export class FilesView {
  /** The files of the example ``example``; panels' ids start with ``id``. */
  constructor(id, example) {
    this.id = id;
    this.example = example;
    this.original = {};
    this.editors = new Map();
    this.tabs = new Tabs("Files of the example");
    this.host = element("div", { class: "live-editor-host" });
    this.hint = element("p", { class: "live-hint", id: `${id}-editor-hint`, text: "Tab indents the code. Press Escape, then Tab, to leave the editor." });
    const reset = element("p", {}, button("Reset files", () => this.reset()));
    this.view = element("div", { class: "live-editor" }, this.tabs.list, this.host, this.hint, reset);
  }

  /** Take the example's ``files``, as the build ran them. */
  use(files) {
    this.original = files;
  }

  /** Open an editor for each text file, with ``createEditor`` from the editor's bundle. */
  openEditors(createEditor) {
    const files = this.original;
    const editable = Object.keys(files).filter((path) => files[path].text !== undefined);
    editable.forEach((path, index) => {
      const host = element("div", { class: "live-file", id: `${this.id}-file-${index}` });
      this.tabs.add(path, host);
      this.host.append(host);
      this.editors.set(path, createEditor(host, files[path].text, path, `${path} of ${this.example}`, this.hint.id));
    });
  }

  /** The example's files as they are now, edits included. */
  current() {
    const files = { ...this.original };
    for (const [path, editor] of this.editors) files[path] = { text: editor.text };
    return files;
  }

  reset() {
    for (const [path, editor] of this.editors) editor.text = this.original[path].text;
  }
}
