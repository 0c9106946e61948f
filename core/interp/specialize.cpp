// CALL_ALLOC_AND_ENTER_INIT and the adaptive counter that leads to it (3.13+). Read
// specialize.h first. Facts: Python/specialize.c (specialize_class_call,
// get_init_for_simple_managed_python_class, _Py_Specialize_Call), Python/bytecodes.c, and
// measurements on 3.13.0 and Pyodide's 3.14.
#include "interp/specialize.h"

#include "interp/ceval_internal.h"
#include "interp/interp.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/instance_values.h"
#include "object/runtime.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {
namespace {

constexpr uint16_t kCooldownValue = 52;  // adaptive_counter_cooldown(): value 52, backoff 0
constexpr uint16_t kMaxBackoff = 12;

// adaptive_counter_backoff: a failed specialization waits twice as long (up to 2**12 - 1 runs).
void back_off(CallCache& cache) {
    const uint16_t backoff = cache.backoff < kMaxBackoff ? cache.backoff + 1 : kMaxBackoff;
    cache = {static_cast<uint16_t>((1u << backoff) - 1), backoff, CallCache::State::kAdaptive, 0};
}

// A class CALL_ALLOC_AND_ENTER_INIT can make: a heap type whose metaclass is `type` and whose
// instances come from object.__new__ (nullptr otherwise).
PyTypeObject* plain_class(const Runtime& rt, PyObject* callable) {
    const Builtins& b = rt.builtins();
    if (Py_TYPE(callable) != b.type_type) return nullptr;
    auto* tp = reinterpret_cast<PyTypeObject*>(callable);
    if (!is_heap_type(tp) || tp->tp_new != b.object_type->tp_new) return nullptr;
    return tp;
}

// get_init_for_simple_managed_python_class: the class's __init__ when it is a Python function
// whose parameters are simple (no *args, **kwargs or keyword-only ones); 3.13 also wants the
// instances' dict managed (no __slots__).
PyObject* simple_init(const Runtime& rt, PyTypeObject* tp) {
    if (!rt.profile().at_least(3, 14) && !type_has_managed_dict(tp)) return nullptr;
    PyObject* init = type_lookup_ascii(rt, tp, "__init__");
    if (init == nullptr || Py_TYPE(init) != rt.builtins().function_type) return nullptr;
    const CodeBody& body = code_body(as_function(init)->func_code.p);
    if ((body.flags & (CO_VARARGS | CO_VARKEYWORDS)) != 0 || body.kwonlyargcount != 0) return nullptr;
    return init;
}

// 3.13 binds exactly self plus the call's arguments (no defaults); 3.14 binds them as any call.
bool arity_fits(const Runtime& rt, PyObject* init, Py_ssize_t nargs) {
    return rt.profile().at_least(3, 14) || code_body(as_function(init)->func_code.p).argcount == nargs + 1;
}

// The specialized instruction's guards: the class it was specialized for, unchanged.
bool still_matches(const Runtime& rt, const CallCache& cache, PyObject* callable, Py_ssize_t nargs) {
    PyTypeObject* tp = plain_class(rt, callable);
    if (tp == nullptr || heap_type(tp)->version_tag != cache.version) return false;
    PyObject* init = simple_init(rt, tp);
    return init != nullptr && arity_fits(rt, init, nargs);
}

// _Py_Specialize_Call for this run's callable: success leaves the counter cooling down, failure
// (3.13's classes it cannot specialize) backs it off exponentially. Other callables specialize
// to instructions of their own, which the lab need not tell apart.
void specialize(const Runtime& rt, CallCache& cache, PyObject* callable, Py_ssize_t nargs) {
    const bool is_class = Py_TYPE(callable)->has_flag(Py_TPFLAGS_TYPE_SUBCLASS);
    PyTypeObject* tp = is_class ? plain_class(rt, callable) : nullptr;
    PyObject* init = tp != nullptr ? simple_init(rt, tp) : nullptr;
    if (init != nullptr && arity_fits(rt, init, nargs)) {
        cache = {kCooldownValue, 0, CallCache::State::kInit, heap_type(tp)->version_tag};
        return;
    }
    // 3.14 sends every other class to CALL_NON_PY_GENERAL; 3.13 gives up on a class that is
    // not a built-in one.
    const bool fails = !rt.profile().at_least(3, 14) && is_class &&
                       is_heap_type(reinterpret_cast<PyTypeObject*>(callable));
    if (!fails) {
        cache = {kCooldownValue, 0, CallCache::State::kOther, 0};
        return;
    }
    back_off(cache);
}

}  // namespace

bool specialized_init(Runtime& rt, CallCache& cache, PyObject* callable, Py_ssize_t nargs) {
    if (cache.state == CallCache::State::kInit && still_matches(rt, cache, callable, nargs)) return true;
    // The adaptive instruction, or a specialized one deoptimizing into it.
    if (cache.value != 0) {
        --cache.value;
        return false;
    }
    specialize(rt, cache, callable, nargs);
    return cache.state == CallCache::State::kInit;  // DISPATCH_SAME_OPARG: runs specialized now
}

bool specialized_super_attr(const Runtime& rt, CallCache& cache, PyObject* global_super, PyObject* cls) {
    const Builtins& b = rt.builtins();
    const bool fits = global_super == reinterpret_cast<PyObject*>(b.super_type) && object_type_check(cls, b.type_type);
    if (cache.state == CallCache::State::kOther && fits) return true;
    if (cache.value != 0) {  // the adaptive instruction, or a specialized one deoptimizing
        --cache.value;
        return false;
    }
    if (fits)
        cache = {kCooldownValue, 0, CallCache::State::kOther, 0};
    else
        back_off(cache);  // SPEC_FAIL_SUPER_SHADOWED, SPEC_FAIL_SUPER_BAD_CLASS
    return fits;
}

PyObject* alloc_and_enter_init(Interp& in, PyObject** args, Py_ssize_t nargs) {
    Runtime& rt = in.rt;
    auto* tp = reinterpret_cast<PyTypeObject*>(args[-2]);
    PyObject* self = tp->tp_new(rt, tp, nullptr, 0, nullptr);  // _PyType_NewManagedObject
    if (self == nullptr) return nullptr;
    PyObject* init = type_lookup_ascii(rt, tp, "__init__");
    rt.incref(init);
    rt.decref(args[-2]);  // the class's stack reference goes first (the instance holds another)
    args[-2] = nullptr;
    rt.incref(self);  // the shim frame's (_Py_InitCleanup), which returns it
    args[-1] = self;  // self and the arguments move into __init__'s frame
    // The shim frame counts toward the recursion limit, unchecked (py_recursion_remaining--).
    ++rt.tstate().recursion_depth;
    PyObject* r = call_from_stack(in, init, args - 1, nargs + 1, nullptr);
    --rt.tstate().recursion_depth;
    rt.decref(init);
    if (r == nullptr) {
        rt.decref(self);
        return nullptr;
    }
    const bool none = r == rt.builtins().singletons.none;
    if (!none)
        err_format(rt, rt.builtins().exc.TypeError, "__init__() should return None, not '%s'", Py_TYPE(r)->tp_name);
    rt.decref(r);
    if (!none) {
        rt.decref(self);
        return nullptr;
    }
    return self;
}

}  // namespace pymemlab
