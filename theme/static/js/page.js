// The one small script every page loads (one file, one request): the search
// box in the header and, on a note with examples, the "Run in your browser"
// buttons. What each does is fetched only when the reader shows interest.
//
// Search: search-ui.js, then Pagefind's code and index in /pagefind/ (written
// by the build's site_search plugin), come when the reader focuses the box or
// presses "/", or arrives on /search/?q=... from a box whose page had not
// loaded this yet.
//
// Run: the panel's code (live-panel.js, bundled from theme/live/ into the
// runtime folder the script's data-runtime names) comes on a hover or a focus
// on a button, or the click itself; it starts Python at once. An exercise's
// script (live-exercises.js, with its styles) comes once one is near the screen.

const script = document.getElementById("page-script");
const box = document.getElementById("search-box");
let ui = null;

function loadSearch() {
  ui ??= import(new URL(script.dataset.ui, location.href).href)
    .then((module) => module.start(script, box))
    .catch(() => {
      ui = null;
    });
  return ui;
}

function editing(target) {
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

box.addEventListener("focus", loadSearch);
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || editing(event.target)) return;
  event.preventDefault();
  box.focus();
  box.select();
});
if (new URLSearchParams(location.search).get("q") && document.querySelector("main .search-results")) loadSearch();

// Only a note with examples names the runtime.
const runtime = script.dataset.runtime && new URL(script.dataset.runtime, location.href);
let panelModule = null;

function loadPanelModule() {
  panelModule ??= import(new URL("live-panel.js", runtime)).catch((error) => {
    panelModule = null;
    throw error;
  });
  return panelModule;
}

function startPython() {
  loadPanelModule().catch(() => {}); // the click reports what went wrong
}

// The panel opens under the block's answers, often a screen or more below
// the button: the page goes there, and so does the keyboard focus. A panel
// the reader closed opens again as it was left.
function showPanel(exchange) {
  const panel = exchange.querySelector(".live-panel");
  if (!panel) return false;
  panel.hidden = false;
  exchange.querySelector(".live-run").textContent = "Go to the live panel";
  panel.scrollIntoView({ block: "start" });
  panel.focus({ preventScroll: true });
  return true;
}

async function run(button, exchange) {
  if (showPanel(exchange)) return;
  button.disabled = true;
  button.textContent = "Running in your browser";
  // Once the panel is on the page the button goes to it, even while it runs:
  // the panel can be closed meanwhile, and the focus goes back to the button.
  const shown = () => {
    showPanel(exchange);
    button.disabled = false;
    button.textContent = "Go to the live panel";
  };
  try {
    await (await loadPanelModule()).openPanel(exchange, shown);
  } catch {
    button.textContent = "Could not load the live example: try again";
    button.disabled = false;
  }
}

function addRunButton(exchange) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "live-run";
  button.textContent = "Run in your browser";
  button.addEventListener("pointerenter", startPython, { once: true });
  button.addEventListener("focus", startPython, { once: true });
  button.addEventListener("click", () => run(button, exchange));
  // Closed, the panel keeps the reader's edits: the button says it shows them again.
  exchange.addEventListener("live-close", () => (button.textContent = "Show the live panel again"));
  exchange.querySelector(".exchange-caption").append(" ", button);
}

if (runtime) {
  document.querySelectorAll(".exchange[data-live]").forEach(addRunButton);
  const near = new IntersectionObserver((seen) => seen.some((each) => each.isIntersecting) && (near.disconnect(), import(new URL("live-exercises.js", runtime))));
  document.querySelectorAll("section.exercise").forEach((section) => near.observe(section));
}
