/* Accessibility fixes for markup Material creates at run time.
 *
 * Material wraps each code block's copy button in a <nav>; with several code blocks
 * on a page these landmarks need distinct names (axe: landmark-unique).
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
  document$.subscribe(label);
})();
