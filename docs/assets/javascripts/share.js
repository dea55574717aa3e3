/* Sharing a question: copy its permanent link.
 *
 * Each question carries a server-rendered `a.qa-permalink` to `../q/<id>/`. With
 * JavaScript it becomes "Copy link": a plain click copies the absolute permanent
 * link (`<site root>/q/<id>/`, right on any sub-path) and says so; a modified or
 * middle click still opens the link. Without JavaScript it stays a plain link.
 *
 * ("Report a problem with this answer" is rendered into each answer by
 * macros/render.py, so it works without JavaScript.)
 */
(() => {
  const root = () =>
    window.qaProgress
      ? window.qaProgress.root()
      : typeof __md_scope !== "undefined" && __md_scope instanceof URL
        ? new URL(__md_scope.href)
        : new URL(document.querySelector("a.md-logo")?.href || "./", location.href);

  /* The question id of a permalink: its wrapper's, else the one in its href. */
  const idOf = (a) => a.closest("[data-question-id]")?.dataset.questionId || /\/q\/([^/]+)\/?$/.exec(a.pathname)?.[1] || null;

  const permalink = (id) => new URL(`q/${encodeURIComponent(id)}/`, root()).href;

  const copyText = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const area = Object.assign(document.createElement("textarea"), { value: text, readOnly: true });
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch {
        ok = false;
      }
      area.remove();
      return ok;
    }
  };

  const confirmCopy = (a, text, ok) => {
    let note = a.nextElementSibling;
    if (!note || !note.classList.contains("qa-copied")) {
      note = Object.assign(document.createElement("span"), { className: "qa-copied" });
      note.setAttribute("role", "status");
      a.after(note);
    }
    note.textContent = ok ? "Link copied" : `Copy this link: ${text}`;
    note.classList.toggle("qa-copied--error", !ok);
    clearTimeout(Number(note.dataset.timer));
    if (ok) note.dataset.timer = String(setTimeout(() => note.remove(), 4000));
  };

  const enhance = () => {
    for (const a of document.querySelectorAll("a.qa-permalink:not([data-qa-copy])")) {
      const id = idOf(a);
      if (!id) continue;
      a.setAttribute("data-qa-copy", permalink(id));
      a.setAttribute("aria-label", `Copy the permanent link to ${a.getAttribute("aria-label")?.replace(/^Permanent link to /, "") || "this question"}`);
      a.title = "Copy the permanent link to this question";
      a.textContent = "Copy link";
    }
  };

  document.addEventListener("click", async (ev) => {
    const a = ev.target instanceof Element ? ev.target.closest("a.qa-permalink[data-qa-copy]") : null;
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    const text = a.dataset.qaCopy;
    confirmCopy(a, text, await copyText(text));
  });

  window.qaShare = { enhance, permalink, copyText };
  document$.subscribe(enhance);
})();
