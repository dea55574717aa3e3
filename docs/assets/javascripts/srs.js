/* Spaced repetition: FSRS from ts-fsrs (vendored, docs/assets/vendor/ts-fsrs/), loaded when first needed.
 *
 * Each answer becomes an FSRS rating (README, "Reviews scheduled by FSRS"):
 *   "I didn't" / "Review again"                                  -> Again
 *   "I knew it" with under half the key points said              -> Hard
 *   "I knew it" with half or more (or no self-check)             -> Good
 *   "I knew it" with every key point, answered within its level's
 *   minutes (from the question shown to "Show answer")           -> Easy
 *
 * Intervals are whole days (no same-day learning steps: the guide plans by the
 * day) and not fuzzed, so a schedule can be predicted and tested. The library
 * (72 kB) is fetched on the first mark or when a page orders by retrievability,
 * never on page load.
 */
(() => {
  const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 };
  const script = document.currentScript;
  const src = new URL("../vendor/ts-fsrs/ts-fsrs.umd.js", script.src).href;
  let loading = null;
  let scheduler = null;

  /* The scheduler, once the library has loaded (rejects if it cannot be fetched). */
  const ready = () =>
    (loading ??= new Promise((resolve, reject) => {
      if (window.FSRS) return resolve(window.FSRS);
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = () => resolve(window.FSRS);
      tag.onerror = () => {
        loading = null;
        tag.remove();
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(tag);
    }).then((lib) => {
      scheduler ??= lib.fsrs(lib.generatorParameters({ enable_fuzz: false, enable_short_term: false }));
      return scheduler;
    }));

  /* The rating for an answer: `known` (true: "I knew it"), the self-check `score`
     ({said, of} or null) and whether it came within the level's time (`quick`). */
  const rating = (known, score, quick = false) => {
    if (!known) return Rating.Again;
    if (!score) return Rating.Good;
    if (score.said === score.of) return quick ? Rating.Easy : Rating.Good;
    return score.said * 2 < score.of ? Rating.Hard : Rating.Good;
  };

  const toCard = (stored) => ({
    ...stored,
    due: new Date(stored.due),
    last_review: stored.last_review ? new Date(stored.last_review) : undefined,
  });
  const fromCard = (card) => {
    const out = {};
    for (const k of ["stability", "difficulty", "elapsed_days", "scheduled_days", "learning_steps", "reps", "lapses", "state"]) out[k] = card[k];
    out.due = card.due.toISOString();
    out.last_review = card.last_review ? new Date(card.last_review).toISOString() : null;
    return out;
  };

  /* The stored card after rating it `grade` at `now` (a new card when `stored` is null). */
  const review = async (stored, grade, now = new Date()) => {
    const f = await ready();
    const card = stored ? toCard(stored) : window.FSRS.createEmptyCard(now);
    return fromCard(f.next(card, now, grade).card);
  };

  /* Probability of recalling the card now (0 to 1); needs `ready()` first. */
  const retrievability = (stored, now = new Date()) => (scheduler && stored ? scheduler.get_retrievability(toCard(stored), now, false) : 1);

  window.qaSrs = { Rating, rating, ready, review, retrievability, loaded: () => Boolean(scheduler) };
})();
