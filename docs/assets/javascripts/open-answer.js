/* Open the answer of the question a link points at.
 *
 * Material opens a closed <details> only when the link target is inside it; a
 * question's heading sits just before its answer, so deep links, search hits and
 * permalinks would land on a closed answer. `target$` fires for all of them,
 * including after instant navigation and on hash changes.
 */
target$.subscribe((target) => {
  const question = target.closest("[data-question-id]");
  const answer = question?.querySelector(":scope > details");
  if (answer) answer.open = true;
});
