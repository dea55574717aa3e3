/* The quiz (/quiz/): one question at a time from chosen levels and topics.
 *
 * The questions and answers are the ones rendered on the level pages: the quiz
 * fetches those pages (same origin) and takes their `div.qa` blocks, so there is
 * no second copy of the content. Marks go into the same progress store as the
 * buttons on the level pages (window.qaProgress, from progress.js), including
 * the Leitner schedule behind "due for review today".
 *
 * Keys while a question is shown: Space reveals the answer, 1 to 5 tick the key
 * points you said (the self-check suggests a mark from them), K "I knew it",
 * R "I didn't", N next question. A study-set link (quiz/?ids=a,b,c) starts
 * straight away with exactly those questions, in that order.
 */
(() => {
  const DRAWS = [
    ["all", "Every matching question"],
    ["open", "Not known yet (“review” and “not yet”)"],
    ["review", "Only “review”"],
    ["none", "Only “not yet”"],
    ["due", "Due for review today"],
  ];
  let quiz = null; // the running quiz on the current page

  const store = () => window.qaProgress;

  const { h, shuffle } = window.qaSets;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;


  /* ---------------------------------------------------------------- setup */

  const choices = (form) => ({
    levels: [...form.querySelectorAll("input[name=level]:checked")].map((i) => i.value),
    topics: [...form.querySelectorAll("input[name=topic]:checked")].map((i) => i.value),
    draw: form.querySelector("input[name=draw]:checked")?.value || "all",
    shuffle: form.querySelector("input[name=shuffle]").checked,
  });

  const matching = (index, { levels, topics, draw }) => {
    const inTopics = topics.length ? new Set(index.topics.filter((t) => topics.includes(t.id)).flatMap((t) => t.ids)) : null;
    const entries = store().all();
    const day = store().today();
    const keep = {
      all: () => true,
      open: (e) => !e || e.state === "review",
      review: (e) => e?.state === "review",
      none: (e) => !e,
      due: (e) => store().isDue(e, day),
    }[draw];
    return index.levels
      .filter((l) => levels.includes(l.id))
      .flatMap((l) => l.ids)
      .filter((id) => (!inTopics || inTopics.has(id)) && keep(entries[id]));
  };

  const setupView = (container, index) => {
    const params = new URLSearchParams(location.search);
    const wantLevels = (params.get("levels") || "").split(",").filter(Boolean);
    const wantTopics = (params.get("topics") || "").split(",").filter(Boolean);
    const wantDraw = DRAWS.some(([v]) => v === params.get("draw")) ? params.get("draw") : "all";
    const check = window.qaSets.choice;
    const form = h(
      "form",
      { class: "qa-quiz-setup", "aria-label": "Set up the quiz" },
      h(
        "fieldset",
        {},
        h("legend", { text: "Levels" }),
        ...index.levels.map((l) => check("level", l, !wantLevels.length || wantLevels.includes(l.id))),
      ),
      h(
        "fieldset",
        {},
        h("legend", { text: "Topics (none ticked: every topic)" }),
        ...index.topics.filter((t) => t.ids.length).map((t) => check("topic", t, wantTopics.includes(t.id))),
      ),
      h(
        "fieldset",
        {},
        h("legend", { text: "Questions" }),
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
      h("p", { class: "qa-quiz-match", "aria-live": "polite" }),
      h("button", { type: "submit", class: "qa-btn qa-btn--primary", "data-quiz": "start", text: "Start the quiz" }),
    );
    const update = () => {
      const ids = matching(index, choices(form));
      const dueAll = matching(index, { ...choices(form), draw: "due" }).length;
      form.querySelector("[data-due-count]").textContent = ` (${dueAll})`;
      form.querySelector(".qa-quiz-match").textContent = ids.length
        ? `${plural(ids.length, "question")} to draw from.`
        : choices(form).draw === "due"
          ? "Nothing matching is due for review today."
          : "No question matches: tick more levels or topics.";
      form.querySelector("[data-quiz=start]").disabled = !ids.length;
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const picked = choices(form);
      const ids = matching(index, picked);
      if (ids.length) start(container, index, picked.shuffle ? shuffle(ids) : ids);
    });
    container.replaceChildren(form);
    update();
  };

  /* ------------------------------------------------------------ questions */

  const start = async (container, index, ids, note = "") => {
    container.replaceChildren(h("p", { class: "qa-quiz-loading", role: "status", text: "Loading the questions…" }));
    let deck;
    try {
      deck = await window.qaSets.questions(ids, index);
    } catch {
      container.replaceChildren(
        h("p", { class: "qa-quiz-error", role: "alert", text: "Could not load the questions. Check your connection and try again." }),
        h("button", { type: "button", class: "qa-btn", "data-quiz": "restart", text: "Back to the quiz settings" }),
      );
      return;
    }
    quiz = { container, index, deck, at: 0, results: new Map(), before: new Map(), revealed: false };
    if (!deck.length) return summaryView();
    cardView();
  };

  /* ----------------------------------------------------------------- card */

  const cardView = () => {
    const { deck, at } = quiz;
    const card = deck[at];
    const left = deck.length - at - 1;
    quiz.revealed = false;
    quiz.before.set(card.id, quiz.before.has(card.id) ? quiz.before.get(card.id) : store().entry(card.id));

    const title = card.el.querySelector(".qa-title");
    const heading = h("h2", { class: "qa-quiz-question", tabindex: "-1", id: "qa-quiz-question" });
    if (title) {
      heading.append(...[...title.childNodes].map((n) => n.cloneNode(true)));
      heading.querySelectorAll(".headerlink").forEach((n) => n.remove());
    }
    const answer = h("div", { class: "qa-quiz-answer", hidden: true, id: "qa-quiz-answer" });
    const details = card.el.querySelector(":scope > details");
    if (details) answer.append(...[...details.childNodes].filter((n) => !(n instanceof Element && n.tagName === "SUMMARY")));
    const tags = card.el.querySelector(".qa-tags");
    const previous = store().entry(card.id);
    const state = previous ? { known: "known", review: "to review" }[previous.state] : "not yet";

    const section = h(
      "section",
      { class: "qa-quiz-card", "data-quiz-id": card.id, "aria-labelledby": "qa-quiz-question" },
      h(
        "p",
        { class: "qa-quiz-count", "data-left": String(left) },
        `Question ${at + 1} of ${deck.length} · `,
        left ? `${left} left` : "last question",
      ),
      h("p", { class: "qa-quiz-level" }, `${card.level.title} · your mark so far: ${state}`),
      heading,
      tags ? tags.cloneNode(true) : "",
      h(
        "div",
        { class: "qa-quiz-actions" },
        h("button", { type: "button", class: "qa-btn qa-btn--primary", "data-quiz": "reveal", "aria-controls": "qa-quiz-answer", "aria-expanded": "false" }, "Show answer ", h("kbd", { text: "Space" })),
      ),
      answer,
      selfCheck(answer),
      h(
        "div",
        { class: "qa-quiz-actions qa-quiz-grade", role: "group", "aria-label": "How did it go?" },
        h("button", { type: "button", class: "qa-btn qa-mark", "data-quiz": "known", "aria-pressed": "false" }, "I knew it ", h("kbd", { text: "K" })),
        h("button", { type: "button", class: "qa-btn qa-mark", "data-quiz": "review", "aria-pressed": "false" }, "I didn't ", h("kbd", { text: "R" })),
      ),
      h("p", { class: "qa-quiz-saved", role: "status" }),
      h(
        "div",
        { class: "qa-quiz-actions" },
        h("button", { type: "button", class: "qa-btn", "data-quiz": "next" }, left ? "Next question " : "See the summary ", h("kbd", { text: "N" })),
        h("button", { type: "button", class: "qa-btn", "data-quiz": "end", text: "End the quiz" }),
      ),
    );
    for (const a of section.querySelectorAll("a[href]:not(.qa-permalink)")) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    quiz.container.replaceChildren(section);
    window.qaShare?.enhance();
    heading.focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
  };

  /* ---------------------------------------------------------- self-check */

  /* The answer's key points as a checklist: tick what you actually said (keys 1 to 5). */
  const selfCheck = (answer) => {
    const points = [...(answer.querySelector("p.qa-key-points + ol")?.children || [])];
    if (!points.length) return "";
    return h(
      "fieldset",
      { class: "qa-selfcheck", hidden: true },
      h("legend", { text: "Which of these did you say?" }),
      ...points.map((li, i) =>
        h(
          "label",
          { class: "qa-choice qa-selfcheck__point" },
          h("input", { type: "checkbox", name: "said", value: String(i), "aria-keyshortcuts": i < 5 ? String(i + 1) : false }),
          h("kbd", { text: String(i + 1) }),
          ` ${li.textContent.trim()}`,
        ),
      ),
      h("p", { class: "qa-selfcheck__score", "aria-live": "polite" }),
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
    const knew = score.said === score.of;
    for (const b of card.querySelectorAll(".qa-quiz-grade [data-quiz]")) {
      b.classList.toggle("qa-suggested", b.dataset.quiz === (knew ? "known" : "review"));
    }
    card.querySelector(".qa-selfcheck__score").textContent =
      `${score.said} of ${score.of} points said: suggested mark “${knew ? "I knew it" : "I didn't"}”. You decide.`;
  };

  const tick = (n) => {
    const box = quiz?.container.querySelectorAll(".qa-quiz-card .qa-selfcheck input[name=said]")[n - 1];
    if (!box || !quiz.revealed) return;
    box.checked = !box.checked;
    suggest();
  };

  const reveal = () => {
    if (!quiz || quiz.revealed || !quiz.container.querySelector(".qa-quiz-card")) return;
    quiz.revealed = true;
    const card = quiz.container.querySelector(".qa-quiz-card");
    const answer = card.querySelector(".qa-quiz-answer");
    answer.hidden = false;
    const button = card.querySelector("[data-quiz=reveal]");
    button.setAttribute("aria-expanded", "true");
    button.hidden = true;
    const check = card.querySelector(".qa-selfcheck");
    if (check) {
      check.hidden = false;
      suggest();
    }
    window.qaDiagrams.draw(answer); // mermaid-loader.js: readable size, full-screen view
  };

  const grade = (state) => {
    const card = quiz?.container.querySelector(".qa-quiz-card");
    if (!card) return;
    reveal();
    const id = quiz.deck[quiz.at].id;
    const entry = store().mark(id, state, quiz.before.get(id), said(card));
    quiz.results.set(id, state);
    for (const b of card.querySelectorAll(".qa-quiz-grade [data-quiz]")) b.setAttribute("aria-pressed", String(b.dataset.quiz === state));
    card.querySelector(".qa-quiz-saved").textContent = `Saved: ${state === "known" ? "you knew it" : "to review"}. ${store().describe(entry)}.`;
  };

  const next = () => {
    if (!quiz?.container.querySelector(".qa-quiz-card")) return;
    quiz.at += 1;
    if (quiz.at < quiz.deck.length) cardView();
    else summaryView();
  };

  /* -------------------------------------------------------------- summary */

  const summaryView = () => {
    const { deck, results, container } = quiz;
    const seen = deck.slice(0, Math.min(quiz.at + 1, deck.length));
    const count = (state) => seen.filter((c) => results.get(c.id) === state).length;
    const known = count("known");
    const review = count("review");
    const skipped = seen.length - known - review;
    const label = { known: "knew it", review: "to review" };
    const heading = h("h2", { tabindex: "-1", text: "Your quiz" });
    container.replaceChildren(
      h(
        "section",
        { class: "qa-quiz-summary", "aria-label": "Quiz summary" },
        heading,
        h(
          "p",
          { class: "qa-quiz-totals" },
          h("strong", { "data-total": "known", text: String(known) }),
          " knew it · ",
          h("strong", { "data-total": "review", text: String(review) }),
          " to review · ",
          h("strong", { "data-total": "skipped", text: String(skipped) }),
          ` skipped, of ${plural(seen.length, "question")}${seen.length < deck.length ? ` (${deck.length - seen.length} not reached)` : ""}.`,
        ),
        h(
          "ol",
          { class: "qa-quiz-results" },
          ...seen.map((c) => {
            const title = c.el.querySelector(".qa-title")?.cloneNode(true);
            title?.querySelectorAll(".headerlink").forEach((n) => n.remove());
            return h(
              "li",
              { "data-result": results.get(c.id) || "skipped" },
              h("a", { href: `${c.url}#${c.id}`, text: title ? title.textContent.trim() : c.id }),
              ` · ${label[results.get(c.id)] || "skipped"}`,
            );
          }),
        ),
        h(
          "div",
          { class: "qa-quiz-actions" },
          review ? h("button", { type: "button", class: "qa-btn qa-btn--primary", "data-quiz": "again", text: `Quiz the ${plural(review, "question")} to review` }) : "",
          h("button", { type: "button", class: "qa-btn", "data-quiz": "restart", text: "New quiz" }),
        ),
      ),
    );
    heading.focus({ preventScroll: true });
    container.scrollIntoView({ block: "start" });
  };

  /* -------------------------------------------------------------- wiring */

  document.addEventListener("change", (ev) => {
    if (ev.target instanceof Element && ev.target.closest(".qa-quiz .qa-selfcheck")) suggest();
  });

  document.addEventListener("click", (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest(".qa-quiz [data-quiz]") : null;
    if (!button || !quiz) return;
    const action = button.dataset.quiz;
    if (action === "reveal") reveal();
    else if (action === "known" || action === "review") grade(action);
    else if (action === "next") next();
    else if (action === "end") summaryView();
    else if (action === "restart") setupView(quiz.container, quiz.index);
    else if (action === "again") {
      const ids = quiz.deck.filter((c) => quiz.results.get(c.id) === "review").map((c) => c.id);
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
    if (ev.key === " " && t instanceof Element && t.closest("button, a[href], summary")) return; // Space presses a focused control
    const keys = { " ": reveal, k: () => grade("known"), r: () => grade("review"), n: next };
    for (const n of [1, 2, 3, 4, 5]) keys[String(n)] = () => tick(n);
    const action = keys[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key];
    if (!action) return;
    ev.preventDefault();
    ev.stopPropagation();
    action();
  });

  document$.subscribe(() => {
    const container = document.querySelector(".qa-quiz:not([data-qa-enhanced])");
    quiz = null;
    if (!container || !store()) return;
    container.setAttribute("data-qa-enhanced", "");
    const index = window.qaSets.readIndex();
    quiz = { container, index, deck: [], at: 0, results: new Map(), before: new Map() };
    const named = window.qaSets.fromUrl();
    if (named === null) return setupView(container, index);
    /* A study set (quiz/?ids=a,b,c): exactly those questions, in that order. */
    const set = window.qaSets.resolve(named, index);
    const notice = window.qaSets.notice(set);
    if (notice) container.before(notice);
    if (set.ids.length) start(container, index, set.ids);
    else setupView(container, index);
  });
})();
