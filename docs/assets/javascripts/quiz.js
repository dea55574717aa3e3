/* The quiz (/quiz/): one question at a time from chosen levels and topics.
 *
 * The questions and answers are the ones rendered on the level pages: the quiz
 * fetches those pages (same origin) and takes their `div.qa` blocks, so there is
 * no second copy of the content. Marks go into the same progress store as the
 * buttons on the level pages (window.qaProgress, from progress.js), including
 * the Leitner schedule behind "due for review today".
 *
 * Keys while a question is shown: Space reveals the answer, K "I knew it",
 * R "I didn't", N next question.
 */
(() => {
  const DRAWS = [
    ["all", "Every matching question"],
    ["open", "Not known yet (“review” and “not yet”)"],
    ["review", "Only “review”"],
    ["none", "Only “not yet”"],
    ["due", "Due for review today"],
  ];
  const pages = new Map(); // level page URL -> Promise<Document>, kept across instant navigation
  let quiz = null; // the running quiz on the current page
  let diagrams = 0;

  const store = () => window.qaProgress;

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
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  /* Levels and topics with their question ids (the hidden study index on the page). */
  const readIndex = () => {
    const list = (selector, key) =>
      [...document.querySelectorAll(selector)].map((a) => ({
        id: a.dataset[key],
        title: a.textContent.trim(),
        href: a.href,
        ids: (a.dataset.ids || "").split(" ").filter(Boolean),
      }));
    return { levels: list(".qa-study-index .qa-index-level", "level"), topics: list(".qa-study-index .qa-index-topic", "topic") };
  };

  const shuffle = (items) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

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
    const check = (name, item, on) =>
      h(
        "label",
        { class: "qa-choice" },
        h("input", { type: "checkbox", name, value: item.id, checked: on }),
        ` ${item.title} `,
        h("span", { class: "qa-choice__n", text: `(${item.ids.length})` }),
      );
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

  /* The rendered question block of `id`, with its links made absolute against its page. */
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

  const start = async (container, index, ids) => {
    const levelOf = new Map(index.levels.flatMap((l) => l.ids.map((id) => [id, l])));
    container.replaceChildren(h("p", { class: "qa-quiz-loading", role: "status", text: "Loading the questions…" }));
    let docs;
    try {
      const urls = [...new Set(ids.map((id) => levelOf.get(id).href.split("#")[0]))];
      docs = new Map(await Promise.all(urls.map(async (u) => [u, await fetchPage(u)])));
    } catch {
      container.replaceChildren(
        h("p", { class: "qa-quiz-error", role: "alert", text: "Could not load the questions. Check your connection and try again." }),
        h("button", { type: "button", class: "qa-btn", "data-quiz": "restart", text: "Back to the quiz settings" }),
      );
      return;
    }
    const deck = [];
    for (const id of ids) {
      const level = levelOf.get(id);
      const url = level.href.split("#")[0];
      const el = block(docs.get(url), url, id);
      if (el) deck.push({ id, level, el, url });
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

  /* Draw the diagrams of the revealed answer the way Material does (a shadow root per diagram). */
  const drawDiagrams = async (answer) => {
    for (const pre of answer.querySelectorAll("pre.mermaid")) {
      const code = pre.textContent;
      const host = h("div", { class: "mermaid" });
      pre.replaceWith(host);
      try {
        const { svg, bindFunctions } = await window.mermaid.render(`qa-quiz-mermaid-${diagrams++}`, code);
        const shadow = host.attachShadow({ mode: "open" });
        shadow.innerHTML = svg;
        bindFunctions?.(shadow);
      } catch {
        host.replaceWith(pre);
      }
    }
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
    drawDiagrams(answer);
  };

  const grade = (state) => {
    const card = quiz?.container.querySelector(".qa-quiz-card");
    if (!card) return;
    reveal();
    const id = quiz.deck[quiz.at].id;
    const entry = store().mark(id, state, quiz.before.get(id));
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
    const action = { " ": reveal, k: () => grade("known"), r: () => grade("review"), n: next }[ev.key.length === 1 ? ev.key.toLowerCase() : ev.key];
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
    const index = readIndex();
    quiz = { container, index, deck: [], at: 0, results: new Map(), before: new Map() };
    setupView(container, index);
  });
})();
