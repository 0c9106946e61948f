// The collection the cursor is in, for the panels that draw it: the run's record of it (start,
// end, generation), how far it has got, the objects it will free (`doomed`, which the worker
// reads from the recorded run), and — from move_unreachable on, when the collector knows —
// the same set as `unreachable`.
import { lowerBound } from '../common/sorted.js';

export const PHASES = [
  'update_refs',
  'subtract_refs',
  'move_unreachable',
  'untrack',
  'move_legacy_finalizers',
  'handle_weakrefs',
  'finalize_garbage',
  'handle_resurrected_objects',
  'delete_garbage',
  'done',
];
const KNOWN_FROM = PHASES.indexOf('move_unreachable');

export function collectionAt(view, runInfo) {
  const gc = view.snapshot.gc;
  if (!gc.collecting || !runInfo) return null;
  const list = runInfo.timeline.collections;
  // The last collection that started before the cursor (they are in trace order).
  const found = lowerBound(list, view.position, (c) => c.position) - 1;
  if (found < 0) return null;
  const phase = PHASES.indexOf(gc.phase);
  const doomed = new Set(view.doomed);
  return { collection: list[found], phase, doomed, unreachable: phase >= KNOWN_FROM ? doomed : null };
}
