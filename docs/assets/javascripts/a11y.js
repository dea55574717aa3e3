/* Accessibility fixes for markup Material creates at run time.
 *
 * Material wraps each code block's copy button in a <nav>; with several code blocks
 * on a page these landmarks need distinct names (axe: landmark-unique).
 *
 * Material makes a code block that scrolls sideways focusable, so a keyboard can
 * scroll it, by measuring it on load; code in a closed answer is not rendered then
 * (guide.css), so it is measured here when its answer opens.
 */
(() => {
  let count = 0;
  const label = () => {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([aria-label])")) {
      count += 1;
      nav.setAttribute("aria-label", `Code block ${count} actions`);
    }
  };
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true });
  document.addEventListener(
    "toggle",
    (ev) => {
      if (!(ev.target instanceof HTMLDetailsElement) || !ev.target.open) return;
      for (const code of ev.target.querySelectorAll("pre > code:not([tabindex])")) {
        if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
      }
    },
    true,
  );
  document$.subscribe(label);
})();
