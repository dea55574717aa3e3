/* A diagram full screen, with pan and zoom (the vendored @panzoom/panzoom).
 *
 * "Open full screen" under each diagram (mermaid-loader.js draws it) opens a
 * modal <dialog> over the whole window with a copy of the diagram, fitted to the
 * screen. Touch: drag to move, pinch to zoom. Mouse: drag, wheel. Keyboard: + and
 * - zoom, the arrows move, 0 fits again, Esc closes; buttons do the same. Closing
 * returns focus to the button that opened it. The library (10 kB) is loaded
 * when the first diagram of a visit is drawn, so the button answers at once,
 * also offline (the service worker precaches it).
 */
(() => {
  const script = document.currentScript;
  const src = new URL("../vendor/panzoom/panzoom.min.js", script.src).href;
  const STEP = 0.3; // zoom step, on a log scale (about x1.35)
  const MOVE = 80; // px the arrow keys move the view
  let loading = null;
  let dialog = null;
  let view = null; // { pz, opener, stage, canvas } while open

  const load = () =>
    (loading ??= new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = () => resolve(window.Panzoom);
      tag.onerror = () => {
        loading = null;
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(tag);
    }));

  window.addEventListener("qa-diagram-drawn", () => load().catch(() => {}));

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "text") node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  };
  const tool = (action, text, keys) => el("button", { type: "button", class: "qa-btn", "data-zoom": action, "aria-keyshortcuts": keys, text });

  const build = () => {
    dialog = el(
      "dialog",
      { class: "qa-diagram-dialog md-typeset", "aria-labelledby": "qa-diagram-dialog-title" },
      el(
        "div",
        { class: "qa-diagram-dialog__bar" },
        el("h2", { id: "qa-diagram-dialog-title", class: "qa-diagram-dialog__title" }),
        el(
          "div",
          { class: "qa-diagram-dialog__tools", role: "group", "aria-label": "Zoom" },
          tool("in", "Zoom in", "+"),
          tool("out", "Zoom out", "-"),
          tool("fit", "Fit", "0"),
          tool("close", "Close", "Escape"),
        ),
      ),
      el("div", { class: "qa-diagram-dialog__stage" }),
      el("p", { class: "qa-diagram-dialog__help", text: "Drag to move; pinch, scroll or press + and − to zoom; arrow keys move; 0 fits; Esc closes." }),
    );
    document.body.append(dialog);
    dialog.addEventListener("click", (ev) => {
      const action = ev.target instanceof Element ? ev.target.closest("[data-zoom]")?.dataset.zoom : null;
      if (action) act(action);
    });
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("close", closed);
  };

  /* Zoom about the middle of the screen (the wheel and pinch zoom about the pointer). */
  const zoomBy = (steps) => {
    const { pz, stage } = view;
    const box = stage.getBoundingClientRect();
    pz.zoomToPoint(pz.getScale() * Math.exp(steps * STEP), { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }, { animate: true });
  };
  /* Move the view by (dx, dy) screen pixels: the diagram moves the other way. */
  const move = (dx, dy) => view.pz.pan(-dx / view.pz.getScale(), -dy / view.pz.getScale(), { relative: true, animate: true });

  const act = (action) => {
    if (!view) return;
    if (action === "in") zoomBy(1);
    else if (action === "out") zoomBy(-1);
    else if (action === "fit") view.pz.reset({ animate: true });
    else if (action === "close") dialog.close();
  };

  const KEYS = new Map([
    ["+", () => act("in")],
    ["=", () => act("in")],
    ["-", () => act("out")],
    ["_", () => act("out")],
    ["0", () => act("fit")],
    ["ArrowLeft", () => move(-MOVE, 0)],
    ["ArrowRight", () => move(MOVE, 0)],
    ["ArrowUp", () => move(0, -MOVE)],
    ["ArrowDown", () => move(0, MOVE)],
  ]);
  const onKey = (ev) => {
    const run = KEYS.get(ev.key);
    if (!run || !view || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    ev.preventDefault();
    run();
  };

  const closed = () => {
    if (!view) return;
    const { pz, stage, opener, wheel } = view;
    view = null;
    stage.removeEventListener("wheel", wheel);
    pz.destroy();
    stage.replaceChildren();
    if (opener.isConnected) opener.focus();
  };

  const open = async (opener) => {
    const figure = opener.closest(".qa-diagram");
    const source = figure?.querySelector(".qa-diagram__canvas")?.shadowRoot?.querySelector("svg");
    if (!source || view) return;
    let Panzoom;
    try {
      Panzoom = await load();
    } catch {
      return; // cannot load the viewer: the diagram stays readable inline, scrolling sideways
    }
    if (!dialog) build();
    const label = figure.querySelector(".qa-diagram__scroll")?.getAttribute("aria-label") || "Diagram";
    dialog.querySelector(".qa-diagram-dialog__title").textContent = label.replace(/^Diagram: /, "");
    const stage = dialog.querySelector(".qa-diagram-dialog__stage");
    const box = source.viewBox.baseVal;
    const [width, height] = [box?.width || source.clientWidth, box?.height || source.clientHeight];
    const canvas = el("div", { class: "qa-diagram-dialog__canvas" });
    const copy = source.cloneNode(true); // its own shadow root: its ids and <style> stay apart from the original's
    copy.removeAttribute("part");
    Object.assign(copy.style, { width: `${width}px`, height: `${height}px`, maxWidth: "none", minWidth: "0" });
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.attachShadow({ mode: "open" }).append(copy);
    stage.replaceChildren(canvas);
    dialog.showModal();

    const room = stage.getBoundingClientRect();
    const fit = Math.min(room.width / width, room.height / height, 2) * 0.96;
    /* Scaled about its own centre, the diagram is moved so that centre is the stage's. */
    const pz = Panzoom(canvas, {
      canvas: true,
      startScale: fit,
      startX: (room.width - width) / 2 / fit,
      startY: (room.height - height) / 2 / fit,
      minScale: Math.min(fit, 1) / 2,
      maxScale: Math.max(4, fit * 4),
      step: STEP,
      cursor: "grab",
    });
    const wheel = (ev) => pz.zoomWithWheel(ev);
    stage.addEventListener("wheel", wheel, { passive: false });
    view = { pz, stage, opener, wheel };
  };

  document.addEventListener("click", (ev) => {
    const opener = ev.target instanceof Element ? ev.target.closest("[data-diagram-open]") : null;
    if (opener) open(opener);
  });
})();
