// Code objects: creation, the references they hold, release.
#include "interp/code_object.h"

#include "object/builtins.h"
#include "object/runtime.h"
#include "object/tuple_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

void code_release_body(Runtime&, PyObject* self) {
    delete as_code(self)->body.p;
    as_code(self)->body.p = nullptr;
}

void code_dealloc(Runtime& rt, PyObject* self) {
    PyCodeObject* c = as_code(self);
    for (Slot<PyObject>* s : {&c->co_consts, &c->co_names, &c->co_varnames, &c->co_freevars, &c->co_cellvars,
                              &c->co_filename, &c->co_name, &c->co_qualname})
        rt.xdecref(s->p);
    rt.release_host_storage(self);
    rt.free_object(self);
}

}  // namespace

void init_code_type(Runtime& rt) {
    if (rt.builtins().code_type != nullptr) return;
    // tp_itemsize stays 0: the model's code object has no ob_size (code_new sizes the request).
    rt.builtins().code_type = new_static_type(
        rt, "code", model_basicsize(type_sizes(rt.profile()).code, sizeof(PyCodeObject)), 0, {.dealloc = code_dealloc});
}

PyTypeObject* code_type(const Runtime& rt) { return rt.builtins().code_type; }

PyObject* code_new(Runtime& rt, CodeBody* body, PyObject* consts, PyObject* names, PyObject* varnames,
                   PyObject* freevars, PyObject* cellvars, PyObject* filename, PyObject* name,
                   PyObject* qualname) {
    init_code_type(rt);
    // 3.11+ keeps the instructions inline (tp_itemsize per code unit); the model's count of
    // instructions stands in for CPython's code units.
    PyTypeObject* type = rt.builtins().code_type;
    const auto units = static_cast<int64_t>(body->instrs.size());
    const int64_t request = type->tp_basicsize + type_sizes(rt.profile()).code_itemsize * units;
    PyObject* o = rt.alloc_object(type, static_cast<size_t>(request));
    PyObject* refs[] = {consts, names, varnames, freevars, cellvars, filename, name, qualname};
    if (o == nullptr) {
        for (PyObject* r : refs) rt.xdecref(r);
        delete body;
        return nullptr;
    }
    PyCodeObject* c = as_code(o);
    c->co_consts.p = consts;
    c->co_names.p = names;
    c->co_varnames.p = varnames;
    c->co_freevars.p = freevars;
    c->co_cellvars.p = cellvars;
    c->co_filename.p = filename;
    c->co_name.p = name;
    c->co_qualname.p = qualname;
    c->body.p = body;
    rt.own_host_storage(o, code_release_body);
    return o;
}

int64_t code_nlocals(const PyObject* code) { return Py_SIZE(as_code(code)->co_varnames.p); }
int64_t code_ncells(const PyObject* code) { return Py_SIZE(as_code(code)->co_cellvars.p); }
int64_t code_nfrees(const PyObject* code) { return Py_SIZE(as_code(code)->co_freevars.p); }

}  // namespace pymemlab
