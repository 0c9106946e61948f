// The built-in singletons: None, NotImplemented, Ellipsis (Objects/object.c, sliceobject.c)
// and bool's True and False (Objects/boolobject.c, ints of one digit or none). All static:
// counted like other static objects up to 3.11, immortal from 3.12. bool's slots are here too.
#pragma once

#include "object/object.h"
#include "object/type.h"

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
// bool's repr ('True', 'False'; also its str) and bool(x) (by abstract.h's object_is_true).
PyObject* bool_repr(Runtime& rt, PyObject* v);
PyObject* bool_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
// sys.getsizeof for None, NotImplemented, Ellipsis (16) and the bools (as ints).
int64_t singleton_sizeof(const Runtime& rt, const PyObject* o);

}  // namespace pymemlab
