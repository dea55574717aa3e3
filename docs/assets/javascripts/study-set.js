/* Study sets: questions picked on the level pages, carried as one link.
 *
 * A set is a list of question ids in order. "Add to set" under each question
 * collects them in this browser; the tray at the bottom of the screen (a badge
 * with the count that opens on a tap, in the dock of dock.js) copies the set as a
 * quiz link (`quiz/?ids=a,b,c`) or a mock-interview link (`mock/?ids=a,b,c`), so
 * a study group shares a practice round with one link.
 * Opening such a link resolves old ids (aliases) to their question and names
 * any id the guide does not know: nothing is dropped silently.
 *
 * Exposed as `window.qaSets` for the quiz and the mock interview, with what they
 * share: the element builder `h`, `shuffle`, the setup checkbox `choice` and `markdownText` for the
 * summaries they copy as Markdown.
 */
(() => {
  const root = () =>
    typeof __md_scope !== "undefined" && __md_scope instanceof URL
      ? new URL(__md_scope.href)
      : new URL(document.querySelector("a.md-logo")?.href || "./", location.href);
  const KEY = `qa-set:${root().pathname}`;
  const EVENT = "qa-set";
  const MAX = 200;

  const h = (tag, attrs = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v == null) continue;
      if (k === "text") el.textContent = v;
      else el.setAttribute(k, v === true ? "" : v);
    }
    el.append(...children);
    return el;
  };

  const shuffle = (items) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

  /* Text from the page as literal text in the Markdown summaries people paste into a chat or a document: on
     one line, with every character Markdown or HTML reads as syntax escaped, so a question cannot add a link,
     an image, a heading or a tag to the summary it is copied into. */
  const markdownText = (text) =>
    String(text)
      .replace(/\s+/g, " ")
      .trim()
      .replace(/[\\`*_[\]<>()#!|~&]/g, "\\$&");

  /* A level or topic as a checkbox with its question count (quiz and mock-interview setup). */
  const choice = (name, item, on) =>
    h(
      "label",
      { class: "qa-choice" },
      h("input", { type: "checkbox", name, value: item.id, checked: on }),
      ` ${item.title} `,
      h("span", { class: "qa-choice__n", text: `(${item.ids.length})` }),
    );

  /* Levels and topics with their ids and the alias map, from the hidden study index (macro study_index). */
  const readIndex = () => {
    const list = (selector, key) =>
      [...document.querySelectorAll(selector)].map((a) => ({
        id: a.dataset[key],
        title: a.textContent.trim(),
        href: a.href,
        minutes: Number(a.dataset.minutes) || 2,
        ids: (a.dataset.ids || "").split(" ").filter(Boolean),
      }));
    const pairs = (document.querySelector(".qa-study-index")?.dataset.aliases || "").split(" ").filter(Boolean);
    return {
      levels: list(".qa-study-index .qa-index-level", "level"),
      topics: list(".qa-study-index .qa-index-topic", "topic"),
      aliases: new Map(pairs.map((p) => p.split(":"))),
    };
  };

  /* The ids a link names (`?ids=a,b,c`), or null when it names none. */
  const fromUrl = (search = location.search) => {
    const raw = new URLSearchParams(search).get("ids");
    if (raw === null) return null;
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, MAX);
  };

  /* Known ids in order (aliases resolved, repeats dropped), and the ids nobody knows. */
  const resolve = (raw, index) => {
    const known = new Set(index.levels.flatMap((l) => l.ids));
    const ids = [];
    const unknown = [];
    const renamed = [];
    for (const id of raw) {
      const target = known.has(id) ? id : index.aliases.get(id);
      if (!target) unknown.push(id);
      else {
        if (target !== id) renamed.push([id, target]);
        if (!ids.includes(target)) ids.push(target);
      }
    }
    return { ids, unknown, renamed };
  };

  /* A visible note on what a set link named that the guide does not have (or has under a new id). */
  const notice = (result) => {
    if (!result.unknown.length && !result.renamed.length) return "";
    const parts = [];
    if (result.unknown.length) {
      parts.push(
        h("strong", { text: `${result.unknown.length === 1 ? "Unknown question id" : "Unknown question ids"}: ` }),
        result.unknown.join(", "),
        ". The link names them, but this guide has no such question; the rest of the set is here. ",
      );
    }
    if (result.renamed.length) parts.push(`Renamed: ${result.renamed.map(([a, b]) => `${a} → ${b}`).join(", ")}.`);
    return h("p", { class: "qa-set-notice", role: "alert" }, ...parts);
  };

  /* ------------------------------------------- the questions, from their pages */

  const pages = new Map(); // level page URL -> Promise<Document>, kept across instant navigation

  const fetchPage = (url) => {
    if (!pages.has(url)) {
      pages.set(
        url,
        fetch(url)
          .then((r) => {
            if (!r.ok) throw new Error(`${r.status} ${url}`);
            return r.text();
          })
          .then((text) => new DOMParser().parseFromString(text, "text/html"))
          .catch((err) => {
            pages.delete(url);
            throw err;
          }),
      );
    }
    return pages.get(url);
  };

  /* The rendered question block of `id` in a fetched page, with its links made absolute against the page. */
  const block = (doc, url, id) => {
    const found = [...doc.querySelectorAll("div.qa[data-question-id]")].find((el) => el.dataset.questionId === id);
    if (!found) return null;
    const el = document.importNode(found, true);
    for (const node of el.querySelectorAll("[href], [src]")) {
      for (const attr of ["href", "src"]) {
        const value = node.getAttribute(attr);
        if (value !== null) node.setAttribute(attr, new URL(value, url).href);
      }
    }
    return el;
  };

  /* The questions `ids` as rendered on their level pages (no second copy of the content), in order.
     Rejects when a page cannot be fetched. */
  const questions = async (ids, index) => {
    const levelOf = new Map(index.levels.flatMap((l) => l.ids.map((id) => [id, l])));
    const urls = [...new Set(ids.map((id) => levelOf.get(id).href.split("#")[0]))];
    const docs = new Map(await Promise.all(urls.map(async (u) => [u, await fetchPage(u)])));
    const deck = [];
    for (const id of ids) {
      const level = levelOf.get(id);
      const url = level.href.split("#")[0];
      const el = block(docs.get(url), url, id);
      if (el) deck.push({ id, level, el, url });
    }
    return deck;
  };

  const link = (page, ids) => {
    const url = new URL(`${page}/`, root());
    url.search = `ids=${ids.map(encodeURIComponent).join(",")}`;
    return url.href;
  };

  /* ------------------------------------------------------ the reader's set */

  const load = () => {
    try {
      const ids = JSON.parse(localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter((id) => typeof id === "string" && id.length < 200).slice(0, MAX) : [];
    } catch {
      return [];
    }
  };
  const save = (ids) => {
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch {
      /* storage blocked: the set lives until the page changes */
    }
    window.dispatchEvent(new CustomEvent(EVENT));
  };
  const toggle = (id) => {
    const ids = load();
    save(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id].slice(0, MAX));
  };

  /* The tray: a small badge with the count, in the dock (dock.js); a tap opens its actions above it. */
  const tray = () => {
    let el = document.querySelector(".qa-set-tray");
    if (!el) {
      el = h(
        "aside",
        { class: "md-typeset qa-set-tray", "aria-label": "Your study set", hidden: true },
        h(
          "div",
          { class: "qa-set-tray__panel", id: "qa-set-tray-panel", hidden: true },
          h("p", { class: "qa-set-tray__count" }),
          h(
            "div",
            { class: "qa-set-tray__actions" },
            h("button", { type: "button", class: "qa-btn qa-btn--primary", "data-set-action": "quiz", text: "Copy quiz link" }),
            h("button", { type: "button", class: "qa-btn", "data-set-action": "mock", text: "Copy mock-interview link" }),
            h("a", { class: "qa-btn", "data-set-action": "open", text: "Quiz these" }),
            h("button", { type: "button", class: "qa-btn", "data-set-action": "clear", text: "Clear" }),
          ),
          h("p", { class: "qa-set-tray__link" }),
        ),
        h("button", {
          type: "button",
          class: "qa-btn qa-set-tray__toggle",
          "data-set-action": "toggle",
          "aria-expanded": "false",
          "aria-controls": "qa-set-tray-panel",
        }),
        h("p", { class: "qa-visually-hidden", role: "status" }),
      );
      window.qaDock.add(el);
    }
    return el;
  };

  const expand = (open) => {
    const el = tray();
    el.querySelector(".qa-set-tray__panel").hidden = !open;
    el.querySelector(".qa-set-tray__toggle").setAttribute("aria-expanded", String(open));
    if (!open) el.querySelector(".qa-set-tray__link").replaceChildren();
  };

  const paint = () => {
    const ids = load();
    for (const b of document.querySelectorAll("[data-set-toggle]")) {
      const id = b.closest("[data-question-id]")?.dataset.questionId;
      const on = ids.includes(id);
      if (b.getAttribute("aria-pressed") === String(on)) continue; // unchanged: no write, no relayout
      b.setAttribute("aria-pressed", String(on));
      b.textContent = on ? "In your set" : "Add to set";
    }
    const onPageWithQuestions = document.querySelector("[data-set-toggle]");
    if (!ids.length && !document.querySelector(".qa-set-tray")) return;
    const el = tray();
    const hidden = !ids.length || !onPageWithQuestions;
    if (hidden && !el.hidden) expand(false);
    el.hidden = hidden;
    const count = `Your set: ${ids.length} ${ids.length === 1 ? "question" : "questions"}`;
    el.querySelector(".qa-set-tray__count").textContent = count;
    el.querySelector(".qa-set-tray__toggle").textContent = `Your set · ${ids.length}`;
    const status = el.querySelector("[role=status]");
    if (status.textContent !== count) status.textContent = count;
    el.querySelector("[data-set-action=open]").href = link("quiz", ids);
  };

  document.addEventListener("click", async (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    const toggler = target?.closest("[data-set-toggle]");
    if (toggler) {
      const id = toggler.closest("[data-question-id]")?.dataset.questionId;
      if (id) toggle(id);
      return;
    }
    const action = target?.closest(".qa-set-tray [data-set-action]")?.dataset.setAction;
    if (!action || action === "open") return;
    if (action === "toggle") return expand(target.closest("[aria-expanded]").getAttribute("aria-expanded") !== "true");
    if (action === "clear") return save([]);
    const url = link(action, load());
    const ok = await window.qaShare.copyText(url);
    const out = document.querySelector(".qa-set-tray__link");
    out.replaceChildren(ok ? "Copied: " : "Copy this link: ", h("a", { href: url, text: url }));
  });

  /* Esc closes the open tray and gives the focus back to its badge. */
  document.addEventListener("keydown", (ev) => {
    const el = ev.key === "Escape" && ev.target instanceof Element ? ev.target.closest(".qa-set-tray") : null;
    if (!el || el.querySelector(".qa-set-tray__panel").hidden) return;
    expand(false);
    el.querySelector(".qa-set-tray__toggle").focus();
  });

  window.addEventListener(EVENT, paint);
  window.addEventListener("storage", (ev) => {
    if (ev.key === KEY) paint();
  });

  window.qaSets = { h, shuffle, choice, markdownText, readIndex, fromUrl, resolve, notice, link, questions, load, save, toggle };
  document$.subscribe(paint);
})();
