// The copy module (Lib/copy.py, with object.__reduce_ex__'s default from Objects/typeobject.c and
// copyreg._slotnames): copy.copy and copy.deepcopy with CPython's dispatch — atomic types returned
// as they are, list/dict/set copied, tuples rebuilt only when an item changed, a memo dict keyed
// by id() so shared and cyclic structures stay shared, __copy__ / __deepcopy__ hooks, and
// instances through the reduce protocol: a class's own __reduce_ex__ / __reduce__, or the
// default (a new object of the class, then its __dict__ and __slots__ state, via __getstate__ /
// __setstate__ when the class defines them). Types the lab cannot copy raise NotImplementedError.
#include <string>
#include <string_view>
#include <vector>

#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {


PyObject* as_object(PyTypeObject* t) { return reinterpret_cast<PyObject*>(t); }

// The module's state the functions read at call time (the functions are bound to the module).
struct CopyModule {
    PyObject* dispatch_table;  // borrowed: copyreg.dispatch_table's stand-in, {type: reducer}
};

CopyModule module_state(Runtime& rt, PyObject* module) {
    PyObject* d = dict_get_ascii(rt, module_dict(module), "dispatch_table");
    return {d != nullptr && object_type_check(d, rt.builtins().dict_type) ? d : nullptr};
}

// ---- which types copy to themselves --------------------------------------------------------------

bool is_type_object(const PyObject* o) { return Py_TYPE(o)->has_flag(Py_TPFLAGS_TYPE_SUBCLASS); }

// The types both copy() and deepcopy() return as they are (_copy_immutable / _deepcopy_atomic).
bool atomic_for_both(Runtime& rt, PyTypeObject* t) {
    const Builtins& b = rt.builtins();
    const Singletons& s = b.singletons;
    for (PyTypeObject* a : {Py_TYPE(s.none), Py_TYPE(s.ellipsis), b.long_type, b.long27_type, b.float_type,
                            Py_TYPE(s.true_), b.str_type, b.unicode_type, b.bytes_type, b.code_type, b.range_type,
                            b.builtin_function_type, b.function_type, b.weakref_type, b.property_type})
        if (a != nullptr && t == a) return true;
    // NotImplemented's type is atomic in 3.x (2.7's copy module does not list it).
    return rt.profile().major >= 3 && t == Py_TYPE(s.not_implemented);
}

// copy() also returns tuples, frozensets and (3.x) slices as they are.
bool atomic_for_copy(Runtime& rt, PyTypeObject* t) {
    const Builtins& b = rt.builtins();
    if (atomic_for_both(rt, t) || t == b.tuple_type || t == b.frozenset_type) return true;
    return rt.profile().major >= 3 && t == b.slice_type;
}

// ---- the memo --------------------------------------------------------------------------------------

PyObject* id_of(Runtime& rt, PyObject* o) { return long_from_int64(rt, static_cast<int64_t>(rt.id(o))); }

// memo.get(id(x)): borrowed, nullptr when absent (or on error, with the exception set).
PyObject* memo_get(Runtime& rt, PyObject* memo, PyObject* x) {
    PyObject* key = id_of(rt, x);
    if (key == nullptr) return nullptr;
    PyObject* y = dict_getitem(rt, memo, key);
    rt.decref(key);
    return y;
}

bool memo_set(Runtime& rt, PyObject* memo, PyObject* x, PyObject* y) {
    PyObject* key = id_of(rt, x);
    bool ok = key != nullptr && dict_setitem(rt, memo, key, y);
    rt.xdecref(key);
    if (!ok && !err_occurred(rt)) err_no_memory(rt);
    return ok;
}

// _keep_alive: memo[id(memo)] is a list of the originals copied, so that no id in the memo can be
// reused by a new object while the memo lives.
bool keep_alive(Runtime& rt, PyObject* memo, PyObject* x) {
    PyObject* holder = memo_get(rt, memo, memo);
    if (holder == nullptr && err_occurred(rt)) return false;
    if (holder != nullptr) {
        PyObject* r = object_call_method(rt, holder, "append", &x, 1);
        rt.xdecref(r);
        return r != nullptr;
    }
    PyObject* list = list_new(rt, 0);
    if (list == nullptr) return err_no_memory(rt), false;
    bool ok = list_append(rt, list, x) && memo_set(rt, memo, memo, list);
    rt.decref(list);
    return ok;
}

// ---- lookups -----------------------------------------------------------------------------------------

// getattr(o, name, None): a new reference or nullptr; false when an error other than
// AttributeError occurred.
bool lookup_optional(Runtime& rt, PyObject* o, const char* name, PyObject** out) {
    *out = object_getattr_string(rt, o, name);
    if (*out != nullptr) return true;
    if (!err_matches(rt, rt.builtins().exc.AttributeError)) return false;
    err_clear(rt);
    return true;
}

// A name a class statement defined along type's MRO (object's defaults are the model's own).
PyObject* class_defines(Runtime& rt, PyTypeObject* type, const char* name) {
    PyObject* mro = type->tp_mro;
    for (int64_t i = 0; mro != nullptr && i < Py_SIZE(mro); ++i) {
        auto* t = reinterpret_cast<PyTypeObject*>(tuple_items(mro)[i]);
        if (!is_heap_type(t)) continue;
        if (PyObject* v = dict_get_ascii(rt, t->tp_dict, name)) return v;
    }
    return nullptr;
}

PyObject* cannot_pickle(Runtime& rt, PyTypeObject* t) {
    if (rt.profile().at_least(3, 8))
        return err_format(rt, rt.builtins().exc.TypeError, "cannot pickle '%s' object", type_name(t).c_str());
    return err_format(rt, rt.builtins().exc.TypeError, "can't pickle %s objects", type_name(t).c_str());
}

// ---- the reduce protocol -----------------------------------------------------------------------------

// What __reduce_ex__ returns: y = callable(*args), then state, list items and dict items. A null
// callable means copyreg.__newobj__: y = cls.__new__(cls).
struct Reduced {
    explicit Reduced(Runtime& runtime) : rt(&runtime) {}
    Reduced(const Reduced&) = delete;
    Reduced& operator=(const Reduced&) = delete;
    PyObject* callable = nullptr;
    PyObject* args = nullptr;  // a tuple
    PyObject* state = nullptr;
    PyObject* listitems = nullptr;  // iterators, or null
    PyObject* dictitems = nullptr;
    PyTypeObject* cls = nullptr;  // for __newobj__
    ~Reduced() {
        for (PyObject* o : {callable, args, state, listitems, dictitems})
            if (o != nullptr) rt->decref(o);
    }
    Runtime* rt;
};

// copyreg._slotnames: the __slots__ names of cls and its bases (mangled, without __dict__ and
// __weakref__), cached on the class as __slotnames__ as copyreg caches it.
PyObject* slot_names(Runtime& rt, PyTypeObject* cls) {
    if (PyObject* cached = dict_get_ascii(rt, cls->tp_dict, "__slotnames__")) return new_ref(rt, cached);
    PyObject* names = list_new(rt, 0);
    if (names == nullptr) return err_no_memory(rt);
    PyObject* mro = cls->tp_mro;
    for (int64_t i = 0; i < Py_SIZE(mro); ++i) {
        auto* t = reinterpret_cast<PyTypeObject*>(tuple_items(mro)[i]);
        if (!is_heap_type(t) || dict_get_ascii(rt, t->tp_dict, "__slots__") == nullptr) continue;
        // ht_slots holds the mangled names (sorted; copyreg keeps __slots__' order, which only
        // decides the order the copy's members are set in).
        PyObject* slots = heap_type(t)->ht_slots.p;
        for (int64_t j = 0; slots != nullptr && j < Py_SIZE(slots); ++j)
            if (!list_append(rt, names, tuple_items(slots)[j])) {
                rt.decref(names);
                return err_no_memory(rt);
            }
    }
    PyObject* key = str_intern_ascii(rt, "__slotnames__");
    if (key != nullptr) {
        if (object_setattr(rt, as_object(cls), key, names) < 0) err_clear(rt);
        rt.decref(key);
    }
    return names;
}

// _PyObject_GetState: __getstate__ when the class defines it; else the instance __dict__ (None
// when it has none, or from 3.11 when it is empty), paired with a dict of the set __slots__
// members when there are any.
PyObject* object_state(Runtime& rt, PyObject* x) {
    if (class_defines(rt, Py_TYPE(x), "__getstate__") != nullptr)
        return object_call_method(rt, x, "__getstate__", nullptr, 0);
    PyObject* state = rt.builtins().singletons.none;
    if (PyObject* dict = object_instance_dict(rt, x)) {  // 3.11+: made from the values
        if (!rt.profile().at_least(3, 11) || dict_len(rt, dict) > 0) state = dict;
    } else if (err_occurred(rt)) {
        return nullptr;
    }
    rt.incref(state);
    PyObject* names = slot_names(rt, Py_TYPE(x));
    if (names == nullptr) {
        rt.decref(state);
        return nullptr;
    }
    PyObject* slots = dict_new(rt);
    bool ok = slots != nullptr;
    for (int64_t i = 0; ok && i < Py_SIZE(names); ++i) {
        PyObject* name = list_items(names)[i];
        PyObject* value = object_getattr(rt, x, name);
        if (value == nullptr) {
            if (!err_matches(rt, rt.builtins().exc.AttributeError)) ok = false;
            err_clear(rt);
            if (!ok) break;
            continue;
        }
        ok = dict_setitem(rt, slots, name, value);
        rt.decref(value);
    }
    rt.decref(names);
    if (!ok) {
        rt.xdecref(slots);
        rt.decref(state);
        if (!err_occurred(rt)) err_no_memory(rt);
        return nullptr;
    }
    if (dict_len(rt, slots) == 0) {
        rt.decref(slots);
        return state;
    }
    PyObject* pair = tuple_new(rt, 2);
    if (pair == nullptr) {
        rt.decref(slots);
        rt.decref(state);
        return err_no_memory(rt);
    }
    tuple_items(pair)[0] = state;
    tuple_items(pair)[1] = slots;
    return pair;
}

// The default reduction (object.__reduce_ex__(4), reduce_newobj) of an instance of a class.
bool reduce_default(Runtime& rt, PyObject* x, Reduced* rv) {
    PyTypeObject* cls = Py_TYPE(x);
    PyTypeObject* base = cls;
    while (is_heap_type(base)) base = base->tp_base;
    const Builtins& b = rt.builtins();
    if (base->has_flag(Py_TPFLAGS_BASE_EXC_SUBCLASS)) {
        // BaseException.__reduce__: (type(x), x.args[, x.__dict__]).
        rv->callable = new_ref(rt, as_object(cls));
        if ((rv->args = object_getattr_string(rt, x, "args")) == nullptr) return false;
        if (PyObject** dictptr = object_dict_ptr(x); dictptr != nullptr && *dictptr != nullptr)
            rv->state = new_ref(rt, *dictptr);
        return true;
    }
    if (base != b.object_type && base != b.list_type && base != b.dict_type) {
        err_format(rt, b.exc.NotImplementedError, "copying '%s' objects is not supported by the lab",
                   type_name(cls).c_str());
        return false;
    }
    if (cls->tp_new == nullptr) return cannot_pickle(rt, cls), false;
    rv->cls = cls;
    if ((rv->state = object_state(rt, x)) == nullptr) return false;
    if (base == b.list_type && (rv->listitems = object_get_iter(rt, x)) == nullptr) return false;
    if (base == b.dict_type) {
        PyObject* items = object_call_method(rt, x, "items", nullptr, 0);
        if (items == nullptr) return false;
        rv->dictitems = object_get_iter(rt, items);
        rt.decref(items);
        if (rv->dictitems == nullptr) return false;
    }
    return true;
}

// Unpacks what a reducer returned: (callable, args[, state[, listitems[, dictitems]]]).
bool unpack_reduced(Runtime& rt, PyObject* r, Reduced* rv) {
    const Builtins& b = rt.builtins();
    if (Py_TYPE(r) != b.tuple_type || Py_SIZE(r) < 2 || Py_SIZE(r) > 5) {
        err_set_string(rt, b.exc.TypeError, "__reduce__ must return a string or a tuple of 2 to 5 items");
        return false;
    }
    PyObject** items = tuple_items(r);
    rv->callable = new_ref(rt, items[0]);
    rv->args = new_ref(rt, items[1]);
    if (Py_TYPE(rv->args) != b.tuple_type) {
        err_set_string(rt, b.exc.TypeError, "the reduce arguments must be a tuple");
        return false;
    }
    PyObject* none = b.singletons.none;
    PyObject** slots[] = {&rv->state, &rv->listitems, &rv->dictitems};
    for (int64_t i = 2; i < Py_SIZE(r); ++i)
        if (items[i] != none) *slots[i - 2] = new_ref(rt, items[i]);
    return true;
}

// The reduction of x: dispatch_table[type(x)](x), the class's own __reduce_ex__(4) or
// __reduce__(), or the default. *same is set when the reducer answered with a string (x is
// then its own copy).
bool reduce(Runtime& rt, const CopyModule& m, PyObject* x, Reduced* rv, bool* same) {
    *same = false;
    PyObject* reducer =
        m.dispatch_table != nullptr ? dict_getitem(rt, m.dispatch_table, as_object(Py_TYPE(x))) : nullptr;
    PyObject* r = nullptr;
    if (reducer != nullptr) {
        r = object_call_one(rt, reducer, x);
    } else if (class_defines(rt, Py_TYPE(x), "__reduce_ex__") != nullptr) {
        PyObject* protocol = long_from_int64(rt, rt.profile().major >= 3 ? 4 : 2);
        if (protocol == nullptr) return err_no_memory(rt), false;
        r = object_call_method(rt, x, "__reduce_ex__", &protocol, 1);
        rt.decref(protocol);
    } else if (class_defines(rt, Py_TYPE(x), "__reduce__") != nullptr) {
        r = object_call_method(rt, x, "__reduce__", nullptr, 0);
    } else {
        return reduce_default(rt, x, rv);
    }
    if (r == nullptr) return false;
    if (str_check(rt, r)) {
        *same = true;
        rt.decref(r);
        return true;
    }
    bool ok = unpack_reduced(rt, r, rv);
    rt.decref(r);
    return ok;
}

PyObject* deepcopy_impl(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo);

// y.__dict__.update(state), for a dict state or any mapping.
bool update_dict(Runtime& rt, PyObject* y, PyObject* state) {
    PyObject* d = object_getattr_string(rt, y, "__dict__");
    if (d == nullptr) return false;
    bool ok;
    if (Py_TYPE(d) == rt.builtins().dict_type && Py_TYPE(state) == rt.builtins().dict_type) {
        ok = dict_merge_dict(rt, d, state, 1);
    } else {
        PyObject* r = object_call_method(rt, d, "update", &state, 1);
        ok = r != nullptr;
        rt.xdecref(r);
    }
    rt.decref(d);
    return ok;
}

// Applies the state as _reconstruct does: __setstate__ when y has it; else a (dict, slots) pair
// or a dict, into y's __dict__ and by setattr.
bool set_state(Runtime& rt, PyObject* y, PyObject* state) {
    PyObject* setstate = nullptr;
    if (!lookup_optional(rt, y, "__setstate__", &setstate)) return false;
    if (setstate != nullptr) {
        PyObject* r = object_call_one(rt, setstate, state);
        rt.decref(setstate);
        rt.xdecref(r);
        return r != nullptr;
    }
    PyObject* slotstate = nullptr;
    if (Py_TYPE(state) == rt.builtins().tuple_type && Py_SIZE(state) == 2) {
        slotstate = tuple_items(state)[1];
        state = tuple_items(state)[0];
    }
    PyObject* none = rt.builtins().singletons.none;
    if (state != none && !update_dict(rt, y, state)) return false;
    if (slotstate == nullptr || slotstate == none) return true;
    PyObject* items = object_call_method(rt, slotstate, "items", nullptr, 0);
    PyObject* it = items != nullptr ? object_get_iter(rt, items) : nullptr;
    rt.xdecref(items);
    if (it == nullptr) return false;
    bool ok = true;
    while (PyObject* pair = iter_next(rt, it)) {
        ok = Py_TYPE(pair) == rt.builtins().tuple_type && Py_SIZE(pair) == 2 &&
             object_setattr(rt, y, tuple_items(pair)[0], tuple_items(pair)[1]) == 0;
        rt.decref(pair);
        if (!ok) break;
    }
    rt.decref(it);
    return ok && !err_occurred(rt);
}

// _reconstruct: memo is null for a shallow copy.
PyObject* reconstruct(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo, Reduced& rv) {
    const bool deep = memo != nullptr;
    PyObject* y;
    if (rv.callable == nullptr) {
        y = rv.cls->tp_new(rt, rv.cls, nullptr, 0, nullptr);
    } else {
        PyObject* args = new_ref(rt, rv.args);
        if (deep && Py_SIZE(args) > 0) {
            PyObject* copied = tuple_new(rt, Py_SIZE(args));
            for (int64_t i = 0; copied != nullptr && i < Py_SIZE(args); ++i) tuple_items(copied)[i] = nullptr;
            for (int64_t i = 0; copied != nullptr && i < Py_SIZE(args); ++i)
                if ((tuple_items(copied)[i] = deepcopy_impl(rt, m, tuple_items(args)[i], memo)) == nullptr) {
                    rt.decref(copied);
                    copied = nullptr;
                }
            rt.decref(args);
            if (copied == nullptr) return nullptr;
            args = copied;
        }
        y = object_call(rt, rv.callable, args, nullptr);
        rt.decref(args);
    }
    if (y == nullptr) return nullptr;
    if (deep && !memo_set(rt, memo, x, y)) return rt.decref(y), nullptr;
    bool ok = true;
    if (rv.state != nullptr) {
        PyObject* state = deep ? deepcopy_impl(rt, m, rv.state, memo) : new_ref(rt, rv.state);
        ok = state != nullptr && set_state(rt, y, state);
        rt.xdecref(state);
    }
    for (PyObject* source : {rv.listitems, rv.dictitems}) {
        if (!ok || source == nullptr) continue;
        while (ok) {
            PyObject* item = iter_next(rt, source);
            if (item == nullptr) {
                ok = !err_occurred(rt);
                break;
            }
            if (source == rv.listitems) {
                PyObject* v = deep ? deepcopy_impl(rt, m, item, memo) : new_ref(rt, item);
                PyObject* r = v != nullptr ? object_call_method(rt, y, "append", &v, 1) : nullptr;
                ok = r != nullptr;
                rt.xdecref(r);
                rt.xdecref(v);
            } else if (Py_TYPE(item) == rt.builtins().tuple_type && Py_SIZE(item) == 2) {
                PyObject* k =
                    deep ? deepcopy_impl(rt, m, tuple_items(item)[0], memo) : new_ref(rt, tuple_items(item)[0]);
                PyObject* v = k == nullptr ? nullptr
                              : deep       ? deepcopy_impl(rt, m, tuple_items(item)[1], memo)
                                           : new_ref(rt, tuple_items(item)[1]);
                ok = v != nullptr && object_setitem(rt, y, k, v) == 0;
                rt.xdecref(k);
                rt.xdecref(v);
            } else {
                err_set_string(rt, rt.builtins().exc.ValueError, "not enough values to unpack (expected 2)");
                ok = false;
            }
            rt.decref(item);
        }
    }
    if (!ok) {
        rt.decref(y);
        return nullptr;
    }
    return y;
}

// ---- copy ------------------------------------------------------------------------------------------

PyObject* copy_impl(Runtime& rt, const CopyModule& m, PyObject* x) {
    PyTypeObject* cls = Py_TYPE(x);
    const Builtins& b = rt.builtins();
    if (atomic_for_copy(rt, cls) || is_type_object(x)) return new_ref(rt, x);
    if (cls == b.list_type || cls == b.dict_type || cls == b.set_type) {
        // 3.x: x.copy(); 2.7: the type's constructor over x.
        if (rt.profile().major >= 3) return object_call_method(rt, x, "copy", nullptr, 0);
        return object_call_one(rt, as_object(cls), x);
    }
    PyObject* copier = nullptr;
    if (!lookup_optional(rt, as_object(cls), "__copy__", &copier)) return nullptr;
    if (copier != nullptr) {
        PyObject* r = object_call_one(rt, copier, x);
        rt.decref(copier);
        return r;
    }
    if (cls == b.method_type) {
        // method.__reduce__: getattr(x.__self__, x.__func__.__name__), a new bound method.
        return rt.profile().major == 2
                   ? method_new27(rt, as_method(x)->im_func.p, as_method(x)->im_self.p, as_method(x)->im_class.p)
                   : method_new(rt, as_method(x)->im_func.p, as_method(x)->im_self.p);
    }
    if (!is_heap_type(cls) && !cls->has_flag(Py_TPFLAGS_BASE_EXC_SUBCLASS)) return cannot_pickle(rt, cls);
    Reduced rv(rt);
    bool same = false;
    if (!reduce(rt, m, x, &rv, &same)) return nullptr;
    if (same) return new_ref(rt, x);
    return reconstruct(rt, m, x, nullptr, rv);
}

// ---- deepcopy ----------------------------------------------------------------------------------------

// The Python frames CPython would be in: deepcopy() and its helper each pass the frame check
// (object/recursion.h), which also keeps a deep copy within the native and engine stacks.
class FrameDepth {
public:
    explicit FrameDepth(Runtime& rt) : rt_(rt), ok_(python_frame_allowed(rt)) {
        if (ok_) ++rt.tstate().recursion_depth;
    }
    ~FrameDepth() {
        if (ok_) --rt_.tstate().recursion_depth;
    }
    bool ok() const { return ok_; }

private:
    Runtime& rt_;
    bool ok_;
};

PyObject* deepcopy_list(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo) {
    PyObject* y = list_new(rt, 0);
    if (y == nullptr) return err_no_memory(rt);
    if (!memo_set(rt, memo, x, y)) return rt.decref(y), nullptr;
    for (int64_t i = 0; i < Py_SIZE(x); ++i) {
        PyObject* item = list_items(x)[i];
        rt.incref(item);
        PyObject* c = deepcopy_impl(rt, m, item, memo);
        rt.decref(item);
        bool ok = c != nullptr && list_append(rt, y, c);
        rt.xdecref(c);
        if (!ok) {
            if (!err_occurred(rt)) err_no_memory(rt);
            rt.decref(y);
            return nullptr;
        }
    }
    return y;
}

// _deepcopy_tuple: the items' copies, in a list first; the tuple itself when every item copied
// to itself (and when copying an item already copied the tuple, through a cycle, that copy).
PyObject* deepcopy_tuple(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo) {
    PyObject* y = list_new(rt, 0);
    if (y == nullptr) return err_no_memory(rt);
    for (int64_t i = 0; i < Py_SIZE(x); ++i) {
        PyObject* c = deepcopy_impl(rt, m, tuple_items(x)[i], memo);
        bool ok = c != nullptr && list_append(rt, y, c);
        rt.xdecref(c);
        if (!ok) {
            if (!err_occurred(rt)) err_no_memory(rt);
            rt.decref(y);
            return nullptr;
        }
    }
    if (PyObject* done = memo_get(rt, memo, x)) {
        rt.decref(y);
        return new_ref(rt, done);
    }
    if (err_occurred(rt)) return rt.decref(y), nullptr;
    for (int64_t i = 0; i < Py_SIZE(x); ++i)
        if (tuple_items(x)[i] != list_items(y)[i]) {
            PyObject* t = list_as_tuple(rt, y);
            rt.decref(y);
            return t;
        }
    rt.decref(y);
    return new_ref(rt, x);
}

PyObject* deepcopy_dict(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo) {
    PyObject* y = dict_new(rt);
    if (y == nullptr) return err_no_memory(rt);
    if (!memo_set(rt, memo, x, y)) return rt.decref(y), nullptr;
    const int64_t size = dict_len(rt, x);
    int64_t pos = 0;
    PyObject* key;
    PyObject* value;
    while (dict_next(rt, x, &pos, &key, &value)) {
        rt.incref(key);
        rt.incref(value);
        PyObject* k = deepcopy_impl(rt, m, key, memo);
        PyObject* v = k != nullptr ? deepcopy_impl(rt, m, value, memo) : nullptr;
        bool ok = v != nullptr && dict_setitem(rt, y, k, v);
        for (PyObject* o : {key, value}) rt.decref(o);
        rt.xdecref(k);
        rt.xdecref(v);
        if (ok && dict_len(rt, x) != size) {
            err_set_string(rt, rt.builtins().exc.RuntimeError, "dictionary changed size during iteration");
            ok = false;
        }
        if (!ok) {
            if (!err_occurred(rt)) err_no_memory(rt);
            rt.decref(y);
            return nullptr;
        }
    }
    return y;
}

// The deep copy of x, memo and atomics aside.
PyObject* deepcopy_dispatch(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo) {
    PyTypeObject* cls = Py_TYPE(x);
    const Builtins& b = rt.builtins();
    if (cls == b.list_type) return deepcopy_list(rt, m, x, memo);
    if (cls == b.tuple_type) return deepcopy_tuple(rt, m, x, memo);
    if (cls == b.dict_type) return deepcopy_dict(rt, m, x, memo);
    if (cls == b.method_type) {
        // 2.7's _deepcopy_method: instancemethod(im_func, deepcopy(im_self), im_class), unbound
        // when im_self is None.
        PyObject* none = rt.builtins().singletons.none;
        PyObject* from = as_method(x)->im_self.p;
        PyObject* self = deepcopy_impl(rt, m, from != nullptr ? from : none, memo);
        if (self == nullptr) return nullptr;
        PyObject* r = rt.profile().major == 2
                          ? method_new27(rt, as_method(x)->im_func.p, self == none ? nullptr : self,
                                         as_method(x)->im_class.p)
                          : method_new(rt, as_method(x)->im_func.p, self);
        rt.decref(self);
        return r;
    }
    PyObject* copier = nullptr;
    if (!lookup_optional(rt, x, "__deepcopy__", &copier)) return nullptr;
    if (copier != nullptr) {
        PyObject* r = object_call_one(rt, copier, memo);
        rt.decref(copier);
        return r;
    }
    if (cls == b.set_type || cls == b.frozenset_type) {
        // set.__reduce__: (type(x), (list(x),)), whose argument list is deep-copied.
        Reduced rv(rt);
        rv.callable = new_ref(rt, as_object(cls));
        PyObject* items = sequence_list(rt, x);
        if (items == nullptr) return nullptr;
        rv.args = tuple_new(rt, 1);
        if (rv.args == nullptr) return rt.decref(items), err_no_memory(rt);
        tuple_items(rv.args)[0] = items;
        return reconstruct(rt, m, x, memo, rv);
    }
    if (!is_heap_type(cls) && !cls->has_flag(Py_TPFLAGS_BASE_EXC_SUBCLASS)) {
        if (cls == b.slice_type || cls == b.method_type)
            return err_format(rt, b.exc.NotImplementedError, "copying '%s' objects is not supported by the lab",
                              type_name(cls).c_str());
        return cannot_pickle(rt, cls);
    }
    Reduced rv(rt);
    bool same = false;
    if (!reduce(rt, m, x, &rv, &same)) return nullptr;
    if (same) return new_ref(rt, x);
    return reconstruct(rt, m, x, memo, rv);
}

PyObject* deepcopy_impl(Runtime& rt, const CopyModule& m, PyObject* x, PyObject* memo) {
    FrameDepth depth(rt);
    if (!depth.ok()) return nullptr;
    if (PyObject* y = memo_get(rt, memo, x)) return new_ref(rt, y);
    if (err_occurred(rt)) return nullptr;
    if (atomic_for_both(rt, Py_TYPE(x)) || is_type_object(x)) return new_ref(rt, x);
    FrameDepth helper(rt);
    if (!helper.ok()) return nullptr;
    PyObject* y = deepcopy_dispatch(rt, m, x, memo);
    if (y == nullptr) return nullptr;
    if (y != x && (!memo_set(rt, memo, x, y) || !keep_alive(rt, memo, x))) {
        rt.decref(y);
        return nullptr;
    }
    return y;
}

// ---- the module's functions --------------------------------------------------------------------------

// The argument errors of `def copy(x)` and `def deepcopy(x, memo=None, _nil=[])`, per version.
PyObject* arity_error(Runtime& rt, const char* name, Py_ssize_t given, int max) {
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (rt.profile().major == 2) {
        if (max == 1)
            return err_format(rt, type_error, "%s() takes exactly 1 argument (%d given)", name,
                              static_cast<int>(given));
        return err_format(rt, type_error, "%s() takes at %s %d argument%s (%d given)", name,
                          given == 0 ? "least" : "most", given == 0 ? 1 : max, given == 0 ? "" : "s",
                          static_cast<int>(given));
    }
    if (given == 0) return err_format(rt, type_error, "%s() missing 1 required positional argument: 'x'", name);
    if (max == 1)
        return err_format(rt, type_error, "%s() takes 1 positional argument but %d were given", name,
                          static_cast<int>(given));
    return err_format(rt, type_error, "%s() takes from 1 to %d positional arguments but %d were given", name, max,
                      static_cast<int>(given));
}

PyObject* copy_copy(Runtime& rt, PyObject* module, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    if (nkw > 0) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[0]);
        if (key != "x")
            return err_format(rt, rt.builtins().exc.TypeError, "copy() got an unexpected keyword argument '%s'",
                              key.c_str());
        if (nargs > 0)
            return err_format(rt, rt.builtins().exc.TypeError, "copy() got multiple values for argument 'x'");
    }
    if (nargs + nkw != 1) return arity_error(rt, "copy", nargs + nkw, 1);
    return copy_impl(rt, module_state(rt, module), args[0]);
}

PyObject* copy_deepcopy(Runtime& rt, PyObject* module, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* params[3] = {nullptr, nullptr, nullptr};
    const char* names[3] = {"x", "memo", "_nil"};
    if (nargs > 3) return arity_error(rt, "deepcopy", nargs, 3);
    for (Py_ssize_t i = 0; i < nargs; ++i) params[i] = args[i];
    for (Py_ssize_t k = 0; kwnames != nullptr && k < Py_SIZE(kwnames); ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        int slot = -1;
        for (int i = 0; i < 3; ++i)
            if (key == names[i]) slot = i;
        if (slot < 0)
            return err_format(rt, rt.builtins().exc.TypeError, "deepcopy() got an unexpected keyword argument '%s'",
                              key.c_str());
        if (params[slot] != nullptr)
            return err_format(rt, rt.builtins().exc.TypeError, "deepcopy() got multiple values for argument '%s'",
                              key.c_str());
        params[slot] = args[nargs + k];
    }
    if (params[0] == nullptr) return arity_error(rt, "deepcopy", 0, 3);
    PyObject* memo = params[1];
    if (memo == nullptr || memo == rt.builtins().singletons.none) {
        if ((memo = dict_new(rt)) == nullptr) return err_no_memory(rt);
    } else if (!object_type_check(memo, rt.builtins().dict_type)) {
        return err_format(rt, rt.builtins().exc.NotImplementedError,
                          "deepcopy() with a memo of type '%s' is not supported by the lab (use a dict)",
                          type_name(Py_TYPE(memo)).c_str());
    } else {
        rt.incref(memo);
    }
    PyObject* y = deepcopy_impl(rt, module_state(rt, module), params[0], memo);
    rt.decref(memo);
    return y;
}

// copy.replace(obj, /, **changes) (3.13): type(obj).__replace__(obj, **changes).
PyObject* copy_replace(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "replace() takes 1 positional argument but %d were given",
                          static_cast<int>(nargs));
    PyTypeObject* cls = Py_TYPE(args[0]);
    PyObject* func = nullptr;
    if (!lookup_optional(rt, as_object(cls), "__replace__", &func)) return nullptr;
    if (func == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "replace() does not support %s objects",
                          type_name(cls).c_str());
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    std::vector<PyObject*> all(args, args + 1 + nkw);
    PyObject* r = object_vectorcall(rt, func, all.data(), 1, kwnames);
    rt.decref(func);
    return r;
}

const PyMethodDef kCopyFunctions[] = {
    {"copy", copy_copy, 0},
    {"deepcopy", copy_deepcopy, 0},
    {nullptr, nullptr, 0},
};
const PyMethodDef kCopyReplace[] = {
    {"replace", copy_replace, 0},
    {nullptr, nullptr, 0},
};

// class Error(Exception), defined in the module (copy.error is the same class).
PyObject* make_error_class(Runtime& rt) {
    PyObject* name = str_from_utf8(rt, "Error");
    PyObject* bases = tuple_new(rt, 1);
    PyObject* ns = dict_new(rt);
    PyObject* module_name = str_from_utf8(rt, "copy");
    PyObject* key = str_intern_ascii(rt, "__module__");
    PyObject* cls = nullptr;
    if (name != nullptr && bases != nullptr && ns != nullptr && module_name != nullptr && key != nullptr) {
        tuple_items(bases)[0] = new_ref(rt, as_object(rt.builtins().exc.Exception));
        if (dict_setitem(rt, ns, key, module_name)) cls = type_new_class(rt, rt.builtins().type_type, name, bases, ns);
    } else if (bases != nullptr) {
        tuple_items(bases)[0] = nullptr;
    }
    for (PyObject* o : {name, bases, ns, module_name, key}) rt.xdecref(o);
    if (cls == nullptr && !err_occurred(rt)) err_no_memory(rt);
    return cls;
}

}  // namespace

PyObject* make_copy_module(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* m = module_new(rt, "copy");
    if (m == nullptr) return nullptr;
    bool ok = module_add_functions(rt, m, kCopyFunctions);
    if (ok && rt.profile().at_least(3, 13)) ok = module_add_functions(rt, m, kCopyReplace);
    PyObject* error = ok ? make_error_class(rt) : nullptr;
    if (error != nullptr) {
        rt.incref(error);
        ok = module_add_object(rt, m, "Error", error) && module_add_object(rt, m, "error", error);
    } else {
        ok = false;
    }
    ok = ok && module_add_object(rt, m, "dispatch_table", dict_new(rt));
    if (!ok) {
        rt.decref(m);
        if (!err_occurred(rt)) err_no_memory(rt);
        return nullptr;
    }
    return m;
}

}  // namespace pymemlab
