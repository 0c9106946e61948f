// Builtins about numbers: abs, divmod, pow, round, hex, oct, bin, chr, ord, sum, min, max (and
// 2.7's unichr). sum keeps CPython's fast paths (a C integer while the items are ints, a C double
// while they are floats, compensated from 3.12) so that it makes the objects CPython makes.
#include <cmath>
#include <string>
#include <utility>

#include "interp/bltin_internal.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/errors.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace bltin {

namespace {

PyObject* b_abs(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "abs", nargs, kw)) return nullptr;
    return number_absolute(rt, args[0]);
}

PyObject* b_divmod(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "divmod", kw) || !positional(rt, "divmod", nargs, 2, 2)) return nullptr;
    return number_divmod(rt, args[0], args[1]);
}

// pow(base, exp, mod=None); 3.8 made the three keywords.
PyObject* b_pow(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* a[3] = {nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr};
    if (!rt.profile().at_least(3, 8)) {
        if (!no_keywords(rt, "pow", kwnames) || !positional(rt, "pow", nargs, 2, 3)) return nullptr;
    } else {
        if (nargs > 3)
            return err_format(rt, rt.builtins().exc.TypeError, "pow() takes at most 3 arguments (%d given)",
                              static_cast<int>(nargs));
        PyObject* kw[3] = {};
        if (!keywords(rt, "pow", args + nargs, kwnames, {"base", "exp", "mod"}, kw)) return nullptr;
        const char* names[] = {"base", "exp", "mod"};
        for (int i = 0; i < 3; ++i) {
            if (kw[i] == nullptr) continue;
            if (a[i] != nullptr) return multiple_values(rt, "pow", names[i]);
            a[i] = kw[i];
        }
        for (int i = 0; i < 2; ++i)
            if (a[i] == nullptr) return missing_argument(rt, "pow", names[i], i + 1);
    }
    return number_power(rt, a[0], a[1], a[2] != nullptr ? a[2] : rt.builtins().singletons.none);
}

// round(number, ndigits=None): 3.x calls type(number).__round__; 2.7 rounds a float (halves away
// from zero) and always returns a float.
PyObject* b_round(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs > 2)
        return err_format(rt, rt.builtins().exc.TypeError, "round() takes at most 2 arguments (%d given)",
                          static_cast<int>(nargs));
    PyObject* a[2] = {nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr};
    PyObject* kw[2] = {};
    if (!keywords(rt, "round", args + nargs, kwnames, {"number", "ndigits"}, kw)) return nullptr;
    const char* names[] = {"number", "ndigits"};
    for (int i = 0; i < 2; ++i) {
        if (kw[i] == nullptr) continue;
        if (a[i] != nullptr) return multiple_values(rt, "round", names[i]);
        a[i] = kw[i];
    }
    if (a[0] == nullptr) return missing_argument(rt, "round", "number", 1);
    if (rt.profile().major == 2) {
        PyObject* x = number_float(rt, a[0]);
        if (x == nullptr) {
            if (err_matches(rt, rt.builtins().exc.TypeError)) {
                err_clear(rt);
                err_set_string(rt, rt.builtins().exc.TypeError, "a float is required");
            }
            return nullptr;
        }
        PyObject* r = float_round(rt, x, a[1] != nullptr ? a[1] : rt.builtins().singletons.none);
        rt.decref(x);
        return r;
    }
    PyObject* meth = lookup_special(rt, a[0], "__round__");
    if (meth == nullptr) {
        if (err_occurred(rt)) return nullptr;
        return err_format(rt, rt.builtins().exc.TypeError, "type %s doesn't define __round__ method",
                          Py_TYPE(a[0])->tp_name);
    }
    PyObject* bound = Py_TYPE(meth)->tp_descr_get != nullptr
                          ? Py_TYPE(meth)->tp_descr_get(rt, meth, a[0], reinterpret_cast<PyObject*>(Py_TYPE(a[0])))
                          : new_ref(rt, meth);
    if (bound == nullptr) return nullptr;
    PyObject* r = a[1] == nullptr || is_none(rt, a[1]) ? object_call_noargs(rt, bound) : object_call_one(rt, bound, a[1]);
    rt.decref(bound);
    return r;
}

// hex/oct/bin: the integer (through __index__) in base 16, 8, 2. 2.7's hex and oct use the
// number's own __hex__/__oct__ (int and long have them).
PyObject* format_base(Runtime& rt, const char* name, PyObject* const* args, Py_ssize_t nargs, PyObject* kw, int base) {
    if (!one_arg(rt, name, nargs, kw)) return nullptr;
    PyObject* v = args[0];
    if (rt.profile().major == 2 && base != 2) {
        const Builtins& b = rt.builtins();
        if (Py_TYPE(v) != b.long_type && Py_TYPE(v) != b.long27_type && Py_TYPE(v) != Py_TYPE(b.singletons.true_))
            return err_format(rt, b.exc.TypeError, "%s() argument can't be converted to %s", name, name);
        return long_format_base(rt, v, base);
    }
    PyObject* i = number_index(rt, v);
    if (i == nullptr) return nullptr;
    PyObject* r = long_format_base(rt, i, base);
    rt.decref(i);
    return r;
}
PyObject* b_hex(Runtime& rt, PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* kw) {
    return format_base(rt, "hex", a, n, kw, 16);
}
PyObject* b_oct(Runtime& rt, PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* kw) {
    return format_base(rt, "oct", a, n, kw, 8);
}
PyObject* b_bin(Runtime& rt, PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* kw) {
    return format_base(rt, "bin", a, n, kw, 2);
}

// The C int an argument converts to ("i" in PyArg_Parse), with each version's TypeError.
bool as_c_int(Runtime& rt, PyObject* o, int64_t* out) {
    const Profile& p = rt.profile();
    const Builtins& b = rt.builtins();
    if (Py_TYPE(o) == b.float_type || type_is_subtype(Py_TYPE(o), b.float_type)) {
        if (!p.at_least(3, 10)) {
            err_set_string(rt, b.exc.TypeError, "integer argument expected, got float");
            return false;
        }
    }
    if (p.major == 2 && !object_type_check(o, b.long_type) && !(b.long27_type && object_type_check(o, b.long27_type))) {
        err_set_string(rt, b.exc.TypeError, "an integer is required");
        return false;
    }
    PyObject* i = number_index(rt, o);
    if (i == nullptr) {
        if (!p.at_least(3, 10) && err_matches(rt, b.exc.TypeError)) {
            err_clear(rt);
            err_format(rt, b.exc.TypeError, "an integer is required (got type %s)", type_name_of(o).c_str());
        }
        return false;
    }
    bool overflow = false;
    const int64_t v = long_as_int64(rt, i, &overflow);
    rt.decref(i);
    if (overflow || v > INT32_MAX || v < INT32_MIN) {
        err_set_string(rt, b.exc.OverflowError,
                       overflow && p.major >= 3 ? "Python int too large to convert to C int"
                       : p.major >= 3           ? "Python int too large to convert to C int"
                                                : "signed integer is greater than maximum");
        return false;
    }
    *out = v;
    return true;
}

// chr(i): the one-character str (3.x, any code point); 2.7's str of one byte (unichr: unicode).
PyObject* b_chr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (rt.profile().major == 2) {
        if (!no_keywords(rt, "chr", kw)) return nullptr;
        if (nargs != 1)
            return err_format(rt, rt.builtins().exc.TypeError, "chr() takes exactly 1 argument (%d given)",
                              static_cast<int>(nargs));
    } else if (!one_arg(rt, "chr", nargs, kw)) {
        return nullptr;
    }
    int64_t v = 0;
    if (!as_c_int(rt, args[0], &v)) return nullptr;
    if (rt.profile().major == 2) {
        if (v < 0 || v > 255) return err_set_string(rt, rt.builtins().exc.ValueError, "chr() arg not in range(256)");
        const char c = static_cast<char>(v);
        return bytes_from_data(rt, &c, 1);
    }
    if (v < 0 || v > 0x10ffff) return err_set_string(rt, rt.builtins().exc.ValueError, "chr() arg not in range(0x110000)");
    return unicode_from_ordinal(rt, static_cast<uint32_t>(v));
}

PyObject* b_unichr27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "unichr", kw)) return nullptr;
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "unichr() takes exactly 1 argument (%d given)",
                          static_cast<int>(nargs));
    int64_t v = 0;
    if (!as_c_int(rt, args[0], &v)) return nullptr;
    if (v < 0 || v > 0x10ffff) return err_set_string(rt, rt.builtins().exc.ValueError, "unichr() arg not in range(0x110000) (wide Python build)");
    return unicode_from_ordinal(rt, static_cast<uint32_t>(v));
}

// ord(c): the code point of a one-character str, the value of a one-byte bytes.
PyObject* b_ord(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "ord", nargs, kw)) return nullptr;
    PyObject* c = args[0];
    const Builtins& b = rt.builtins();
    Py_ssize_t size = 0;
    if (b.bytes_type != nullptr && object_type_check(c, b.bytes_type)) {
        size = bytes_size(c);
        if (size == 1) return long_from_int64(rt, static_cast<unsigned char>(bytes_data(rt, c)[0]));
    } else if (b.unicode_type != nullptr && object_type_check(c, b.unicode_type)) {
        size = unicode_length(c);
        if (size == 1) return long_from_int64(rt, unicode_read(rt, c, 0));
    } else {
        return err_format(rt, b.exc.TypeError, "ord() expected string of length 1, but %s found", type_name_of(c).c_str());
    }
    return err_format(rt, b.exc.TypeError, "ord() expected a character, but string of length %d found",
                      static_cast<int>(size));
}

// ---- sum ----------------------------------------------------------------------------------------

bool is_exact_int(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().long_type; }
bool is_bool(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == Py_TYPE(rt.builtins().singletons.true_); }

// result + item, consuming both references.
PyObject* add_consuming(Runtime& rt, PyObject* result, PyObject* item) {
    PyObject* r = number_binary_op(rt, result, item, BinaryOp::Add, false);
    rt.decref(result);
    rt.decref(item);
    return r;
}

PyObject* sum_iter(Runtime& rt, PyObject* it, PyObject* result) {
    const bool compensated = rt.profile().at_least(3, 12);
    // An int start: a C integer while the items are ints (bools too) that fit.
    if (is_exact_int(rt, result)) {
        bool overflow = false;
        int64_t i_result = long_as_int64(rt, result, &overflow);
        while (!overflow) {
            PyObject* item = iter_next(rt, it);
            if (item == nullptr) {
                rt.decref(result);
                return err_occurred(rt) ? nullptr : long_from_int64(rt, i_result);
            }
            if (is_exact_int(rt, item) || (rt.profile().major >= 3 && is_bool(rt, item))) {
                bool item_overflow = false;
                const int64_t v = long_as_int64(rt, item, &item_overflow);
                if (!item_overflow && (i_result >= 0 ? v <= INT64_MAX - i_result : v >= INT64_MIN - i_result)) {
                    i_result += v;
                    rt.decref(item);
                    continue;
                }
            }
            // Overflow or not an int: back to objects.
            rt.decref(result);
            PyObject* r = long_from_int64(rt, i_result);
            if (r == nullptr) {
                rt.decref(item);
                return err_no_memory(rt);
            }
            if ((result = add_consuming(rt, r, item)) == nullptr) return nullptr;
            break;
        }
    }
    // A float start: a C double while the items are floats or ints that fit a C long.
    if (Py_TYPE(result) == rt.builtins().float_type) {
        double f_result = float_value(result);
        double c = 0.0;
        for (;;) {
            PyObject* item = iter_next(rt, it);
            if (item == nullptr) {
                rt.decref(result);
                if (err_occurred(rt)) return nullptr;
                if (c != 0.0 && std::isfinite(c)) f_result += c;
                return float_from_double(rt, f_result);
            }
            if (Py_TYPE(item) == rt.builtins().float_type) {
                const double x = float_value(item);
                if (compensated) {
                    // Neumaier's improvement of Kahan-Babuska summation.
                    const double t = f_result + x;
                    c += std::fabs(f_result) >= std::fabs(x) ? (f_result - t) + x : (x - t) + f_result;
                    f_result = t;
                } else {
                    f_result += x;
                }
                rt.decref(item);
                continue;
            }
            if (object_type_check(item, rt.builtins().long_type)) {
                bool overflow = false;
                const int64_t v = long_as_int64(rt, item, &overflow);
                if (!overflow) {
                    f_result += static_cast<double>(v);
                    rt.decref(item);
                    continue;
                }
            }
            if (c != 0.0 && std::isfinite(c)) f_result += c;
            rt.decref(result);
            PyObject* r = float_from_double(rt, f_result);
            if (r == nullptr) {
                rt.decref(item);
                return err_no_memory(rt);
            }
            if ((result = add_consuming(rt, r, item)) == nullptr) return nullptr;
            break;
        }
    }
    // Anything else: result = result + item (never in place: sum([[1]], start) leaves start alone).
    for (;;) {
        PyObject* item = iter_next(rt, it);
        if (item == nullptr) {
            if (err_occurred(rt)) {
                rt.decref(result);
                return nullptr;
            }
            return result;
        }
        if ((result = add_consuming(rt, result, item)) == nullptr) return nullptr;
    }
}

// sum(iterable, /, start=0) (start a keyword from 3.8). The start cannot be text.
PyObject* b_sum(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    const Builtins& b = rt.builtins();
    PyObject* start = nargs > 1 ? args[1] : nullptr;
    if (!p.at_least(3, 8)) {
        if (!no_keywords(rt, "sum", kwnames) || !positional(rt, "sum", nargs, 1, 2)) return nullptr;
    } else {
        if (nargs > 2)
            return err_format(rt, b.exc.TypeError, "sum() takes at most 2 arguments (%d given)", static_cast<int>(nargs));
        PyObject* kw[1] = {};
        if (!keywords(rt, "sum", args + nargs, kwnames, {"start"}, kw)) return nullptr;
        if (kw[0] != nullptr) {
            if (start != nullptr) return multiple_values(rt, "sum", "start");
            start = kw[0];
        }
        if (nargs < 1)
            return err_format(rt, b.exc.TypeError, "sum() takes at least 1 positional argument (%d given)",
                              static_cast<int>(nargs));
    }
    PyObject* it = object_get_iter(rt, args[0]);
    if (it == nullptr) return nullptr;
    PyObject* result = nullptr;
    if (start == nullptr) {
        result = long_from_int64(rt, 0);
    } else {
        const char* refused = nullptr;
        if (p.major == 2) {
            if (object_type_check(start, b.str_type) || object_type_check(start, b.unicode_type))
                refused = "sum() can't sum strings [use ''.join(seq) instead]";
        } else if (object_type_check(start, b.str_type)) {
            refused = "sum() can't sum strings [use ''.join(seq) instead]";
        } else if (object_type_check(start, b.bytes_type)) {
            refused = "sum() can't sum bytes [use b''.join(seq) instead]";
        }
        if (refused != nullptr) {
            rt.decref(it);
            return err_set_string(rt, b.exc.TypeError, refused);
        }
        result = new_ref(rt, start);
    }
    PyObject* r = result != nullptr ? sum_iter(rt, it, result) : err_no_memory(rt);
    rt.decref(it);
    return r;
}

// ---- min, max -----------------------------------------------------------------------------------

// min_max: the first smallest (largest) item, by key if given. Several positional arguments are
// the items (up to 3.12 through the args tuple CPython's call made, iterated); one is an iterable.
PyObject* min_max(Runtime& rt, const char* name, int op, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    const Builtins& b = rt.builtins();
    if (nargs == 0) {
        if (p.at_least(3, 10))
            return err_format(rt, b.exc.TypeError, "%s expected at least 1 argument, got 0", name);
        return err_format(rt, b.exc.TypeError, "%s expected 1 argument%s, got 0", name, p.at_least(3, 7) ? "" : "s");
    }
    PyObject* kw[2] = {};  // key, default
    if (p.major == 2) {
        const Py_ssize_t nkw = count_keywords(kwnames);
        if (nkw > 0 && (nkw != 1 || !str_check(rt, tuple_items(kwnames)[0]) ||
                        str_as_utf8(rt, tuple_items(kwnames)[0]) != "key"))
            return err_format(rt, b.exc.TypeError, "%s() got an unexpected keyword argument", name);
        if (nkw == 1) kw[0] = args[nargs];
    } else if (!keywords(rt, name, args + nargs, kwnames, {"key", "default"}, kw)) {
        return nullptr;
    }
    PyObject* key = kw[0] != nullptr && !is_none(rt, kw[0]) ? kw[0] : nullptr;
    PyObject* dflt = kw[1];
    if (dflt != nullptr && nargs > 1)
        return err_format(rt, b.exc.TypeError, "Cannot specify a default for %s() with multiple positional arguments",
                          name);
    PyObject* it = nullptr;
    if (nargs > 1) {
        PyObject* t = nullptr;
        if (!p.at_least(3, 13)) {
            if ((t = tuple_new(rt, nargs)) == nullptr) return err_no_memory(rt);
            for (Py_ssize_t i = 0; i < nargs; ++i) tuple_items(t)[i] = new_ref(rt, args[i]);
            it = object_get_iter(rt, t);
            rt.decref(t);
        } else {
            // 3.13 walks the argument array itself: a tuple over it stands in, as the items are the same.
            if ((t = tuple_new(rt, nargs)) == nullptr) return err_no_memory(rt);
            for (Py_ssize_t i = 0; i < nargs; ++i) tuple_items(t)[i] = new_ref(rt, args[i]);
            it = object_get_iter(rt, t);
            rt.decref(t);
        }
    } else {
        it = object_get_iter(rt, args[0]);
    }
    if (it == nullptr) return nullptr;
    PyObject* best_item = nullptr;
    PyObject* best_val = nullptr;
    bool failed = false;
    for (;;) {
        PyObject* item = iter_next(rt, it);
        if (item == nullptr) {
            failed = err_occurred(rt);
            break;
        }
        PyObject* val = key != nullptr ? object_call_one(rt, key, item) : new_ref(rt, item);
        if (val == nullptr) {
            rt.decref(item);
            failed = true;
            break;
        }
        if (best_val == nullptr) {
            best_item = item;
            best_val = val;
            continue;
        }
        const int cmp = object_richcompare_bool(rt, val, best_val, op);
        if (cmp < 0) {
            rt.decref(item);
            rt.decref(val);
            failed = true;
            break;
        }
        if (cmp > 0) {
            rt.decref(best_val);
            rt.decref(best_item);
            best_val = val;
            best_item = item;
        } else {
            rt.decref(item);
            rt.decref(val);
        }
    }
    rt.decref(it);
    rt.xdecref(best_val);
    if (failed) {
        rt.xdecref(best_item);
        return nullptr;
    }
    if (best_item != nullptr) return best_item;
    if (dflt != nullptr) return new_ref(rt, dflt);
    if (p.at_least(3, 12)) return err_format(rt, b.exc.ValueError, "%s() iterable argument is empty", name);
    return err_format(rt, b.exc.ValueError, "%s() arg is an empty sequence", name);
}

PyObject* b_min(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return min_max(rt, "min", Py_LT, args, nargs, kw);
}
PyObject* b_max(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return min_max(rt, "max", Py_GT, args, nargs, kw);
}

// 2.7's cmp(x, y): PyObject_Compare's answer, -1, 0 or 1, from the rich comparisons it tries
// first (==, then <, then >); 2.7 orders objects of any two types, so one of them answers.
PyObject* b_cmp27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "cmp", kw) || !positional(rt, "cmp", nargs, 2, 2)) return nullptr;
    for (auto [op, answer] : {std::pair{Py_EQ, 0}, std::pair{Py_LT, -1}, std::pair{Py_GT, 1}}) {
        const int r = object_richcompare_bool(rt, args[0], args[1], op);
        if (r < 0) return nullptr;
        if (r > 0) return long_from_int64(rt, answer);
    }
    return long_from_int64(rt, 1);
}

}  // namespace

const PyMethodDef kNumberFunctions[] = {
    {"abs", b_abs, METH_O},     {"divmod", b_divmod, 0}, {"pow", b_pow, 0}, {"round", b_round, 0},
    {"hex", b_hex, METH_O},     {"oct", b_oct, METH_O},       {"bin", b_bin, METH_O}, {"chr", b_chr, METH_O},
    {"ord", b_ord, METH_O},     {"sum", b_sum, 0},       {"min", b_min, 0}, {"max", b_max, 0},
    {"unichr", b_unichr27, 0}, {"cmp", b_cmp27, 0},
    {nullptr, nullptr, 0},
};

}  // namespace bltin

}  // namespace pymemlab
