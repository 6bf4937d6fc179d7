// The code editor of the live panels: CodeMirror 6, bundled by esbuild into
// the runtime folder at build time and loaded only when a reader clicks Run.
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";

// Tab indents, as in any code editor; Escape then Tab leaves the editor.
export function createEditor(parent, text, fileName, label) {
  const extensions = [basicSetup, keymap.of([indentWithTab])];
  if (fileName.endsWith(".py")) extensions.push(python());
  extensions.push(EditorView.contentAttributes.of({ "aria-label": label }));
  const view = new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) });
  return {
    get text() {
      return view.state.doc.toString();
    },
    set text(value) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    destroy: () => view.destroy(),
  };
}
