// The report CPython prints for sys._debugmallocstats(), as the core formats it for the profile.
export function createMallocStats(pre) {
  let seq = -1;
  return {
    render({ snapshot }) {
      if (!snapshot || snapshot.seq === seq) return;
      seq = snapshot.seq;
      pre.textContent = snapshot.stats;
    },
  };
}
