/* Recording a spoken answer on this device (MediaRecorder), to play it back before the self-check.
 *
 * The recording is a Blob in this page's memory, played from a blob: URL. It is
 * never uploaded or stored: moving to the next question or leaving the quiz
 * discards it. Where the browser cannot record, or the microphone is refused,
 * the panel says why and the quiz carries on without it.
 */
(() => {
  const { h } = window.qaSets;
  let current = null; // { panel, stream, recorder, chunks, url }

  const supported = () => Boolean(window.MediaRecorder && navigator.mediaDevices?.getUserMedia);

  const say = (panel, text) => {
    panel.querySelector(".qa-voice__status").textContent = text;
  };

  const button = (panel) => panel.querySelector("[data-voice]");

  /* Release the microphone and forget the recording. */
  const discard = () => {
    if (!current) return;
    const { stream, recorder, url } = current;
    if (recorder && recorder.state !== "inactive") {
      recorder.onstop = null;
      recorder.stop();
    }
    stream?.getTracks().forEach((t) => t.stop());
    if (url) URL.revokeObjectURL(url);
    current = null;
  };

  /* The panel for one question; the quiz places it above "Show answer". */
  const panel = () => {
    discard();
    const el = h(
      "div",
      { class: "qa-voice", role: "group", "aria-label": "Record your answer" },
      h("button", { type: "button", class: "qa-btn", "data-voice": "start", text: "Record my answer" }),
      h("p", { class: "qa-voice__status", role: "status" }),
      h("audio", { class: "qa-voice__audio", controls: true, hidden: true, "aria-label": "Your recorded answer" }),
      h("p", { class: "qa-voice__note", text: "The recording stays on this device: nothing is uploaded, and it is gone when you move on." }),
    );
    if (!supported()) {
      button(el).disabled = true;
      say(el, "This browser cannot record audio here, so answer aloud without a recording.");
    }
    current = { panel: el };
    return el;
  };

  const start = async (el) => {
    if (!supported()) return;
    const b = button(el);
    b.disabled = true;
    say(el, "Asking for the microphone…");
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (err) {
      b.disabled = false;
      const refused = err && (err.name === "NotAllowedError" || err.name === "SecurityError");
      say(
        el,
        refused
          ? "The microphone was refused, so nothing is recorded. Answer aloud anyway; you can allow the microphone in the browser's site settings."
          : `No microphone could be used (${err?.name || "error"}), so nothing is recorded. Answer aloud anyway.`,
      );
      return;
    }
    if (current?.panel !== el || !el.isConnected) {
      stream.getTracks().forEach((t) => t.stop()); // the question changed while asking
      return;
    }
    const recorder = new MediaRecorder(stream);
    const chunks = [];
    recorder.ondataavailable = (ev) => {
      if (ev.data.size) chunks.push(ev.data);
    };
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      const blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      if (current?.url) URL.revokeObjectURL(current.url);
      const url = URL.createObjectURL(blob);
      Object.assign(current, { url, recorder: null, stream: null });
      const audio = el.querySelector("audio");
      audio.src = url;
      audio.hidden = false;
      audio.dataset.bytes = String(blob.size);
      b.dataset.voice = "start";
      b.textContent = "Record again";
      b.disabled = false;
      say(el, "Recorded. Play it back, then check it against the key points.");
    };
    Object.assign(current, { stream, recorder, chunks });
    recorder.start();
    b.dataset.voice = "stop";
    b.textContent = "Stop recording";
    b.disabled = false;
    say(el, "Recording… answer aloud, then stop.");
  };

  const stop = () => {
    if (current?.recorder && current.recorder.state !== "inactive") current.recorder.stop();
  };

  document.addEventListener("click", (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest(".qa-voice [data-voice]") : null;
    if (!b) return;
    if (b.dataset.voice === "start") start(b.closest(".qa-voice"));
    else stop();
  });

  window.qaRecorder = { supported, panel, stop, discard, recording: () => Boolean(current?.recorder && current.recorder.state === "recording") };
})();
