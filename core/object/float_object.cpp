// float: allocation through the free list (3.x) or 2.7's block allocator (object_blocks.h),
// dealloc, and the type's slots (float_arith.h).
#include "object/float_object.h"

#include <new>

#include "object/builtins.h"
#include "object/float_arith.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

// Free floats are linked through ob_type, as CPython links them.
PyFloatObject* next_free(PyFloatObject* f) { return reinterpret_cast<PyFloatObject*>(f->ob_base.ob_type); }
void set_next_free(PyFloatObject* f, PyFloatObject* next) {
    f->ob_base.ob_type = reinterpret_cast<PyTypeObject*>(next);
}

void float_dealloc(Runtime& rt, PyObject* o) {
    FloatState& s = rt.builtins().float_state;
    auto* f = reinterpret_cast<PyFloatObject*>(o);
    if (rt.profile().major == 2) {
        object_blocks_give(s.blocks27, o);
        return;
    }
    if (s.numfree >= kFloatMaxFreeList) {
        rt.free_object(o);
        return;
    }
    ++s.numfree;
    set_next_free(f, s.free_list);
    s.free_list = f;
}

}  // namespace

void init_float_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    PyTypeObject* t =
        new_static_type(rt, "float", sizeof(PyFloatObject), 0,
                        {.dealloc = float_dealloc, .blocks = rt.profile().major == 2 ? objects_own_no_block : nullptr});
    b.float_type = t;
    t->tp_model_no_refs = true;
    // PyFloat_Type's slots (float_arith.h). str() is the repr from 3.1 (2.7: 12 digits).
    PyNumberMethods& nb = t->tp_as_number;
    nb.nb_add = float_add;
    nb.nb_subtract = float_sub;
    nb.nb_multiply = float_mul;
    nb.nb_remainder = float_rem;
    nb.nb_divmod = float_divmod;
    nb.nb_power = float_pow;
    nb.nb_negative = float_neg;
    nb.nb_positive = float_float;
    nb.nb_absolute = float_abs;
    nb.nb_bool = float_bool;
    nb.nb_int = float_trunc;
    nb.nb_float = float_float;
    nb.nb_floor_divide = float_floor_div;
    nb.nb_true_divide = float_div;
    t->tp_richcompare = float_richcompare;
    t->tp_hash = float_tp_hash;
    t->tp_repr = float_repr;
    t->tp_str = rt.profile().major == 2 ? float_str27 : nullptr;
    t->tp_new = float_tp_new;
    t->tp_methods = kFloatMethods;
    t->tp_flags |= Py_TPFLAGS_BASETYPE;
}

PyObject* float_from_double(Runtime& rt, double value) {
    FloatState& s = rt.builtins().float_state;
    PyFloatObject* f = s.free_list;
    if (rt.profile().major == 2) {
        f = reinterpret_cast<PyFloatObject*>(object_blocks_take(rt, s.blocks27));
        if (f == nullptr) return nullptr;
    } else if (f != nullptr) {
        s.free_list = next_free(f);
        --s.numfree;
    } else {
        f = reinterpret_cast<PyFloatObject*>(rt.alloc_object(rt.builtins().float_type, sizeof(PyFloatObject)));
        if (f == nullptr) return nullptr;
    }
    f->ob_base.ob_refcnt = 1;
    f->ob_base.ob_type = rt.builtins().float_type;
    f->ob_fval = value;
    rt.note_alive(&f->ob_base);
    return &f->ob_base;
}

double float_value(const PyObject* o) { return reinterpret_cast<const PyFloatObject*>(o)->ob_fval; }

int float_clear_free_list(Runtime& rt) {
    FloatState& s = rt.builtins().float_state;
    const int freed = s.numfree;
    while (PyFloatObject* f = s.free_list) {
        s.free_list = next_free(f);
        f->ob_base.ob_type = rt.builtins().float_type;  // the link was kept in ob_type
        rt.free_object(&f->ob_base);
    }
    s.numfree = 0;
    return freed;
}

}  // namespace pymemlab
