// The interpreter's exit (Python/pylifecycle.c's Py_FinalizeEx, 2.7's Py_Finalize and
// PyImport_Cleanup), as far as a snippet can see it: what still lives when the snippet ends
// dies in CPython's order, and the __del__ methods and weakref callbacks that run then print
// what they print in CPython. The Lab runs it in finish(), after the run.
#pragma once

#include <optional>

#include "interp/interp.h"

namespace pymemlab {

// Per profile:
// - first the functions registered with atexit, last first (2.7: sys.exitfunc, which atexit
//   sets; a SystemExit it raises sets the exit status, returned here);
// - 3.x: a full collection with gc.callbacks when collection is enabled (2.7: always);
//   builtins._ and sys.last_* (and the other special sys names) set to None, sys.stdout and
//   sys.stderr restored from sys.__stdout__ / __stderr__;
// - 3.x: every module in sys.modules replaced by None, in sys.modules' order, so __main__ dies
//   unless something holds it, and sys.modules emptied; names the snippet added to builtins
//   dropped; a collection whatever gc.isenabled() says (_PyGC_CollectNoFail); the globals of
//   modules still alive wiped (module_clear_dict: 3.6/3.7 in import order, 3.8+ the reverse),
//   then sys's and builtins'; one more collection, and from 3.10 a last one as the
//   interpreter state is cleared;
// - 2.7: __main__'s globals wiped first, then every other module's (those only sys.modules
//   holds first), then sys's and __builtin__'s; no collection after.
// Afterwards print() writes nothing (sys.stdout is None), as in CPython's last collections.
std::optional<int> py_finalize(Interp& in);

}  // namespace pymemlab
