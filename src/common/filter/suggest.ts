/**
 * "Did you mean …?" for the filter language. Edit distance is written here rather than taken
 * from a package: it is fifteen lines, and no distance package is a direct dependency.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate nearest to `word` (case-insensitive), or null when none is plausibly meant. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  if (!w) return null;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    // A prefix ("prot" of "proto") beats a typo ("prot" → "port"): the user was still typing.
    const score = c.startsWith(w) ? 0.5 : editDistance(w, c);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  const allowed = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  return bestScore <= allowed ? best : null;
}
