// What the builtins module's files share: argument checks that raise CPython's TypeErrors (per
// version), and each file's table of functions. bltinmodule.cpp builds the module from the
// tables; bltin_numbers.cpp (abs .. sum, min, max), bltin_iter.cpp (iter, next, all, any,
// sorted, reversed ...), bltin_names.cpp (getattr, dir, vars, locals, exec ...) fill them.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "object/object.h"
#include "object/text_args.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;
struct Interp;

namespace bltin {

bool is_none(const Runtime& rt, const PyObject* o);
Py_ssize_t count_keywords(PyObject* kwnames);

// METH_O and positional-only functions: "len() takes no keyword arguments".
bool no_keywords(Runtime& rt, const char* name, PyObject* kwnames);
// METH_O: "len() takes exactly one argument (2 given)".
bool one_arg(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames);
// METH_NOARGS: "locals() takes no arguments (1 given)".
bool no_args(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames);
// _PyArg_CheckPositional / PyArg_UnpackTuple: "divmod expected 2 arguments, got 1",
// "getattr expected at least 2 arguments, got 1" (2.7: always "arguments").
bool positional(Runtime& rt, const char* name, Py_ssize_t nargs, Py_ssize_t lo, Py_ssize_t hi);

// Keyword arguments a function takes by name. Fills out[i] for names[i] (left as it was when not
// given); an unknown keyword raises the version's TypeError for `fname`. `values` are the keyword
// values (args + nargs).
bool keywords(Runtime& rt, const char* fname, PyObject* const* values, PyObject* kwnames,
              std::initializer_list<const char*> names, PyObject** out);
// An argument given both by position and by keyword: "round() got multiple values for argument
// 'ndigits'" (clinic); or a required one missing: "pow() missing required argument 'exp' (pos 2)".
PyObject* multiple_values(Runtime& rt, const char* fname, const char* name);
PyObject* missing_argument(Runtime& rt, const char* fname, const char* name, int pos);

using pymemlab::type_name_of;  // text_args.h

extern const PyMethodDef kNumberFunctions[];
extern const PyMethodDef kIterFunctions[];
extern const PyMethodDef kNameFunctions[];
extern const PyMethodDef kNameFunctions27[];  // 2.7's intern and raw_input

// Builtins::super_frame_args: the running function's __class__ and first argument (bltin_names.cpp).
bool super_frame_args(Runtime& rt, PyTypeObject** type, PyObject** obj);

// The names dir(o) lists when o's class has no __dir__ of its own: borrowed, unsorted, possibly
// repeated (an instance's managed dict is made, as __dict__ makes it).
void dir_names(Runtime& rt, PyObject* o, std::vector<PyObject*>* names);

}  // namespace bltin

}  // namespace pymemlab
