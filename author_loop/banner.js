// The author's loop: show the last build's problems at the top of the page.
// `invoke livereload` adds this script to each page it sends; it is never in output/.

// The server answers how the last build went beside this script's own URL.
const STATUS_URL = new URL("status", import.meta.url);

async function showProblems() {
  const response = await fetch(STATUS_URL, { cache: "no-store" });
  const { problems } = await response.json();
  if (!problems.length) return;
  const banner = document.createElement("div");
  banner.id = "author-loop-problems";
  banner.setAttribute("role", "alert");
  banner.style.cssText =
    "position:sticky;top:0;z-index:2147483647;margin:0;padding:0.75em 1em;" +
    "background:#8b0000;color:#fff;font:0.9rem/1.4 monospace;max-height:50vh;overflow:auto";
  const title = document.createElement("strong");
  title.textContent = "The last build failed; this page is from the last good build.";
  const messages = document.createElement("pre");
  messages.style.cssText =
    "margin:0.5em 0 0;padding:0;border:0;background:none;color:inherit;white-space:pre-wrap";
  messages.textContent = problems.join("\n");
  banner.append(title, messages);
  document.body.prepend(banner);
}

showProblems();
