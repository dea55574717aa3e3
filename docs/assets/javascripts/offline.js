/* Register the service worker (sw.js at the site root, written by the build) once the page has
 * loaded, so precaching the guide for offline use never competes with the first visit. */
(() => {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  const worker = new URL("../../sw.js", document.currentScript.src);
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(worker, { scope: new URL("./", worker).pathname }).catch(() => {
      /* no worker (mkdocs serve writes none): the guide still works online */
    });
  });
})();
