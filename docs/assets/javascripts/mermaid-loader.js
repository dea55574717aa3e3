/* Diagrams: Mermaid from this site on first use, drawn at a readable size.
 *
 * Material for MkDocs draws ```mermaid fences with the global `mermaid` (and
 * falls back to a CDN when there is none) into a closed shadow root, shrunk to
 * the width of the page: a wide diagram ends up with 3 px labels on a phone.
 * This stub stands in for `mermaid`: it keeps Material's configuration and, when
 * Material asks for a diagram, draws it itself. A diagram inside a closed answer
 * waits until that answer is opened (or printed), so pages whose diagrams nobody
 * opens never download Mermaid; the vendored build is loaded once per visit.
 *
 * Each `<pre class="mermaid">` becomes a figure this site controls:
 *   div.mermaid.qa-diagram
 *     div.qa-diagram__scroll   scrolls sideways when the diagram is wider than the page
 *       div.qa-diagram__canvas the SVG, in an open shadow root (the page's styles stay out of its labels)
 *     p.qa-diagram__bar        "Open full screen" (diagram-viewer.js) and the sideways-scroll hint
 * Its labels are never drawn under 11 CSS px: a diagram is fitted to the page
 * when its labels stay at FIT_LABEL_PX or more; otherwise it is drawn with
 * labels of SCROLL_LABEL_PX and the figure scrolls sideways. Material's own host is never attached
 * (the `<pre>` it would replace is gone by then).
 *
 * `window.qaDiagrams.draw(root)` draws the diagrams inside `root` (the quiz's
 * revealed answers). The first diagram's time, from the call to the drawn
 * figure (download, start-up and layout of Mermaid), is recorded as the
 * performance measure "qa-first-diagram".
 */
(() => {
  const FIT_LABEL_PX = 11.5; // fitted to the page down to this label size (CSS px; the floor is 11)
  const SCROLL_LABEL_PX = 12; // and below it, drawn at this size, scrolling sideways
  const script = document.currentScript;
  const src = new URL("../vendor/mermaid/mermaid.min.js", script.src).href;
  let config = {};
  let real = null; // the vendored Mermaid, once loaded
  let loading = null;
  let count = 0;
  let firstStart = null; // performance.now() when the first diagram was asked for
  const claimed = new WeakSet(); // <pre> elements Material has asked for
  const drawing = new WeakMap(); // <pre> -> Promise of its figure

  const load = () =>
    (loading ??= new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = () => {
        real = window.mermaid;
        window.mermaid = stub; // Material keeps calling the stub, on this page and after instant navigation
        /* strict: labels are text, never HTML, and diagrams cannot bind clicks to scripts */
        real.initialize({ ...config, startOnLoad: false, securityLevel: "strict" });
        resolve(real);
      };
      tag.onerror = () => {
        loading = null;
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(tag);
    }));

  const opened = (details) =>
    new Promise((resolve) => {
      const ready = () => {
        if (!details.open) return;
        details.removeEventListener("toggle", ready);
        window.removeEventListener("beforeprint", ready);
        resolve();
      };
      details.addEventListener("toggle", ready);
      window.addEventListener("beforeprint", ready);
    });

  /* The smallest font size of the SVG's labels, in its own units. */
  const smallestFont = (root) => {
    let min = Infinity;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.data.trim() || !el || el.closest("style")) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size > 0) min = Math.min(min, size);
    }
    return Number.isFinite(min) ? min : 16;
  };

  const make = (tag, className, attrs = {}) => {
    const el = document.createElement(tag);
    el.className = className;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };

  const sizes = new WeakMap(); // figure's scroll box -> { natural width, smallest label } of its SVG

  /* Fit the diagram to its figure, or draw it readable and let it scroll sideways; show the hint,
     and let the keyboard scroll, only while it is wider than its figure. */
  const overflow = new ResizeObserver((entries) => {
    for (const { target } of entries) {
      const svg = target.querySelector(".qa-diagram__canvas")?.shadowRoot?.querySelector("svg");
      const size = sizes.get(target);
      if (svg && size) {
        const fit = Math.ceil((size.natural * FIT_LABEL_PX) / size.font);
        const least = target.clientWidth >= fit ? fit : Math.ceil((size.natural * SCROLL_LABEL_PX) / size.font);
        const [min, max] = [`${least}px`, `${Math.max(size.natural, least)}px`];
        if (svg.style.minWidth !== min) Object.assign(svg.style, { minWidth: min, maxWidth: max });
      }
      const wide = target.scrollWidth > target.clientWidth + 1;
      const hint = target.parentElement?.querySelector(".qa-diagram__hint");
      if (hint && hint.hidden === wide) hint.hidden = !wide;
      if (wide) target.setAttribute("tabindex", "0");
      else target.removeAttribute("tabindex");
    }
  });

  /* Replace `pre` with a figure holding `svg` (Mermaid's markup). */
  const mount = (pre, svg) => {
    const captionEl = pre.nextElementSibling?.classList.contains("qa-caption") ? pre.nextElementSibling : null;
    const caption = captionEl ? captionEl.textContent.trim() : "";
    const figure = make("div", "mermaid qa-diagram");
    const scroll = make("div", "qa-diagram__scroll", { role: "group", "aria-label": caption ? `Diagram: ${caption}` : "Diagram" });
    const canvas = make("div", "qa-diagram__canvas");
    const shadow = canvas.attachShadow({ mode: "open" });
    shadow.innerHTML = svg;
    scroll.append(canvas);
    const open = make("button", "qa-btn qa-diagram__open", { type: "button", "data-diagram-open": "", "aria-haspopup": "dialog" });
    open.textContent = "Open full screen";
    if (captionEl) {
      captionEl.id ||= `qa-diagram-caption-${count}`;
      open.setAttribute("aria-describedby", captionEl.id);
    }
    const hint = make("span", "qa-diagram__hint", { hidden: "" });
    hint.textContent = "Wider than the page: scroll sideways to see all of it.";
    const bar = make("p", "qa-diagram__bar");
    bar.append(open, hint);
    figure.append(scroll, bar);
    pre.replaceWith(figure);

    const el = shadow.querySelector("svg");
    if (el) {
      /* As wide as the page allows, up to its natural width, never narrower than readable (the observer). */
      sizes.set(scroll, { natural: el.viewBox.baseVal?.width || el.getBBox().width, font: smallestFont(shadow) });
      el.removeAttribute("height");
      el.setAttribute("width", "100%");
      el.setAttribute("part", "diagram");
      Object.assign(el.style, { display: "block", height: "auto" });
    }
    overflow.observe(scroll);
    window.dispatchEvent(new CustomEvent("qa-diagram-drawn", { detail: figure }));
    return figure;
  };

  /* Draw the diagram of one `<pre class="mermaid">`, once, when its answer is open. */
  const drawOne = (pre) => {
    if (!drawing.has(pre)) {
      drawing.set(
        pre,
        (async () => {
          const details = pre.closest("details:not([open])");
          if (details) await opened(details);
          firstStart ??= performance.now();
          const mermaid = await load();
          const { svg } = await mermaid.render(`qa-diagram-${++count}`, pre.textContent);
          const figure = mount(pre, svg);
          if (!performance.getEntriesByName("qa-first-diagram").length) {
            performance.measure("qa-first-diagram", { start: firstStart, end: performance.now() });
          }
          return figure;
        })(),
      );
    }
    return drawing.get(pre);
  };

  const stub = {
    initialize(options) {
      config = options;
      real?.initialize({ ...options, startOnLoad: false, securityLevel: "strict" });
    },
    /* Material's call: draw the `<pre>` it is mounting ourselves; its own host stays detached. */
    async render(id, code) {
      const pre = [...document.querySelectorAll("pre.mermaid")].find((el) => !claimed.has(el) && el.textContent === code);
      if (!pre) return (await load()).render(id, code);
      claimed.add(pre);
      await drawOne(pre);
      return { svg: "" };
    },
    get mermaidAPI() {
      return real?.mermaidAPI;
    },
  };
  window.mermaid = stub;

  window.qaDiagrams = {
    /* Draw every diagram inside `root`; resolves when they are drawn (a failed one keeps its source). */
    draw: (root) => Promise.allSettled([...root.querySelectorAll("pre.mermaid")].map(drawOne)),
  };
})();
