/* Study progress: "I know this" / "Review again" on every question, kept in this browser.
 *
 * Marks live in localStorage under one key per site (its root path), keyed by
 * question id, so they survive reloads, reordering and new content. Each mark
 * also carries a Leitner box: a question you did not know is due again the next
 * day; each time you know it once it is due, it moves up a box and waits longer
 * (1, 2, 4, 8, 16 days). Knowing it again before it is due changes nothing.
 *
 * The store is exposed as `window.qaProgress` for the quiz. The page parts
 * (buttons on questions, bars and filters on level pages, cards on the home
 * page, the progress page) are created on every `document$` emission, so they
 * survive instant navigation; elements are marked when enhanced and every
 * listener is delegated from `document`, bound once.
 */
(() => {
  const STATES = ["known", "review"];
  const BOX_DAYS = [1, 2, 4, 8, 16];
  const FORMAT = "mlops-interview-guide/progress";
  const EVENT = "qa-progress";

  /* ---------------------------------------------------------------- store */

  const siteRoot = () => {
    /* Material sets __md_scope to the site root on the first page loaded. */
    if (typeof __md_scope !== "undefined" && __md_scope instanceof URL) return new URL(__md_scope.href);
    const logo = document.querySelector("a.md-logo");
    return new URL(logo ? logo.href : "./", location.href);
  };
  const KEY = `qa-progress:${siteRoot().pathname}`;
  let memory = {}; // used when localStorage is unavailable (private mode, blocked storage)

  const pad = (n) => String(n).padStart(2, "0");
  const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = () => isoDate(new Date());
  const addDays = (iso, days) => {
    const [y, m, d] = iso.split("-").map(Number);
    return isoDate(new Date(y, m - 1, d + days));
  };
  const daysBetween = (from, to) => {
    const [a, b] = [from, to].map((iso) => {
      const [y, m, d] = iso.split("-").map(Number);
      return Date.UTC(y, m - 1, d);
    });
    return Math.round((b - a) / 86400000);
  };

  /* Keep only well-formed entries: anything else in storage or a file is dropped. */
  const clean = (questions) => {
    const out = {};
    if (!questions || typeof questions !== "object" || Array.isArray(questions)) return out;
    for (const [id, e] of Object.entries(questions)) {
      if (!id || id.length > 200 || !e || typeof e !== "object" || !STATES.includes(e.state)) continue;
      const box = Number.isInteger(e.box) && e.box >= 1 && e.box <= BOX_DAYS.length ? e.box : 1;
      const due = typeof e.due === "string" && /^\d{4}-\d{2}-\d{2}$/.test(e.due) ? e.due : today();
      const updated = typeof e.updated === "string" ? e.updated : "";
      out[id] = { state: e.state, box, due, updated };
      const sc = e.score;
      if (sc && Number.isInteger(sc.said) && Number.isInteger(sc.of) && sc.of > 0 && sc.said >= 0 && sc.said <= sc.of) {
        out[id].score = { said: sc.said, of: sc.of, on: typeof sc.on === "string" ? sc.on : "" };
      }
    }
    return out;
  };

  const load = () => {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? clean(JSON.parse(raw).questions) : {};
    } catch {
      return { ...memory };
    }
  };

  const save = (entries) => {
    memory = entries;
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: 1, questions: entries }));
    } catch {
      /* keep the in-memory copy for this page */
    }
    window.dispatchEvent(new CustomEvent(EVENT));
  };

  /* The entry after marking `state`, scheduled from `base` (the entry before). */
  const next = (state, base) => {
    const now = today();
    const updated = new Date().toISOString();
    if (state === "review") return { state, box: 1, due: addDays(now, BOX_DAYS[0]), updated };
    if (base && base.state === "known" && base.due > now) return { ...base, updated };
    const box = Math.min((base ? base.box : 1) + 1, BOX_DAYS.length);
    return { state, box, due: addDays(now, BOX_DAYS[box - 1]), updated };
  };

  const store = {
    key: KEY,
    root: siteRoot,
    today,
    all: load,
    entry: (id) => load()[id] || null,
    state: (id) => load()[id]?.state || "none",
    isDue: (entry, day = today()) => Boolean(entry && entry.due <= day),
    /* Mark a question; `base` is the entry to schedule from (default: the stored one);
       `score` is the quiz self-check ({said, of}), kept as the question's last score. */
    mark(id, state, base, score) {
      const entries = load();
      const from = base === undefined ? entries[id] : base;
      const last = score ? { said: score.said, of: score.of, on: today() } : entries[id]?.score;
      if (state === "none") delete entries[id];
      else entries[id] = { ...next(state, from || null), ...(last ? { score: last } : {}) };
      save(entries);
      return entries[id] || null;
    },
    counts(ids) {
      const entries = load();
      const day = today();
      const c = { total: ids.length, known: 0, review: 0, none: 0, due: 0 };
      for (const id of ids) {
        const e = entries[id];
        c[e ? e.state : "none"] += 1;
        if (e && e.due <= day) c.due += 1;
      }
      return c;
    },
    describe(entry) {
      if (!entry) return "";
      const days = daysBetween(today(), entry.due);
      if (days <= 0) return "Due for review today";
      return days === 1 ? "Next review tomorrow" : `Next review in ${days} days`;
    },
    exportData: () => ({ format: FORMAT, version: 1, exported: new Date().toISOString(), site: siteRoot().href, questions: load() }),
    /* Merge a file's progress in (the newer mark wins); returns how many questions it held. */
    importData(data) {
      if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error("This is not a progress file from this guide.");
      const incoming = clean(data.questions);
      const entries = load();
      for (const [id, e] of Object.entries(incoming)) {
        if (!entries[id] || (e.updated || "") >= (entries[id].updated || "")) entries[id] = e;
      }
      save(entries);
      return Object.keys(incoming).length;
    },
    reset: () => save({}),
  };
  window.qaProgress = store;

  /* ------------------------------------------------------------ bars */

  /* Write only what changes: on a long level page every needless write makes the browser
     recompute styles and layout for the whole page again. */
  const setText = (el, text) => {
    if (el && el.textContent !== String(text)) el.textContent = text;
  };
  const setAttr = (el, name, value) => {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };

  const paintBar = (el, c) => {
    const pct = (n) => (c.total ? `${(100 * n) / c.total}%` : "0%");
    el.querySelector(".qa-bar__known").style.width = pct(c.known);
    el.querySelector(".qa-bar__review").style.width = pct(c.review);
    el.querySelector(".qa-bar").setAttribute(
      "aria-label",
      `${c.known} known, ${c.review} to review, ${c.none} not yet, of ${c.total} questions`,
    );
    for (const key of ["known", "review", "none"]) setText(el.querySelector(`[data-count="${key}"]`), c[key]);
  };

  /* Levels and topics with their question ids, from the hidden study index (macro study_index). */
  const studyIndex = () =>
    [...document.querySelectorAll(".qa-study-index .qa-index-level")].map((a) => ({
      id: a.dataset.level,
      title: a.textContent.trim(),
      href: a.href,
      ids: (a.dataset.ids || "").split(" ").filter(Boolean),
    }));

  const levelWrappers = (level) => [...document.querySelectorAll(`div.qa[data-question-id][data-level="${level}"]`)];

  /* ------------------------------------------------------------ painting */

  const applyFilter = (summary) => {
    const level = summary.dataset.level;
    const filter = summary.dataset.showing || "all";
    const wrappers = levelWrappers(level);
    let shown = 0;
    for (const w of wrappers) {
      w.hidden = !(filter === "all" || w.dataset.progress === filter);
      if (!w.hidden) shown += 1;
    }
    for (const b of summary.querySelectorAll("[data-filter]")) b.setAttribute("aria-pressed", String(b.dataset.filter === filter));
    const empty = summary.querySelector(".qa-filter-empty");
    if (empty) {
      empty.hidden = shown > 0 || !wrappers.length;
      empty.textContent = filter === "review" ? "No question on this page is marked “review”." : "You have marked every question on this page.";
    }
  };

  const paint = () => {
    const entries = load();
    for (const wrapper of document.querySelectorAll("div.qa[data-question-id]")) {
      const entry = entries[wrapper.dataset.questionId];
      const state = entry ? entry.state : "none";
      setAttr(wrapper, "data-progress", state);
      for (const b of wrapper.querySelectorAll(":scope > .qa-marks [data-mark]")) setAttr(b, "aria-pressed", String(b.dataset.mark === state));
      const status = wrapper.querySelector(":scope > .qa-marks .qa-mark-status");
      setText(status, store.describe(entry));
    }
    for (const summary of document.querySelectorAll(".qa-level-summary[data-level]:has([data-qa-progress])")) {
      const c = store.counts(levelWrappers(summary.dataset.level).map((w) => w.dataset.questionId));
      paintBar(summary.querySelector("[data-qa-progress]"), c);
      for (const b of summary.querySelectorAll("[data-filter]")) setText(b.querySelector(".qa-filter__n"), `(${b.dataset.filter === "all" ? c.total : c[b.dataset.filter]})`);
      applyFilter(summary);
    }
    const index = studyIndex();
    const idsOf = (level) => index.find((l) => l.id === level)?.ids || [];
    const everyId = index.flatMap((l) => l.ids);
    for (const card of document.querySelectorAll(".qa-level-card[data-level]")) {
      paintBar(card.querySelector("[data-qa-progress]"), store.counts(idsOf(card.dataset.level)));
    }
    for (const row of document.querySelectorAll(".qa-progress-row[data-level]")) {
      const ids = row.dataset.level === "all" ? everyId : idsOf(row.dataset.level);
      paintBar(row.querySelector("[data-qa-progress]"), store.counts(ids));
    }
    for (const panel of document.querySelectorAll(".qa-progress-home")) {
      paintBar(panel.querySelector("[data-qa-progress]"), store.counts(everyId));
    }
    paintWeakest(entries);
    const due = store.counts(everyId).due;
    for (const p of document.querySelectorAll(".qa-due")) {
      p.querySelector(".qa-due__text").textContent =
        due === 0 ? "Nothing is due for review today." : `${due} ${due === 1 ? "question is" : "questions are"} due for review today.`;
      p.querySelector("a").hidden = due === 0;
    }
  };

  /* The progress page's weakest questions: lowest last self-check score first, then the oldest. */
  const WEAKEST = 10;
  const paintWeakest = (entries) => {
    for (const panel of document.querySelectorAll(".qa-weakest")) {
      const rows = [...panel.querySelectorAll("li[data-id]")];
      const scored = rows
        .filter((li) => entries[li.dataset.id]?.score)
        .sort((a, b) => {
          const [x, y] = [entries[a.dataset.id].score, entries[b.dataset.id].score];
          return x.said / x.of - y.said / y.of || (x.on || "").localeCompare(y.on || "");
        })
        .slice(0, WEAKEST);
      for (const li of rows) li.hidden = !scored.includes(li);
      for (const li of scored) {
        const { said, of } = entries[li.dataset.id].score;
        li.querySelector(".qa-weakest__score").textContent = ` · ${said} of ${of} key points`;
      }
      panel.querySelector("ol").replaceChildren(...scored, ...rows.filter((li) => !scored.includes(li)));
      panel.querySelector(".qa-weakest__empty").hidden = scored.length > 0;
    }
  };

  /* ------------------------------------------------------------- actions */

  const message = (text, isError = false) => {
    const el = document.querySelector(".qa-progress-message");
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("qa-progress-message--error", isError);
  };

  const download = () => {
    const blob = new Blob([JSON.stringify(store.exportData(), null, 2)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `mlops-interview-guide-progress-${today()}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    const n = Object.keys(load()).length;
    message(`Exported your progress on ${n} ${n === 1 ? "question" : "questions"}.`);
  };

  const importFile = async (input) => {
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const n = store.importData(JSON.parse(await file.text()));
      message(`Imported progress on ${n} ${n === 1 ? "question" : "questions"}.`);
    } catch (err) {
      message(`Could not import ${file.name}: ${err instanceof SyntaxError ? "it is not a JSON file." : err.message}`, true);
    }
    input.value = "";
  };

  const reset = () => {
    const n = Object.keys(load()).length;
    if (!n) return message("There is no progress to reset.");
    if (!window.confirm(`Reset your progress on ${n} ${n === 1 ? "question" : "questions"}? This cannot be undone.`)) return message("Nothing was reset.");
    store.reset();
    message("Your progress was reset.");
  };

  document.addEventListener("click", (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    const mark = target?.closest("button[data-mark]");
    if (mark) {
      const wrapper = mark.closest("div.qa[data-question-id]");
      const id = wrapper.dataset.questionId;
      store.mark(id, store.state(id) === mark.dataset.mark ? "none" : mark.dataset.mark);
      return;
    }
    const filter = target?.closest("button[data-filter]");
    if (filter) {
      filter.closest(".qa-level-summary").dataset.showing = filter.dataset.filter;
      applyFilter(filter.closest(".qa-level-summary"));
      return;
    }
    const expand = target?.closest("button[data-expand]");
    if (expand) {
      const level = expand.closest(".qa-level-summary").dataset.level;
      for (const w of levelWrappers(level)) {
        const details = w.querySelector(":scope > details");
        if (details) details.open = expand.dataset.expand === "open";
      }
      return;
    }
    const action = target?.closest("button[data-progress-action]")?.dataset.progressAction;
    if (action === "export") download();
    if (action === "reset") reset();
  });

  document.addEventListener("change", (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.target.dataset.progressAction === "import") importFile(ev.target);
  });

  /* A link to a question hidden by a filter (deep link, search hit, related question) shows every question again. */
  target$.subscribe((target) => {
    const wrapper = target.closest("div.qa[hidden]");
    const summary = wrapper && document.querySelector(`.qa-level-summary[data-level="${wrapper.dataset.level}"]`);
    if (!summary) return;
    summary.dataset.showing = "all";
    applyFilter(summary);
    target.scrollIntoView();
  });

  window.addEventListener(EVENT, paint);
  window.addEventListener("storage", (ev) => {
    if (ev.key === KEY || ev.key === null) paint();
  });

  /* The controls are rendered into the pages (macros/controls.py); this only paints them. */
  document$.subscribe(paint);
})();
