/* The plan to interview day: a daily list from today to the interview date.
 *
 * The reader gives the date and the groups to cover (all by default). Each day's list
 * is worked out from the progress, not stored, so it adapts by itself:
 *
 * - days left = days from today to the interview (at least 1: the interview day itself
 *   is for rest);
 * - new today = the questions of the chosen groups not studied before today, in level
 *   order; the day's target is ceil(new / days left), so a missed day or a moved date
 *   spreads what is left over the days that remain;
 * - reviews today = studied questions of those groups that FSRS has due today;
 * - done = questions of the list marked today (in the quiz or on their page).
 *
 * On track: today's target is no higher than the plan's first one (new questions at
 * the start / days); behind: it rose (a day was missed); ahead: it fell. Setting a new
 * date or focus starts the plan afresh from today. The plan is stored with the progress
 * (storage.js) and goes into its export.
 */
(() => {
  const storage = window.qaStorage;
  const { today, daysBetween, addDays } = storage;
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const quizHref = (ids) => window.qaSets.link("quiz", ids);

  const get = () => storage.load().plan;

  /* The pool of a plan: question ids of the chosen groups, in level order. */
  const pool = (plan, index) => index.levels.filter((l) => !plan.levels.length || plan.levels.includes(l.id)).flatMap((l) => l.ids);

  const set = (date, levels, index) =>
    storage.update((doc) => {
      const day = today();
      const plan = { date, levels, start: day, startNew: 0, days: Math.max(1, daysBetween(day, date)), updated: new Date().toISOString() };
      plan.startNew = pool(plan, index).filter((id) => !doc.questions[id] || doc.questions[id].first === day).length;
      doc.plan = plan;
      return plan;
    });

  const clear = () => storage.update((doc) => (doc.plan = null));

  /* Today's list and where the plan stands. */
  const status = (index, plan = get()) => {
    if (!plan) return null;
    const day = today();
    const entries = storage.load().questions;
    const ids = pool(plan, index);
    const doneToday = (id) => Boolean(entries[id]?.updated) && storage.isoDate(new Date(entries[id].updated)) === day;
    const studiedToday = ids.filter((id) => entries[id]?.first === day);
    const unseen = ids.filter((id) => !entries[id]);
    const newLeft = studiedToday.length + unseen.length; // new at the start of today
    const passed = plan.date < day;
    const daysLeft = Math.max(1, daysBetween(day, plan.date));
    const target = newLeft ? Math.ceil(newLeft / daysLeft) : 0;
    const firstTarget = plan.startNew ? Math.ceil(plan.startNew / plan.days) : 0;
    const fresh = [...studiedToday, ...unseen.slice(0, Math.max(0, target - studiedToday.length))];
    const reviews = ids.filter((id) => entries[id] && entries[id].first < day && (entries[id].due <= day || doneToday(id)));
    const list = [...fresh, ...reviews];
    const done = list.filter(doneToday);
    const left = list.filter((id) => !doneToday(id));
    const pace = !newLeft ? "all" : target > firstTarget ? "behind" : target < firstTarget ? "ahead" : "on track";
    return { plan, day, passed, daysLeft: passed ? 0 : daysBetween(day, plan.date), total: ids.length, newLeft, target, firstTarget, fresh, reviews, list, done, left, pace };
  };

  const dateText = (iso) => {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "long" });
  };

  /* One line for the home page and the plan panel. */
  const headline = (st) => {
    if (st.passed) return `Your interview date (${dateText(st.plan.date)}) has passed: set a new one.`;
    const when = st.daysLeft === 0 ? "today" : st.daysLeft === 1 ? "tomorrow" : `in ${st.daysLeft} days`;
    return `Interview ${when} (${dateText(st.plan.date)}).`;
  };

  const paceText = (st) => {
    if (st.passed) return "";
    if (st.pace === "all") return "Every question of your plan is studied: keep up with the reviews.";
    const per = `${plural(st.target, "new question")} a day`;
    if (st.pace === "behind") return `Behind: ${per} now, up from ${st.firstTarget}, to finish in time.`;
    if (st.pace === "ahead") return `Ahead of plan: ${per} is enough now.`;
    return `On track: ${per}.`;
  };

  const todayText = (st) => {
    if (!st.list.length) return "Nothing on today's list.";
    const parts = [];
    if (st.fresh.length) parts.push(plural(st.fresh.length, "new question"));
    if (st.reviews.length) parts.push(plural(st.reviews.length, "review"));
    return `Today: ${parts.join(" and ")} · ${st.done.length} done${st.left.length ? "" : ": today's list is done"}.`;
  };

  /* ------------------------------------------------------------- the panel */

  const setText = (el, text) => {
    if (el && el.textContent !== text) el.textContent = text;
  };

  const titles = () => {
    const map = new Map();
    for (const li of document.querySelectorAll(".qa-weakest li[data-id] a")) map.set(li.closest("li").dataset.id, li);
    return map;
  };

  const paintPanel = (panel, index) => {
    const st = status(index);
    const form = panel.querySelector(".qa-plan-form");
    const dateInput = form.querySelector("input[name=date]");
    dateInput.min = today();
    const view = panel.querySelector(".qa-plan-today");
    view.hidden = !st;
    form.querySelector("[type=submit]").textContent = st ? "Update my plan" : "Make my plan";
    panel.querySelector("[data-plan=clear]").hidden = !st;
    if (!st) return;
    if (!panel.dataset.filled) {
      dateInput.value = st.plan.date;
      for (const box of form.querySelectorAll("input[name=level]")) box.checked = !st.plan.levels.length || st.plan.levels.includes(box.value);
      panel.dataset.filled = "1";
    }
    setText(view.querySelector(".qa-plan-headline"), headline(st));
    setText(view.querySelector(".qa-plan-pace"), paceText(st));
    setText(view.querySelector(".qa-plan-count"), st.passed ? "" : todayText(st));
    const go = view.querySelector("[data-plan=start]");
    go.hidden = st.passed || !st.left.length;
    go.href = quizHref(st.left);
    go.textContent = `Start today's list (${st.left.length} left)`;
    const names = titles();
    const { h } = window.qaSets;
    view.querySelector(".qa-plan-list").replaceChildren(
      ...(st.passed ? [] : st.list).map((id) => {
        const a = names.get(id);
        const done = st.done.includes(id);
        return h(
          "li",
          { "data-id": id, "data-done": String(done) },
          a ? h("a", { href: a.href, text: a.textContent }) : id,
          ` · ${st.fresh.includes(id) ? "new" : "review"}${done ? " · done" : ""}`,
        );
      }),
    );
  };

  const paint = () => {
    const panels = document.querySelectorAll(".qa-plan");
    if (!panels.length) return;
    const index = window.qaSets.readIndex();
    for (const panel of panels) paintPanel(panel, index);
  };

  document.addEventListener("submit", (ev) => {
    const form = ev.target instanceof HTMLFormElement && ev.target.closest(".qa-plan-form");
    if (!form) return;
    ev.preventDefault();
    const date = form.querySelector("input[name=date]").value;
    const all = [...form.querySelectorAll("input[name=level]")];
    const levels = all.filter((b) => b.checked).map((b) => b.value);
    const message = form.closest(".qa-plan").querySelector(".qa-plan-message");
    if (!storage.validDay(date) || date < today()) {
      message.textContent = "Choose an interview date from today on.";
      return;
    }
    if (!levels.length) {
      message.textContent = "Tick at least one group to cover.";
      return;
    }
    const st = status(window.qaSets.readIndex(), set(date, levels.length === all.length ? [] : levels, window.qaSets.readIndex()));
    message.textContent = `Plan saved: ${plural(st.newLeft, "new question")} over ${plural(Math.max(1, st.daysLeft), "day")}, ${st.target} a day, with reviews as they fall due.`;
  });

  document.addEventListener("click", (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest(".qa-plan [data-plan=clear]") : null;
    if (!b) return;
    clear();
    const panel = b.closest(".qa-plan");
    delete panel.dataset.filled;
    panel.querySelector(".qa-plan-message").textContent = "Plan removed. Your marks are kept.";
  });

  window.addEventListener(storage.event, paint);
  window.addEventListener("storage", (ev) => {
    if (ev.key === storage.key || ev.key === null) paint();
  });

  window.qaPlan = { get, set, clear, status, headline, paceText, todayText, quizHref, addDays };
  document$.subscribe(paint);
})();
