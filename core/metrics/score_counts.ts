/**
 * Exact, mergeable ROC AUC: counts of positive and negative rows per distinct
 * score.
 *
 * @module
 */
import { sortScores } from "./sort_scores.ts";

/**
 * How many positive and negative rows had each distinct score. ROC AUC is the
 * Mann–Whitney statistic over these counts: the share of (positive, negative)
 * pairs where the positive scores higher, ties counting 1/2, which is exactly
 * the area scikit-learn's `roc_auc_score` computes with its trapezoids.
 * Memory grows with the distinct scores, not the rows; merging adds counts.
 *
 * @example
 * ```ts
 * import { ScoreCounts } from "./score_counts.ts";
 * const counts = new ScoreCounts();
 * counts.add(0.9, true);
 * counts.add(0.4, true);
 * counts.add(0.4, false); // a tie with a positive: half a pair
 * counts.add(0.1, false);
 * if (counts.auc() !== 0.875) throw new Error(String(counts.auc())); // (1 + 1 + 0.5 + 1) / 4
 * ```
 */
export class ScoreCounts {
  #positives = new _SortedCounts();
  #negatives = new _SortedCounts();

  /** Rows counted as positive. */
  get positives(): number {
    return this.#positives.total;
  }

  /** Rows counted as negative. */
  get negatives(): number {
    return this.#negatives.total;
  }

  /** Counts one row with its score (finite) and whether it is positive. */
  add(score: number, positive: boolean): void {
    (positive ? this.#positives : this.#negatives).push(score);
  }

  /** Adds the rows `other` counted. */
  merge(other: ScoreCounts): void {
    this.#positives.merge(other.#positives);
    this.#negatives.merge(other.#negatives);
  }

  /**
   * The area under the ROC curve; NaN when there are no positive or no
   * negative rows (callers report that as undefined).
   */
  auc(): number {
    const pos = this.#positives.sorted(), neg = this.#negatives.sorted();
    // Twice the Mann–Whitney U: integers, so exact while below 2^53.
    let twiceU = 0, negativesBelow = 0, j = 0;
    for (let i = 0; i < pos.size; i++) {
      const score = pos.scores[i]!;
      while (j < neg.size && neg.scores[j]! < score) negativesBelow += neg.counts[j++]!;
      const tied = j < neg.size && neg.scores[j] === score ? neg.counts[j]! : 0;
      twiceU += pos.counts[i]! * (2 * negativesBelow + tied);
    }
    return rocArea(twiceU, this.#positives.total, this.#negatives.total);
  }
}

/**
 * The area under the ROC curve from twice the Mann–Whitney U (the number of
 * positive–negative pairs where the positive scores higher, times 2, plus
 * the tied pairs), as {@linkcode ScoreCounts} and engines that count pairs
 * elsewhere (the SQL back-test) compute it.
 *
 * @example
 * ```ts
 * import { rocArea } from "./score_counts.ts";
 * if (rocArea(7, 2, 2) !== 0.875) throw new Error(); // 3 pairs won, 1 tied, of 4
 * ```
 */
export function rocArea(twiceU: number, positives: number, negatives: number): number {
  return twiceU / (2 * positives * negatives);
}

/** Fewest new scores buffered before they are sorted into the counts. */
const _MIN_BUFFER = 1 << 16;

/**
 * Distinct scores in increasing order with their counts. New scores are
 * buffered and sorted in bulk (a native numeric sort), then merged in: far
 * faster than a hash map per row, with memory still bounded by the distinct
 * scores (the buffer never exceeds them by more than a constant).
 */
class _SortedCounts {
  scores = new Float64Array(0);
  counts = new Float64Array(0);
  size = 0;
  total = 0;
  #buffer = new Float64Array(64);
  #buffered = 0;

  push(score: number): void {
    if (this.#buffered === this.#buffer.length) {
      if (this.#buffered >= Math.max(_MIN_BUFFER, this.size)) this.#flush();
      else {
        const grown = new Float64Array(this.#buffer.length * 2);
        grown.set(this.#buffer);
        this.#buffer = grown;
      }
    }
    this.#buffer[this.#buffered++] = score;
    this.total++;
  }

  /** This, with every buffered score merged in. */
  sorted(): this {
    this.#flush();
    return this;
  }

  merge(other: _SortedCounts): void {
    other.#flush();
    this.#flush();
    const total = other.total;
    this.#mergeIn(other.scores, other.counts, other.size);
    this.total += total;
  }

  #flush(): void {
    if (this.#buffered === 0) return;
    const batch = sortScores(this.#buffer.subarray(0, this.#buffered));
    this.#buffered = 0;
    this.#mergeIn(batch, null, batch.length);
  }

  /** Merges sorted scores (with counts, or 1 each when `counts` is null) into the distinct list. */
  #mergeIn(scores: Float64Array, counts: Float64Array | null, size: number): void {
    const outScores = new Float64Array(this.size + size),
      outCounts = new Float64Array(this.size + size);
    let i = 0, j = 0, k = 0;
    while (i < this.size || j < size) {
      let score: number, count: number;
      if (j >= size || (i < this.size && this.scores[i]! <= scores[j]!)) {
        score = this.scores[i]!;
        count = this.counts[i++]!;
      } else {
        score = scores[j]!;
        count = counts === null ? 1 : counts[j]!;
        j++;
      }
      // -0 === 0: one score, as in scikit-learn.
      if (k > 0 && outScores[k - 1] === score) outCounts[k - 1]! += count;
      else {
        outScores[k] = score;
        outCounts[k++] = count;
      }
    }
    this.scores = outScores;
    this.counts = outCounts;
    this.size = k;
  }
}
