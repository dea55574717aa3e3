/* The guide offline: the service worker, what it has, installing, and new versions.
 *
 * The worker (sw.js at the site root, written by the build) is registered once the
 * page has loaded, so precaching the guide never competes with the first visit.
 * When it has every file it says so, and the footer of every page reads
 * "Available offline · 11.3 MB" (the record the worker keeps in its cache, read
 * again on each page). Where the browser offers to install the guide as an app,
 * the footer has an Install button. When a new deploy's worker takes over a page
 * an older one served, the dock (dock.js) says "A new version of the guide is
 * available" with a Reload button, instead of showing the old copy silently.
 * Instant navigation never asks the server for sw.js, so this checks for a new
 * version as pages change (at most every ten minutes).
 */
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const worker = new URL("../../sw.js", document.currentScript.src);
  const readyKey = new URL("__qa-ready__", worker).href;
  const CHECK_EVERY = 10 * 60 * 1000;
  let controlled = Boolean(navigator.serviceWorker.controller); // a worker already serves this page
  let ready = null; // { files, bytes } once the whole guide is cached
  let installer = null; // the browser's install prompt, when it offers one
  let checked = 0;

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.textContent = text;
    return node;
  };
  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

  /* The footer line: offline state and the Install button (the footer is new on every page). */
  const paint = () => {
    const footer = document.querySelector(".md-footer-meta__inner");
    let line = footer?.querySelector(".qa-offline");
    if (!footer || (!line && !ready && !installer)) return;
    if (!line) {
      line = el("div", { class: "qa-offline" });
      line.append(el("p", { class: "qa-offline__note", role: "status" }), el("button", { type: "button", class: "qa-btn qa-offline__install", hidden: "" }, "Install the guide"));
      footer.append(line);
    }
    const note = line.querySelector(".qa-offline__note");
    const text = ready ? `Available offline · ${megabytes(ready.bytes)} on this device` : "";
    if (note.textContent !== text) note.textContent = text;
    line.querySelector(".qa-offline__install").hidden = !installer;
  };

  /* What the worker recorded once it had every file (in any of its caches, during an update too). */
  const readRecord = async () => {
    if (!("caches" in window)) return;
    try {
      for (const name of await caches.keys()) {
        if (!name.startsWith("qa-offline-")) continue;
        const hit = await (await caches.open(name)).match(readyKey);
        if (hit) {
          ready = await hit.json();
          break;
        }
      }
    } catch {
      /* storage unavailable: no note */
    }
    paint();
  };

  const newVersion = () => {
    if (document.querySelector(".qa-update") || !window.qaDock) return;
    const notice = el("div", { class: "md-typeset qa-update", role: "status" });
    const reload = el("button", { type: "button", class: "qa-btn qa-btn--primary" }, "Reload");
    reload.addEventListener("click", () => location.reload());
    notice.append(el("p", {}, "A new version of the guide is available: "), reload);
    window.qaDock.add(notice);
  };

  navigator.serviceWorker.addEventListener("message", (ev) => {
    if (ev.data?.type !== "qa-offline-ready") return;
    ready = { files: ev.data.files, bytes: ev.data.bytes };
    paint();
  });
  /* The first worker taking over a page is the first visit; any later one is a new deploy. */
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (controlled) newVersion();
    controlled = true;
  });

  window.addEventListener("beforeinstallprompt", (ev) => {
    ev.preventDefault(); // offered by the button instead of the browser's own banner
    installer = ev;
    paint();
  });
  window.addEventListener("appinstalled", () => {
    installer = null;
    paint();
  });
  document.addEventListener("click", async (ev) => {
    if (!(ev.target instanceof Element) || !ev.target.closest(".qa-offline__install") || !installer) return;
    const prompt = installer;
    installer = null;
    await prompt.prompt();
    paint();
  });

  window.addEventListener("load", () => {
    checked = Date.now();
    navigator.serviceWorker.register(worker, { scope: new URL("./", worker).pathname }).catch(() => {
      /* no worker (mkdocs serve writes none): the guide still works online */
    });
    readRecord();
  });

  document$.subscribe(() => {
    paint();
    if (!checked || Date.now() - checked < CHECK_EVERY) return;
    checked = Date.now();
    navigator.serviceWorker.getRegistration(worker).then((reg) => reg?.update()).catch(() => {});
  });
})();
