// The search box in every page's header: this small file is all a page loads
// for it. The search itself (search-ui.js, then Pagefind's code and index in
// /pagefind/, written by the build's site_search plugin) is fetched when the
// reader focuses the box or presses "/", or arrives on /search/?q=... from a
// box whose page had not loaded this yet.

const script = document.getElementById("search-script");
const box = document.getElementById("search-box");
let ui = null;

function load() {
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

box.addEventListener("focus", load);
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || editing(event.target)) return;
  event.preventDefault();
  box.focus();
  box.select();
});
if (new URLSearchParams(location.search).get("q") && document.querySelector("main .search-results")) load();
