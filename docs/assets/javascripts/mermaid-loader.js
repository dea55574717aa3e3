/* Mermaid, served from this site and fetched only when a diagram is about to be seen.
 *
 * Material for MkDocs renders ```mermaid fences with the global `mermaid` and
 * falls back to a CDN when there is none. This stub stands in for it: it keeps
 * Material's configuration and, on the first render call, loads the vendored
 * build. A diagram inside a closed answer waits until that answer is opened,
 * so pages whose diagrams nobody opens never download Mermaid at all.
 */
(() => {
  const script = document.currentScript;
  const src = new URL("../vendor/mermaid/mermaid.min.js", script.src).href;
  let config = {};
  let loading = null;

  const load = () =>
    (loading ??= new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = () => {
        /* strict: labels are text, never HTML, and diagrams cannot bind clicks to scripts */
        window.mermaid.initialize({ ...config, securityLevel: "strict" });
        resolve(window.mermaid);
      };
      tag.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.appendChild(tag);
    }));

  /* The closed <details> holding the diagram with this source, if any. */
  const closedHolder = (code) => {
    for (const el of document.querySelectorAll("pre.mermaid, div.mermaid")) {
      if (el.textContent === code) return el.closest("details:not([open])");
    }
    return null;
  };

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

  window.mermaid = {
    initialize(options) {
      config = options;
    },
    async render(id, code) {
      const details = closedHolder(code);
      if (details) await opened(details);
      const real = await load();
      return real.render(id, code);
    },
  };
})();
