/* Storage: the one place that reads and writes the study progress in this browser.
 *
 * One localStorage key per site (its root path) holds one document:
 *
 *   { version: 2,
 *     questions: { <id>: { state, updated, first, due, rating, card, score?, legacy? } },
 *     plan: { date, levels, start, startNew, updated } | null,
 *     session: the quiz in progress (quiz.js) | null,
 *     prefs: { timer, record } }
 *
 * Question ids are keys of null-prototype objects, so an id such as `constructor`
 * or `__proto__` is an ordinary key. Nothing stored is dropped silently:
 * - version 1 (the Leitner boxes) is migrated to FSRS cards, mark, score and due
 *   date kept, and the old document is kept under a backup key;
 * - a document that cannot be read, or entries in it that cannot, are copied
 *   under a "could not read" key and reported (`problem()`) until the reader
 *   downloads or deletes the copy.
 * Without localStorage (private mode, blocked storage) the document lives in memory.
 */
(() => {
  const FORMAT = "mlops-interview-guide/progress";
  const VERSION = 2;
  const EVENT = "qa-progress";
  const STATES = ["known", "review"];
  const LEITNER_DAYS = [1, 2, 4, 8, 16]; // version 1's boxes, for the migration

  const siteRoot = () => {
    /* Material sets __md_scope to the site root on the first page loaded. */
    if (typeof __md_scope !== "undefined" && __md_scope instanceof URL) return new URL(__md_scope.href);
    const logo = document.querySelector("a.md-logo");
    return new URL(logo ? logo.href : "./", location.href);
  };
  const KEY = `qa-progress:${siteRoot().pathname}`;
  const BACKUP_KEY = `qa-progress-v1-backup:${siteRoot().pathname}`;
  const COPY_KEY = `qa-progress-unreadable:${siteRoot().pathname}`;

  /* ------------------------------------------------------------- dates */

  const pad = (n) => String(n).padStart(2, "0");
  const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const today = () => isoDate(new Date());
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  const localDay = (iso) => {
    const [y, m, d] = iso.split("-").map(Number);
    return new Date(y, m - 1, d);
  };
  const addDays = (iso, days) => {
    const d = localDay(iso);
    return isoDate(new Date(d.getFullYear(), d.getMonth(), d.getDate() + days));
  };
  const daysBetween = (from, to) => {
    const [a, b] = [from, to].map((iso) => {
      const [y, m, d] = iso.split("-").map(Number);
      return Date.UTC(y, m - 1, d);
    });
    return Math.round((b - a) / 86400000);
  };
  const validDay = (s) => typeof s === "string" && ISO_DAY.test(s) && isoDate(localDay(s)) === s;
  const validTime = (s) => typeof s === "string" && !Number.isNaN(Date.parse(s));

  const dict = () => Object.create(null);
  const isObject = (x) => Boolean(x) && typeof x === "object" && !Array.isArray(x);

  /* ------------------------------------------------------ one entry */

  const NUMBERS = ["stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "state"];

  /* An FSRS card as stored (dates as ISO strings), or null when it is not one. */
  const cleanCard = (c) => {
    if (!isObject(c) || !validTime(c.due)) return null;
    const card = { due: new Date(c.due).toISOString() };
    for (const k of NUMBERS) {
      if (typeof c[k] !== "number" || !Number.isFinite(c[k]) || c[k] < 0) return null;
      card[k] = c[k];
    }
    card.last_review = validTime(c.last_review) ? new Date(c.last_review).toISOString() : null;
    return card;
  };

  const cleanScore = (sc) =>
    isObject(sc) && Number.isInteger(sc.said) && Number.isInteger(sc.of) && sc.of > 0 && sc.said >= 0 && sc.said <= sc.of
      ? { said: sc.said, of: sc.of, on: typeof sc.on === "string" ? sc.on : "" }
      : null;

  /* A version-2 entry, or null when it cannot be read. */
  const cleanEntry = (e) => {
    if (!isObject(e) || !STATES.includes(e.state)) return null;
    const card = cleanCard(e.card);
    if (!card) return null;
    const out = {
      state: e.state,
      updated: validTime(e.updated) ? e.updated : "",
      first: validDay(e.first) ? e.first : isoDate(new Date(card.last_review || card.due)),
      due: isoDate(new Date(card.due)),
      rating: [1, 2, 3, 4].includes(e.rating) ? e.rating : e.state === "known" ? 3 : 1,
      card,
    };
    const score = cleanScore(e.score);
    if (score) out.score = score;
    if (isObject(e.legacy) && Number.isInteger(e.legacy.box)) out.legacy = { box: e.legacy.box };
    return out;
  };

  /* A version-1 (Leitner) entry as an FSRS card with the same mark, score and due date.
     The box's interval becomes the stability (FSRS's stability is the interval after which
     recall drops to 90%, the retention Leitner's doubling aims at), so nothing moves. */
  const migrateEntry = (e) => {
    if (!isObject(e) || !STATES.includes(e.state)) return null;
    const box = Number.isInteger(e.box) && e.box >= 1 && e.box <= LEITNER_DAYS.length ? e.box : 1;
    const interval = LEITNER_DAYS[box - 1];
    const due = validDay(e.due) ? e.due : today();
    const reviewed = validTime(e.updated) ? new Date(e.updated) : localDay(addDays(due, -interval));
    const known = e.state === "known";
    const entry = {
      state: e.state,
      updated: validTime(e.updated) ? e.updated : "",
      first: isoDate(reviewed),
      due,
      rating: known ? 3 : 1,
      card: {
        due: localDay(due).toISOString(),
        stability: interval,
        difficulty: known ? 5 : 7,
        elapsed_days: 0,
        scheduled_days: interval,
        learning_steps: 0,
        reps: known ? box : 1,
        lapses: known ? 0 : 1,
        state: 2, // Review
        last_review: reviewed.toISOString(),
      },
      legacy: { box },
    };
    const score = cleanScore(e.score);
    if (score) entry.score = score;
    return entry;
  };

  /* Entries of a stored or imported `questions` object: the readable ones and how many were not. */
  const cleanQuestions = (questions, version) => {
    const out = dict();
    let bad = 0;
    if (!isObject(questions)) return { entries: out, bad: questions == null ? 0 : 1 };
    for (const id of Object.keys(questions)) {
      const entry = !id || id.length > 200 ? null : version === 1 ? migrateEntry(questions[id]) : cleanEntry(questions[id]);
      if (entry) out[id] = entry;
      else bad += 1;
    }
    return { entries: out, bad };
  };

  const cleanPlan = (p) => {
    if (!isObject(p) || !validDay(p.date) || !validDay(p.start)) return null;
    const levels = Array.isArray(p.levels) ? p.levels.filter((l) => typeof l === "string" && l.length < 100) : [];
    return {
      date: p.date,
      start: p.start,
      levels,
      startNew: Number.isInteger(p.startNew) && p.startNew >= 0 ? p.startNew : 0,
      days: Number.isInteger(p.days) && p.days >= 1 ? p.days : Math.max(1, daysBetween(p.start, p.date)),
      updated: validTime(p.updated) ? p.updated : "",
    };
  };

  const cleanPrefs = (p) => ({ timer: isObject(p) && p.timer === true, record: isObject(p) && p.record === true });

  const empty = () => ({ version: VERSION, questions: dict(), plan: null, session: null, prefs: cleanPrefs(null) });

  /* ------------------------------------------------------ read and write */

  let memory = empty(); // the document when localStorage is unavailable
  let storageWorks = true;

  const get = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      storageWorks = false;
      return null;
    }
  };
  const put = (key, value) => {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch {
      storageWorks = false;
      return false;
    }
  };

  /* Keep what could not be read, once per distinct text, before anything overwrites it. */
  const keepCopy = (raw, reason, bad) => {
    const old = get(COPY_KEY);
    try {
      if (old && JSON.parse(old).raw === raw) return;
    } catch {
      /* an unreadable copy is replaced by the new one */
    }
    put(COPY_KEY, JSON.stringify({ saved: new Date().toISOString(), reason, bad, raw }));
  };

  const serialise = (doc) =>
    JSON.stringify({ version: VERSION, questions: doc.questions, plan: doc.plan, session: doc.session, prefs: doc.prefs });

  /* Parse the stored text into a version-2 document; migrate or report what is not one. */
  const parse = (raw) => {
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      keepCopy(raw, "not JSON", 0);
      return empty();
    }
    if (!isObject(data) || !(data.version === 1 || data.version === VERSION)) {
      keepCopy(raw, isObject(data) && Number.isInteger(data.version) ? `version ${data.version}` : "not progress", 0);
      return empty();
    }
    const { entries, bad } = cleanQuestions(data.questions, data.version);
    if (bad) keepCopy(raw, "unreadable entries", bad);
    const doc = {
      version: VERSION,
      questions: entries,
      plan: cleanPlan(data.plan),
      session: isObject(data.session) ? data.session : null,
      prefs: cleanPrefs(data.prefs),
    };
    if (data.version === 1) {
      if (get(BACKUP_KEY) === null) put(BACKUP_KEY, raw);
      put(KEY, serialise(doc)); // migrated once; the version-1 text stays under BACKUP_KEY
    } else if (bad) put(KEY, serialise(doc));
    return doc;
  };

  let cache = { raw: undefined, doc: null };

  /* The stored document (a fresh copy: callers may change it and `save` it). */
  const load = () => {
    const raw = get(KEY);
    let doc;
    if (!storageWorks) doc = structuredClone(memory);
    else if (raw === null) return empty();
    else {
      if (cache.raw !== raw) cache = { raw, doc: parse(raw) };
      doc = structuredClone(cache.doc);
    }
    /* structuredClone keeps plain prototypes: give the id map its null prototype back. */
    doc.questions = Object.assign(dict(), doc.questions);
    return doc;
  };

  const save = (doc) => {
    memory = structuredClone(doc);
    const raw = serialise(doc);
    if (put(KEY, raw)) cache = { raw, doc: structuredClone(doc) };
    window.dispatchEvent(new CustomEvent(EVENT));
  };

  /* Change the document with `fn(doc)` and save it; returns what `fn` returned. */
  const update = (fn) => {
    const doc = load();
    const result = fn(doc);
    save(doc);
    return result;
  };

  /* What could not be read, while its copy is kept: { saved, reason, bad } or null. */
  const problem = () => {
    const raw = get(COPY_KEY);
    if (!raw) return null;
    try {
      const copy = JSON.parse(raw);
      return { saved: String(copy.saved || ""), reason: String(copy.reason || ""), bad: Number(copy.bad) || 0, raw: String(copy.raw ?? "") };
    } catch {
      return { saved: "", reason: "unreadable", bad: 0, raw };
    }
  };
  const dropCopy = () => {
    try {
      localStorage.removeItem(COPY_KEY);
    } catch {
      /* nothing to drop */
    }
    window.dispatchEvent(new CustomEvent(EVENT));
  };

  /* --------------------------------------------------- files (export, import) */

  const exportData = () => {
    const doc = load();
    return { format: FORMAT, version: VERSION, exported: new Date().toISOString(), site: siteRoot().href, questions: doc.questions, plan: doc.plan };
  };

  /* Merge a progress file in (the newer mark wins, the newer plan wins).
     Returns { count, bad }: entries taken from the file, entries that could not be read. */
  const importData = (data) => {
    if (!isObject(data) || data.format !== FORMAT) throw new Error("This is not a progress file from this guide.");
    const version = data.version === 1 ? 1 : data.version === VERSION ? VERSION : null;
    if (!version) throw new Error(`it was saved by a newer version of the guide (format version ${data.version}).`);
    const { entries, bad } = cleanQuestions(data.questions, version);
    const plan = cleanPlan(data.plan);
    update((doc) => {
      for (const id of Object.keys(entries)) {
        const mine = doc.questions[id];
        if (!mine || (entries[id].updated || "") >= (mine.updated || "")) doc.questions[id] = entries[id];
      }
      if (plan && (!doc.plan || plan.updated >= doc.plan.updated)) doc.plan = plan;
    });
    return { count: Object.keys(entries).length, bad };
  };

  window.qaStorage = {
    key: KEY,
    backupKey: BACKUP_KEY,
    copyKey: COPY_KEY,
    event: EVENT,
    root: siteRoot,
    today,
    isoDate,
    addDays,
    daysBetween,
    validDay,
    dict,
    load,
    save,
    update,
    problem,
    dropCopy,
    exportData,
    importData,
    persistent: () => storageWorks,
  };
})();
