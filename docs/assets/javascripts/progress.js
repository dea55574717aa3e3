/* Study progress: "I know this" / "Review again" on every question, kept in this browser.
 *
 * The marks live in the progress document (storage.js), keyed by question id, so
 * they survive reloads, reordering and new content. Each mark also schedules the
 * question's next review with FSRS (srs.js): a question you did not know comes
 * back the next day, one you knew waits longer the better you knew it.
 *
 * The store is exposed as `window.qaProgress` for the quiz, the plan and the home
 * page. The page parts (buttons on questions, bars and filters on level pages,
 * cards on the home page, the progress page) are painted on every `document$`
 * emission, so they survive instant navigation; every listener is delegated from
 * `document`, bound once.
 */
(() => {
  const storage = window.qaStorage;
  const srs = window.qaSrs;
  const { today, isoDate, daysBetween } = storage;
  const WEAK_SHARE = 0.6; // a last self-check under 60% of the key points makes a question weak

  /* ---------------------------------------------------------------- store */

  const load = () => storage.load().questions;

  /* The entry after marking `state`, scheduled by FSRS from `base` (the entry before, or null). */
  const next = async (state, base, score, quick) => {
    const now = new Date();
    const grade = srs.rating(state === "known", score, quick);
    const card = await srs.review(base ? base.card : null, grade, now);
    const entry = { state, updated: now.toISOString(), first: base?.first || today(), due: isoDate(new Date(card.due)), rating: grade, card };
    const last = score ? { said: score.said, of: score.of, on: today() } : base?.score;
    if (last) entry.score = last;
    if (base?.legacy) entry.legacy = base.legacy;
    return entry;
  };

  /* Weak: last marked "didn't know", or the last self-check under WEAK_SHARE of the key points. */
  const isWeak = (e) => Boolean(e && (e.state === "review" || (e.score && e.score.said < WEAK_SHARE * e.score.of)));
  const share = (e) => (e?.score ? e.score.said / e.score.of : e?.state === "review" ? 0 : 1);

  const store = {
    key: storage.key,
    root: storage.root,
    today,
    weakShare: WEAK_SHARE,
    all: load,
    entry: (id) => load()[id] || null,
    state: (id) => load()[id]?.state || "none",
    isDue: (entry, day = today()) => Boolean(entry && entry.due <= day),
    isWeak,
    /* Mark a question; options: `from` (the entry to schedule from; default the stored one),
       `score` (the quiz self-check, {said, of}, kept as the last score) and `quick` (answered
       within the level's minutes). Resolves to the new entry (null when the mark is taken off). */
    async mark(id, state, { from, score, quick = false } = {}) {
      const base = from === undefined ? load()[id] || null : from;
      const entry = state === "none" ? null : await next(state, base, score, quick);
      storage.update((doc) => {
        if (entry) doc.questions[id] = entry;
        else delete doc.questions[id];
      });
      return entry;
    },
    counts(ids) {
      const entries = load();
      const day = today();
      const c = { total: ids.length, known: 0, review: 0, none: 0, due: 0, weak: 0 };
      for (const id of ids) {
        const e = entries[id];
        c[e ? e.state : "none"] += 1;
        if (e && e.due <= day) c.due += 1;
        if (isWeak(e)) c.weak += 1;
      }
      return c;
    },
    /* The weak questions among `ids`, least likely to be recalled first (FSRS retrievability),
       then the lowest last score. */
    async weakest(ids) {
      const entries = load();
      const weak = ids.filter((id) => isWeak(entries[id]));
      if (!weak.length) return weak;
      await srs.ready().catch(() => null); // offline without the library: order by score alone
      const now = new Date();
      const r = new Map(weak.map((id) => [id, srs.retrievability(entries[id].card, now)]));
      return weak.sort((a, b) => r.get(a) - r.get(b) || share(entries[a]) - share(entries[b]));
    },
    recall: (entry) => srs.retrievability(entry?.card, new Date()),
    describe(entry) {
      if (!entry) return "";
      const days = daysBetween(today(), entry.due);
      if (days <= 0) return "Due for review today";
      return days === 1 ? "Next review tomorrow" : `Next review in ${days} days`;
    },
    exportData: storage.exportData,
    importData: storage.importData,
    reset: () =>
      storage.update((doc) => {
        doc.questions = storage.dict();
        doc.plan = null;
        doc.session = null;
      }),
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
    paintWeakest(everyId);
    paintDue(everyId);
    paintProblem();
  };

  /* "Due today" with "Quiz what's due" and "Quiz my weakest" (home page and progress page). */
  const paintDue = (everyId) => {
    const { due, weak } = store.counts(everyId);
    for (const p of document.querySelectorAll(".qa-due")) {
      setText(
        p.querySelector(".qa-due__text"),
        due === 0 ? "Nothing is due for review today." : `${due} ${due === 1 ? "question is" : "questions are"} due for review today.`,
      );
      const dueLink = p.querySelector("[data-due-link=due]");
      if (dueLink) dueLink.hidden = due === 0;
      const weakLink = p.querySelector("[data-due-link=weakest]");
      if (weakLink) weakLink.hidden = weak === 0;
    }
  };

  /* The progress page's weakest questions: only weak ones (store.isWeak), least likely recalled first. */
  const WEAKEST = 10;
  let weakestRun = 0;
  const paintWeakest = async (everyId) => {
    const panels = [...document.querySelectorAll(".qa-weakest")];
    if (!panels.length) return;
    const run = ++weakestRun;
    const order = (await store.weakest(everyId)).slice(0, WEAKEST);
    if (run !== weakestRun) return; // a newer paint is on its way
    const entries = load();
    for (const panel of panels) {
      const rows = [...panel.querySelectorAll("li[data-id]")];
      const byId = new Map(rows.map((li) => [li.dataset.id, li]));
      const shown = order.map((id) => byId.get(id)).filter(Boolean);
      for (const li of rows) li.hidden = !shown.includes(li);
      for (const li of shown) {
        const e = entries[li.dataset.id];
        const said = e.score ? `${e.score.said} of ${e.score.of} key points` : "marked “didn’t know”";
        const recall = srs.loaded() ? ` · recall now about ${Math.round(100 * store.recall(e))}%` : "";
        setText(li.querySelector(".qa-weakest__score"), ` · ${said}${recall}`);
      }
      panel.querySelector("ol").replaceChildren(...shown, ...rows.filter((li) => !shown.includes(li)));
      panel.querySelector(".qa-weakest__empty").hidden = shown.length > 0;
    }
  };

  /* Stored progress that could not be read: say so, and offer its copy. */
  const paintProblem = () => {
    const problem = storage.problem();
    for (const el of document.querySelectorAll(".qa-storage-problem")) {
      el.hidden = !problem;
      if (!problem) continue;
      const what =
        problem.reason === "unreadable entries"
          ? `${problem.bad} ${problem.bad === 1 ? "entry" : "entries"} of your saved progress could not be read`
          : problem.reason.startsWith("version ")
            ? `Your saved progress is from a newer version of the guide (${problem.reason}) and could not be read`
            : "Your saved progress could not be read (it is damaged)";
      setText(
        el.querySelector(".qa-storage-problem__text"),
        `${what}. Nothing was thrown away: a copy of what was stored is kept in this browser. Download it to keep it or to report the problem.`,
      );
    }
  };

  /* ------------------------------------------------------------- actions */

  const message = (text, isError = false) => {
    const el = document.querySelector(".qa-progress-message");
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("qa-progress-message--error", isError);
  };

  const saveFile = (text, name) => {
    const blob = new Blob([text], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  };

  const download = () => {
    saveFile(JSON.stringify(store.exportData(), null, 2), `mlops-interview-guide-progress-${today()}.json`);
    const n = Object.keys(load()).length;
    message(`Exported your progress on ${n} ${n === 1 ? "question" : "questions"}.`);
  };

  const importFile = async (input) => {
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const { count: n, bad } = store.importData(JSON.parse(await file.text()));
      const skipped = bad ? ` ${bad} ${bad === 1 ? "entry" : "entries"} in the file could not be read and ${bad === 1 ? "was" : "were"} left out.` : "";
      message(`Imported progress on ${n} ${n === 1 ? "question" : "questions"}.${skipped}`, bad > 0);
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
      store.mark(id, store.state(id) === mark.dataset.mark ? "none" : mark.dataset.mark).catch(() => {
        setText(wrapper.querySelector(".qa-mark-status"), "Could not save: the scheduler did not load. Reload the page and try again.");
      });
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
    if (action === "copy-download") saveFile(storage.problem()?.raw || "", `mlops-interview-guide-unreadable-progress-${today()}.json`);
    if (action === "copy-delete") storage.dropCopy();
  });

  document.addEventListener("change", (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.target.dataset.progressAction === "import") importFile(ev.target);
  });

  /* A mark is about to be made: fetch the scheduler (once) so it saves at once. */
  const warm = (ev) => {
    if (ev.target instanceof Element && ev.target.closest("button[data-mark]")) srs.ready().catch(() => null);
  };
  document.addEventListener("pointerover", warm, { passive: true });
  document.addEventListener("focusin", warm);

  /* A link to a question hidden by a filter (deep link, search hit, related question) shows every question again. */
  target$.subscribe((target) => {
    const wrapper = target.closest("div.qa[hidden]");
    const summary = wrapper && document.querySelector(`.qa-level-summary[data-level="${wrapper.dataset.level}"]`);
    if (!summary) return;
    summary.dataset.showing = "all";
    applyFilter(summary);
    target.scrollIntoView();
  });

  window.addEventListener(storage.event, paint);
  window.addEventListener("storage", (ev) => {
    if (ev.key === storage.key || ev.key === storage.copyKey || ev.key === null) paint();
  });

  /* The controls are rendered into the pages (macros/controls.py); this only paints them. */
  document$.subscribe(paint);
})();
