// Py_ReprEnter / Py_ReprLeave (Objects/object.c): the containers whose repr is being built, so
// that a container reached again while its own repr runs prints as [...], (...) or {...}.
// CPython keeps them in a list in the thread state's dict (appending takes a reference); the
// model keeps a host list and takes the same reference, but does not allocate that dict and list.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

// 0 when o's repr may start (o is now recorded), 1 when it is already running.
int repr_enter(Runtime& rt, PyObject* o);
// Forgets o (the most recent entry for it) and releases the reference repr_enter took.
void repr_leave(Runtime& rt, PyObject* o);

}  // namespace pymemlab
