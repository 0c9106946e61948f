// engine_stack.h's question to the WebAssembly engine, an Emscripten JS library linked with every
// program built on the core: how many frames of a 40-argument function the engine can still push
// from here. The arguments, which the caller pushes in every tier of V8's, make each frame about
// 700 bytes whether the function runs interpreted or optimized, so that answers taken at
// different times compare. About 0.2 ms from an empty stack.
mergeInto(LibraryManager.library, {
  pymemlab_engine_stack_frames: function () {
    let n = 0;
    const dive = (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9,
                  c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, d0, d1, d2, d3, d4, d5, d6, d7, d8, d9) => {
      n++;
      dive(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9,
           c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, d0, d1, d2, d3, d4, d5, d6, d7, d8, d9);
    };
    try {
      dive(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    return n;
  },
});
