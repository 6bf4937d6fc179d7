// The code editor of the live panels: CodeMirror 6, bundled by esbuild into
// the runtime folder at build time and loaded only when a reader clicks Run.
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { basicSetup } from "codemirror";

// The colours of the code on the page (style.css), light or dark, so that
// the editor reads like the listings around it.
const pageColours = HighlightStyle.define([
  { tag: tags.comment, color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [tags.keyword, tags.bool, tags.null], color: "var(--tok-keyword)" },
  {
    tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className), tags.meta],
    color: "var(--tok-name)",
  },
  { tag: [tags.attributeName], color: "var(--tok-attribute)" },
  { tag: [tags.string, tags.special(tags.string), tags.escape], color: "var(--tok-string)" },
  { tag: tags.number, color: "var(--tok-number)" },
  { tag: tags.tagName, color: "var(--tok-tag)" },
  { tag: tags.invalid, color: "var(--tok-error)" },
]);

// The page's colours for what CodeMirror draws in its own (the focus ring,
// the caret), so that they follow the page's light or dark theme.
const pageChrome = EditorView.theme({
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "1px" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
});

// The page follows the reader's colour scheme; CodeMirror's own dark styles
// (selection, autocomplete, tooltips) follow it too, as it changes.
const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");

// A keyboard that arrives by Tab passes on by Tab until the reader types or
// moves in the editor (CodeMirror's tab-focus mode, for as long as a page is
// read): Tab, Tab through the panel never indents the first line of app.py.
const PASSING_THROUGH = 24 * 60 * 60 * 1000;

/** If the focus came by keyboard, Tab leaves ``view`` until another key or a click. */
function passThroughFromKeyboard(view) {
  let pointer = false;
  view.dom.addEventListener("pointerdown", () => {
    pointer = true;
    view.setTabFocusMode(false); // a click is working in the editor, as a key is
  });
  view.contentDOM.addEventListener("focus", () => {
    if (!pointer) view.setTabFocusMode(PASSING_THROUGH);
  });
  // A press in an editor that already had the focus brings no focus event: forget it on leaving.
  view.contentDOM.addEventListener("blur", () => (pointer = false));
}

// Escape, then Tab (within 2 s, as CodeMirror has it), leaves the editor,
// even when the Escape also closed a completion or a search: the hint says so.
const escapeThenTab = Prec.highest(
  EditorView.domEventHandlers({
    keydown(event, view) {
      if (event.key === "Escape") view.setTabFocusMode(2000);
      return false;
    },
  }),
);

// Tab indents by Python's 4 spaces (PEP 8; never a tab character mixed with
// spaces), as in any code editor; Escape then Tab leaves the editor, as
// CodeMirror has it, and the hint ``describedBy`` (an id) says so.
// Long lines wrap, so a phone's reader sees them whole. ``onChange`` is called
// after each change to the text (the panel keeps the reader's edits).
export function createEditor(parent, text, fileName, label, describedBy, onChange = () => {}) {
  const scheme = new Compartment();
  const extensions = [
    basicSetup,
    syntaxHighlighting(pageColours),
    indentUnit.of("    "),
    keymap.of([indentWithTab]),
    escapeThenTab,
    EditorView.lineWrapping,
    pageChrome,
    scheme.of(EditorView.darkTheme.of(darkScheme.matches)),
    EditorView.updateListener.of((update) => update.docChanged && onChange()),
  ];
  if (fileName.endsWith(".py")) extensions.push(python());
  // The editable text is already in the tab order; saying so with tabindex lets
  // checkers such as axe see that its scrolling area can be reached by keyboard.
  extensions.push(EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": describedBy, tabindex: "0" }));
  const view = new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) });
  passThroughFromKeyboard(view);
  const follow = () => view.dispatch({ effects: scheme.reconfigure(EditorView.darkTheme.of(darkScheme.matches)) });
  darkScheme.addEventListener("change", follow);
  return {
    get text() {
      return view.state.doc.toString();
    },
    set text(value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    destroy: () => {
      darkScheme.removeEventListener("change", follow);
      view.destroy();
    },
  };
}
