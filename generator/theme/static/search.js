// Search, as an enhancement: without JavaScript the search page lists every
// dossier by title; with it, Pagefind's index for the page's language
// (Pagefind picks it by <html lang>) answers the query typed or given as ?q=.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const out = document.getElementById("search-results");
const all = document.getElementById("search-all");
const base = new URL("../", import.meta.url);
let engine = null;

// The index is split into shards (pagefind/shards.json lists them, the primary
// first): the primary's script searches, the others are merged into it.
async function load() {
  if (!engine) {
    const listed = await fetch(new URL("pagefind/shards.json", base));
    const shards = (await listed.json()).shards;
    const bundle = (name) => new URL(`pagefind/${name}/`, base);
    engine = await import(new URL("pagefind.js", bundle(shards[0])).href);
    await engine.options({ baseUrl: base.pathname });
    engine.init();
    for (const name of shards.slice(1)) {
      await engine.mergeIndex(bundle(name).pathname, { baseUrl: base.pathname });
    }
  }
  return engine;
}

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text and adds <mark>
  li.append(link, excerpt);
  return li;
}

async function run(query) {
  query = query.trim();
  if (!query) {
    out.replaceChildren();
    all.hidden = false;
    return;
  }
  const status = document.createElement("p");
  try {
    const search = await (await load()).search(query);
    const found = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    const list = document.createElement("ol");
    list.append(...found.map(item));
    status.textContent = found.length
      ? out.dataset.count.replace("{n}", String(search.results.length))
      : out.dataset.none;
    out.replaceChildren(status, list);
    all.hidden = found.length > 0;
  } catch (error) {
    status.textContent = out.dataset.error;
    out.replaceChildren(status);
    all.hidden = false;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
