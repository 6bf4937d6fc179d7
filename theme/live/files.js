// The example's files, one tab each, in the editor (bundled apart, loaded
// with the panel's first run), and a hint, tied to each editor, on how the
// keyboard leaves it: Tab indents there. The reader's edits are kept in this
// browser (storage.js) under the panel's key, and come back on the next visit;
// "Start again" gives back the files as the build ran them, and "Show your
// changes" shows the lines that differ from those (changes.js).

import { changedLines, editedFiles } from "./changes.js";
import { button, element } from "./dom.js";
import { keep, readKept } from "../static/js/storage.js";
import { Tabs } from "./tabs.js";

const SIGN = { added: "+", removed: "-", same: " " };
const WORDS = { added: "added: ", removed: "removed: ", same: "" };
const CHANGES_SHOWN = "Hide your changes";
const CHANGES_HIDDEN = "Show your changes";

export class FilesView {
  /** The files of the example ``example``; panels' ids start with ``id``; edits are kept under ``key``. */
  constructor(id, example, key) {
    this.id = id;
    this.example = example;
    this.key = key;
    this.original = {};
    this.kept = {};
    this.editors = new Map();
    this.tabs = new Tabs("Files of the example");
    this.host = element("div", { class: "live-editor-host" });
    this.hint = element("p", { class: "live-hint", id: `${id}-editor-hint`, text: "Tab indents the code. Press Escape, then Tab, to leave the editor." });
    this.keptNote = element("p", { class: "live-hint live-kept" });
    this.changes = element("pre", { class: "live-changes", id: `${id}-changes`, tabindex: "0", hidden: "" });
    this.changesButton = button(CHANGES_HIDDEN, () => this.toggleChanges(), { "aria-expanded": "false", "aria-controls": this.changes.id });
    const reset = button("Start again", () => this.reset());
    const actions = element("p", { class: "live-file-actions" }, reset, " ", this.changesButton);
    this.view = element("div", { class: "live-editor" }, this.tabs.list, this.host, this.hint, this.keptNote, actions, this.changes);
  }

  /** Take the example's ``files``, as the build ran them, and the reader's edits kept from before. */
  use(files) {
    this.original = files;
    const kept = readKept(this.key)?.files ?? {};
    this.kept = editedFiles(files, kept);
    if (Object.keys(this.kept).length) this.keptNote.textContent = "Your changes from before are back. Start again gives back the files as they were.";
  }

  /** Open an editor for each text file, with ``createEditor`` from the editor's bundle. */
  openEditors(createEditor) {
    const files = this.current();
    const editable = Object.keys(files).filter((path) => files[path].text !== undefined);
    editable.forEach((path, index) => {
      const host = element("div", { class: "live-file", id: `${this.id}-file-${index}` });
      this.tabs.add(path, host);
      this.host.append(host);
      const label = `${path} of ${this.example}`;
      this.editors.set(path, createEditor(host, files[path].text, path, label, this.hint.id, () => this.edited()));
    });
  }

  /** The example's files as they are now, edits included (those kept from before, until the editors open). */
  current() {
    const files = { ...this.original };
    for (const [path, text] of Object.entries(this.kept)) files[path] = { text };
    for (const [path, editor] of this.editors) files[path] = { text: editor.text };
    return files;
  }

  /** The texts of the files the reader changed, by path. */
  edits() {
    const texts = Object.fromEntries(Object.entries(this.current()).map(([path, file]) => [path, file.text]));
    return editedFiles(this.original, texts);
  }

  /** Keep the edits as they are now; say so if this browser would not keep them. */
  edited() {
    const edits = this.edits();
    const kept = keep(this.key, Object.keys(edits).length ? { files: edits } : null);
    if (!kept) this.keptNote.textContent = "This browser does not let the page keep your changes: they last until you leave the page.";
    else if (!Object.keys(edits).length) this.keptNote.textContent = "";
    if (!this.changes.hidden) this.showChanges();
  }

  reset() {
    for (const [path, editor] of this.editors) editor.text = this.original[path].text;
    this.kept = {};
    this.edited();
  }

  toggleChanges() {
    const show = this.changes.hidden;
    this.changes.hidden = !show;
    this.changesButton.setAttribute("aria-expanded", String(show));
    this.changesButton.textContent = show ? CHANGES_SHOWN : CHANGES_HIDDEN;
    if (show) this.showChanges();
  }

  /** Each changed file's lines that differ from the build's, marked + and -, with words for screen readers. */
  showChanges() {
    const edits = this.edits();
    const code = element("code");
    for (const [path, text] of Object.entries(edits)) {
      code.append(element("strong", { text: path }), "\n");
      for (const line of changedLines(this.original[path].text, text)) code.append(changedLine(line), "\n");
    }
    if (!Object.keys(edits).length) code.append("No changes: the files are as the build ran them.");
    this.changes.replaceChildren(code);
  }
}

/** One line of a file's changes: ``[kind, text]``, or ``null`` for lines left out. */
function changedLine(line) {
  if (line === null) return element("span", { class: "live-changes-gap", text: "…" });
  const [kind, text] = line;
  const tag = { added: "ins", removed: "del", same: "span" }[kind];
  const sign = element("span", { "aria-hidden": "true", text: `${SIGN[kind]} ` });
  return element(tag, { class: `live-change-${kind}` }, element("span", { class: "live-sr", text: WORDS[kind] }), sign, text);
}
