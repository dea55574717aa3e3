/* Search: one result per question, the question whose text matches first.
 *
 * The index is Pagefind's (macros/outputs/search.py: one record per question, the question's text
 * weighted above its answer), built with the site into pagefind/. Nothing loads until search is
 * opened: then Pagefind's script, its WebAssembly and the small entry files; each query fetches
 * only the index chunks for its words and the records of the results it shows. Offline, the
 * service worker has all of them.
 *
 * The dialog is Material's (overrides/partials/search.html, toggled by #__search); this script
 * owns its keys: / (or s, f) opens it, arrows move between the field and the results, Enter opens
 * the first result, Escape closes. A result links to its question with the query in `?h=`; on that
 * page the question's answer opens (open-answer.js) and the words are marked here.
 *
 * Everything shown comes from contributor text, so it is inserted as text nodes, never as HTML.
 */
(() => {
  const PAGE = 10; // results shown at once; "Show more questions" adds as many
  const RERANK = PAGE; // first results re-ranked by how directly the question matches
  const EXCERPT_WORDS = 26;
  const root = new URL("../../", document.currentScript.src);
  const bundle = new URL("pagefind/pagefind.js", root).href;

  let engine = null; // Promise of the Pagefind module, once search has been opened
  let results = []; // every result of the current query, in Pagefind's order
  let pending = []; // those not shown yet, in the order they will be
  let shownCount = 0;
  let query = "";
  let generation = 0; // the latest query; older answers are dropped

  const $ = (selector) => document.querySelector(selector);
  const toggle = () => document.getElementById("__search");
  const field = () => $("[data-qa-search-query]");
  const status = () => $("[data-qa-search-status]");
  const list = () => $("[data-qa-search-results]");
  const more = () => $("[data-qa-search-more]");

  const load = () =>
    (engine ??= import(bundle).then(async (pagefind) => {
      await pagefind.init();
      return pagefind;
    }));

  /* Open or close the dialog through Material's toggle (its change event drives the theme). */
  const setOpen = (open) => {
    const box = toggle();
    if (!box || box.checked === open) return;
    box.checked = open;
    box.dispatchEvent(new Event("change"));
  };

  /* The words of a query, for marking them in excerpts and on the question's page. */
  const termsOf = (text) =>
    [...new Set(text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.+#/-]*/gu) || [])]
      .map((t) => t.replace(/[.'’+#/-]+$/, ""))
      .filter((t) => t.length > 1 || /\d/.test(t));

  const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  /* A matcher for the query's words, at the start of a word; a word carrying on (drifts, drifting)
   * is marked whole, as Pagefind matches stems. */
  const matcher = (terms) =>
    terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "giu") : null;

  /* Text with the matches of `re` in <mark>, as nodes. */
  const marked = (text, re) => {
    const out = document.createDocumentFragment();
    let last = 0;
    if (re) {
      for (const m of text.matchAll(re)) {
        out.append(text.slice(last, m.index));
        const mark = document.createElement("mark");
        mark.textContent = m[0];
        out.append(mark);
        last = m.index + m[0].length;
      }
    }
    out.append(text.slice(last));
    return out;
  };

  /* One line of the record around its first match after the question's own words (or its opening). */
  const excerpt = (data) => {
    const words = data.content.split(/[\r\n\s]+/g); // plain text; Pagefind counts word positions so
    const titleWords = data.meta.title.split(/[\r\n\s]+/g).length;
    const hit = data.locations.find((at) => at >= titleWords);
    const start = hit === undefined ? titleWords : Math.max(titleWords, hit - Math.floor(EXCERPT_WORDS / 3));
    const end = Math.min(words.length, start + EXCERPT_WORDS);
    return `${start > titleWords ? "… " : ""}${words.slice(start, end).join(" ")}${end < words.length ? " …" : ""}`;
  };

  const hitHref = (meta) => {
    const url = new URL(`${meta.level}/`, root);
    url.searchParams.set("h", query);
    url.hash = meta.id;
    return url.href;
  };

  const hitItem = (data, index, re) => {
    const { meta } = data;
    const item = document.createElement("li");
    item.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link qa-hit";
    link.href = hitHref(meta);
    link.dataset.questionId = meta.id;
    link.id = `qa-hit-${index}`;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("span");
    title.className = "qa-hit__title";
    title.append(`Q${meta.number}. `, marked(meta.title, re));
    const group = document.createElement("span");
    group.className = "qa-hit__group";
    group.textContent = meta.group;
    const line = document.createElement("span");
    line.className = "qa-hit__excerpt";
    line.append(marked(excerpt(data), re));
    article.append(title, group, line);
    link.append(article);
    item.append(link);
    return item;
  };

  const say = (text) => {
    const box = status();
    if (box && box.textContent !== text) box.textContent = text;
  };

  const count = (n) => (n === 1 ? "1 question" : `${n} questions`);

  /* How directly a question's own text answers the query: the share of the query's words in it,
   * then a shorter question first (the more of it the query is), then the more basic (the bank's
   * order runs from beginner to the later groups). */
  const titleRank = (title, terms) => {
    const words = termsOf(title); // split as the query is (A/B, CI/CD and pre-training stay whole)
    /* a word carrying the term on (drifts), or the term carrying the word on (monitoring, monitor) */
    const same = (w, t) => w.startsWith(t) || (w.length >= 4 && t.startsWith(w));
    const held = terms.filter((t) => words.some((w) => same(w, t))).length;
    return [held / Math.max(1, terms.length), -words.length];
  };

  /* The first results, re-ranked: questions whose text holds the query's words come before those
   * whose answers mention them, the most direct first, then Pagefind's order (its own score already
   * weights the question's text tenfold, so such questions are among its first results). */
  const rerank = (records, terms) => {
    const keyed = records.map((data, order) => ({ data, order, rank: titleRank(data.meta.title, terms) }));
    const number = (k) => Number(k.data.meta.number);
    keyed.sort(
      (a, b) => b.rank[0] - a.rank[0] || (a.rank[0] > 0 ? b.rank[1] - a.rank[1] || number(a) - number(b) : 0) || a.order - b.order,
    );
    return keyed.map((k) => k.data);
  };

  /* Show the next page of results (their records are fetched now, a page at a time; the first
   * time, two pages' worth, to re-rank them). */
  const showMore = async (mine) => {
    const first = shownCount === 0;
    const batch = first ? results.slice(0, RERANK) : pending.splice(0, PAGE);
    const records = first ? rerank(await Promise.all(batch.map((r) => r.data())), termsOf(query)) : await Promise.all(batch.map((r) => r.data()));
    if (mine !== generation) return;
    if (first) pending = [...records.slice(PAGE).map((data) => ({ data: async () => data })), ...results.slice(RERANK)];
    const page = first ? records.slice(0, PAGE) : records;
    const re = matcher(termsOf(query));
    list().append(...page.map((data, k) => hitItem(data, shownCount + k, re)));
    list().dataset.query = query; // the query these results answer (tests wait for it)
    shownCount += page.length;
    more().parentElement.hidden = pending.length === 0;
  };

  const clear = () => {
    results = [];
    pending = [];
    shownCount = 0;
    list()?.replaceChildren();
    if (list()) delete list().dataset.query;
    if (more()) more().parentElement.hidden = true;
  };

  const run = async (text) => {
    const mine = ++generation;
    query = text.trim();
    if (!query) {
      clear();
      say("Type a word to find the questions about it");
      return;
    }
    let pagefind;
    try {
      pagefind = await load();
    } catch {
      engine = null; // try again on the next key
      if (mine === generation) say("Search could not load. Once the guide has been opened online, search works offline too.");
      return;
    }
    const found = await pagefind.search(query);
    if (mine !== generation || !found) return;
    clear();
    results = found.results;
    say(results.length ? `${count(results.length)} found` : `No question matches “${query}”`);
    await showMore(mine);
  };

  /* Arrow keys move between the field and the results (and wrap round). */
  const move = (step) => {
    const stops = [field(), ...list().querySelectorAll("a.qa-hit")];
    const at = stops.indexOf(document.activeElement);
    stops[(at + step + stops.length) % stops.length]?.focus();
  };

  const editable = (el) => el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  const open = () => {
    setOpen(true);
    const input = field();
    if (input && document.activeElement !== input) input.focus();
    load().catch(() => {
      engine = null;
    });
  };

  let timer = 0;
  document.addEventListener("input", (ev) => {
    if (!(ev.target instanceof Element) || !ev.target.matches("[data-qa-search-query]")) return;
    clearTimeout(timer);
    const text = ev.target.value;
    timer = setTimeout(() => run(text), 60);
  });

  document.addEventListener("focusin", (ev) => {
    if (ev.target instanceof Element && ev.target.matches("[data-qa-search-query]")) open();
  });

  document.addEventListener("change", (ev) => {
    if (ev.target === toggle() && toggle().checked) open();
  });

  document.addEventListener("submit", (ev) => {
    if (!(ev.target instanceof HTMLFormElement) || ev.target.name !== "qa-search") return;
    ev.preventDefault();
    list().querySelector("a.qa-hit")?.click();
  });

  document.addEventListener("reset", (ev) => {
    if (!(ev.target instanceof HTMLFormElement) || ev.target.name !== "qa-search") return;
    generation += 1;
    clear();
    say("Type a word to find the questions about it");
    setTimeout(() => field().focus());
  });

  document.addEventListener("click", (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    if (target?.closest("[data-qa-search-more]")) {
      const first = shownCount;
      showMore(generation).then(() => document.getElementById(`qa-hit-${first}`)?.focus());
    } else if (target?.closest("a.qa-hit")) {
      setOpen(false);
    }
  });

  document.addEventListener(
    "keydown",
    (ev) => {
      if (ev.metaKey || ev.ctrlKey || ev.altKey || ev.isComposing) return;
      const box = toggle();
      if (!box) return;
      if (!box.checked) {
        if (["/", "s", "f"].includes(ev.key) && !editable(ev.target)) {
          ev.preventDefault();
          open();
        }
        return;
      }
      if (!(ev.target instanceof Element) || !ev.target.closest("[data-qa-search]")) return;
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        move(ev.key === "ArrowDown" ? 1 : -1);
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        setOpen(false);
        field().blur();
      }
    },
    true,
  );

  /* On the page a result opened: mark the query's words in that question (its answer is opened by
   * open-answer.js), skipping diagram sources and the study controls. */
  const highlight = () => {
    const url = new URL(location.href);
    const words = url.searchParams.get("h");
    const id = fragmentId(url.hash); // open-answer.js: "" for a fragment that is not valid percent-encoding
    const block = id && document.getElementById(id)?.closest("[data-question-id]");
    const re = words && matcher(termsOf(words));
    if (!block || !re) return;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement.closest("pre.mermaid, .qa-marks, mark, script, style, .headerlink")
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      re.lastIndex = 0;
      if (re.test(node.data)) {
        re.lastIndex = 0;
        node.replaceWith(marked(node.data, re));
      }
    }
  };

  document$.subscribe(highlight);
})();
