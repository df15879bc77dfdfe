/* How long a guided session takes, as the player counts it down. Plain functions, no DOM:
   loaded by the player page (before player.js) and by node for the tests.

   The phases (holds, releases, reps, rests) are what the player times on its ring. The time an
   item takes is the server's (`item.seconds`, from midback.domain.exercise: it also counts
   getting into position for every set), so "time left" here agrees with the minutes on Today;
   the phases only share that time out as they pass. Both are checked against
   tests/fixtures/player-timing.json. */
(function (root) {
  "use strict";

  function phasesOf(item) {
    const phases = [];
    const release = Math.max(2, Math.round(item.seconds_per_rep));
    for (let set = 1; set <= item.sets; set += 1) {
      if (item.hold_s > 0) {
        for (let rep = 1; rep <= item.reps; rep += 1) {
          phases.push({ kind: "hold", seconds: item.hold_s, set, rep });
          if (rep < item.reps) phases.push({ kind: "release", seconds: release, set, rep });
        }
      } else {
        phases.push({ kind: "reps", target: item.reps, seconds: item.reps * item.seconds_per_rep, set });
      }
      if (set < item.sets && item.rest_s > 0) phases.push({ kind: "rest", seconds: item.rest_s, set });
    }
    return phases;
  }

  const phaseSum = (phases) => phases.reduce((sum, p) => sum + p.seconds, 0);

  /* The item's time: the server's figure, else (an old page) the sum of its phases. */
  function itemSeconds(item, phases) {
    const given = Number(item.seconds);
    return Number.isFinite(given) && given > 0 ? given : phaseSum(phases);
  }

  /* The whole session: every item, and a transition between one item and the next. */
  function sessionSeconds(items, transition) {
    const work = items.reduce((sum, item) => sum + itemSeconds(item, phasesOf(item)), 0);
    return work + transition * Math.max(items.length - 1, 0);
  }

  /* What is left of an item when `phaseLeft` of its phases' seconds are still to come. */
  function itemLeft(item, phases, phaseLeft) {
    const total = phaseSum(phases);
    const seconds = itemSeconds(item, phases);
    if (total <= 0) return phaseLeft > 0 ? seconds : 0;
    return (Math.max(0, Math.min(phaseLeft, total)) / total) * seconds;
  }

  const api = { phasesOf, itemSeconds, sessionSeconds, itemLeft };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.PlayerTiming = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
