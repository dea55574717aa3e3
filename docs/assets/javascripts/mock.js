/* The mock interview (/mock/): two people, two devices, one link each.
 *
 * The interviewer picks levels, topics and a number of questions (or opens a
 * study-set link, `mock/?ids=a,b,c`) and gets two links that carry the set and
 * its order: `&as=candidate` shows one question at a time with a countdown of
 * its level's minutes and nothing of the answer; `&as=interviewer` shows the
 * same question and timer with the key points to tick, the follow-ups, a rating
 * and notes, then a summary per question and per topic to copy as Markdown.
 * The questions come from the level pages (window.qaSets, study-set.js). The
 * interviewer's ticks, ratings, notes and position stay in this browser
 * (localStorage, keyed by the set), so a reload loses nothing.
 */
(() => {
  const RATINGS = ["no hire", "lean no hire", "lean hire", "strong hire"]; // 1 to 4
  const ROLES = ["candidate", "interviewer"];
  let mock = null; // the mock on the current page
  let ticker = null;

  const sets = () => window.qaSets;

  const { h, shuffle } = window.qaSets; // shared by the study scripts (study-set.js)
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const button = (action, text, extra = {}) => h("button", { type: "button", class: "qa-btn", "data-mock": action, text, ...extra });
  const levelOf = (id) => mock.index.levels.find((l) => l.ids.includes(id));
  const minutesOf = (ids) => ids.reduce((sum, id) => sum + (levelOf(id)?.minutes || 0), 0);
  const roleLink = (ids, role) => `${sets().link("mock", ids)}&as=${role}`;

  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  };

  /* Show `els` alone in the container; after the first view, focus its heading and bring it into view. */
  const show = (...els) => {
    mock.container.replaceChildren(...els.filter(Boolean));
    if (!mock.shown) return (mock.shown = true);
    mock.container.querySelector("h2")?.focus({ preventScroll: true });
    mock.container.scrollIntoView({ block: "start" });
  };

  /* ---------------------------------------------------------------- setup */

  const setupView = () => {
    const { index } = mock;
    const check = window.qaSets.choice;
    const form = h(
      "form",
      { class: "qa-quiz-setup qa-mock-setup", "aria-labelledby": "qa-mock-setup-title" },
      h("h2", { id: "qa-mock-setup-title", tabindex: "-1", text: "Set up a mock interview" }),
      h("fieldset", {}, h("legend", { text: "Levels" }), ...index.levels.map((l) => check("level", l, true))),
      h(
        "fieldset",
        {},
        h("legend", { text: "Topics (none ticked: every topic)" }),
        ...index.topics.filter((t) => t.ids.length).map((t) => check("topic", t, false)),
      ),
      h(
        "p",
        { class: "qa-mock-field" },
        h("label", { for: "qa-mock-count", text: "Number of questions" }),
        h("input", { type: "number", id: "qa-mock-count", name: "count", min: "1", value: "5", inputmode: "numeric" }),
      ),
      h("p", { class: "qa-quiz-match qa-mock-match", "aria-live": "polite" }),
      h("button", { type: "submit", class: "qa-btn qa-btn--primary", "data-mock": "create", text: "Create the links" }),
    );
    const pool = () => {
      const levels = [...form.querySelectorAll("input[name=level]:checked")].map((i) => i.value);
      const topics = [...form.querySelectorAll("input[name=topic]:checked")].map((i) => i.value);
      const inTopics = topics.length ? new Set(index.topics.filter((t) => topics.includes(t.id)).flatMap((t) => t.ids)) : null;
      return index.levels
        .filter((l) => levels.includes(l.id))
        .flatMap((l) => l.ids)
        .filter((id) => !inTopics || inTopics.has(id));
    };
    const count = () => Math.max(1, Math.floor(Number(form.querySelector("[name=count]").value) || 1));
    const update = () => {
      const ids = pool();
      const n = Math.min(count(), ids.length);
      form.querySelector(".qa-mock-match").textContent = ids.length
        ? `${plural(ids.length, "question")} match; the mock draws ${n}, easiest level first.`
        : "No question matches: tick more levels or topics.";
      form.querySelector("[data-mock=create]").disabled = !ids.length;
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const ids = pool();
      if (!ids.length) return;
      const order = new Map(ids.map((id, i) => [id, i]));
      const picked = shuffle(ids)
        .slice(0, count())
        .sort((a, b) => order.get(a) - order.get(b));
      history.replaceState(history.state, "", sets().link("mock", picked));
      linksView({ ids: picked, unknown: [], renamed: [] });
    });
    show(form);
    update();
  };

  /* -------------------------------------------------------- the two links */

  const nothing = (result) =>
    show(
      h(
        "section",
        { class: "qa-mock-links", "aria-labelledby": "qa-mock-empty" },
        h("h2", { id: "qa-mock-empty", tabindex: "-1", text: "No question to ask" }),
        sets().notice(result),
        h("p", { text: "This link names no question this guide has." }),
        h("a", { class: "qa-btn qa-btn--primary", href: sets().link("mock", []).split("?")[0], text: "Set up a mock interview" }),
      ),
    );

  const linksView = (result) => {
    const { ids } = result;
    if (!ids.length) return nothing(result);
    const row = (role, label) => {
      const url = roleLink(ids, role);
      return h(
        "div",
        { class: "qa-mock-link", "data-role": role },
        h("h3", { text: label }),
        h("p", { class: "qa-mock-url" }, h("a", { href: url, text: url })),
        h(
          "div",
          { class: "qa-quiz-actions" },
          button("copy-link", `Copy the ${role}'s link`, { "data-url": url }),
          role === "interviewer" ? h("a", { class: "qa-btn qa-btn--primary", href: url, text: "Open the interviewer's view" }) : "",
        ),
        h("p", { class: "qa-mock-copied", role: "status" }),
      );
    };
    show(
      h(
        "section",
        { class: "qa-mock-links", "aria-labelledby": "qa-mock-links-title" },
        h("h2", { id: "qa-mock-links-title", tabindex: "-1", text: "Your mock interview" }),
        sets().notice(result),
        h(
          "p",
          {},
          `${plural(ids.length, "question")}, about ${plural(minutesOf(ids), "minute")}. `,
          "Send the first link to the candidate and open the second yourself: each works on its own device.",
        ),
        row("candidate", "Candidate’s link"),
        row("interviewer", "Interviewer’s link"),
        h("div", { class: "qa-quiz-actions" }, button("setup", "Set up a different mock")),
      ),
    );
  };

  /* ---------------------------------------------------- state (interviewer) */

  const load = () => {
    try {
      const s = JSON.parse(localStorage.getItem(mock.key) || "null");
      if (s && typeof s === "object" && s.answers && typeof s.answers === "object") {
        return { at: Number.isInteger(s.at) ? Math.min(Math.max(s.at, 0), mock.deck.length - 1) : 0, done: s.done === true, answers: s.answers };
      }
    } catch {
      /* unreadable: start afresh */
    }
    return { at: 0, done: false, answers: {} };
  };
  const save = () => {
    try {
      localStorage.setItem(mock.key, JSON.stringify({ at: mock.at, done: mock.done, answers: mock.answers }));
    } catch {
      /* storage blocked: the notes live until the page changes */
    }
  };
  const answer = (id) => {
    const a = mock.answers[id] || {};
    return {
      ticks: Array.isArray(a.ticks) ? a.ticks.filter(Number.isInteger) : [],
      rating: [1, 2, 3, 4].includes(a.rating) ? a.rating : 0,
      notes: typeof a.notes === "string" ? a.notes : "",
    };
  };

  /* ---------------------------------------------------------- a question */

  const parts = (card) => {
    const details = card.el.querySelector(":scope > details");
    const title = card.el.querySelector(".qa-title")?.cloneNode(true);
    title?.querySelectorAll(".headerlink").forEach((n) => n.remove());
    return {
      title,
      text: title ? title.textContent.trim() : card.id,
      points: [...(details?.querySelector("p.qa-key-points + ol")?.children || [])],
      followUps: details?.querySelector("p.qa-follow-ups + ul"),
    };
  };

  const run = async (result, role) => {
    const { container, index } = mock;
    if (!result.ids.length) return nothing(result);
    container.replaceChildren(h("p", { class: "qa-quiz-loading", role: "status", text: "Loading the questions…" }));
    let deck;
    try {
      deck = await sets().questions(result.ids, index);
    } catch {
      container.replaceChildren(h("p", { class: "qa-quiz-error", role: "alert", text: "Could not load the questions. Check your connection and reload the page." }));
      return;
    }
    if (mock?.container !== container) return;
    if (!deck.length) return nothing(result);
    Object.assign(mock, { role, deck, notice: sets().notice(result), key: `qa-mock:${role}:${sets().link("mock", result.ids)}` });
    Object.assign(mock, load());
    if (role === "interviewer" && mock.done) summaryView();
    else cardView();
  };

  const cardView = () => {
    const { deck, at, role } = mock;
    const card = deck[at];
    const { title, points, followUps } = parts(card);
    const minutes = card.level.minutes;
    stopTimer();
    mock.timer = { total: minutes * 60000, spent: 0, since: null };

    const heading = h("h2", { class: "qa-mock-question", id: "qa-mock-question", tabindex: "-1" }, ...(title ? title.childNodes : [card.id]));
    const timer = h(
      "div",
      { class: "qa-mock-timer", role: "group", "aria-label": `Timer, ${plural(minutes, "minute")}` },
      h("div", { class: "qa-mock-clock", role: "timer", text: format(mock.timer.total) }),
      h("div", { class: "qa-quiz-actions" }, button("timer", "Start", { class: "qa-btn qa-btn--primary" }), button("reset", "Reset")),
      h("p", { class: "qa-mock-timeup", role: "status" }),
    );
    const last = at === deck.length - 1;
    const nav = h(
      "div",
      { class: "qa-quiz-actions qa-mock-nav" },
      button("previous", "Previous", { disabled: at === 0 }),
      button("next", "Next", { disabled: last }),
      role === "interviewer" ? button("finish", "Finish", { class: last ? "qa-btn qa-btn--primary" : "qa-btn" }) : "",
    );
    const section = h(
      "section",
      { class: "qa-mock-card", "data-mock-id": card.id, "data-role": role, "aria-labelledby": "qa-mock-question" },
      h("p", { class: "qa-mock-count" }, `Question ${at + 1} of ${deck.length}`),
      h("p", { class: "qa-mock-level" }, `${card.level.title} · ${plural(minutes, "minute")}`),
      heading,
      timer,
      role === "interviewer" ? notesFor(card, points, followUps) : "",
      nav,
      role === "interviewer" ? startOver() : "",
    );
    for (const a of section.querySelectorAll("a[href]")) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    show(mock.notice, section);
  };

  /* What only the interviewer sees: key points to tick, follow-ups, rating and notes. */
  const notesFor = (card, points, followUps) => {
    const saved = answer(card.id);
    return h(
      "div",
      { class: "qa-mock-notes" },
      points.length
        ? h(
            "fieldset",
            { class: "qa-mock-points" },
            h("legend", { text: "A strong answer covers" }),
            ...points.map((li, i) =>
              h(
                "label",
                { class: "qa-mock-point" },
                h("input", { type: "checkbox", name: "point", value: String(i), checked: saved.ticks.includes(i) }),
                h("span", {}, ...[...li.childNodes].map((n) => n.cloneNode(true))),
              ),
            ),
            h("p", { class: "qa-mock-covered", text: covered(saved.ticks.length, points.length) }),
          )
        : "",
      followUps
        ? h(
            "section",
            { class: "qa-mock-follow", "aria-labelledby": "qa-mock-follow-title" },
            h("h3", { id: "qa-mock-follow-title", text: "Follow-ups to ask" }),
            followUps.cloneNode(true),
          )
        : "",
      h(
        "fieldset",
        { class: "qa-mock-rating" },
        h("legend", { text: "Rating" }),
        ...RATINGS.map((label, i) =>
          h("label", { class: "qa-choice" }, h("input", { type: "radio", name: "rating", value: String(i + 1), checked: saved.rating === i + 1 }), ` ${label}`),
        ),
      ),
      h(
        "p",
        { class: "qa-mock-field" },
        h("label", { for: "qa-mock-text", text: "Notes" }),
        h("textarea", { id: "qa-mock-text", name: "notes", rows: "4" }, saved.notes),
      ),
      h("p", {}, h("a", { href: `${card.url}#${card.id}`, text: "Open the full answer" })),
    );
  };

  const covered = (n, of) => `Covered: ${n} of ${of}`;

  const startOver = () =>
    h(
      "div",
      { class: "qa-mock-over" },
      button("over", "Start over"),
      h(
        "p",
        { class: "qa-mock-confirm", hidden: true },
        "Clear every tick, rating and note of this mock? ",
        button("over-yes", "Yes, clear them", { class: "qa-btn qa-btn--primary" }),
        " ",
        button("over-no", "Keep them"),
      ),
    );

  /* Record what the interviewer changed on the current question. */
  const record = (card) => {
    const id = card.dataset.mockId;
    const ticks = [...card.querySelectorAll("input[name=point]:checked")].map((i) => Number(i.value));
    const rating = Number(card.querySelector("input[name=rating]:checked")?.value || 0);
    const notes = card.querySelector("textarea[name=notes]")?.value || "";
    mock.answers[id] = { ticks, rating, notes };
    const total = card.querySelectorAll("input[name=point]").length;
    const out = card.querySelector(".qa-mock-covered");
    if (out) out.textContent = covered(ticks.length, total);
    save();
  };

  /* ----------------------------------------------------------------- timer */

  const format = (ms) => {
    const s = Math.ceil(Math.max(0, ms) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const remaining = (t) => t.total - t.spent - (t.since === null ? 0 : Date.now() - t.since);
  const stopTimer = () => {
    clearInterval(ticker);
    ticker = null;
  };

  const paintTimer = () => {
    const t = mock?.timer;
    const card = mock?.container.querySelector(".qa-mock-card");
    if (!t || !card) return stopTimer();
    const left = remaining(t);
    if (left <= 0 && t.since !== null) {
      t.spent = t.total;
      t.since = null;
      stopTimer();
      card.querySelector(".qa-mock-timeup").textContent = "Time is up.";
    }
    card.querySelector(".qa-mock-clock").textContent = format(left);
    card.querySelector(".qa-mock-timer").dataset.state = t.since !== null ? "running" : left <= 0 ? "up" : "paused";
    const toggle = card.querySelector("[data-mock=timer]");
    toggle.textContent = t.since !== null ? "Pause" : left <= 0 ? "Start again" : t.spent > 0 ? "Resume" : "Start";
  };

  const toggleTimer = () => {
    const t = mock.timer;
    if (t.since === null) {
      if (remaining(t) <= 0) {
        t.spent = 0;
        mock.container.querySelector(".qa-mock-timeup").textContent = "";
      }
      t.since = Date.now();
      stopTimer();
      ticker = setInterval(paintTimer, 250);
    } else {
      t.spent += Date.now() - t.since;
      t.since = null;
      stopTimer();
    }
    paintTimer();
  };

  const resetTimer = () => {
    Object.assign(mock.timer, { spent: 0, since: null });
    stopTimer();
    mock.container.querySelector(".qa-mock-timeup").textContent = "";
    paintTimer();
  };

  /* --------------------------------------------------------------- summary */

  const ratingText = (avg) => (avg ? `${RATINGS[Math.round(avg) - 1]} (${avg.toFixed(1)})` : "not rated");

  const tally = () => {
    const rows = mock.deck.map((card) => {
      const { text, points } = parts(card);
      return { card, text, points: points.length, ...answer(card.id) };
    });
    const average = (list) => {
      const rated = list.filter((r) => r.rating);
      return rated.length ? rated.reduce((s, r) => s + r.rating, 0) / rated.length : 0;
    };
    const cover = (list) => [list.reduce((s, r) => s + r.ticks.length, 0), list.reduce((s, r) => s + r.points, 0)];
    const topics = mock.index.topics
      .map((t) => ({ title: t.title, rows: rows.filter((r) => t.ids.includes(r.card.id)) }))
      .filter((t) => t.rows.length)
      .map((t) => ({ title: t.title, n: t.rows.length, avg: average(t.rows), cover: cover(t.rows) }));
    return { rows, topics, avg: average(rows), cover: cover(rows) };
  };

  const markdown = ({ rows, topics, avg, cover }) => {
    const esc = (s) => s.replace(/([\\`*_])/g, "\\$1");
    const lines = [
      `**Mock interview** (${plural(rows.length, "question")}): ${ratingText(avg)}, ${cover[0]}/${cover[1]} key points`,
      "",
      ...rows.flatMap((r, i) => [
        `${i + 1}. **${esc(r.text)}** (${r.card.level.title}): ${r.rating ? RATINGS[r.rating - 1] : "not rated"}, ${r.ticks.length}/${r.points} points`,
        ...(r.notes.trim() ? r.notes.trim().split(/\r?\n/).map((line, j) => `   ${j ? "" : "Notes: "}${line}`) : []),
      ]),
      "",
      "**By topic**",
      "",
      ...topics.map((t) => `- ${esc(t.title)}: ${ratingText(t.avg)}, ${t.cover[0]}/${t.cover[1]} points`),
      "",
      `Questions: ${sets().link("mock", rows.map((r) => r.card.id))}`,
    ];
    return lines.join("\n");
  };

  const summaryView = () => {
    stopTimer();
    const data = tally();
    const { rows, topics, avg, cover } = data;
    mock.markdown = markdown(data);
    show(
      mock.notice,
      h(
        "section",
        { class: "qa-mock-summary", "aria-labelledby": "qa-mock-summary-title" },
        h("h2", { id: "qa-mock-summary-title", tabindex: "-1", text: "Summary" }),
        h("p", { class: "qa-mock-overall" }, `Overall: ${ratingText(avg)} · ${cover[0]}/${cover[1]} key points covered`),
        h(
          "ol",
          { class: "qa-mock-results" },
          ...rows.map((r) =>
            h(
              "li",
              { "data-mock-id": r.card.id },
              h("a", { href: `${r.card.url}#${r.card.id}`, text: r.text }),
              h(
                "span",
                { class: "qa-mock-result" },
                ` · ${r.rating ? RATINGS[r.rating - 1] : "not rated"} · `,
                h("span", { class: "qa-mock-points-covered", text: `${r.ticks.length}/${r.points}` }),
                " points",
              ),
              r.notes.trim() ? h("p", { class: "qa-mock-note", text: r.notes.trim() }) : "",
            ),
          ),
        ),
        h("h3", { text: "By topic" }),
        h(
          "ul",
          { class: "qa-mock-topics" },
          ...topics.map((t) =>
            h("li", {}, h("strong", { text: t.title }), ` (${plural(t.n, "question")}): ${ratingText(t.avg)} · ${t.cover[0]}/${t.cover[1]} points`),
          ),
        ),
        h(
          "div",
          { class: "qa-quiz-actions" },
          button("markdown", "Copy as Markdown", { class: "qa-btn qa-btn--primary" }),
          button("back", "Back to the questions"),
        ),
        h("p", { class: "qa-mock-copied", role: "status" }),
        h(
          "p",
          { class: "qa-mock-field qa-mock-fallback", hidden: true },
          h("label", { for: "qa-mock-markdown", text: "Markdown summary (select it and copy)" }),
          h("textarea", { id: "qa-mock-markdown", readonly: true, rows: "10" }),
        ),
        startOver(),
      ),
    );
  };

  const copyMarkdown = async () => {
    const summary = mock.container.querySelector(".qa-mock-summary");
    const ok = await copy(mock.markdown);
    const fallback = summary.querySelector(".qa-mock-fallback");
    summary.querySelector(".qa-mock-copied").textContent = ok ? "Copied the summary as Markdown." : "Could not copy: select the Markdown below and copy it.";
    fallback.hidden = ok;
    if (!ok) {
      const area = fallback.querySelector("textarea");
      area.value = mock.markdown;
      area.focus();
      area.select();
    }
  };

  /* ---------------------------------------------------------------- wiring */

  const go = (at) => {
    mock.at = Math.min(Math.max(at, 0), mock.deck.length - 1);
    mock.done = false;
    if (mock.role === "interviewer" || mock.role === "candidate") save();
    cardView();
  };

  document.addEventListener("click", async (ev) => {
    const el = ev.target instanceof Element ? ev.target.closest(".qa-mock [data-mock]") : null;
    if (!el || !mock || !mock.container.contains(el)) return;
    const action = el.dataset.mock;
    if (action === "copy-link") {
      const ok = await copy(el.dataset.url);
      el.closest(".qa-mock-link").querySelector(".qa-mock-copied").textContent = ok ? "Link copied." : "Could not copy: select the link above and copy it.";
    } else if (action === "setup") {
      history.replaceState(history.state, "", sets().link("mock", []).split("?")[0]);
      setupView();
    } else if (action === "timer") toggleTimer();
    else if (action === "reset") resetTimer();
    else if (action === "previous") go(mock.at - 1);
    else if (action === "next") go(mock.at + 1);
    else if (action === "back") go(mock.at);
    else if (action === "finish") {
      mock.done = true;
      save();
      summaryView();
    } else if (action === "markdown") copyMarkdown();
    else if (action === "over") {
      const confirm = el.closest(".qa-mock-over").querySelector(".qa-mock-confirm");
      confirm.hidden = false;
      confirm.querySelector("[data-mock=over-no]").focus();
    } else if (action === "over-no") {
      el.closest(".qa-mock-confirm").hidden = true;
      el.closest(".qa-mock-over").querySelector("[data-mock=over]").focus();
    } else if (action === "over-yes") {
      mock.answers = {};
      go(0);
    }
  });

  const changed = (ev) => {
    const card = ev.target instanceof Element ? ev.target.closest(".qa-mock-card[data-role=interviewer]") : null;
    if (card && mock?.container.contains(card)) record(card);
  };
  document.addEventListener("change", changed);
  document.addEventListener("input", changed);

  document$.subscribe(() => {
    stopTimer();
    const container = document.querySelector(".qa-mock:not([data-qa-enhanced])");
    if (!container) {
      if (!document.querySelector(".qa-mock")) mock = null;
      return;
    }
    if (!sets()) return;
    container.setAttribute("data-qa-enhanced", "");
    const index = sets().readIndex();
    mock = { container, index, notice: "" };
    const raw = sets().fromUrl();
    const role = new URLSearchParams(location.search).get("as");
    if (raw === null) return setupView();
    const result = sets().resolve(raw, index);
    if (ROLES.includes(role)) run(result, role);
    else linksView(result);
  });
})();
