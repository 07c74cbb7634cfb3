// Search, as an enhancement: without JavaScript the search page lists every
// dossier by title; with it, Pagefind's index for the page's language
// (Pagefind picks it by <html lang>) answers the query typed or given as ?q=.
//
// A word Pagefind finds neither as such, by its stem, nor as the start of an
// indexed word, Pagefind answers with the longest indexed word that begins it:
// on the Indonesian index, English "ally" becomes "al" (Al-Qaeda, al-Assad)
// and "dance" becomes "dan" (every page). Such a word is kept only when that
// stand-in is nearly the whole word ("talibans" -> "taliban"); otherwise the
// query has no results, as it would if Pagefind had not guessed.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const out = document.getElementById("search-results");
const all = document.getElementById("search-all");
const base = new URL("../", import.meta.url);
const NEAR = 0.75; // share of a word its stand-in must cover
const SAMPLE = 10; // results read to see which words Pagefind matched
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

// Lower case, without diacritics or punctuation, as Pagefind reads a query.
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function words(query) {
  return fold(query)
    .split(/\s+/)
    .map((w) => w.replace(/[\p{P}\p{S}]/gu, ""))
    .filter(Boolean);
}

// The forms of a page word a query word can match: whole, and each part
// between punctuation ("al-Qaeda," -> alqaeda, al, qaeda).
function forms(word) {
  const parts = fold(word).split(/[\p{P}\p{S}]+/u).filter(Boolean);
  return [parts.join(""), ...parts];
}

async function matched(pagefind, term) {
  if ((await pagefind.search(`"${term}"`)).results.length) return true; // the word or its stem
  const found = await pagefind.search(term);
  const pages = await Promise.all(found.results.slice(0, SAMPLE).map((r) => r.data()));
  let standIn = 0;
  for (const page of pages) {
    const text = page.content.split(/[\r\n\s]+/);
    for (const at of page.locations) {
      const shorter = forms(text[at] || "").filter((f) => f.length < term.length && term.startsWith(f));
      if (!shorter.length) return true; // a word the term begins, or one sharing its stem
      standIn = Math.max(standIn, ...shorter.map((f) => f.length));
    }
  }
  return standIn >= NEAR * term.length;
}

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = data.excerpt; // Pagefind escapes the page text and adds <mark>
  li.append(link);
  if (data.meta.stance) {
    // a relationship's stance or tie, named as every other view names it
    const stance = document.createElement("span");
    stance.className = "meta";
    stance.textContent = ` · ${data.meta.stance}`;
    li.append(stance);
  }
  li.append(excerpt);
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
    const pagefind = await load();
    const known = await Promise.all(words(query).map((term) => matched(pagefind, term)));
    const search = known.every(Boolean) ? await pagefind.search(query) : { results: [] };
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
