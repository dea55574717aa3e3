/* The quiz (/quiz/): one question at a time, answered aloud, then checked against its key points.
 *
 * The questions and answers are the ones rendered on the level pages (fetched by
 * window.qaSets, study-set.js): there is no second copy of the content. Marks go
 * into the progress store (window.qaProgress), which schedules the next review
 * with FSRS from the mark, the self-check and the time taken.
 *
 * After "Show answer" the key points come first, as a checklist, with the marks;
 * the full answer follows below. The quiz in progress (its questions, order,
 * position, what was revealed and ticked) is kept with the progress (storage.js),
 * so a reload, Back or a visit to another page loses nothing: `quiz/?resume`
 * continues it, and the home page and the quiz setup offer "Resume".
 *
 * Entry points: the setup form; `?quick=N` (a shuffled draw across the levels
 * answered in a few minutes); `?draw=due|weakest&start=1`; a study-set link
 * `?ids=a,b,c` (exactly those, in that order); `?resume`.
 *
 * Keys while a question is shown: Space reveals the answer, 1 to 9 tick the key
 * points you said, K "I knew it", R "I didn't", N next question.
 */
(() => {
  const DRAWS = [
    ["all", "Every matching question"],
    ["open", "Not known yet (“review” and “not yet”)"],
    ["review", "Only “review”"],
    ["none", "Only “not yet”"],
    ["due", "Due for review today"],
    ["weakest", "My weakest"],
  ];
  const COUNTS = ["5", "10", "20", "all"];
  const QUICK_MINUTES = 3; // the quick start draws from levels answered in at most this many minutes
  let quiz = null; // the quiz on the current page: { container, index, deck, s (the session) }
  let ticker = null;

  const store = () => window.qaProgress;
  const storage = window.qaStorage;
  const { h, shuffle, markdownText } = window.qaSets;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const quizUrl = (search = "") => `${new URL("quiz/", storage.root()).pathname}${search}`;

  /* --------------------------------------------------------------- session */

  /* The stored session, with its per-question maps as Maps (ids are never object keys). */
  const readSession = () => {
    const s = storage.load().session;
    if (!s || !Array.isArray(s.ids) || !s.ids.every((id) => typeof id === "string") || !s.ids.length) return null;
    const map = (pairs) => new Map(Array.isArray(pairs) ? pairs.filter((p) => Array.isArray(p) && typeof p[0] === "string") : []);
    return {
      ids: s.ids,
      at: Number.isInteger(s.at) ? Math.min(Math.max(s.at, 0), s.ids.length - 1) : 0,
      revealed: s.revealed === true,
      done: s.done === true,
      results: map(s.results),
      scores: map(s.scores),
      ticks: map(s.ticks),
      times: map(s.times),
      before: map(s.before),
      spent: Number.isFinite(s.spent) ? s.spent : 0,
      started: typeof s.started === "string" ? s.started : "",
    };
  };

  const newSession = (ids) => ({
    ids,
    at: 0,
    revealed: false,
    done: false,
    results: new Map(),
    scores: new Map(),
    ticks: new Map(),
    times: new Map(),
    before: new Map(),
    spent: 0,
    started: new Date().toISOString(),
  });

  /* Time spent on the current question so far (paused while the page is away). */
  let since = null;
  const spent = () => quiz.s.spent + (since === null ? 0 : Date.now() - since);

  const saveSession = () => {
    if (!quiz?.s) return;
    const s = quiz.s;
    const pairs = (m) => [...m.entries()];
    storage.update((doc) => {
      doc.session = {
        ids: s.ids,
        at: s.at,
        revealed: s.revealed,
        done: s.done,
        results: pairs(s.results),
        scores: pairs(s.scores),
        ticks: pairs(s.ticks),
        times: pairs(s.times),
        before: pairs(s.before),
        spent: s.revealed ? s.spent : spent(),
        started: s.started,
      };
    });
  };

  const clearSession = () => storage.update((doc) => (doc.session = null));

  const prefs = () => storage.load().prefs;

  /* ---------------------------------------------------------------- setup */

  const choices = (form) => ({
    levels: [...form.querySelectorAll("input[name=level]:checked")].map((i) => i.value),
    topics: [...form.querySelectorAll("input[name=topic]:checked")].map((i) => i.value),
    draw: form.querySelector("input[name=draw]:checked")?.value || "all",
    shuffle: form.querySelector("input[name=shuffle]").checked,
    count: form.querySelector("select[name=count]").value,
  });

  /* The ids matching the choices, in the guide's order (weakest: weakest first). */
  const matching = async (index, { levels, topics, draw }) => {
    const inTopics = topics.length ? new Set(index.topics.filter((t) => topics.includes(t.id)).flatMap((t) => t.ids)) : null;
    const entries = store().all();
    const day = store().today();
    const keep = {
      all: () => true,
      open: (e) => !e || e.state === "review",
      review: (e) => e?.state === "review",
      none: (e) => !e,
      due: (e) => store().isDue(e, day),
      weakest: (e) => store().isWeak(e),
    }[draw];
    const ids = index.levels
      .filter((l) => levels.includes(l.id))
      .flatMap((l) => l.ids)
      .filter((id) => (!inTopics || inTopics.has(id)) && keep(entries[id] || null));
    return draw === "weakest" ? store().weakest(ids) : ids;
  };

  const pick = (ids, { shuffle: mix, count, draw }) => {
    const ordered = mix && draw !== "weakest" ? shuffle(ids) : ids;
    return count === "all" ? ordered : ordered.slice(0, Number(count) || 10);
  };

  /* "Resume" on the setup screen when a quiz is under way. */
  const resumeBanner = () => {
    const s = readSession();
    if (!s || s.done) return "";
    return h(
      "div",
      { class: "qa-quiz-resume", role: "group", "aria-label": "Quiz in progress" },
      h("p", { text: `You have a quiz in progress: question ${s.at + 1} of ${s.ids.length}.` }),
      h(
        "div",
        { class: "qa-quiz-actions" },
        h("button", { type: "button", class: "qa-btn qa-btn--primary", "data-quiz": "resume", text: "Resume" }),
        h("button", { type: "button", class: "qa-btn", "data-quiz": "discard", text: "Discard it" }),
      ),
    );
  };

  const setupView = (container, index) => {
    const params = new URLSearchParams(location.search);
    const wantLevels = (params.get("levels") || "").split(",").filter(Boolean);
    const wantTopics = (params.get("topics") || "").split(",").filter(Boolean);
    const wantDraw = DRAWS.some(([v]) => v === params.get("draw")) ? params.get("draw") : "all";
    const wantCount = COUNTS.includes(params.get("count")) ? params.get("count") : "10";
    const check = window.qaSets.choice;
    const { timer, record } = prefs();
    const more = wantTopics.length > 0 || wantDraw !== "all";
    const form = h(
      "form",
      { class: "qa-quiz-setup", "aria-label": "Set up the quiz" },
      h(
        "fieldset",
        { class: "qa-quiz-levels" },
        h("legend", { text: "Levels" }),
        ...index.levels.map((l) => check("level", l, !wantLevels.length || wantLevels.includes(l.id))),
      ),
      h(
        "div",
        { class: "qa-quiz-go" },
        h(
          "p",
          { class: "qa-quiz-field" },
          h("label", { for: "qa-quiz-count", text: "Questions" }),
          h(
            "select",
            { id: "qa-quiz-count", name: "count" },
            ...COUNTS.map((n) => h("option", { value: n, selected: n === wantCount, text: n === "all" ? "All matching" : n })),
          ),
        ),
        h("button", { type: "submit", class: "qa-btn qa-btn--primary", "data-quiz": "start", text: "Start the quiz" }),
      ),
      h("p", { class: "qa-quiz-match", "aria-live": "polite" }),
      h(
        "details",
        { class: "qa-quiz-more", open: more },
        h("summary", { text: "More options" }),
        h(
          "fieldset",
          {},
          h("legend", { text: "Topics (none ticked: every topic)" }),
          ...index.topics.filter((t) => t.ids.length).map((t) => check("topic", t, wantTopics.includes(t.id))),
        ),
        h(
          "fieldset",
          {},
          h("legend", { text: "Which questions" }),
          ...DRAWS.map(([value, label]) =>
            h(
              "label",
              { class: "qa-choice" },
              h("input", { type: "radio", name: "draw", value, checked: value === wantDraw }),
              ` ${label}`,
              value === "due" ? h("span", { class: "qa-choice__n", "data-due-count": "" }) : "",
            ),
          ),
        ),
        h("label", { class: "qa-choice" }, h("input", { type: "checkbox", name: "shuffle", checked: params.get("shuffle") !== "0" }), " Shuffle"),
        h(
          "fieldset",
          {},
          h("legend", { text: "Practise aloud" }),
          h("label", { class: "qa-choice" }, h("input", { type: "checkbox", name: "timer", checked: timer }), " Time my answers (each level’s minutes)"),
          h("label", { class: "qa-choice" }, h("input", { type: "checkbox", name: "record", checked: record }), " Record my answers to play back"),
          h("p", { class: "qa-quiz-note", text: "Recordings stay on this device: nothing is uploaded or kept after the question." }),
        ),
      ),
    );
    const update = async () => {
      const picked = choices(form);
      const ids = await matching(index, picked);
      const dueAll = (await matching(index, { ...picked, draw: "due" })).length;
      form.querySelector("[data-due-count]").textContent = ` (${dueAll})`;
      form.querySelector(".qa-quiz-match").textContent = ids.length
        ? `${plural(ids.length, "question")} to draw from.`
        : picked.draw === "due"
          ? "Nothing matching is due for review today."
          : picked.draw === "weakest"
            ? "No weak question matches: a question is weak when your last self-check covered under 60% of its key points, or you did not know it."
            : "No question matches: tick more levels or topics.";
      form.querySelector("[data-quiz=start]").disabled = !ids.length;
      return ids;
    };
    form.addEventListener("change", (ev) => {
      if (ev.target.name === "timer" || ev.target.name === "record") {
        storage.update((doc) => (doc.prefs[ev.target.name] = ev.target.checked));
      }
      update();
    });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const picked = choices(form);
      const ids = pick(await matching(index, picked), picked);
      if (ids.length) start(container, index, ids);
    });
    container.replaceChildren(...[resumeBanner(), form].filter(Boolean));
    return update();
  };

  /* The quick start: `n` questions from the levels answered in a few minutes, shuffled, taken
     from each level in turn; questions not known yet first. */
  const quickDraw = (index, n) => {
    const entries = store().all();
    const levels = index.levels.filter((l) => l.minutes <= QUICK_MINUTES && l.ids.length);
    const pools = (levels.length ? levels : index.levels).map((l) => {
      const mixed = shuffle(l.ids);
      return [...mixed.filter((id) => entries[id]?.state !== "known"), ...mixed.filter((id) => entries[id]?.state === "known")];
    });
    const ids = [];
    for (let round = 0; ids.length < n && pools.some((p) => p.length > round); round += 1) {
      for (const p of shuffle(pools)) if (p[round] && ids.length < n) ids.push(p[round]);
    }
    /* Not-known questions first across the draw, so a short session meets new material. */
    return [...ids.filter((id) => entries[id]?.state !== "known"), ...ids.filter((id) => entries[id]?.state === "known")];
  };

  /* ------------------------------------------------------------ questions */

  const load = async (container, index, ids) => {
    container.replaceChildren(h("p", { class: "qa-quiz-loading", role: "status", text: "Loading the questions…" }));
    try {
      return await window.qaSets.questions(ids, index);
    } catch {
      container.replaceChildren(
        h("p", { class: "qa-quiz-error", role: "alert", text: "Could not load the questions. Check your connection and try again." }),
        h("button", { type: "button", class: "qa-btn", "data-quiz": "restart", text: "Back to the quiz settings" }),
      );
      return null;
    }
  };

  /* The address of a running quiz: a reload or Back comes back to it. */
  const markRunning = () => {
    const params = new URLSearchParams(location.search);
    const ids = params.get("ids");
    const search = ids !== null ? `?ids=${ids}&resume` : "?resume";
    if (location.search !== search) history.replaceState(history.state, "", quizUrl(search));
  };

  const start = async (container, index, ids) => {
    const deck = await load(container, index, ids);
    if (!deck || quiz?.container !== container) return;
    quiz.deck = deck;
    quiz.s = newSession(deck.map((c) => c.id));
    markRunning();
    if (!deck.length) return summaryView();
    saveSession();
    cardView();
  };

  const resume = async (container, index, s) => {
    /* The guide may have changed since: renamed questions follow their alias, removed ones drop out. */
    const deck = await load(container, index, window.qaSets.resolve(s.ids, index).ids);
    if (!deck || quiz?.container !== container) return;
    quiz.deck = deck;
    quiz.s = { ...s, ids: deck.map((c) => c.id), at: Math.min(s.at, Math.max(deck.length - 1, 0)) };
    markRunning();
    if (s.done || !deck.length) return summaryView();
    cardView();
  };

  /* ----------------------------------------------------------------- card */

  const titleOf = (card) => {
    const title = card.el.querySelector(".qa-title")?.cloneNode(true);
    title?.querySelectorAll(".headerlink").forEach((n) => n.remove());
    return title;
  };

  const cardView = () => {
    const { deck, s } = quiz;
    const card = deck[s.at];
    const left = deck.length - s.at - 1;
    if (!s.before.has(card.id)) s.before.set(card.id, store().entry(card.id));
    window.qaSrs.ready().catch(() => null); // fetch the scheduler now, so the mark saves at once
    since = s.revealed ? null : Date.now();

    const title = titleOf(card);
    const heading = h("h2", { class: "qa-quiz-question", tabindex: "-1", id: "qa-quiz-question" }, ...(title ? title.childNodes : [card.id]));
    const answer = h("div", { class: "qa-quiz-answer", hidden: true, id: "qa-quiz-answer" });
    const details = card.el.querySelector(":scope > details");
    const check = selfCheck(details, s.ticks.get(card.id) || []); // before the answer takes the nodes
    if (details) {
      answer.append(h("h3", { class: "qa-quiz-answer__title", text: "The full answer" }));
      answer.append(...[...details.childNodes].filter((n) => !(n instanceof Element && n.tagName === "SUMMARY")));
      /* The key points are the checklist above: not twice. */
      const points = answer.querySelector("p.qa-key-points");
      points?.nextElementSibling?.tagName === "OL" && points.nextElementSibling.remove();
      points?.remove();
    }
    const previous = s.before.get(card.id);
    const state = previous ? { known: "known", review: "to review" }[previous.state] : "not yet";
    const { timer, record } = prefs();

    const section = h(
      "section",
      { class: "qa-quiz-card", "data-quiz-id": card.id, "aria-labelledby": "qa-quiz-question" },
      h(
        "p",
        { class: "qa-quiz-meta" },
        h("span", { class: "qa-quiz-count", "data-left": String(left) }, `Question ${s.at + 1} of ${deck.length} · `, left ? `${left} left` : "last question"),
        h("span", { class: "qa-quiz-level" }, ` · ${card.level.title} · your mark so far: ${state}`),
      ),
      heading,
      timer ? timerView(card) : "",
      record ? window.qaRecorder.panel() : "",
      h(
        "div",
        { class: "qa-quiz-actions qa-quiz-reveal" },
        h("button", { type: "button", class: "qa-btn qa-btn--primary", "data-quiz": "reveal", "aria-controls": "qa-quiz-answer", "aria-expanded": "false" }, "Show answer ", h("kbd", { text: "Space" })),
      ),
      check,
      h(
        "div",
        { class: "qa-quiz-actions qa-quiz-grade", role: "group", "aria-label": "How did it go?" },
        h("button", { type: "button", class: "qa-btn qa-mark", "data-quiz": "known", "aria-pressed": "false" }, "I knew it ", h("kbd", { text: "K" })),
        h("button", { type: "button", class: "qa-btn qa-mark", "data-quiz": "review", "aria-pressed": "false" }, "I didn't ", h("kbd", { text: "R" })),
      ),
      check ? h("p", { class: "qa-selfcheck__score", "aria-live": "polite", hidden: true }) : "",
      h("p", { class: "qa-quiz-saved", role: "status" }),
      h(
        "div",
        { class: "qa-quiz-actions" },
        h("button", { type: "button", class: "qa-btn", "data-quiz": "next" }, left ? "Next question " : "See the summary ", h("kbd", { text: "N" })),
        h("button", { type: "button", class: "qa-btn", "data-quiz": "end", text: "End the quiz" }),
      ),
      answer,
    );
    for (const a of section.querySelectorAll("a[href]:not(.qa-permalink)")) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    quiz.container.replaceChildren(section);
    window.qaShare?.enhance();
    if (s.revealed) reveal(true);
    const result = s.results.get(card.id);
    if (result) showGrade(result, store().entry(card.id));
    if (timer) startTicker();
    heading.focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
  };

  /* ------------------------------------------------------------- the timer */

  const clock = (ms) => {
    const sec = Math.round(Math.abs(ms) / 1000);
    return `${ms < 0 ? "+" : ""}${Math.floor(sec / 60)}:${String(sec % 60).padStart(2, "0")}`;
  };

  const timerView = (card) =>
    h(
      "div",
      { class: "qa-quiz-timer", role: "group", "aria-label": `Answer timer, ${plural(card.level.minutes, "minute")}` },
      h("span", { class: "qa-quiz-timer__clock", role: "timer", "aria-live": "off" }),
      h("span", { class: "qa-quiz-timer__label", text: ` of ${plural(card.level.minutes, "minute")}` }),
      h("p", { class: "qa-quiz-timer__status", role: "status" }),
    );

  const paintTimer = () => {
    const el = quiz?.container.querySelector(".qa-quiz-timer");
    if (!el) return stopTicker();
    const card = quiz.deck[quiz.s.at];
    const limit = card.level.minutes * 60000;
    const used = quiz.s.revealed ? quiz.s.times.get(card.id) ?? quiz.s.spent : spent();
    const left = limit - used;
    const text = clock(left); // "+0:15" once over time
    const clockEl = el.querySelector(".qa-quiz-timer__clock");
    if (clockEl.textContent !== text) clockEl.textContent = text;
    el.dataset.state = quiz.s.revealed ? "stopped" : left < 0 ? "over" : "running";
    const status = el.querySelector(".qa-quiz-timer__status");
    const message = quiz.s.revealed
      ? `Answered in ${clock(used)}${used <= limit ? ", within the time" : `, ${clock(limit - used).slice(1)} over`}.`
      : left < 0
        ? "Time is up: wrap up your answer."
        : "";
    if (status.textContent !== message) status.textContent = message;
    if (quiz.s.revealed) stopTicker();
  };

  const startTicker = () => {
    stopTicker();
    paintTimer();
    if (!quiz.s.revealed) ticker = setInterval(paintTimer, 250);
  };
  const stopTicker = () => {
    clearInterval(ticker);
    ticker = null;
  };

  /* ---------------------------------------------------------- self-check */

  /* The answer's key points as a checklist: tick what you actually said (keys 1 to 9). */
  const selfCheck = (details, ticked) => {
    const points = [...(details?.querySelector("p.qa-key-points + ol")?.children || [])];
    if (!points.length) return "";
    return h(
      "fieldset",
      { class: "qa-selfcheck", hidden: true },
      h("legend", { text: "Which of these did you say?" }),
      ...points.map((li, i) =>
        h(
          "label",
          { class: "qa-choice qa-selfcheck__point" },
          h("input", { type: "checkbox", name: "said", value: String(i), checked: ticked.includes(i), "aria-keyshortcuts": i < 9 ? String(i + 1) : false }),
          i < 9 ? h("kbd", { text: String(i + 1) }) : "",
          ` ${li.textContent.trim()}`,
        ),
      ),
    );
  };

  /* Points said, of how many; null when the question has no checklist. */
  const said = (card) => {
    const boxes = [...card.querySelectorAll(".qa-selfcheck input[name=said]")];
    return boxes.length ? { said: boxes.filter((b) => b.checked).length, of: boxes.length } : null;
  };

  /* The suggested mark follows the ticks: all said suggests "I knew it", fewer "I didn't". */
  const suggest = () => {
    const card = quiz?.container.querySelector(".qa-quiz-card");
    const score = card && said(card);
    if (!score) return;
    quiz.s.ticks.set(
      quiz.deck[quiz.s.at].id,
      [...card.querySelectorAll(".qa-selfcheck input[name=said]")].flatMap((b, i) => (b.checked ? [i] : [])),
    );
    const knew = score.said === score.of;
    for (const b of card.querySelectorAll(".qa-quiz-grade [data-quiz]")) {
      b.classList.toggle("qa-suggested", b.dataset.quiz === (knew ? "known" : "review"));
    }
    card.querySelector(".qa-selfcheck__score").textContent =
      `${score.said} of ${score.of} points said: suggested mark “${knew ? "I knew it" : "I didn't"}”. You decide.`;
  };

  const tick = (n) => {
    const box = quiz?.container.querySelectorAll(".qa-quiz-card .qa-selfcheck input[name=said]")[n - 1];
    if (!box || !quiz.s.revealed) return;
    box.checked = !box.checked;
    suggest();
    saveSession();
  };

  /* Show the key points, the marks and the answer; `restoring` when coming back to a revealed card. */
  const reveal = (restoring = false) => {
    const card = quiz?.container.querySelector(".qa-quiz-card");
    if (!card || card.querySelector("[data-quiz=reveal]").hidden) return;
    if (!restoring) {
      quiz.s.spent = spent();
      since = null;
      quiz.s.times.set(quiz.deck[quiz.s.at].id, quiz.s.spent);
      quiz.s.revealed = true;
    }
    if (window.qaRecorder?.recording()) window.qaRecorder.stop();
    const answer = card.querySelector(".qa-quiz-answer");
    answer.hidden = false;
    card.dataset.revealed = "";
    const button = card.querySelector("[data-quiz=reveal]");
    button.setAttribute("aria-expanded", "true");
    button.hidden = true;
    const check = card.querySelector(".qa-selfcheck");
    if (check) {
      check.hidden = false;
      card.querySelector(".qa-selfcheck__score").hidden = false;
      suggest();
    }
    paintTimer();
    window.qaDiagrams.draw(answer); // mermaid-loader.js: readable size, full-screen view
    if (!restoring) saveSession();
  };

  const showGrade = (state, entry) => {
    const card = quiz.container.querySelector(".qa-quiz-card");
    for (const b of card.querySelectorAll(".qa-quiz-grade [data-quiz]")) b.setAttribute("aria-pressed", String(b.dataset.quiz === state));
    card.querySelector(".qa-quiz-saved").textContent = `Saved: ${state === "known" ? "you knew it" : "to review"}. ${store().describe(entry)}.`;
  };

  const grade = async (state) => {
    const card = quiz?.container.querySelector(".qa-quiz-card");
    if (!card) return;
    reveal();
    const current = quiz.deck[quiz.s.at];
    const ticked = said(card);
    const score = ticked && ticked.said > 0 ? ticked : null; // nothing ticked: the self-check was not used
    const quick = (quiz.s.times.get(current.id) ?? Infinity) <= current.level.minutes * 60000;
    let entry;
    try {
      entry = await store().mark(current.id, state, { from: quiz.s.before.get(current.id), score, quick });
    } catch {
      card.querySelector(".qa-quiz-saved").textContent = "Could not save: the scheduler did not load. Check your connection and try again.";
      return;
    }
    if (quiz.container.querySelector(".qa-quiz-card") !== card) return;
    quiz.s.results.set(current.id, state);
    if (score) quiz.s.scores.set(current.id, score);
    saveSession();
    showGrade(state, entry);
  };

  const next = () => {
    if (!quiz?.container.querySelector(".qa-quiz-card")) return;
    if (!quiz.s.revealed) quiz.s.spent = spent();
    window.qaRecorder?.discard();
    quiz.s.at += 1;
    quiz.s.revealed = false;
    quiz.s.spent = 0;
    if (quiz.s.at < quiz.deck.length) {
      saveSession();
      cardView();
    } else summaryView();
  };

  /* -------------------------------------------------------------- summary */

  const LABEL = { known: "knew it", review: "to review" };

  const markdownOf = (rows, totals) => {
    return [
      `**Quiz** (${plural(rows.length, "question")}): ${totals.known} knew it, ${totals.review} to review, ${totals.skipped} skipped`,
      "",
      ...rows.map(
        (r, i) =>
          `${i + 1}. **${markdownText(r.text)}** (${markdownText(r.card.level.title)}): ${LABEL[r.result] || "skipped"}` +
          `${r.score ? `, ${r.score.said}/${r.score.of} key points` : ""}${r.time !== undefined ? `, ${clock(r.time)}` : ""}`,
      ),
      "",
      `Questions: ${window.qaSets.link("quiz", rows.map((r) => r.card.id))}`,
    ].join("\n");
  };

  const summaryView = () => {
    stopTicker();
    window.qaRecorder?.discard();
    const { deck, s, container } = quiz;
    if (!s.done) {
      s.at = Math.min(s.at, deck.length - 1);
      s.done = true;
      saveSession();
    }
    const reached = deck.slice(0, Math.min(s.at + 1, deck.length));
    const rows = reached.map((card) => ({
      card,
      text: titleOf(card)?.textContent.trim() || card.id,
      result: s.results.get(card.id),
      score: s.scores.get(card.id),
      time: s.times.get(card.id),
    }));
    const count = (state) => rows.filter((r) => r.result === state).length;
    const totals = { known: count("known"), review: count("review") };
    totals.skipped = rows.length - totals.known - totals.review;
    quiz.markdown = markdownOf(rows, totals);
    const heading = h("h2", { tabindex: "-1", text: "Your quiz" });
    container.replaceChildren(
      h(
        "section",
        { class: "qa-quiz-summary", "aria-label": "Quiz summary" },
        heading,
        h(
          "p",
          { class: "qa-quiz-totals" },
          h("strong", { "data-total": "known", text: String(totals.known) }),
          " knew it · ",
          h("strong", { "data-total": "review", text: String(totals.review) }),
          " to review · ",
          h("strong", { "data-total": "skipped", text: String(totals.skipped) }),
          ` skipped, of ${plural(rows.length, "question")}${rows.length < deck.length ? ` (${deck.length - rows.length} not reached)` : ""}.`,
        ),
        h(
          "ol",
          { class: "qa-quiz-results" },
          ...rows.map((r) =>
            h(
              "li",
              { "data-result": r.result || "skipped" },
              h("a", { href: `${r.card.url}#${r.card.id}`, text: r.text }),
              ` · ${LABEL[r.result] || "skipped"}`,
              r.score ? h("span", { class: "qa-quiz-score", text: ` · ${r.score.said}/${r.score.of} key points` }) : "",
              r.time !== undefined ? h("span", { class: "qa-quiz-time", text: ` · ${clock(r.time)}` }) : "",
            ),
          ),
        ),
        h(
          "div",
          { class: "qa-quiz-actions" },
          totals.review
            ? h("button", { type: "button", class: "qa-btn qa-btn--primary", "data-quiz": "again", text: `Quiz the ${plural(totals.review, "question")} to review` })
            : "",
          h("button", { type: "button", class: "qa-btn", "data-quiz": "markdown", text: "Copy as Markdown" }),
          h("button", { type: "button", class: "qa-btn", "data-quiz": "restart", text: "New quiz" }),
        ),
        h("p", { class: "qa-quiz-copied", role: "status" }),
        h(
          "p",
          { class: "qa-quiz-field qa-quiz-fallback", hidden: true },
          h("label", { for: "qa-quiz-markdown", text: "Markdown summary (select it and copy)" }),
          h("textarea", { id: "qa-quiz-markdown", readonly: true, rows: "8" }),
        ),
      ),
    );
    heading.focus({ preventScroll: true });
    container.scrollIntoView({ block: "start" });
  };

  const copyMarkdown = async () => {
    const summary = quiz.container.querySelector(".qa-quiz-summary");
    const ok = await window.qaShare.copyText(quiz.markdown);
    summary.querySelector(".qa-quiz-copied").textContent = ok ? "Copied the summary as Markdown." : "Could not copy: select the Markdown below and copy it.";
    const fallback = summary.querySelector(".qa-quiz-fallback");
    fallback.hidden = ok;
    if (!ok) {
      const area = fallback.querySelector("textarea");
      area.value = quiz.markdown;
      area.focus();
      area.select();
    }
  };

  /* -------------------------------------------------------------- wiring */

  const restart = () => {
    stopTicker();
    window.qaRecorder?.discard();
    clearSession();
    quiz.s = null;
    history.replaceState(history.state, "", quizUrl());
    setupView(quiz.container, quiz.index);
  };

  document.addEventListener("change", (ev) => {
    if (ev.target instanceof Element && ev.target.closest(".qa-quiz .qa-selfcheck")) {
      suggest();
      saveSession();
    }
  });

  document.addEventListener("click", (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest(".qa-quiz [data-quiz]") : null;
    if (!button || !quiz) return;
    const action = button.dataset.quiz;
    if (action === "reveal") reveal();
    else if (action === "known" || action === "review") grade(action);
    else if (action === "next") next();
    else if (action === "end") {
      if (!quiz.s.revealed) quiz.s.spent = spent();
      summaryView();
    } else if (action === "restart") restart();
    else if (action === "markdown") copyMarkdown();
    else if (action === "resume") {
      const s = readSession();
      if (s) resume(quiz.container, quiz.index, s);
    } else if (action === "discard") {
      clearSession();
      button.closest(".qa-quiz-resume")?.remove();
    } else if (action === "again") {
      const ids = quiz.deck.filter((c) => quiz.s.results.get(c.id) === "review").map((c) => c.id);
      start(quiz.container, quiz.index, shuffle(ids));
    }
  });

  /* Shortcuts, only while a question is shown; they win over Material's own (n is "next page" there). */
  document.addEventListener("keydown", (ev) => {
    if (!quiz || !quiz.container.isConnected || !quiz.container.querySelector(".qa-quiz-card")) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    const t = ev.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || t?.isContentEditable) return;
    if (document.querySelector("[data-md-toggle=search]:checked")) return;
    if (ev.key === " " && t instanceof Element && t.closest("button, a[href], summary, audio")) return; // Space presses a focused control
    const keys = { " ": () => reveal(), k: () => grade("known"), r: () => grade("review"), n: next };
    for (let n = 1; n <= 9; n += 1) keys[String(n)] = () => tick(n);
    const action = keys[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key];
    if (!action) return;
    ev.preventDefault();
    ev.stopPropagation();
    action();
  });

  /* Leaving the page or the tab: keep the time spent so far, and stop counting while away. */
  document.addEventListener("visibilitychange", () => {
    if (!quiz?.s || quiz.s.revealed || quiz.s.done || !quiz.container.isConnected) return;
    if (document.hidden) {
      quiz.s.spent = spent();
      since = null;
      saveSession();
    } else since = Date.now();
  });

  document$.subscribe(() => {
    if (quiz?.s && !quiz.s.done && !quiz.s.revealed && since !== null) {
      quiz.s.spent = spent(); // instant navigation away from a running question
      saveSession();
    }
    stopTicker();
    window.qaRecorder?.discard();
    const container = document.querySelector(".qa-quiz:not([data-qa-enhanced])");
    quiz = null;
    since = null;
    if (!container || !store()) return;
    container.setAttribute("data-qa-enhanced", "");
    const index = window.qaSets.readIndex();
    quiz = { container, index, deck: [], s: null };
    const params = new URLSearchParams(location.search);
    const named = window.qaSets.fromUrl();
    const session = readSession();
    const set = named === null ? null : window.qaSets.resolve(named, index);
    const notice = set && window.qaSets.notice(set);
    if (notice) container.before(notice);
    /* ?resume: the stored quiz (for a set link, only if it is that set). */
    if (params.has("resume") && session && (!set || set.ids.join(",") === session.ids.join(","))) return resume(container, index, session);
    if (set) return set.ids.length ? start(container, index, set.ids) : setupView(container, index);
    const quick = Number(params.get("quick"));
    if (Number.isInteger(quick) && quick > 0) return start(container, index, quickDraw(index, Math.min(quick, 50)));
    setupView(container, index).then((ids) => {
      if (params.get("start") === "1" && ids.length && quiz?.container === container) {
        const form = container.querySelector(".qa-quiz-setup");
        start(container, index, pick(ids, choices(form)));
      }
    });
  });
})();
