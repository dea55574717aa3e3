/* The mock interview (/mock/): two people, two devices, one link each; or one device on a video call.
 *
 * The interviewer picks levels, topics and a number of questions (or opens a
 * study-set link, `mock/?ids=a,b,c`) and gets the links, which carry the set and
 * its order: `&as=candidate` shows one question at a time with a countdown of
 * its level's minutes and nothing of the answer until the candidate asks for the
 * key points; `&as=interviewer` shows the same question and timer with the key
 * points to tick, the follow-ups, a rating and notes, then a summary per question
 * and per topic to copy as Markdown; `&as=screen` is the candidate's view in large
 * type, to share on a video call from the interviewer's own device.
 *
 * There is no server, so the two devices are kept together by the people: both
 * show "Question N of M" for the same position, each has "Go to question N", and
 * the position is in the URL fragment (`#q=N`), so either link can be re-sent and
 * lands on the same question. On one device (interviewer and screen-share views
 * in two windows) the views follow each other through localStorage events.
 *
 * Each question's timer is stored as its start time and pauses, never as the time
 * left, so it survives Next, Previous and a reload; leaving a question pauses it.
 * Time-up changes the timer's colour and text, vibrates where the device can,
 * beeps if the sound is on, and is announced to screen readers. While a timer
 * runs the screen is kept awake (Screen Wake Lock) where the browser can; where
 * it cannot, the timer says so.
 *
 * Storage (localStorage, one place: `store`): `qa-mock-session:<set link>` holds
 * the position and the timers, shared by the views on this device;
 * `qa-mock:interviewer:<set link>` the interviewer's ticks, ratings and notes.
 * Lookups by question id use Map.
 */
(() => {
  const RATINGS = ["no hire", "lean no hire", "lean hire", "strong hire"]; // 1 to 4
  const ROLES = ["candidate", "interviewer", "screen"];
  const SOUND_KEY = "qa-mock-sound";
  let mock = null; // the mock on the current page
  let ticker = null;
  let lock = null; // the screen wake lock while a timer runs
  let locking = null;
  let wakeRefused = false;
  let audio = null; // AudioContext for the time-up sound, made on a tap

  const sets = () => window.qaSets;

  const { h, shuffle, markdownText } = window.qaSets; // shared by the study scripts (study-set.js)
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const button = (action, text, extra = {}) => h("button", { type: "button", class: "qa-btn", "data-mock": action, text, ...extra });
  const levelOf = (id) => mock.index.levels.find((l) => l.ids.includes(id));
  const minutesOf = (ids) => ids.reduce((sum, id) => sum + (levelOf(id)?.minutes || 0), 0);
  const roleLink = (ids, role, at = null) => `${sets().link("mock", ids)}&as=${role}${at === null ? "" : `#q=${at + 1}`}`;

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

  /* -------------------------------------------------------- the links */

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
    const row = (role, label, text) => {
      const url = roleLink(ids, role);
      return h(
        "div",
        { class: "qa-mock-link", "data-role": role },
        h("h3", { text: label }),
        text ? h("p", { text }) : "",
        h("p", { class: "qa-mock-url" }, h("a", { href: url, text: url })),
        h(
          "div",
          { class: "qa-quiz-actions" },
          role === "screen" ? "" : button("copy-link", `Copy the ${role}'s link`, { "data-url": url }),
          role === "interviewer" ? h("a", { class: "qa-btn qa-btn--primary", href: url, text: "Open the interviewer's view" }) : "",
          role === "screen" ? h("a", { class: "qa-btn", href: url, target: "_blank", rel: "noopener", text: "Open the screen-share view" }) : "",
        ),
        role === "screen" ? "" : h("p", { class: "qa-mock-copied", role: "status" }),
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
          "Send the first link to the candidate and open the second yourself: each works on its own device. ",
          "Say “question 3” and the other side taps 3 under “Go to question”.",
        ),
        row("candidate", "Candidate’s link"),
        row("interviewer", "Interviewer’s link"),
        row(
          "screen",
          "On a video call, from one device",
          "Open the interviewer’s view here and the screen-share view in another window, then share that window: it shows the candidate’s view in large type and follows your Next, Previous and timer.",
        ),
        h("div", { class: "qa-quiz-actions" }, button("setup", "Set up a different mock")),
      ),
    );
  };

  /* --------------------------------------------------------------- storage */

  const store = {
    /* The parsed value at `key`: null when absent, undefined when unreadable. */
    read(key) {
      try {
        const raw = localStorage.getItem(key);
        return raw === null ? null : JSON.parse(raw);
      } catch {
        return undefined;
      }
    },
    write(key, value) {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        /* storage blocked: the mock lives until the page changes */
      }
    },
    /* Keep what could not be read beside it, so nothing is silently lost. */
    setAside(key) {
      try {
        localStorage.setItem(`${key}:unreadable`, localStorage.getItem(key));
        localStorage.removeItem(key);
      } catch {
        /* nothing more to do */
      }
    },
    sound: () => store.read(SOUND_KEY) === true,
  };

  const clampAt = (n) => (Number.isInteger(n) ? Math.min(Math.max(n, 0), mock.deck.length - 1) : null);

  /* A timer as stored: started at `start` (ms since 1970), paused since `pausedAt` (or running), `paused` ms in earlier pauses. */
  const cleanTimer = (t) =>
    t && Number.isFinite(t.start) && (t.pausedAt === null || (Number.isFinite(t.pausedAt) && t.pausedAt >= t.start)) && Number.isFinite(t.paused) && t.paused >= 0
      ? { start: t.start, pausedAt: t.pausedAt, paused: t.paused }
      : null;

  const loadSession = () => {
    const s = store.read(mock.sessionKey);
    const timers = new Map();
    if (s && typeof s === "object" && s.timers && typeof s.timers === "object") {
      for (const card of mock.deck) {
        const t = Object.hasOwn(s.timers, card.id) ? cleanTimer(s.timers[card.id]) : null;
        if (t) timers.set(card.id, t);
      }
    }
    return { at: s && typeof s === "object" ? clampAt(s.at) : null, timers };
  };
  const saveSession = () => store.write(mock.sessionKey, { version: 1, at: mock.at, timers: Object.fromEntries(mock.timers) });

  /* The interviewer's ticks, ratings and notes (and, from before the shared session, a position). */
  const loadNotes = () => {
    const s = store.read(mock.key);
    const answers = new Map();
    if (s === undefined || (s !== null && (typeof s !== "object" || !s.answers || typeof s.answers !== "object"))) {
      store.setAside(mock.key);
      mock.unreadable = true;
      return { at: null, done: false, answers };
    }
    if (!s) return { at: null, done: false, answers };
    for (const card of mock.deck) if (Object.hasOwn(s.answers, card.id)) answers.set(card.id, s.answers[card.id]);
    return { at: clampAt(s.at), done: s.done === true, answers };
  };
  const saveNotes = () => {
    if (mock.role === "interviewer") store.write(mock.key, { at: mock.at, done: mock.done, answers: Object.fromEntries(mock.answers) });
  };

  const answer = (id) => {
    const a = mock.answers.get(id) || {};
    return {
      ticks: Array.isArray(a.ticks) ? a.ticks.filter(Number.isInteger) : [],
      rating: [1, 2, 3, 4].includes(a.rating) ? a.rating : 0,
      notes: typeof a.notes === "string" ? a.notes : "",
    };
  };

  /* The position a URL fragment names (`#q=N`, 1-based), or null. */
  const fromHash = (hash = location.hash) => {
    const n = Number(/^#q=(\d+)$/.exec(hash)?.[1]);
    return Number.isInteger(n) && n >= 1 && n <= mock.deck.length ? n - 1 : null;
  };
  const writeHash = () => {
    const hash = `#q=${mock.at + 1}`;
    if (location.hash !== hash) history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
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
    const link = sets().link("mock", result.ids);
    Object.assign(mock, { role, deck, notice: sets().notice(result), key: `qa-mock:${role}:${link}`, sessionKey: `qa-mock-session:${link}` });
    const notes = role === "interviewer" ? loadNotes() : { at: null, done: false, answers: new Map() };
    const session = loadSession();
    const legacy = role === "candidate" ? clampAt(store.read(mock.key)?.at) : null; // a candidate's position before sessions
    Object.assign(mock, { answers: notes.answers, done: notes.done, timers: session.timers });
    mock.at = fromHash() ?? session.at ?? notes.at ?? legacy ?? 0;
    document.body.classList.toggle("qa-mock-screen", role === "screen");
    saveSession();
    if (role === "interviewer" && mock.done) summaryView();
    else cardView();
  };

  /* "Question 2 of 3", and a button per question: the other side says "question 3", this side taps 3. */
  const position = () =>
    h(
      "div",
      { class: "qa-mock-position" },
      h("p", { class: "qa-mock-count", id: "qa-mock-count-line" }, `Question ${mock.at + 1} of ${mock.deck.length}`),
      mock.deck.length > 1
        ? h(
            "nav",
            { class: "qa-mock-goto", "aria-label": "Go to question" },
            h("span", { class: "qa-mock-goto__label", "aria-hidden": "true", text: "Go to question" }),
            ...mock.deck.map((_, i) =>
              button("goto", String(i + 1), { "data-at": String(i), "aria-label": `Question ${i + 1}`, "aria-current": i === mock.at ? "step" : false }),
            ),
          )
        : "",
    );

  const cardView = () => {
    const { deck, at, role } = mock;
    const card = deck[at];
    const { title, points, followUps } = parts(card);
    const minutes = card.level.minutes;
    writeHash();

    const heading = h("h2", { class: "qa-mock-question", id: "qa-mock-question", tabindex: "-1" }, ...(title ? title.childNodes : [card.id]));
    const timer = h(
      "div",
      { class: "qa-mock-timer", role: "group", "aria-label": `Timer, ${plural(minutes, "minute")}` },
      h("div", { class: "qa-mock-clock", role: "timer", text: format(minutes * 60000) }),
      h("div", { class: "qa-quiz-actions" }, button("timer", "Start", { class: "qa-btn qa-btn--primary" }), button("reset", "Reset")),
      h("p", { class: "qa-mock-timeup", role: "alert" }),
      h(
        "p",
        { class: "qa-mock-options" },
        h("label", { class: "qa-choice" }, h("input", { type: "checkbox", name: "sound", checked: store.sound() }), " Sound at time-up"),
      ),
      h("p", { class: "qa-mock-wake", text: "wakeLock" in navigator ? "" : WAKE_UNSUPPORTED }),
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
      position(),
      h("p", { class: "qa-mock-level" }, `${card.level.title} · ${plural(minutes, "minute")}`),
      heading,
      timer,
      role === "interviewer" ? notesFor(card, points, followUps) : pointsAfter(points),
      nav,
      role === "interviewer" ? interviewerTools() : "",
    );
    for (const a of section.querySelectorAll("a[href]:not([data-mock-keep])")) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    const unreadable = mock.unreadable
      ? h("p", { class: "qa-set-notice", role: "alert", text: "Your earlier notes for this mock could not be read; they are kept in this browser's storage, and this mock starts afresh." })
      : "";
    show(mock.notice, unreadable, section);
    paintTimer();
  };

  /* The candidate's key points, shown on request once they have answered. */
  const pointsAfter = (points) =>
    points.length
      ? h(
          "div",
          { class: "qa-mock-after" },
          button("points", "Show the key points", { "aria-expanded": "false", "aria-controls": "qa-mock-after-points" }),
          h("div", { id: "qa-mock-after-points", class: "qa-mock-after__points", hidden: true }),
        )
      : "";

  const showPoints = (el) => {
    const card = mock.deck[mock.at];
    const target = mock.container.querySelector("#qa-mock-after-points");
    const open = el.getAttribute("aria-expanded") !== "true";
    if (open && !target.childElementCount) {
      const { points } = parts(card);
      target.append(
        h("p", { class: "qa-mock-after__title" }, h("strong", { text: "A strong answer covers" })),
        h("ol", {}, ...points.map((li) => h("li", {}, ...[...li.childNodes].map((n) => n.cloneNode(true))))),
      );
    }
    target.hidden = !open;
    el.setAttribute("aria-expanded", String(open));
    el.textContent = open ? "Hide the key points" : "Show the key points";
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

  /* Re-send the candidate's link at this question; open the screen-share view; start over. */
  const interviewerTools = () => {
    const ids = mock.deck.map((c) => c.id);
    return h(
      "div",
      { class: "qa-mock-tools" },
      h(
        "div",
        { class: "qa-quiz-actions" },
        button("copy-here", `Copy the candidate's link to question ${mock.at + 1}`, { "data-url": roleLink(ids, "candidate", mock.at) }),
        h("a", { class: "qa-btn", href: roleLink(ids, "screen", mock.at), target: "_blank", rel: "noopener", "data-mock-keep": "", text: "Open the screen-share view" }),
      ),
      h("p", { class: "qa-mock-copied", role: "status" }),
      startOver(),
    );
  };

  const startOver = () =>
    h(
      "div",
      { class: "qa-mock-over" },
      button("over", "Start over"),
      h(
        "p",
        { class: "qa-mock-confirm", hidden: true },
        "Clear every tick, rating, note and timer of this mock? ",
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
    mock.answers.set(id, { ticks, rating, notes });
    const total = card.querySelectorAll("input[name=point]").length;
    const out = card.querySelector(".qa-mock-covered");
    if (out) out.textContent = covered(ticks.length, total);
    saveNotes();
  };

  /* ----------------------------------------------------------------- timer */

  const WAKE_UNSUPPORTED = "This browser cannot keep the screen on: set your screen to stay on for the interview.";

  const format = (ms) => {
    const s = Math.ceil(Math.max(0, ms) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  };
  const current = () => mock?.deck?.[mock.at];
  const total = () => current().level.minutes * 60000;
  const timerOf = () => mock.timers.get(current().id) || null;
  const running = (t) => Boolean(t && t.pausedAt === null);
  const elapsed = (t, now = Date.now()) => (t ? (t.pausedAt ?? now) - t.start - t.paused : 0);

  const stopTicker = () => {
    clearInterval(ticker);
    ticker = null;
  };

  /* Keep the screen on while a timer runs, where the browser can, and say so. A refusal is not
     asked again until the next Start. */
  const wake = (on) => {
    if (!("wakeLock" in navigator)) return; // the timer says so from the start (WAKE_UNSUPPORTED)
    const say = (text) => {
      const note = mock?.container.querySelector(".qa-mock-wake");
      if (note && note.textContent !== text) note.textContent = text;
    };
    if (!on) {
      lock?.release().catch(() => {});
      lock = null;
      if (!wakeRefused) say("");
      return;
    }
    if (lock || locking || wakeRefused) return;
    locking = navigator.wakeLock
      .request("screen")
      .then((sentinel) => {
        lock = sentinel;
        sentinel.addEventListener("release", () => {
          if (lock === sentinel) lock = null;
        });
        if (running(mock?.deck ? timerOf() : null)) say("The screen stays on while the timer runs.");
        else wake(false);
      })
      .catch(() => {
        wakeRefused = true;
        say("Could not keep the screen on: set your screen to stay on for the interview.");
      })
      .finally(() => {
        locking = null;
      });
  };

  const beep = () => {
    if (!audio || !store.sound()) return;
    audio.resume?.();
    for (let i = 0; i < 3; i += 1) {
      const at = audio.currentTime + i * 0.35;
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, at);
      gain.gain.exponentialRampToValueAtTime(0.001, at + 0.25);
      tone.connect(gain).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 0.25);
    }
  };
  /* Browsers let a page make sound only after a tap: prepare it on one. */
  const prepareSound = () => {
    if (!store.sound() || audio) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (Context) audio = new Context();
  };

  const timeUp = (card) => {
    card.querySelector(".qa-mock-timeup").textContent = "Time is up.";
    navigator.vibrate?.([400, 200, 400]);
    beep();
  };

  const paintTimer = () => {
    const card = mock?.container.querySelector(".qa-mock-card");
    if (!card || !current()) return stopTicker();
    const t = timerOf();
    let left = total() - elapsed(t);
    if (running(t) && left <= 0) {
      t.pausedAt = t.start + t.paused + total(); // stopped at 0:00, when time ran out
      saveSession();
      left = 0;
      timeUp(card);
    }
    const state = running(t) ? "running" : t && left <= 0 ? "up" : "paused";
    const box = card.querySelector(".qa-mock-timer");
    box.dataset.state = state;
    card.querySelector(".qa-mock-clock").textContent = format(left);
    const up = card.querySelector(".qa-mock-timeup");
    if (state !== "up" && up.textContent) up.textContent = "";
    if (state === "up" && !up.textContent) up.textContent = "Time is up.";
    card.querySelector("[data-mock=timer]").textContent = state === "running" ? "Pause" : state === "up" ? "Start again" : t ? "Resume" : "Start";
    if (state === "running" && !ticker) ticker = setInterval(paintTimer, 250);
    if (state !== "running") stopTicker();
    wake(state === "running");
  };

  const toggleTimer = () => {
    const now = Date.now();
    const t = timerOf();
    if (!t || (!running(t) && total() - elapsed(t, now) <= 0)) mock.timers.set(current().id, { start: now, pausedAt: null, paused: 0 });
    else if (running(t)) t.pausedAt = now;
    else {
      t.paused += now - t.pausedAt;
      t.pausedAt = null;
    }
    prepareSound();
    wakeRefused = false;
    saveSession();
    paintTimer();
  };

  const resetTimer = () => {
    mock.timers.delete(current().id);
    saveSession();
    paintTimer();
  };

  /* Leaving a question pauses its timer; its time is kept. */
  const pauseCurrent = () => {
    const t = current() ? timerOf() : null;
    if (running(t)) t.pausedAt = Math.min(Date.now(), t.start + t.paused + total());
  };

  /* --------------------------------------------------------------- summary */

  /* A list of ratings in words, never averaged into a false middle: agreement as one rating,
     a split as its lowest and highest, with the mean beside them. */
  const ratingText = (ratings) => {
    const rated = ratings.filter(Boolean);
    if (!rated.length) return "not rated";
    const [low, high] = [Math.min(...rated), Math.max(...rated)];
    if (low === high) return rated.length > 1 ? `${RATINGS[low - 1]} (all ${rated.length})` : RATINGS[low - 1];
    const mean = rated.reduce((s, r) => s + r, 0) / rated.length;
    return `split: ${RATINGS[low - 1]} to ${RATINGS[high - 1]} (${rated.length} rated, mean ${mean.toFixed(1)} of 4)`;
  };

  const tally = () => {
    const rows = mock.deck.map((card) => {
      const { text, points } = parts(card);
      return { card, text, points: points.length, ...answer(card.id) };
    });
    const cover = (list) => [list.reduce((s, r) => s + r.ticks.length, 0), list.reduce((s, r) => s + r.points, 0)];
    const topics = mock.index.topics
      .map((t) => ({ title: t.title, rows: rows.filter((r) => t.ids.includes(r.card.id)) }))
      .filter((t) => t.rows.length)
      .map((t) => ({ title: t.title, n: t.rows.length, rating: ratingText(t.rows.map((r) => r.rating)), cover: cover(t.rows) }));
    return { rows, topics, rating: ratingText(rows.map((r) => r.rating)), cover: cover(rows) };
  };

  const markdown = ({ rows, topics, rating, cover }) => {
    const lines = [
      `**Mock interview** (${plural(rows.length, "question")}): ${rating}, ${cover[0]}/${cover[1]} key points`,
      "",
      ...rows.flatMap((r, i) => [
        `${i + 1}. **${markdownText(r.text)}** (${markdownText(r.card.level.title)}): ${r.rating ? RATINGS[r.rating - 1] : "not rated"}, ${r.ticks.length}/${r.points} points`,
        ...(r.notes.trim() ? r.notes.trim().split(/\r?\n/).map((line, j) => `   ${j ? "" : "Notes: "}${line}`) : []),
      ]),
      "",
      "**By topic**",
      "",
      ...topics.map((t) => `- ${markdownText(t.title)}: ${t.rating}, ${t.cover[0]}/${t.cover[1]} points`),
      "",
      `Questions: ${sets().link("mock", rows.map((r) => r.card.id))}`,
    ];
    return lines.join("\n");
  };

  const summaryView = () => {
    stopTicker();
    wake(false);
    const data = tally();
    const { rows, topics, rating, cover } = data;
    mock.markdown = markdown(data);
    show(
      mock.notice,
      h(
        "section",
        { class: "qa-mock-summary", "aria-labelledby": "qa-mock-summary-title" },
        h("h2", { id: "qa-mock-summary-title", tabindex: "-1", text: "Summary" }),
        h("p", { class: "qa-mock-overall" }, `Overall: ${rating} · ${cover[0]}/${cover[1]} key points covered`),
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
          ...topics.map((t) => h("li", {}, h("strong", { text: t.title }), ` (${plural(t.n, "question")}): ${t.rating} · ${t.cover[0]}/${t.cover[1]} points`)),
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
    const to = clampAt(at) ?? 0;
    if (to !== mock.at) pauseCurrent();
    mock.at = to;
    mock.done = false;
    saveSession();
    saveNotes();
    cardView();
  };

  const ready = () => mock?.deck && mock.container.isConnected;

  document.addEventListener("click", async (ev) => {
    const el = ev.target instanceof Element ? ev.target.closest(".qa-mock [data-mock]") : null;
    if (!el || !mock || !mock.container.contains(el)) return;
    const action = el.dataset.mock;
    if (action === "copy-link" || action === "copy-here") {
      const ok = await copy(el.dataset.url);
      const out = el.closest(".qa-mock-link, .qa-mock-tools").querySelector(".qa-mock-copied");
      out.textContent = ok ? "Link copied." : `Could not copy: ${el.dataset.url}`;
    } else if (action === "setup") {
      history.replaceState(history.state, "", sets().link("mock", []).split("?")[0]);
      setupView();
    } else if (action === "timer") toggleTimer();
    else if (action === "reset") resetTimer();
    else if (action === "points") showPoints(el);
    else if (action === "previous") go(mock.at - 1);
    else if (action === "next") go(mock.at + 1);
    else if (action === "goto") {
      go(Number(el.dataset.at));
      mock.container.querySelector(`[data-mock=goto][data-at="${mock.at}"]`)?.focus();
    } else if (action === "back") go(mock.at);
    else if (action === "finish") {
      pauseCurrent();
      mock.done = true;
      saveSession();
      saveNotes();
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
      mock.answers = new Map();
      mock.timers = new Map();
      mock.at = -1; // go() below must not pause a timer that no longer exists
      go(0);
    }
  });

  const changed = (ev) => {
    if (!(ev.target instanceof Element) || !mock?.container.contains(ev.target)) return;
    if (ev.target.matches("input[name=sound]")) {
      store.write(SOUND_KEY, ev.target.checked);
      prepareSound();
      return;
    }
    const card = ev.target.closest(".qa-mock-card[data-role=interviewer]");
    if (card) record(card);
  };
  document.addEventListener("change", changed);
  document.addEventListener("input", changed);

  /* A re-sent link opened on this page, or an edited fragment: go to the question it names. */
  window.addEventListener("hashchange", () => {
    if (!ready()) return;
    const at = fromHash();
    if (at !== null && at !== mock.at) go(at);
  });

  /* The other view on this device moved or started a timer: follow it. */
  window.addEventListener("storage", (ev) => {
    if (!ready() || ev.key !== mock.sessionKey) return;
    const session = loadSession();
    mock.timers = session.timers;
    if (session.at !== null && session.at !== mock.at && !(mock.role === "interviewer" && mock.done)) {
      mock.at = session.at;
      cardView();
    } else paintTimer();
  });

  /* The wake lock ends when the page is hidden: take it again when the page is back. */
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && ready() && mock.container.querySelector(".qa-mock-card")) paintTimer();
  });

  document$.subscribe(() => {
    stopTicker();
    wake(false);
    document.body.classList.remove("qa-mock-screen");
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
