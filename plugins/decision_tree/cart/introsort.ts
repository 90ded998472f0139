/**
 * scikit-learn's tree sort (introsort, median-of-three pivot, three-way
 * partition, heapsort past the depth limit). The order it leaves tied and
 * untied samples in decides the order of floating-point sums in the
 * criterion, so a fitted tree is bit-identical only with this exact sort.
 *
 * @module
 */

/**
 * Sorts `values[start, start+n)` ascending, moving `samples` along.
 *
 * @example
 * ```ts
 * import { sortSamples } from "./introsort.ts";
 * const v = Float32Array.of(9, 3, 5, 1), s = Int32Array.of(0, 1, 2, 3);
 * sortSamples(v, s, 0, 4);
 * if (v.join() !== "1,3,5,9" || s.join() !== "3,1,2,0") throw new Error();
 * ```
 */
export function sortSamples(
  values: Float32Array,
  samples: Int32Array,
  start: number,
  n: number,
): void {
  if (n === 0) return;
  // scikit-learn's `log` is ln(x) / ln(2), truncated to an int.
  _introsort(values, samples, start, n, 2 * Math.trunc(Math.log(n) / Math.log(2)));
}

function _swap(v: Float32Array, s: Int32Array, i: number, j: number): void {
  const tv = v[i]!;
  v[i] = v[j]!;
  v[j] = tv;
  const ts = s[i]!;
  s[i] = s[j]!;
  s[j] = ts;
}

function _median3(v: Float32Array, at: number, n: number): number {
  const a = v[at]!, b = v[at + Math.trunc(n / 2)]!, c = v[at + n - 1]!;
  if (a < b) {
    if (b < c) return b;
    return a < c ? c : a;
  }
  if (b < c) return a < c ? a : c;
  return b;
}

function _introsort(v: Float32Array, s: Int32Array, at: number, n: number, maxd: number): void {
  while (n > 1) {
    if (maxd <= 0) {
      _heapsort(v, s, at, n);
      return;
    }
    maxd--;
    const pivot = _median3(v, at, n);
    let i = 0, l = 0, r = n;
    while (i < r) {
      const x = v[at + i]!;
      if (x < pivot) {
        _swap(v, s, at + i, at + l);
        i++;
        l++;
      } else if (x > pivot) {
        r--;
        _swap(v, s, at + i, at + r);
      } else {
        i++;
      }
    }
    _introsort(v, s, at, l, maxd);
    at += r;
    n -= r;
  }
}

function _siftDown(v: Float32Array, s: Int32Array, at: number, start: number, end: number): void {
  let root = start;
  while (true) {
    const child = root * 2 + 1;
    let maxind = root;
    if (child < end && v[at + maxind]! < v[at + child]!) maxind = child;
    if (child + 1 < end && v[at + maxind]! < v[at + child + 1]!) maxind = child + 1;
    if (maxind === root) return;
    _swap(v, s, at + root, at + maxind);
    root = maxind;
  }
}

function _heapsort(v: Float32Array, s: Int32Array, at: number, n: number): void {
  for (let start = Math.trunc((n - 2) / 2); start >= 0; start--) _siftDown(v, s, at, start, n);
  for (let end = n - 1; end > 0; end--) {
    _swap(v, s, at, at + end);
    _siftDown(v, s, at, 0, end);
  }
}
