// The live panels' entry, bundled as live-panel.js into the runtime folder:
// theme/static/js/page.js imports it when the reader shows interest in a Run
// button, and the exercises' script (exercises-page.js, bundled as
// live-exercises.js) on interest in an exercise. Importing it starts
// the page's one Python (python.js, worker.js) and loads the panels' styles.

import { element } from "./dom.js";
import { ExercisePanel } from "./exercise.js";
import { Panel } from "./panel.js";
import { Python } from "./python.js";

const python = new Python(new URL("live-worker.js", import.meta.url));
python.start().catch(() => {}); // a panel reports a failure once it is open
let editor = null;
let panels = 0;

// The panels' styles come with them: a page nobody runs never loads them.
const panelStyles = new Promise((resolve) => {
  const link = element("link", { rel: "stylesheet", href: new URL("live-panel.css", import.meta.url).href });
  // Without its styles a panel still works, so a failure does not stop it.
  link.addEventListener("load", resolve);
  link.addEventListener("error", resolve);
  document.head.append(link);
});

/** Open a live panel under an exchange block; ``shown`` is called once it is on the page. */
export function openPanel(exchange, shown = () => {}) {
  return open(Panel, exchange, shown);
}

/** Open an exercise's panel in its block (a write-it section); ``shown`` is called once it is on the page. */
export function openExercise(section, shown = () => {}) {
  return open(ExercisePanel, section, shown);
}

async function open(Kind, block, shown) {
  python.start().catch(() => {}); // again, if it was stopped; the panel reports a failure
  editor ??= import(new URL("editor.js", import.meta.url).href);
  await panelStyles;
  const panel = new Kind(block, `panel-${++panels}`, python, editor);
  shown();
  return panel.open();
}
