// The search, once the reader asks for it (page.js loads this): Pagefind's
// code and index from the site, results that name the note and the heading
// with an excerpt and open the note at that heading, and their count
// announced once per search.

let results = null;
let latest = 0;

// Where a result opens: the first section, in reading order, that weighs at
// least half as much as the heaviest (where a note explains a word, rather
// than where it repeats it, such as "Run it yourself"), or the note itself.
function bestSection(data) {
  const weight = (part) => (part.weighted_locations ?? []).reduce((sum, l) => sum + l.balanced_score, 0);
  const sections = (data.sub_results ?? []).filter((part) => part.anchor);
  const heaviest = Math.max(0, ...sections.map(weight));
  const first = sections.find((part) => weight(part) * 2 >= heaviest);
  return first ?? { url: data.url, title: "", excerpt: data.excerpt };
}

function item(data) {
  const section = bestSection(data);
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = section.url;
  const note = document.createElement("span");
  note.className = "search-note";
  note.textContent = data.meta.title;
  link.append(note);
  if (section.title && section.title !== data.meta.title) {
    const heading = document.createElement("span");
    heading.className = "search-heading";
    heading.textContent = section.title;
    link.append(" ", heading);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.innerHTML = section.excerpt; // Pagefind's text, escaped, with <mark> around the words found
  li.append(link, excerpt);
  return li;
}

function say(text) {
  results.hidden = false;
  results.querySelector(".search-status").textContent = text;
}

function show(query, found, total, nearest) {
  const list = document.createElement("ol");
  list.className = "search-list";
  list.append(...found.map(item));
  results.querySelector(".search-list")?.remove();
  results.append(list);
  const count = total === 1 ? "1 note" : `${total === 0 ? "No" : total} notes`;
  const asked = `for “${query}”`;
  say(nearest ? `No notes found ${asked}; ${count.toLowerCase()} with words starting “${nearest}”.` : `${count} found ${asked}.`);
}

// Pagefind matches whole words, and the last one by its start: a word spelt
// wrong finds nothing. Then, like a reader trying again, search for shorter
// starts of it, down to three letters.
async function nearestStart(pagefind, query) {
  const word = query.trim();
  for (let end = word.length - 1; /^\p{L}+$/u.test(word) && end >= 3; end--) {
    const answer = await pagefind.search(word.slice(0, end));
    if (answer.results.length) return [word.slice(0, end), answer];
  }
  return [null, null];
}

async function search(pagefind, query) {
  const asked = ++latest;
  if (!query.trim()) {
    results.querySelector(".search-list")?.remove();
    say("");
    return;
  }
  let answer = await pagefind.debouncedSearch(query, {}, 50);
  if (answer === null || asked !== latest) return; // a newer search replaced this one
  let nearest = null;
  if (!answer.results.length) [nearest, answer] = await nearestStart(pagefind, query);
  const shown = answer?.results ?? [];
  const found = await Promise.all(shown.slice(0, 10).map((result) => result.data()));
  if (asked === latest) show(query, found, shown.length, nearest);
}

async function loadPagefind(script) {
  const module = await import(new URL("pagefind/pagefind.js", new URL(script.dataset.site, location.href)).href);
  await module.options({ baseUrl: script.dataset.site, excerptLength: 24 });
  await module.init();
  return module;
}

/** Wire the box to Pagefind; search at once for what is already in it (or in ?q=). */
export async function start(script, box) {
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = script.dataset.css;
  document.head.append(style);
  // On /search/ the results have their place in the page; elsewhere, under the box.
  results = document.getElementById("search-results");
  if (!results) {
    results = document.createElement("div");
    results.className = "search-results";
    results.id = "search-results";
    box.form.after(results);
  }
  const status = document.createElement("p");
  status.className = "search-status";
  status.setAttribute("role", "status");
  results.prepend(status);
  const inHeader = !results.closest("main");
  let pagefind;
  try {
    pagefind = await loadPagefind(script);
  } catch {
    say("Search could not load. Reload the page to try again.");
    return;
  }
  const run = () => search(pagefind, box.value).catch(() => say("Search failed. Reload the page to try again."));
  box.addEventListener("input", run);
  box.form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && inHeader) results.hidden = true;
  });
  const asked = new URLSearchParams(location.search).get("q");
  if (asked && !inHeader && !box.value) box.value = asked;
  if (box.value) run();
}
