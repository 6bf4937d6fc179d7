// "Run in your browser": a button under each exchange block's caption. This
// small file is all a page loads for it. The panel's code (live-panel.js, in
// the runtime folder) is fetched when the reader shows interest: a hover or a
// focus on a button, or the click itself. Python starts at that moment too,
// in its worker, while the panel's code and the example download.

const script = document.getElementById("live-script");
const runtime = new URL(script.dataset.runtime, location.href).href;
let panelModule = null;
let python = null;

function loadPanelModule() {
  panelModule ??= import(new URL("live-panel.js", runtime).href).catch((error) => {
    panelModule = null;
    throw error;
  });
  return panelModule;
}

// The worker and the messages it sent before the panel's code was there to hear them.
function startPython() {
  if (!python) {
    const worker = new Worker(new URL("live-worker.js", runtime), { type: "module" });
    python = { worker, early: [] };
    worker.onmessage = ({ data }) => python.early.push(data);
    worker.onerror = (event) => python.early.push({ type: "failed", message: event.message || "The Python worker failed to start." });
  }
  loadPanelModule().catch(() => {}); // the click reports what went wrong
  return python;
}

async function run(button, exchange) {
  button.disabled = true;
  button.textContent = "Running in your browser";
  const started = startPython();
  try {
    await (await loadPanelModule()).openPanel(exchange, started);
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
