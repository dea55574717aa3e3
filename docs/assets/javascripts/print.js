/* Printing: every answer expanded, diagrams drawn.
 *
 * Material opens every <details> on `beforeprint`; this also follows the print
 * media query (print previews, emulated print media) and closes again only the
 * answers it opened. A diagram in a closed answer is drawn only once the answer
 * opens, which is too late for the browser's own print command, so the "Print"
 * buttons (print-all page, and "Print this level" on each level page, rendered by
 * the macros) open every answer and wait for the diagrams before printing. The
 * print-all page (marked by `.qa-print-all`) shows every answer open.
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
    const label = button.textContent;
    button.disabled = true;
    button.textContent = "Preparing…";
    for (const details of document.querySelectorAll("article details:not([open])")) details.open = true;
    await diagramsDrawn();
    button.disabled = false;
    button.textContent = label;
    window.print();
  });

  document$.subscribe(() => {
    opened.clear();
    if (!document.querySelector(".qa-print-all")) return;
    for (const details of document.querySelectorAll("article div.qa > details:not([open])")) details.open = true;
  });
})();
