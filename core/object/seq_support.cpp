// The helpers of seq_internal.h: PyNumber_AsSsize_t and the argument converters of the sequence
// methods with each version's wording, and int arithmetic on objects for 3.x's unbounded ranges.
#include <cinttypes>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/long_object.h"
#include "object/seq_internal.h"
#include "object/singletons.h"
#include "object/text_args.h"

namespace pymemlab {

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }

// The value of an int, or the bound it lies beyond (*overflow set).
int64_t clamped_value(Runtime& rt, PyObject* index, bool* overflow) {
    int64_t v = long_as_int64(rt, index, overflow);
    if (*overflow) v = long_sign(rt, index) < 0 ? kPySsizeTMin : kPySsizeTMax;
    return v;
}

}  // namespace

bool seq_as_ssize(Runtime& rt, PyObject* o, PyTypeObject* exc, Py_ssize_t* out) {
    if (!seq_index_check(o)) {
        err_format(rt, type_error(rt),
                   rt.profile().major == 2 ? "'%s' object cannot be interpreted as an index"
                                           : "'%s' object cannot be interpreted as an integer",
                   seq_type_name(o).c_str());
        return false;
    }
    PyObject* index = number_index(rt, o);
    if (index == nullptr) return false;
    bool overflow = false;
    *out = clamped_value(rt, index, &overflow);
    if (overflow && exc != nullptr) {
        err_format(rt, exc, "cannot fit '%s' into an index-sized integer", seq_type_name(index).c_str());
        rt.decref(index);
        return false;
    }
    rt.decref(index);
    return true;
}

bool seq_arg_ssize(Runtime& rt, PyObject* o, Py_ssize_t* out) {
    const Profile& p = rt.profile();
    if (!p.at_least(3, 10) && Py_TYPE(o) == rt.builtins().float_type) {
        err_set_string(rt, type_error(rt), "integer argument expected, got float");
        return false;
    }
    if (!seq_index_check(o)) {
        err_format(rt, type_error(rt),
                   p.major == 2 ? "'%s' object cannot be interpreted as an index"
                                : "'%s' object cannot be interpreted as an integer",
                   seq_type_name(o).c_str());
        return false;
    }
    PyObject* index = number_index(rt, o);
    if (index == nullptr) return false;
    bool overflow = false;
    *out = long_as_int64(rt, index, &overflow);
    rt.decref(index);
    if (overflow) {
        err_set_string(rt, rt.builtins().exc.OverflowError,
                       p.major == 2 ? "Python int too large to convert to C long"
                                    : "Python int too large to convert to C ssize_t");
        return false;
    }
    return true;
}

bool seq_slice_index(Runtime& rt, PyObject* o, Py_ssize_t* out, bool none_ok) {
    if (none_ok && o == rt.builtins().singletons.none) return true;
    if (!seq_index_check(o)) {
        err_set_string(rt, type_error(rt),
                       none_ok ? "slice indices must be integers or None or have an __index__ method"
                               : "slice indices must be integers or have an __index__ method");
        return false;
    }
    return seq_as_ssize(rt, o, nullptr, out);
}

// ---- argument checks ----------------------------------------------------------------------------

std::string seq_method_name(const Runtime& rt, const char* type, const char* name) {
    if (!rt.profile().at_least(3, 10)) return name;
    return std::string(type) + "." + name;
}

static bool no_keywords(Runtime& rt, const char* type, const char* name, PyObject* kwnames) {
    if (kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    err_format(rt, type_error(rt), "%s() takes no keyword arguments", seq_method_name(rt, type, name).c_str());
    return false;
}

bool seq_check_one_arg(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_keywords(rt, type, name, kwnames)) return false;
    if (nargs == 1) return true;
    err_format(rt, type_error(rt), "%s() takes exactly one argument (%" PRId64 " given)",
               seq_method_name(rt, type, name).c_str(), nargs);
    return false;
}

bool seq_check_no_args(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_keywords(rt, type, name, kwnames)) return false;
    if (nargs == 0) return true;
    err_format(rt, type_error(rt), "%s() takes no arguments (%" PRId64 " given)",
               seq_method_name(rt, type, name).c_str(), nargs);
    return false;
}

bool seq_check_positional(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames,
                          int min, int max, int clinic_from) {
    if (!no_keywords(rt, type, name, kwnames)) return false;
    if (nargs >= min && nargs <= max) return true;
    return rt.profile().at_least(3, clinic_from) ? check_positional(rt, name, nargs, min, max)
                                                 : check_getargs_arity(rt, name, nargs, min, max);
}

// ---- int arithmetic -----------------------------------------------------------------------------

PyObject* seq_int_add(Runtime& rt, PyObject* a, PyObject* b) { return long_add(rt, a, b); }
PyObject* seq_int_sub(Runtime& rt, PyObject* a, PyObject* b) { return long_sub(rt, a, b); }
PyObject* seq_int_mul(Runtime& rt, PyObject* a, PyObject* b) { return long_mul(rt, a, b); }
PyObject* seq_int_floordiv(Runtime& rt, PyObject* a, PyObject* b) { return long_div(rt, a, b); }
PyObject* seq_int_neg(Runtime& rt, PyObject* a) { return long_neg(rt, a); }

int seq_int_compare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    const int c = a == b ? 0 : long_compare_digits(rt, a, b);
    switch (op) {
        case Py_LT: return c < 0;
        case Py_LE: return c <= 0;
        case Py_EQ: return c == 0;
        case Py_NE: return c != 0;
        case Py_GT: return c > 0;
        default: return c >= 0;
    }
}

int seq_int_sign(const Runtime& rt, const PyObject* a) { return long_sign(rt, a); }

}  // namespace pymemlab
