// Binary search over ascending arrays (plain or typed): the snapshot's ids and addresses, the
// timeline's positions, the run's collections.

// The first index whose key is not below `value` (the length if there is none).
export function lowerBound(sorted, value, key = (x) => x) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The index of `value` in `sorted`, or -1.
export function indexOfSorted(sorted, value) {
  const i = lowerBound(sorted, value);
  return i < sorted.length && sorted[i] === value ? i : -1;
}
