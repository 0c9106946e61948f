// float: allocation through the free list (3.x) or the block allocator (2.7), and dealloc.
#include "object/float_object.h"

#include <new>

#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

// Free floats are linked through ob_type, as CPython links them.
PyFloatObject* next_free(PyFloatObject* f) { return reinterpret_cast<PyFloatObject*>(f->ob_base.ob_type); }
void set_next_free(PyFloatObject* f, PyFloatObject* next) {
    f->ob_base.ob_type = reinterpret_cast<PyTypeObject*>(next);
}

// 2.7's fill_free_list: a new block, its floats linked from the last to the first, so the
// first float handed out is the highest in the block.
PyFloatObject* fill_free_list(Runtime& rt, FloatState& s) {
    auto* block = static_cast<unsigned char*>(rt.mem_malloc(kFloatBlockBytes));
    if (block == nullptr) return nullptr;
    *reinterpret_cast<void**>(block) = s.blocks;
    s.blocks = block;
    auto* floats = reinterpret_cast<PyFloatObject*>(block + 8);
    set_next_free(&floats[0], nullptr);
    for (int i = 1; i < kFloatsPerBlock; ++i) set_next_free(&floats[i], &floats[i - 1]);
    return &floats[kFloatsPerBlock - 1];
}

void float_dealloc(Runtime& rt, PyObject* o) {
    FloatState& s = rt.builtins().float_state;
    auto* f = reinterpret_cast<PyFloatObject*>(o);
    if (rt.profile().major == 2) {
        set_next_free(f, s.free_list);
        s.free_list = f;
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

// 2.7's floats live inside the float blocks, which the float state owns: a float owns no block.
void float_blocks_27(const Runtime&, PyObject*, blockproc, void*) {}

}  // namespace

void init_float_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    b.float_type = new_static_type(rt, "float", sizeof(PyFloatObject), 0,
                                   {.dealloc = float_dealloc,
                                    .blocks = rt.profile().major == 2 ? float_blocks_27 : nullptr});
}

PyObject* float_from_double(Runtime& rt, double value) {
    FloatState& s = rt.builtins().float_state;
    PyFloatObject* f = s.free_list;
    if (rt.profile().major == 2 && f == nullptr) f = fill_free_list(rt, s);
    if (f != nullptr) {
        s.free_list = next_free(f);
        if (rt.profile().major != 2) --s.numfree;
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

}  // namespace pymemlab
