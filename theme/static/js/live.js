// "Run in your browser": a button under each exchange block's caption. This
// small file is all a page loads for it. The panel's code (live-panel.js, in
// the runtime folder) is fetched when the reader shows interest: a hover or a
// focus on a button, or the click itself; it starts Python at once.

const script = document.getElementById("live-script");
let panelModule = null;

function loadPanelModule() {
  panelModule ??= import(new URL("live-panel.js", new URL(script.dataset.runtime, location.href)).href).catch((error) => {
    panelModule = null;
    throw error;
  });
  return panelModule;
}

function startPython() {
  loadPanelModule().catch(() => {}); // the click reports what went wrong
}

async function run(button, exchange) {
  button.disabled = true;
  button.textContent = "Running in your browser";
  try {
    await (await loadPanelModule()).openPanel(exchange);
  } catch {
    button.disabled = false;
    button.textContent = "Could not load the live example: try again";
  }
}

for (const exchange of document.querySelectorAll(".exchange[data-live]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "live-run";
  button.textContent = "Run in your browser";
  button.addEventListener("pointerenter", startPython, { once: true });
  button.addEventListener("focus", startPython, { once: true });
  button.addEventListener("click", () => run(button, exchange));
  exchange.querySelector(".exchange-caption").append(" ", button);
}
