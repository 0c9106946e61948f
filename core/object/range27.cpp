// 2.7's ranges: xrange (Objects/rangeobject.c of 2.7: C longs, indexing through sq_item, no
// slicing, `in` by iteration, identity equality) and the builtin range(), which builds a list of
// ints, or of longs through handle_range_longs when an argument is beyond a C long.
#include <cinttypes>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/long_object.h"
#include "object/range_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

PyRange27Object* as_xrange(PyObject* o) { return reinterpret_cast<PyRange27Object*>(o); }
PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }

// get_len_of_range for a positive step: the items of range(lo, hi, step).
uint64_t len_of_range(int64_t lo, int64_t hi, int64_t step) {
    if (lo >= hi) return 0;
    return 1 + (static_cast<uint64_t>(hi) - 1 - static_cast<uint64_t>(lo)) / static_cast<uint64_t>(step);
}

// getargs' "l": a C long from an int or long ("integer argument expected, got float" for a float).
bool arg_long(Runtime& rt, PyObject* o, int64_t* out) {
    if (Py_TYPE(o) == rt.builtins().float_type) {
        err_set_string(rt, type_error(rt), "integer argument expected, got float");
        return false;
    }
    if (!long_check(o)) {
        err_set_string(rt, type_error(rt), "an integer is required");
        return false;
    }
    bool overflow = false;
    *out = long_as_int64(rt, o, &overflow);
    if (overflow) err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C long");
    return !overflow;
}

// xrange(stop) / xrange(start, stop[, step]).
PyObject* xrange_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, type_error(rt), "xrange() does not take keyword arguments");
    if (nargs < 1 || nargs > 3) return err_set_string(rt, type_error(rt), "xrange() requires 1-3 int arguments");
    int64_t start = 0, stop = 0, step = 1;
    if (nargs == 1) {
        if (!arg_long(rt, args[0], &stop)) return nullptr;
    } else if (!arg_long(rt, args[0], &start) || !arg_long(rt, args[1], &stop) ||
               (nargs == 3 && !arg_long(rt, args[2], &step))) {
        return nullptr;
    }
    if (step == 0) return err_set_string(rt, rt.builtins().exc.ValueError, "xrange() arg 3 must not be zero");
    const uint64_t n = step > 0 ? len_of_range(start, stop, step) : len_of_range(stop, start, 0 - step);
    if (n > static_cast<uint64_t>(INT64_MAX))
        return err_set_string(rt, rt.builtins().exc.OverflowError, "xrange() result has too many items");
    PyObject* o = rt.alloc_object(rt.builtins().range_type, sizeof(PyRange27Object));
    if (o == nullptr) return err_no_memory(rt);
    as_xrange(o)->start = start;
    as_xrange(o)->step = step;
    as_xrange(o)->len = static_cast<int64_t>(n);
    return o;
}

// range_repr: the stop it prints is start + len * step.
PyObject* xrange_repr(Runtime& rt, PyObject* self) {
    PyRange27Object* r = as_xrange(self);
    const int64_t stop = r->start + r->len * r->step;
    char text[96];
    if (r->start == 0 && r->step == 1)
        std::snprintf(text, sizeof text, "xrange(%" PRId64 ")", stop);
    else if (r->step == 1)
        std::snprintf(text, sizeof text, "xrange(%" PRId64 ", %" PRId64 ")", r->start, stop);
    else
        std::snprintf(text, sizeof text, "xrange(%" PRId64 ", %" PRId64 ", %" PRId64 ")", r->start, stop, r->step);
    return str_from_utf8(rt, text);
}

Py_ssize_t xrange_length(Runtime&, PyObject* self) { return as_xrange(self)->len; }

// PyObject_GetItem on a type with only sq_item: an index (negative ones count from the end).
PyObject* xrange_subscript(Runtime& rt, PyObject* self, PyObject* key) {
    if (!seq_index_check(key))
        return err_format(rt, type_error(rt), "sequence index must be integer, not '%s'", seq_type_name(key).c_str());
    Py_ssize_t i;
    if (!seq_as_ssize(rt, key, rt.builtins().exc.IndexError, &i)) return nullptr;
    PyRange27Object* r = as_xrange(self);
    if (i < 0) i += r->len;
    if (i < 0 || i >= r->len) return err_set_string(rt, rt.builtins().exc.IndexError, "xrange object index out of range");
    return long_from_int64(rt, r->start + (i % r->len) * r->step);
}

PyObject* xrange_iter(Runtime& rt, PyObject* self) {
    PyRange27Object* r = as_xrange(self);
    return range_iter_new(rt, r->start, r->step, r->len);
}

PyObject* xrange_reversed(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "xrange", "__reversed__", nargs, kw)) return nullptr;
    PyRange27Object* r = as_xrange(self);
    return range_iter_new(rt, r->start + (r->len - 1) * r->step, -r->step, r->len);
}

const PyMethodDef kXrangeMethods[] = {
    {"__reversed__", xrange_reversed, METH_VARARGS},
    {nullptr, nullptr, 0},
};

// ---- builtins.range ------------------------------------------------------------------------------

PyObject* new_long(Runtime& rt, int64_t v) { return long_from_stwodigits(rt, v); }

// get_range_long_argument: an int or long as it is; a float or a non-number refused.
PyObject* long_argument(Runtime& rt, PyObject* arg, const char* name) {
    if (long_check(arg)) return new_ref(rt, arg);
    return err_format(rt, type_error(rt), "range() integer %s argument expected, got %s.", name,
                      seq_type_name(arg).c_str());
}

// handle_range_longs: the general range(), whose items are longs.
PyObject* range_longs(Runtime& rt, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs < 1 || nargs > 3)
        return err_format(rt, type_error(rt), "range expected %s arguments, got %d",
                          nargs < 1 ? "at least 1" : "at most 3", static_cast<int>(nargs));
    PyObject* low = nullptr;
    PyObject* high = nullptr;
    PyObject* step = nullptr;
    PyObject* result = nullptr;
    if (nargs == 1) {
        low = new_long(rt, 0);
        step = new_long(rt, 1);
        high = long_argument(rt, args[0], "end");
    } else if ((low = long_argument(rt, args[0], "start")) != nullptr &&
               (step = nargs == 3 ? long_argument(rt, args[2], "step") : new_long(rt, 1)) != nullptr) {
        high = long_argument(rt, args[1], "end");
    }
    if (high != nullptr) {
        PyObject* zero = new_long(rt, 0);
        PyObject* sign = long_richcompare(rt, step, zero, Py_GT);
        const bool positive = sign == rt.builtins().singletons.true_;
        rt.xdecref(sign);
        PyObject* is_zero = long_richcompare(rt, step, zero, Py_EQ);
        const bool zero_step = is_zero == rt.builtins().singletons.true_;
        rt.xdecref(is_zero);
        rt.decref(zero);
        if (zero_step) {
            err_set_string(rt, rt.builtins().exc.ValueError, "range() step argument must not be zero");
        } else {
            // n = (hi - lo - 1) // step + 1 for a positive step, mirrored for a negative one.
            PyObject* lo = positive ? low : high;
            PyObject* hi = positive ? high : low;
            PyObject* pstep = positive ? new_ref(rt, step) : long_neg(rt, step);
            PyObject* one = new_long(rt, 1);
            PyObject* diff = long_sub(rt, hi, lo);
            PyObject* less = long_sub(rt, diff, one);
            PyObject* quotient = long_div(rt, less, pstep);
            PyObject* count = long_add(rt, quotient, one);
            for (PyObject* o : {pstep, one, diff, less, quotient}) rt.decref(o);
            bool overflow = false;
            int64_t n = long_as_int64(rt, count, &overflow);
            const bool empty = overflow ? long_sign(rt, count) < 0 : n < 0;
            rt.decref(count);
            if (empty) n = 0;
            if ((overflow && !empty) || n > INT32_MAX) {
                err_set_string(rt, rt.builtins().exc.OverflowError, "range() result has too many items");
            } else if ((result = list_new(rt, n)) == nullptr) {
                err_no_memory(rt);
            } else {
                PyObject* current = new_ref(rt, low);
                for (int64_t i = 0; i < n; ++i) {
                    // PyNumber_Long: a long stays itself, an int becomes a long.
                    list_items(result)[i] = as_bignum(rt, current);
                    PyObject* next = long_add(rt, current, step);
                    rt.decref(current);
                    current = next;
                }
                rt.decref(current);
            }
        }
    }
    rt.xdecref(low);
    rt.xdecref(high);
    rt.xdecref(step);
    return result;
}

// builtin_range: C longs when every argument is an int that fits one, else the long path.
PyObject* builtin_range27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, type_error(rt), "range() takes no keyword arguments");
    int64_t v[3] = {0, 0, 1};
    bool small = nargs >= 1 && nargs <= 3;
    for (Py_ssize_t i = 0; small && i < nargs; ++i) {
        bool overflow = false;
        small = long_check(args[i]) && Py_TYPE(args[i]) != rt.builtins().long27_type;
        if (small) v[i] = long_as_int64(rt, args[i], &overflow);
        small = small && !overflow;
    }
    if (!small) return range_longs(rt, args, nargs);
    const int64_t low = nargs == 1 ? 0 : v[0], high = nargs == 1 ? v[0] : v[1], step = nargs == 3 ? v[2] : 1;
    if (step == 0) return err_set_string(rt, rt.builtins().exc.ValueError, "range() step argument must not be zero");
    const uint64_t n = step > 0 ? len_of_range(low, high, step) : len_of_range(high, low, 0 - step);
    if (n > static_cast<uint64_t>(INT64_MAX))
        return err_set_string(rt, rt.builtins().exc.OverflowError, "range() result has too many items");
    PyObject* list = list_new(rt, static_cast<int64_t>(n));
    if (list == nullptr) return err_no_memory(rt);
    for (uint64_t i = 0; i < n; ++i) {
        const auto value = static_cast<int64_t>(static_cast<uint64_t>(low) + i * static_cast<uint64_t>(step));
        PyObject* w = long_from_int64(rt, value);
        if (w == nullptr) {
            rt.decref(list);
            return err_no_memory(rt);
        }
        list_items(list)[i] = w;
    }
    return list;
}

}  // namespace

const PyMethodDef kRange27Builtin[] = {
    {"range", builtin_range27, METH_VARARGS},
    {nullptr, nullptr, 0},
};

void init_xrange_slots(Runtime&, PyTypeObject* t) {
    t->tp_new = xrange_tp_new;
    t->tp_repr = xrange_repr;
    t->tp_iter = xrange_iter;
    t->tp_as_sequence.sq_length = xrange_length;
    t->tp_as_mapping.mp_subscript = xrange_subscript;
    t->tp_methods = kXrangeMethods;
}

}  // namespace pymemlab
