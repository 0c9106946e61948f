// The built-in singletons: None, NotImplemented, Ellipsis (Objects/object.c, sliceobject.c)
// and bool's True and False (Objects/boolobject.c, ints of one digit or none). All static:
// counted like other static objects up to 3.11, immortal from 3.12.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

struct Singletons {
    PyObject* none = nullptr;
    PyObject* not_implemented = nullptr;
    PyObject* ellipsis = nullptr;
    PyObject* true_ = nullptr;
    PyObject* false_ = nullptr;
};

void init_singletons(Runtime& rt);
// A new reference to True or False.
PyObject* bool_from(Runtime& rt, bool value);
// sys.getsizeof for None, NotImplemented, Ellipsis (16) and the bools (as ints).
int64_t singleton_sizeof(const Runtime& rt, const PyObject* o);

}  // namespace pymemlab
