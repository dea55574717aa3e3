/* Open the answer of the question a link points at.
 *
 * Material opens a closed <details> only when the link target is inside it; a
 * question's heading sits just before its answer, so deep links, search hits and
 * permalinks would land on a closed answer. `target$` fires for all of them and on
 * hash changes. Instant navigation can also swap in a freshly fetched copy of the
 * page after `target$` fired (the first same-page link click does), so each new
 * document opens the question its URL names as well.
 */
function openAnswer(target) {
  const question = target?.closest("[data-question-id]");
  const answer = question?.querySelector(":scope > details");
  if (answer) answer.open = true;
}

target$.subscribe(openAnswer);

/* The id a fragment names, or "" when it is not valid percent-encoding (#%E0%A4%A opens nothing). */
function fragmentId(hash) {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return "";
  }
}

document$.subscribe(() => {
  const id = fragmentId(location.hash);
  if (id) openAnswer(document.getElementById(id));
});
