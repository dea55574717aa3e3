/* The dock: what stays fixed at the bottom of the screen, and room for it at the end of the page.
 *
 * The study-set tray (study-set.js) and the new-version notice (offline.js) live in
 * one column at the bottom right. Its height, whenever it changes, is written to
 * the CSS variable --qa-dock-height on <html>: the footer grows by it (so the last
 * question, the footer links and everything else can always be scrolled out from
 * under it) and Material's "Back to top" sits just above it (guide.css). The dock
 * lets taps through between its children. It is a child of <body>, outside what
 * instant navigation replaces, so it stays from page to page.
 */
(() => {
  const root = document.documentElement;
  let dock = null;

  const measure = () => {
    const shown = dock?.isConnected && [...dock.children].some((el) => !el.hidden);
    const height = shown ? Math.ceil(window.innerHeight - dock.getBoundingClientRect().top) : 0;
    const value = `${Math.max(0, height)}px`;
    if (root.style.getPropertyValue("--qa-dock-height") !== value) root.style.setProperty("--qa-dock-height", value);
  };
  const observer = new ResizeObserver(measure);

  const get = () => {
    if (!dock?.isConnected) {
      dock = document.createElement("div");
      dock.className = "qa-dock";
      document.body.append(dock);
      observer.observe(dock);
    }
    return dock;
  };

  window.qaDock = {
    /* Put `el` in the dock (after what is there); hide and show it with its `hidden` attribute. */
    add(el) {
      get().append(el);
      new MutationObserver(measure).observe(el, { attributes: true, attributeFilter: ["hidden"] });
      measure();
      return el;
    },
    measure,
  };
  window.addEventListener("resize", measure);
})();
