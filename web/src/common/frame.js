// One redraw per animation frame: any number of requests between two frames cost one draw,
// which always renders the latest state (snapshots that arrive faster than frames are skipped).
export function createFrameScheduler(draw) {
  let requested = false;
  return function requestFrame() {
    if (requested) return;
    requested = true;
    requestAnimationFrame(() => {
      requested = false;
      draw();
    });
  };
}
