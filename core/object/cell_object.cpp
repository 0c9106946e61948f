// cell: creation, get/set, traversal and dealloc.
#include "object/cell_object.h"

#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

PyCellObject* as_cell(PyObject* o) { return reinterpret_cast<PyCellObject*>(o); }

void cell_dealloc(Runtime& rt, PyObject* o) {
    rt.gc_untrack(o);
    rt.xdecref(as_cell(o)->ob_ref.p);
    rt.free_object(o);
}

void cell_traverse(PyObject* o, visitproc visit, void* arg) {
    if (as_cell(o)->ob_ref.p != nullptr) visit(as_cell(o)->ob_ref.p, arg);
}

PyObject* cell_get_contents(Runtime& rt, PyObject* self) {
    PyObject* v = as_cell(self)->ob_ref.p;
    if (v == nullptr) return err_set_string(rt, rt.builtins().exc.ValueError, "Cell is empty");
    rt.incref(v);
    return v;
}

int cell_set_contents(Runtime& rt, PyObject* self, PyObject* value) {
    cell_set(rt, self, value);
    return 0;
}

}  // namespace

void init_cell_attributes(Runtime& rt) {
    PyTypeObject* type = rt.builtins().cell_type;
    static const PyGetSetDef kReadOnly = {"cell_contents", cell_get_contents, nullptr};
    static const PyGetSetDef kWritable = {"cell_contents", cell_get_contents, cell_set_contents};
    if (type->tp_mro == nullptr) type_ready(rt, type);
    const PyGetSetDef* def = rt.profile().at_least(3, 7) ? &kWritable : &kReadOnly;
    type_add_to_dict(rt, type, def->name, getset_descriptor_new(rt, type, def));
}

void init_cell_type(Runtime& rt) {
    rt.builtins().cell_type = new_static_type(rt, "cell", sizeof(PyCellObject), 0,
                                              {.dealloc = cell_dealloc, .traverse = cell_traverse});
}

PyObject* cell_new(Runtime& rt, PyObject* value) {
    PyObject* o = rt.alloc_gc_object(rt.builtins().cell_type, sizeof(PyCellObject));
    if (o == nullptr) return nullptr;
    if (value != nullptr) rt.incref(value);
    as_cell(o)->ob_ref.p = value;
    rt.gc_track(o);
    return o;
}

PyObject* cell_get(const PyObject* cell) { return reinterpret_cast<const PyCellObject*>(cell)->ob_ref.p; }

void cell_set(Runtime& rt, PyObject* cell, PyObject* value) {
    rt.replace_ref(as_cell(cell)->ob_ref, value);
}

int64_t cell_sizeof(const Runtime& rt, const PyObject* cell) {
    return rt.profile().gc_head_size + static_cast<int64_t>(sizeof(PyCellObject));
}

}  // namespace pymemlab
