// Argument checks of the dict, set and view methods with each version's TypeError text:
// METH_NOARGS and METH_O ("keys() takes no arguments (1 given)", from 3.9 "dict.keys() ..."),
// keyword refusals, and the positional counts of Argument Clinic / PyArg_UnpackTuple ("get
// expected at least 1 argument, got 0"; 2.7 and 3.6 always say "arguments").
#pragma once

#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/runtime.h"

namespace pymemlab {

// The name a method's own messages print: "keys", from 3.9 "dict.keys".
inline std::string mapping_method_name(const Runtime& rt, const char* type, const char* name) {
    return rt.profile().at_least(3, 9) ? std::string(type) + "." + name : std::string(name);
}

inline bool mapping_no_keywords(Runtime& rt, const char* type, const char* name, PyObject* kwnames) {
    if (kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes no keyword arguments",
               mapping_method_name(rt, type, name).c_str());
    return false;
}

// METH_NOARGS.
inline bool mapping_no_args(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_keywords(rt, type, name, kwnames)) return false;
    if (nargs == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes no arguments (%lld given)",
               mapping_method_name(rt, type, name).c_str(), static_cast<long long>(nargs));
    return false;
}

// METH_O.
inline bool mapping_one_arg(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_keywords(rt, type, name, kwnames)) return false;
    if (nargs == 1) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes exactly one argument (%lld given)",
               mapping_method_name(rt, type, name).c_str(), static_cast<long long>(nargs));
    return false;
}

// _PyArg_CheckPositional / PyArg_UnpackTuple: min..max positional arguments, no keywords.
inline bool mapping_positional(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames,
                               Py_ssize_t min, Py_ssize_t max) {
    if (!mapping_no_keywords(rt, type, name, kwnames)) return false;
    if (nargs >= min && nargs <= max) return true;
    const bool too_few = nargs < min;
    const Py_ssize_t n = too_few ? min : max;
    const bool plural = n != 1 || !rt.profile().at_least(3, 7);
    err_format(rt, rt.builtins().exc.TypeError, "%s expected %s%lld argument%s, got %lld", name,
               min == max ? "" : too_few ? "at least " : "at most ", static_cast<long long>(n), plural ? "s" : "",
               static_cast<long long>(nargs));
    return false;
}

inline PyObject* mapping_new_ref(Runtime& rt, PyObject* o) {
    rt.incref(o);
    return o;
}

}  // namespace pymemlab
