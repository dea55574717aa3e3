/* Printing: every answer expanded, diagrams drawn.
 *
 * Material opens every <details> on `beforeprint`; this also follows the print
 * media query (print previews, emulated print media) and closes again only the
 * answers it opened. The print-all page (marked by `.qa-print-all`) shows every
 * answer open and has a "Print" button that waits for the diagrams first: a
 * diagram in an answer that was closed is drawn only once the answer opens.
 */
(() => {
  const opened = new Set();

  const openAll = () => {
    for (const details of document.querySelectorAll("article details:not([open])")) {
      details.open = true;
      opened.add(details);
    }
  };

  const restore = () => {
    for (const details of opened) if (details.isConnected) details.open = false;
    opened.clear();
  };

  const media = matchMedia("print");
  media.addEventListener("change", () => (media.matches ? openAll() : restore()));

  /* Resolve when no diagram is waiting to be drawn (or after `ms`). */
  const diagramsDrawn = (ms = 10000) =>
    new Promise((resolve) => {
      const start = performance.now();
      const check = () => {
        if (!document.querySelector("article pre.mermaid") || performance.now() - start > ms) resolve();
        else setTimeout(check, 100);
      };
      check();
    });

  document.addEventListener("click", async (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest("button[data-print]") : null;
    if (!button) return;
    button.disabled = true;
    button.textContent = "Preparing…";
    for (const details of document.querySelectorAll("article details:not([open])")) details.open = true;
    await diagramsDrawn();
    button.disabled = false;
    button.textContent = "Print";
    window.print();
  });

  document$.subscribe(() => {
    opened.clear();
    if (!document.querySelector(".qa-print-all")) return;
    for (const details of document.querySelectorAll("article div.qa > details:not([open])")) details.open = true;
    const intro = document.querySelector(".qa-print-intro");
    if (intro && !intro.querySelector("[data-print]")) {
      const button = Object.assign(document.createElement("button"), { type: "button", className: "qa-btn qa-btn--primary", textContent: "Print" });
      button.dataset.print = "";
      intro.append(" ", button);
    }
  });
})();
