/* The home page's first screen: quick start, continue, the plan and the mock interview.
 *
 * The block is rendered by the macros (macros/render/study.py, start_panel) with what a
 * first visit needs; this only paints what the stored progress adds: "Resume your quiz"
 * when one is under way, what is due today and the weakest questions (painted by
 * progress.js into `.qa-due`), and today's plan.
 */
(() => {
  const setText = (el, text) => {
    if (el && el.textContent !== text) el.textContent = text;
  };

  const paint = () => {
    const panel = document.querySelector(".qa-start");
    if (!panel || !window.qaPlan) return;
    const doc = window.qaStorage.load();
    const index = window.qaSets.readIndex();

    /* Continue: a quiz under way, reviews due, weak questions. */
    const s = doc.session;
    const running = Boolean(s && Array.isArray(s.ids) && s.ids.length && s.done !== true);
    const resume = panel.querySelector("[data-start=resume]");
    resume.hidden = !running;
    if (running) setText(resume, `Resume your quiz (question ${Math.min((Number(s.at) || 0) + 1, s.ids.length)} of ${s.ids.length})`);
    const cont = panel.querySelector(".qa-start__continue");
    cont.hidden = !running && Object.keys(doc.questions).length === 0;

    /* The plan: today's list, or an invitation to make one. */
    const st = window.qaPlan.status(index, doc.plan);
    const line = panel.querySelector(".qa-start__plan-text");
    const go = panel.querySelector("[data-start=plan-today]");
    const edit = panel.querySelector("[data-start=plan]");
    if (!st) {
      setText(line, line.dataset.default);
      go.hidden = true;
      setText(edit, "Plan to interview day");
      return;
    }
    setText(line, st.passed ? window.qaPlan.headline(st) : `${window.qaPlan.headline(st)} ${window.qaPlan.todayText(st)} ${window.qaPlan.paceText(st)}`);
    go.hidden = st.passed || !st.left.length;
    go.href = window.qaPlan.quizHref(st.left);
    setText(go, `Start today's list (${st.left.length} left)`);
    setText(edit, st.passed ? "Set a new date" : "See the plan");
  };

  window.addEventListener("qa-progress", paint);
  window.addEventListener("storage", paint);
  document$.subscribe(paint);
})();
