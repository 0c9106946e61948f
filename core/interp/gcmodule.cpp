// The gc module (Modules/gcmodule.c's Python face) over the model's collector: collect,
// enable/disable, thresholds and counts, get_objects/get_referents/get_referrers, is_tracked,
// is_finalized, freeze, stats, callbacks, garbage and the DEBUG_* flags, each in the versions
// that have it. The collector itself is core/gc.
#include <string>

#include "gc/collect.h"
#include "gc/gc_list.h"
#include "gc/incremental.h"
#include "interp/modules.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"

namespace pymemlab {

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }

bool no_keywords(Runtime& rt, const char* name, PyObject* kwnames) {
    if (kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    err_format(rt, type_error(rt), "%s() takes no keyword arguments", name);
    return false;
}

bool no_arguments(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_keywords(rt, name, kwnames)) return false;
    if (nargs == 0) return true;
    err_format(rt, type_error(rt), "%s() takes no arguments (%d given)", name, static_cast<int>(nargs));
    return false;
}

bool one_argument(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_keywords(rt, name, kwnames)) return false;
    if (nargs == 1) return true;
    err_format(rt, type_error(rt), "%s() takes exactly one argument (%d given)", name, static_cast<int>(nargs));
    return false;
}

// An int argument as CPython's "i" converter takes it.
bool int_arg(Runtime& rt, PyObject* o, int64_t* out) {
    if (!long_check(o)) {
        err_format(rt, type_error(rt), "'%s' object cannot be interpreted as an integer", Py_TYPE(o)->tp_name);
        return false;
    }
    bool overflow = false;
    *out = long_as_int64(rt, o, &overflow);
    if (overflow || *out > INT32_MAX || *out < INT32_MIN) {
        err_set_string(rt, rt.builtins().exc.OverflowError, "signed integer is greater than maximum");
        return false;
    }
    return true;
}

// The optional `generation` argument of collect() and get_objects(), positional or keyword.
bool generation_arg(Runtime& rt, const char* name, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                    PyObject** out) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    *out = nullptr;
    if (nargs + nkw > 1) {
        err_format(rt, type_error(rt), "%s() takes at most 1 argument (%d given)", name, static_cast<int>(nargs + nkw));
        return false;
    }
    if (nargs == 1) *out = args[0];
    if (nkw == 1) {
        std::string key = str_as_utf8(rt, tuple_items(kwnames)[0]);
        if (key != "generation") {
            err_format(rt, type_error(rt), "%s() got an unexpected keyword argument '%s'", name, key.c_str());
            return false;
        }
        *out = args[0];
    }
    return true;
}


PyObject* gc_enable(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "enable", nargs, kw)) return nullptr;
    rt.gc_state().enabled = true;
    return none(rt);
}

PyObject* gc_disable(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "disable", nargs, kw)) return nullptr;
    rt.gc_state().enabled = false;
    return none(rt);
}

PyObject* gc_isenabled(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "isenabled", nargs, kw)) return nullptr;
    return bool_from(rt, rt.gc_state().enabled);
}

PyObject* gc_collect_py(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* g = nullptr;
    if (!generation_arg(rt, "collect", args, nargs, kw, &g)) return nullptr;
    int64_t generation = GCState::kGenerations - 1;
    if (g != nullptr && !int_arg(rt, g, &generation)) return nullptr;
    if (generation < 0 || generation >= GCState::kGenerations)
        return err_set_string(rt, rt.builtins().exc.ValueError, "invalid generation");
    return long_from_int64(rt, gc_collect(rt, static_cast<int>(generation)));
}

PyObject* gc_get_debug(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "get_debug", nargs, kw)) return nullptr;
    return long_from_int64(rt, rt.gc_state().debug);
}

PyObject* gc_set_debug(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_argument(rt, "set_debug", nargs, kw)) return nullptr;
    int64_t flags = 0;
    if (!int_arg(rt, args[0], &flags)) return nullptr;
    rt.gc_state().debug = static_cast<int>(flags);
    return none(rt);
}

PyObject* int_tuple(Runtime& rt, const int64_t* values, int n) {
    PyObject* t = tuple_new(rt, n);
    if (t == nullptr) return err_no_memory(rt);
    for (int i = 0; i < n; ++i) {
        PyObject* v = long_from_int64(rt, values[i]);
        if (v == nullptr) {
            rt.decref(t);
            return err_no_memory(rt);
        }
        tuple_items(t)[i] = v;
    }
    return t;
}

PyObject* gc_get_count(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "get_count", nargs, kw)) return nullptr;
    // Read before the result tuple's own allocation counts.
    // 3.14: young, then the visited old space, then the pending one (GEN_HEAD's order).
    const int64_t counts[] = {gc::gen_count(rt, 0), gc::gen_count(rt, 1), gc::gen_count(rt, 2)};
    return int_tuple(rt, counts, GCState::kGenerations);
}

PyObject* gc_get_threshold(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "get_threshold", nargs, kw)) return nullptr;
    const GCState& st = rt.gc_state();
    // 3.14.0-3.14.4 read the third threshold back as 0, whatever set_threshold stored.
    const int64_t t[] = {st.threshold[0], st.threshold[1], gc::gc_is_incremental(rt) ? 0 : st.threshold[2]};
    return int_tuple(rt, t, GCState::kGenerations);
}

PyObject* gc_set_threshold(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "set_threshold", kw)) return nullptr;
    // PyArg_ParseTuple's "i|ii:set_threshold" until 3.13 counts them itself.
    if (rt.profile().at_least(3, 13) && (nargs < 1 || nargs > 3))
        return err_set_string(rt, type_error(rt), "gc.set_threshold requires 1 to 3 arguments");
    if (!check_getargs_arity(rt, "set_threshold", nargs, 1, 3)) return nullptr;
    int64_t t[3];
    for (Py_ssize_t i = 0; i < nargs; ++i)
        if (!int_arg(rt, args[i], &t[i])) return nullptr;
    GCState& st = rt.gc_state();
    for (Py_ssize_t i = 0; i < nargs; ++i) st.threshold[i] = static_cast<int>(t[i]);
    return none(rt);
}

// append_objects: a list's own tracked objects, skipping the result list itself.
bool append_list(Runtime& rt, PyObject* result, PyGC_Head* head) {
    for (PyGC_Head* g = gc::gc_next(head); g != head; g = gc::gc_next(g)) {
        PyObject* op = rt.from_gc(g);
        if (op != result && !list_append(rt, result, op)) return false;
    }
    return true;
}

PyObject* gc_get_objects(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* g = nullptr;
    if (rt.profile().at_least(3, 8)) {
        if (!generation_arg(rt, "get_objects", args, nargs, kw, &g)) return nullptr;
    } else if (!no_arguments(rt, "get_objects", nargs, kw)) {
        return nullptr;
    }
    int64_t generation = -1;
    if (g != nullptr && g != rt.builtins().singletons.none) {
        if (!int_arg(rt, g, &generation)) return nullptr;
        if (generation >= GCState::kGenerations)
            return err_format(rt, rt.builtins().exc.ValueError, "generation parameter must be less than the number of available generations (%d)",
                              GCState::kGenerations);
        if (generation < 0)
            return err_set_string(rt, rt.builtins().exc.ValueError, "generation parameter cannot be negative");
    }
    PyObject* result = list_new(rt, 0);
    if (result == nullptr) return err_no_memory(rt);
    GCState& st = rt.gc_state();
    // 3.14 (_PyGC_GetObjects): 0 is young, 1 is empty, 2 is both old spaces, in space order.
    const bool incremental = gc::gc_is_incremental(rt);
    for (int i = 0; i < GCState::kGenerations; ++i) {
        if (generation >= 0 && i != generation && !(incremental && generation == 2 && i == 1)) continue;
        if (incremental && generation == 1) break;
        if (!append_list(rt, result, &st.generations[i])) {
            rt.decref(result);
            return err_no_memory(rt);
        }
    }
    return result;
}

PyObject* gc_get_stats(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "get_stats", nargs, kw)) return nullptr;
    PyObject* result = list_new(rt, 0);
    if (result == nullptr) return err_no_memory(rt);
    for (const GCGenerationStats& s : rt.gc_state().stats) {
        PyObject* d = dict_new(rt);
        bool ok = d != nullptr;
        for (auto [key, value] : {std::pair{"collections", s.collections}, std::pair{"collected", s.collected},
                                  std::pair{"uncollectable", s.uncollectable}}) {
            if (!ok) break;
            PyObject* k = str_from_utf8(rt, key);
            PyObject* v = long_from_int64(rt, value);
            ok = k != nullptr && v != nullptr && dict_setitem(rt, d, k, v);
            rt.xdecref(k);
            rt.xdecref(v);
        }
        ok = ok && list_append(rt, result, d);
        rt.xdecref(d);
        if (!ok) {
            rt.decref(result);
            return err_no_memory(rt);
        }
    }
    return result;
}

PyObject* gc_is_tracked(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_argument(rt, "is_tracked", nargs, kw)) return nullptr;
    return bool_from(rt, rt.object_is_gc(args[0]) && rt.gc_is_tracked(args[0]));
}

PyObject* gc_is_finalized(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_argument(rt, "is_finalized", nargs, kw)) return nullptr;
    return bool_from(rt, object_is_finalized(rt, args[0]));
}

struct ReferentsArg {
    Runtime* rt;
    PyObject* result;
    bool ok;
};

void referents_visit(PyObject* op, void* arg) {
    auto* a = static_cast<ReferentsArg*>(arg);
    if (a->ok) a->ok = list_append(*a->rt, a->result, op);
}

PyObject* gc_get_referents(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "get_referents", kw)) return nullptr;
    PyObject* result = list_new(rt, 0);
    if (result == nullptr) return err_no_memory(rt);
    ReferentsArg a{&rt, result, true};
    for (Py_ssize_t i = 0; i < nargs && a.ok; ++i) {
        if (!rt.object_is_gc(args[i])) continue;
        if (traverseproc t = Py_TYPE(args[i])->tp_traverse) t(args[i], referents_visit, &a);
    }
    if (!a.ok) {
        rt.decref(result);
        return err_no_memory(rt);
    }
    return result;
}

struct ReferrersArg {
    PyObject* const* objs;
    Py_ssize_t n;
    bool found;
};

void referrers_visit(PyObject* op, void* arg) {
    auto* a = static_cast<ReferrersArg*>(arg);
    for (Py_ssize_t i = 0; i < a->n; ++i)
        if (a->objs[i] == op) a->found = true;
}

PyObject* gc_get_referrers(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "get_referrers", kw)) return nullptr;
    PyObject* result = list_new(rt, 0);
    if (result == nullptr) return err_no_memory(rt);
    for (int i = 0; i < GCState::kGenerations; ++i) {
        PyGC_Head& head = gc::gc_is_incremental(rt) ? *gc::gen_head(rt, i) : rt.gc_state().generations[i];
        for (PyGC_Head* g = gc::gc_next(&head); g != &head; g = gc::gc_next(g)) {
            PyObject* op = rt.from_gc(g);
            traverseproc t = Py_TYPE(op)->tp_traverse;
            if (op == result || t == nullptr) continue;
            ReferrersArg a{args, nargs, false};
            t(op, referrers_visit, &a);
            if (a.found && !list_append(rt, result, op)) {
                rt.decref(result);
                return err_no_memory(rt);
            }
        }
    }
    return result;
}

PyObject* gc_freeze_py(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "freeze", nargs, kw)) return nullptr;
    gc_freeze(rt);
    return none(rt);
}

PyObject* gc_unfreeze_py(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "unfreeze", nargs, kw)) return nullptr;
    gc_unfreeze(rt);
    return none(rt);
}

PyObject* gc_get_freeze_count(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_arguments(rt, "get_freeze_count", nargs, kw)) return nullptr;
    return long_from_int64(rt, gc_freeze_count(rt));
}

const PyMethodDef kGcFunctions[] = {
    {"enable", gc_enable, 0},
    {"disable", gc_disable, 0},
    {"isenabled", gc_isenabled, 0},
    {"collect", gc_collect_py, 0},
    {"get_debug", gc_get_debug, 0},
    {"set_debug", gc_set_debug, 0},
    {"get_count", gc_get_count, 0},
    {"get_threshold", gc_get_threshold, 0},
    {"set_threshold", gc_set_threshold, 0},
    {"get_objects", gc_get_objects, 0},
    {"get_referents", gc_get_referents, 0},
    {"get_referrers", gc_get_referrers, 0},
    {"is_tracked", gc_is_tracked, 0},
    {nullptr, nullptr, 0},
};
const PyMethodDef kGcStats[] = {{"get_stats", gc_get_stats, 0}, {nullptr, nullptr, 0}};  // 3.4+
const PyMethodDef kGcFreeze[] = {{"freeze", gc_freeze_py, 0},
                                 {"unfreeze", gc_unfreeze_py, 0},
                                 {"get_freeze_count", gc_get_freeze_count, 0},
                                 {nullptr, nullptr, 0}};  // 3.7+
const PyMethodDef kGcIsFinalized[] = {{"is_finalized", gc_is_finalized, 0}, {nullptr, nullptr, 0}};  // 3.9+

}  // namespace

PyObject* make_gc_module(Interp& in) {
    Runtime& rt = in.rt;
    const Profile& p = rt.profile();
    GCState& st = rt.gc_state();
    PyObject* m = module_new(rt, "gc");
    if (m == nullptr) return nullptr;
    bool ok = module_add_functions(rt, m, kGcFunctions);
    if (p.at_least(3, 4)) ok = ok && module_add_functions(rt, m, kGcStats);
    if (p.at_least(3, 7)) ok = ok && module_add_functions(rt, m, kGcFreeze);
    if (p.at_least(3, 9)) ok = ok && module_add_functions(rt, m, kGcIsFinalized);
    // gc.garbage and gc.callbacks are the collector's own lists.
    if (st.garbage == nullptr) st.garbage = list_new(rt, 0);
    if (p.at_least(3, 3) && st.callbacks == nullptr) st.callbacks = list_new(rt, 0);
    ok = ok && st.garbage != nullptr && (st.callbacks != nullptr || !p.at_least(3, 3));
    if (ok) {
        rt.incref(st.garbage);
        ok = module_add_object(rt, m, "garbage", st.garbage);
    }
    if (ok && st.callbacks != nullptr) {
        rt.incref(st.callbacks);
        ok = module_add_object(rt, m, "callbacks", st.callbacks);
    }
    std::pair<const char*, int> flags[] = {{"DEBUG_STATS", kDebugStats},
                                           {"DEBUG_COLLECTABLE", kDebugCollectable},
                                           {"DEBUG_UNCOLLECTABLE", kDebugUncollectable},
                                           {"DEBUG_SAVEALL", kDebugSaveAll},
                                           {"DEBUG_LEAK", p.major == 2 ? kDebugLeak27 : kDebugLeak},
                                           {"DEBUG_INSTANCES", kDebugInstances},
                                           {"DEBUG_OBJECTS", kDebugObjects}};
    for (auto [name, value] : flags) {
        if (!ok) break;
        if (p.major != 2 && (value == kDebugInstances || value == kDebugObjects)) continue;
        ok = module_add_object(rt, m, name, long_from_int64(rt, value));
    }
    if (!ok) {
        rt.decref(m);
        return err_no_memory(rt);
    }
    return m;
}

}  // namespace pymemlab
