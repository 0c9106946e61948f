// The atexit module (atexitmodule.cpp): functions a snippet registers run at the interpreter's
// exit, last registered first, as the first thing the exit does (pylifecycle.h).
#pragma once

#include "interp/interp.h"

namespace pymemlab {

// _PyAtExit_Init: 3.10+ make atexit's state with the interpreter (3.6-3.9 on first import).
void atexit_init(Interp& in);
// _PyAtExit_Call (3.x): runs the registered callbacks, reporting what they raise, and drops
// them. 2.7's run through sys.exitfunc instead (pylifecycle.cpp).
void atexit_call(Interp& in);
// _PyAtExit_Fini: drops what is left and frees the state's memory.
void atexit_fini(Interp& in);

}  // namespace pymemlab
