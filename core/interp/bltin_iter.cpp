// Builtins about iteration: iter, next, all, any, sorted; 2.7's map, filter, zip and reduce,
// which build lists (3.x's map, filter and zip are the types of object/map_object.h, enumerate
// and reversed those of object/enum_object.h).
#include <algorithm>
#include <string>
#include <vector>

#include "interp/bltin_internal.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/enum_object.h"
#include "object/errors.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace bltin {

namespace {

PyObject* b_iter(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "iter", kw) || !positional(rt, "iter", nargs, 1, 2)) return nullptr;
    if (nargs == 2) {
        if (!object_callable(rt, args[0]))
            return err_set_string(rt, rt.builtins().exc.TypeError,
                                  rt.profile().at_least(3, 12) && !rt.profile().at_least(3, 13)
                                      ? "iter(object, sentinel): object must be callable"
                                      : "iter(v, w): v must be callable");
        return calliter_new(rt, args[0], args[1]);
    }
    return object_get_iter(rt, args[0]);
}

PyObject* b_next(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "next", kw) || !positional(rt, "next", nargs, 1, 2)) return nullptr;
    iternextfunc next = Py_TYPE(args[0])->tp_iternext;
    if (next == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError,
                          rt.profile().major == 2 ? "%s object is not an iterator" : "'%s' object is not an iterator",
                          Py_TYPE(args[0])->tp_name);
    PyObject* r = next(rt, args[0]);
    if (r != nullptr) return r;
    if (err_occurred(rt) && !err_matches(rt, rt.builtins().exc.StopIteration)) return nullptr;
    if (nargs == 2) {
        err_clear(rt);
        return new_ref(rt, args[1]);
    }
    if (!err_occurred(rt)) err_set_object(rt, rt.builtins().exc.StopIteration, nullptr);
    return nullptr;
}

// all / any: stop at the first item whose truth is `stop_on`.
PyObject* all_any(Runtime& rt, const char* name, bool stop_on, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, name, nargs, kw)) return nullptr;
    PyObject* it = object_get_iter(rt, args[0]);
    if (it == nullptr) return nullptr;
    iternextfunc next = Py_TYPE(it)->tp_iternext;
    for (;;) {
        PyObject* item = next(rt, it);
        if (item == nullptr) break;
        const int truth = object_is_true(rt, item);
        rt.decref(item);
        if (truth < 0) {
            rt.decref(it);
            return nullptr;
        }
        if ((truth != 0) == stop_on) {
            rt.decref(it);
            return bool_from(rt, stop_on);
        }
    }
    rt.decref(it);
    if (err_occurred(rt)) {
        if (!err_matches(rt, rt.builtins().exc.StopIteration)) return nullptr;
        err_clear(rt);
    }
    return bool_from(rt, !stop_on);
}
PyObject* b_all(Runtime& rt, PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* kw) {
    return all_any(rt, "all", false, a, n, kw);
}
PyObject* b_any(Runtime& rt, PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* kw) {
    return all_any(rt, "any", true, a, n, kw);
}

// sorted(iterable, /, *, key=None, reverse=False): list(iterable), then its sort method called with
// the keywords (so list.sort's errors are sorted's). 2.7 passes cmp/key/reverse positionally too.
PyObject* b_sorted(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    if (nargs < 1) {
        if (p.at_least(3, 7)) return err_set_string(rt, rt.builtins().exc.TypeError, "sorted expected 1 argument, got 0");
        if (p.major == 2) return missing_argument(rt, "sorted", "iterable", 1);
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              "Function takes at least 1 positional arguments (0 given)");
    }
    if (nargs > 1 && p.major >= 3) {
        if (p.at_least(3, 7))
            return err_format(rt, rt.builtins().exc.TypeError, "sorted expected 1 argument, got %d",
                              static_cast<int>(nargs));
        return err_set_string(rt, rt.builtins().exc.TypeError, "must use keyword argument for key function");
    }
    PyObject* list = sequence_list(rt, args[0]);
    if (list == nullptr) return nullptr;
    PyObject* sort = object_getattr_string(rt, list, "sort");
    if (sort == nullptr) {
        rt.decref(list);
        return nullptr;
    }
    PyObject* r = object_vectorcall(rt, sort, args + 1, nargs - 1, kwnames);
    rt.decref(sort);
    if (r == nullptr) {
        rt.decref(list);
        return nullptr;
    }
    rt.decref(r);
    return list;
}

// ---- 2.7's list-building map, filter, zip; reduce ---------------------------------------------------

PyObject* iterators_27(Runtime& rt, const char* name, PyObject* const* seqs, Py_ssize_t n,
                       std::vector<PyObject*>* out) {
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* it = object_get_iter(rt, seqs[i]);
        if (it == nullptr) {
            if (err_matches(rt, rt.builtins().exc.TypeError)) {
                err_clear(rt);
                err_format(rt, rt.builtins().exc.TypeError, "%s argument #%d must support iteration", name,
                           static_cast<int>(i + 1));
            }
            for (PyObject* o : *out) rt.decref(o);
            out->clear();
            return nullptr;
        }
        out->push_back(it);
    }
    return rt.builtins().singletons.none;
}

bool append_consuming(Runtime& rt, PyObject* list, PyObject* item) {
    const bool ok = list_append(rt, list, item);
    rt.decref(item);
    if (!ok) err_no_memory(rt);
    return ok;
}

// 2.7's map, zip and filter guess their result's length and make the list that long
// (PyList_New), set the items by index, append past the guess, and cut the unused tail
// (PyList_SetSlice): the list's allocation is CPython's, not append's over-allocation.
class PresizedList27 {
 public:
    PresizedList27(Runtime& rt, Py_ssize_t guess) : rt_(rt), guess_(guess), list_(list_new(rt, guess)) {
        if (list_ == nullptr) err_no_memory(rt);
    }
    ~PresizedList27() { rt_.xdecref(list_); }
    bool ok() const { return list_ != nullptr; }
    // Takes the reference to item.
    bool add(PyObject* item) {
        if (n_ < guess_) {
            list_items(list_)[n_++] = item;
            return true;
        }
        ++n_;
        return append_consuming(rt_, list_, item);
    }
    // The list, its tail cut to the items added; nullptr with an exception.
    PyObject* finish() {
        if (n_ < guess_ && !list_set_slice(rt_, list_, n_, guess_, nullptr)) return nullptr;
        PyObject* r = list_;
        list_ = nullptr;
        return r;
    }

 private:
    Runtime& rt_;
    Py_ssize_t guess_;
    PyObject* list_;
    Py_ssize_t n_ = 0;
};

// map(function, seq, ...): function(*items) for each position up to the longest sequence, the
// shorter ones padded with None; map(None, ...) makes the tuples themselves.
PyObject* b_map27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "map", kw)) return nullptr;
    if (nargs < 2) return err_set_string(rt, rt.builtins().exc.TypeError, "map() requires at least two args");
    PyObject* func = args[0];
    const Py_ssize_t n = nargs - 1;
    if (is_none(rt, func) && n == 1) return sequence_list(rt, args[1]);
    std::vector<PyObject*> its;
    if (iterators_27(rt, "map()", args + 1, n, &its) == nullptr) return nullptr;
    Py_ssize_t guess = 0;  // the longest sequence's length hint (8 for one without)
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_ssize_t hint = 0;
        if (!object_length_hint(rt, args[1 + i], 8, &hint)) {
            for (PyObject* o : its) rt.decref(o);
            return nullptr;
        }
        guess = std::max(guess, hint);
    }
    std::vector<uint8_t> done(static_cast<size_t>(n), false);
    PresizedList27 result(rt, guess);
    bool ok = result.ok();
    while (ok) {
        std::vector<PyObject*> items;
        Py_ssize_t exhausted = 0;
        for (Py_ssize_t i = 0; ok && i < n; ++i) {
            PyObject* item = done[static_cast<size_t>(i)] ? nullptr : iter_next(rt, its[static_cast<size_t>(i)]);
            if (item == nullptr) {
                if (err_occurred(rt)) {
                    ok = false;
                    break;
                }
                done[static_cast<size_t>(i)] = true;
                ++exhausted;
                item = new_ref(rt, rt.builtins().singletons.none);
            }
            items.push_back(item);
        }
        if (!ok || exhausted == n) {
            for (PyObject* o : items) rt.decref(o);
            break;
        }
        PyObject* value = nullptr;
        if (is_none(rt, func)) {
            if ((value = tuple_new(rt, n)) == nullptr) err_no_memory(rt);
            for (Py_ssize_t i = 0; value != nullptr && i < n; ++i) tuple_items(value)[i] = items[static_cast<size_t>(i)];
            if (value == nullptr)
                for (PyObject* o : items) rt.decref(o);
        } else {
            value = object_vectorcall(rt, func, items.data(), n, nullptr);
            for (PyObject* o : items) rt.decref(o);
        }
        ok = value != nullptr && result.add(value);
    }
    for (PyObject* o : its) rt.decref(o);
    return ok ? result.finish() : nullptr;
}

// filter(function, seq): the items whose function(item) (or, for None, item) is true; a str or
// tuple gives a str or tuple back.
PyObject* b_filter27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "filter", kw) || !positional(rt, "filter", nargs, 2, 2)) return nullptr;
    PyObject* func = args[0];
    PyObject* seq = args[1];
    const Builtins& b = rt.builtins();
    const bool keep_str = Py_TYPE(seq) == b.str_type, keep_tuple = Py_TYPE(seq) == b.tuple_type;
    PyObject* it = object_get_iter(rt, seq);
    if (it == nullptr) return nullptr;
    PyObject* list = list_new(rt, 0);
    bool ok = list != nullptr;
    if (!ok) err_no_memory(rt);
    while (ok) {
        PyObject* item = iter_next(rt, it);
        if (item == nullptr) {
            ok = !err_occurred(rt);
            break;
        }
        int truth;
        if (is_none(rt, func) || func == reinterpret_cast<PyObject*>(Py_TYPE(b.singletons.true_))) {
            truth = object_is_true(rt, item);
        } else {
            PyObject* good = object_call_one(rt, func, item);
            truth = good == nullptr ? -1 : object_is_true(rt, good);
            rt.xdecref(good);
        }
        if (truth > 0) {
            ok = append_consuming(rt, list, item);
        } else {
            rt.decref(item);
            ok = truth == 0;
        }
    }
    rt.decref(it);
    if (!ok) {
        rt.xdecref(list);
        return nullptr;
    }
    if (!keep_str && !keep_tuple) return list;
    PyObject* r = nullptr;
    if (keep_tuple) {
        r = sequence_tuple(rt, list);
    } else {
        std::string text;
        for (Py_ssize_t i = 0; i < Py_SIZE(list); ++i) text += bytes_view(rt, list_items(list)[i]);
        r = bytes_from_string(rt, text);
    }
    rt.decref(list);
    return r;
}

// zip(seq, ...): a list of tuples, as long as the shortest sequence.
PyObject* b_zip27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "zip", kw)) return nullptr;
    if (nargs == 0) return list_new(rt, 0);
    // The shortest sequence's length, unless one cannot tell (then 10).
    Py_ssize_t guess = -1;
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        Py_ssize_t hint = 0;
        if (!object_length_hint(rt, args[i], -2, &hint)) return nullptr;
        if (hint < 0) {
            guess = -1;
            break;
        }
        if (guess < 0 || hint < guess) guess = hint;
    }
    std::vector<PyObject*> its;
    if (iterators_27(rt, "zip", args, nargs, &its) == nullptr) return nullptr;
    PresizedList27 result(rt, guess < 0 ? 10 : guess);
    bool ok = result.ok();
    while (ok && nargs > 0) {
        PyObject* t = tuple_new(rt, nargs);
        if (t == nullptr) {
            ok = false;
            err_no_memory(rt);
            break;
        }
        bool ended = false;
        for (Py_ssize_t i = 0; i < nargs; ++i) {
            PyObject* item = iter_next(rt, its[static_cast<size_t>(i)]);
            if (item == nullptr) {
                ended = true;
                ok = !err_occurred(rt);
                break;
            }
            tuple_items(t)[i] = item;
        }
        if (ended) {
            rt.decref(t);
            break;
        }
        ok = result.add(t);
    }
    for (PyObject* o : its) rt.decref(o);
    return ok ? result.finish() : nullptr;
}

// reduce(function, sequence[, initial]).
PyObject* b_reduce27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "reduce", kw) || !positional(rt, "reduce", nargs, 2, 3)) return nullptr;
    PyObject* it = object_get_iter(rt, args[1]);
    if (it == nullptr) {
        if (err_matches(rt, rt.builtins().exc.TypeError)) {
            err_clear(rt);
            err_set_string(rt, rt.builtins().exc.TypeError, "reduce() arg 2 must support iteration");
        }
        return nullptr;
    }
    PyObject* result = nargs == 3 ? new_ref(rt, args[2]) : nullptr;
    for (;;) {
        PyObject* item = iter_next(rt, it);
        if (item == nullptr) break;
        if (result == nullptr) {
            result = item;
            continue;
        }
        PyObject* pair[] = {result, item};
        PyObject* r = object_vectorcall(rt, args[0], pair, 2, nullptr);
        rt.decref(result);
        rt.decref(item);
        result = r;
        if (result == nullptr) break;
    }
    rt.decref(it);
    if (err_occurred(rt)) {
        rt.xdecref(result);
        return nullptr;
    }
    if (result == nullptr)
        return err_set_string(rt, rt.builtins().exc.TypeError, "reduce() of empty sequence with no initial value");
    return result;
}

// 2.7's apply(function[, args[, kwargs]]): function(*args, **kwargs), args any sequence.
PyObject* b_apply27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "apply", kw) || !positional(rt, "apply", nargs, 1, 3)) return nullptr;
    const Builtins& b = rt.builtins();
    PyObject* pos = nullptr;
    if (nargs > 1) {
        if (Py_TYPE(args[1]) == b.tuple_type) {
            pos = new_ref(rt, args[1]);
        } else if ((pos = sequence_tuple(rt, args[1])) == nullptr) {
            if (!err_matches(rt, b.exc.TypeError)) return nullptr;
            err_clear(rt);
            return err_format(rt, b.exc.TypeError, "apply() arg 2 expected sequence, found %s",
                              Py_TYPE(args[1])->tp_name);
        }
    }
    if (nargs > 2 && !Py_TYPE(args[2])->has_flag(Py_TPFLAGS_DICT_SUBCLASS)) {
        rt.xdecref(pos);
        return err_format(rt, b.exc.TypeError, "apply() arg 3 expected dictionary, found %s", Py_TYPE(args[2])->tp_name);
    }
    PyObject* r = object_call(rt, args[0], pos, nargs > 2 ? args[2] : nullptr);
    rt.xdecref(pos);
    return r;
}

}  // namespace

const PyMethodDef kIterFunctions[] = {
    {"iter", b_iter, 0},       {"next", b_next, 0},       {"all", b_all, METH_O},   {"any", b_any, METH_O},
    {"sorted", b_sorted, 0},   {"map", b_map27, 0},       {"filter", b_filter27, 0}, {"zip", b_zip27, 0},
    {"reduce", b_reduce27, 0}, {"apply", b_apply27, 0}, {nullptr, nullptr, 0},
};

}  // namespace bltin

}  // namespace pymemlab
