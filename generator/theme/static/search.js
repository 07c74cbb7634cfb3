// Search, as an enhancement: without JavaScript the search page lists every
// dossier by title; with it, Pagefind's index for the page's language
// (Pagefind picks it by <html lang>) answers the query typed or given as ?q=.
//
// A word Pagefind finds neither as such, by its stem, nor as the start of an
// indexed word, Pagefind answers with the longest indexed word that begins it:
// on the Indonesian index, English "ally" becomes "al" (Al-Qaeda, al-Assad)
// and "dance" becomes "dan" (every page). Such a word is kept only when that
// stand-in is nearly the whole word ("talibans" -> "taliban"); otherwise the
// query has no results, as it would if Pagefind had not guessed. The index is
// in shards, and each shard guesses on its own: one that lacks "kabulov" answers
// it with "kabul" while another has the word itself. So a word is judged shard
// by shard, and a shard's results count only where every word of the query
// holds in that shard.
//
// Pagefind ranks by how often a word occurs, so a relationship page that names
// the Taliban forty times outranked the Taliban's own page. A page that the
// query names (its title or one of its aliases, or a section heading such as
// the timeline's "2015") comes first, linked at that section. Each result says
// what it is (an actor and its kind, a relationship and its stance). A query
// that finds nothing here is tried on the other languages' indexes, and the
// page says where it would find something.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const out = document.getElementById("search-results");
const all = document.getElementById("search-all");
const elsewhere = document.getElementById("search-elsewhere");
const base = new URL("../", import.meta.url);
const NEAR = 0.75; // share of a word its stand-in must cover
const SAMPLE = 1; // results of a shard read to see which words it matched (it guesses for all or none)
const SHOWN = 30; // results read and shown
const SHARD = "explainer-shard"; // a filter each shard's pages carry (Pagefind's mergeFilter)
const engines = {};

// The index is split into shards (pagefind/shards.json lists them, the primary
// first): the primary's script searches, the others are merged into it, each
// with a filter naming it, so a search can say which shards found a word. Another
// language's index is a module of its own (another URL), started while <html lang>
// names that language, which is how Pagefind chooses its index.
// A shard that has no page in the index's language would answer with its own
// language's pages (Pagefind falls back to a shard's largest language), so the
// shards that have it are kept (`own`), and only their results count.
function load(lang = "") {
  if (!engines[lang]) engines[lang] = start(lang);
  return engines[lang];
}

async function start(lang) {
  const listed = await fetch(new URL("pagefind/shards.json", base));
  const shards = (await listed.json()).shards;
  const bundle = (name) => new URL(`pagefind/${name}/`, base);
  const script = new URL("pagefind.js", bundle(shards[0]));
  if (lang) script.search = `lang=${lang}`;
  const engine = await import(script.href);
  await engine.options({ baseUrl: base.pathname, mergeFilter: { [SHARD]: shards[0] } });
  const html = document.documentElement;
  const own = html.lang;
  if (lang) html.lang = lang;
  try {
    engine.init(); // reads <html lang> before its first await
  } finally {
    html.lang = own;
  }
  const extra = lang ? { language: lang } : {};
  for (const name of shards.slice(1)) {
    await engine.mergeIndex(bundle(name).pathname, {
      baseUrl: base.pathname,
      mergeFilter: { [SHARD]: name },
      ...extra,
    });
  }
  const wanted = (lang || own).toLowerCase();
  const has = await Promise.all(shards.map((name) => holds(bundle(name), wanted)));
  return { pagefind: engine, own: new Set(shards.filter((_, at) => has[at])) };
}

// Whether a shard's bundle has an index of `language` (or of its base language), as
// Pagefind picks it; a shard that cannot be read (being re-indexed by `serve`) has none.
async function holds(bundle, language) {
  try {
    const entry = await (await fetch(new URL("pagefind-entry.json", bundle))).json();
    const languages = Object.keys(entry.languages || {});
    return languages.includes(language) || languages.includes(language.split("-")[0]);
  } catch {
    return false;
  }
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

// The shards that found something for a search: their names.
function shardsOf(search) {
  const counts = (search.filters || {})[SHARD] || {};
  return Object.keys(counts).filter((name) => counts[name] > 0);
}

// The shards in which `term` holds: those having the word (or its stem), and those
// whose matches begin with it ("intelij" -> intelijen) or stand in for nearly all of it.
async function matched(pagefind, term) {
  const whole = new Set(shardsOf(await pagefind.search(`"${term}"`)));
  const others = shardsOf(await pagefind.search(term)).filter((shard) => !whole.has(shard));
  const begun = await Promise.all(others.map((shard) => begins(pagefind, term, shard)));
  return new Set([...whole, ...others.filter((_, at) => begun[at])]);
}

// Whether a shard's matches for `term` (which it lacks as a word) are words the term
// begins, or a stand-in covering nearly all of it.
async function begins(pagefind, term, shard) {
  const found = await pagefind.search(term, { filters: { [SHARD]: shard } });
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

// A name as a query compares with it: folded, without spaces or punctuation ("Al-Qaeda" = "al qaeda").
function key(text) {
  return fold(text || "").replace(/[\p{P}\p{S}\s]+/gu, "");
}

// The section of a result the query names (a heading such as "2015"), if any: not the
// page's own title, which names the whole page.
function namedSection(data, wanted) {
  if (key(data.meta.title) === wanted) return undefined;
  return (data.sub_results || []).find((sub) => key(sub.title) === wanted);
}

function names(data) {
  return [data.meta.title, ...(data.meta.aliases || "").split(", ")];
}

// The results, those the query names first (their own order kept otherwise).
function ranked(found, query) {
  const wanted = key(query);
  const named = (data) => names(data).some((name) => key(name) === wanted) || namedSection(data, wanted);
  return [...found.filter(named), ...found.filter((data) => !named(data))].map((data) => ({
    data,
    section: namedSection(data, wanted),
  }));
}

function item({ data, section }) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = section ? section.url : data.url;
  link.textContent = section ? `${data.meta.title} · ${section.title}` : data.meta.title || data.url;
  li.append(link);
  if (data.meta.kind) {
    const kind = document.createElement("span");
    kind.className = "result-kind";
    kind.textContent = data.meta.stance
      ? `${data.meta.kind} · ${out.dataset.stance}: ${data.meta.stance}`
      : data.meta.kind;
    li.append(" ", kind);
  }
  const excerpt = document.createElement("p");
  excerpt.innerHTML = (section || data).excerpt; // Pagefind escapes the page text and adds <mark>
  li.append(excerpt);
  return li;
}

// The results of `query` in one index: those of its language's shards in which every
// word holds (none where a word is only a stand-in).
async function results({ pagefind, own }, query) {
  const held = await Promise.all(words(query).map((term) => matched(pagefind, term)));
  const shards = [...own].filter((shard) => held.length && held.every((set) => set.has(shard)));
  if (!shards.length) return [];
  return (await pagefind.search(query, { filters: { [SHARD]: { any: shards } } })).results;
}

// Where else the query finds something: a link to that language's search, with the count.
async function hint(query) {
  for (const link of elsewhere.querySelectorAll("a[data-lang]")) {
    const found = await results(await load(link.dataset.lang), query);
    if (found.length) {
      const p = document.createElement("p");
      const there = link.cloneNode(true);
      there.href = `${link.href}?q=${encodeURIComponent(query)}`;
      there.textContent = `${link.textContent}: ${query}`;
      p.append(
        out.dataset.elsewhere.replace("{language}", link.textContent).replace("{n}", String(found.length)),
        " ",
        there,
      );
      return p;
    }
  }
  return null;
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
    const found = await results(await load(), query);
    const shown = await Promise.all(found.slice(0, SHOWN).map((r) => r.data()));
    const list = document.createElement("ol");
    list.append(...ranked(shown, query).map(item));
    status.textContent = shown.length
      ? out.dataset.count.replace("{n}", String(found.length))
      : out.dataset.none;
    const other = shown.length ? null : await hint(query);
    out.replaceChildren(status, ...(other ? [other] : []), list);
    all.hidden = shown.length > 0;
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
