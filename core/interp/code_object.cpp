// Code objects: creation, the references they hold, release.
#include "interp/code_object.h"

#include <cstring>
#include <string_view>

#include "interp/code_parts.h"
#include "interp/code_units.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/descr_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

void code_release_body(Runtime&, PyObject* self) {
    delete as_code(self)->body.p;
    as_code(self)->body.p = nullptr;
}

// 3.11+ keeps one co_localsplusnames tuple where the model keeps co_varnames, co_freevars and
// co_cellvars: the empty tuple among those three holds the one reference CPython's () has when
// all three are empty, and none beside a name (code_new drops the others).
bool holds_localsplus(const Runtime& rt) { return rt.profile().at_least(3, 11); }
int empty_name_tuples(const Runtime& rt, const PyCodeObject* c) {
    const PyObject* empty = rt.builtins().empty_tuple;
    return (c->co_varnames.p == empty) + (c->co_freevars.p == empty) + (c->co_cellvars.p == empty);
}

void code_dealloc(Runtime& rt, PyObject* self) {
    PyCodeObject* c = as_code(self);
    const bool localsplus = holds_localsplus(rt);
    if (localsplus && empty_name_tuples(rt, c) == 3) rt.decref(rt.builtins().empty_tuple);
    for (Slot<PyObject>* s : {&c->co_varnames, &c->co_freevars, &c->co_cellvars})
        if (!localsplus || s->p != rt.builtins().empty_tuple) rt.xdecref(s->p);
    for (Slot<PyObject>* s : {&c->co_consts, &c->co_names, &c->co_filename, &c->co_name, &c->co_qualname})
        rt.xdecref(s->p);
    for (Slot<PyObject>* s : {&c->co_code, &c->co_linetable, &c->co_exceptiontable, &c->co_localspluskinds})
        rt.xdecref(s->p);
    rt.release_host_storage(self);
    if (PyObject* zombie = c->co_zombieframe.p) {
        c->co_zombieframe.p = nullptr;
        rt.free_object(zombie);
    }
    rt.free_object(self);
}

// The code object's block and its zombie frame's (heap checker).
void code_blocks(const Runtime& rt, PyObject* self, blockproc visit, void* arg) {
    visit(rt.block_of(self), arg);
    if (PyObject* zombie = as_code(self)->co_zombieframe.p) visit(rt.block_of(zombie), arg);
}

// The co_* attributes (codeobject.c's code_memberlist and code_getsetlist), read-only.
template <Slot<PyObject> PyCodeObject::*Field>
PyObject* code_get_object(Runtime& rt, PyObject* self) {
    PyObject* v = (as_code(self)->*Field).p;
    if (v == nullptr) v = rt.builtins().singletons.none;
    rt.incref(v);
    return v;
}
// co_varnames, co_cellvars, co_freevars. The model keeps them as tuples; CPython 3.11 keeps one
// co_localsplusnames and builds each anew at every access (get_localsplus_names: a new tuple,
// or () when there are none), so there a read gives a copy; 3.12+ caches the tuple built at
// the first read, which is the one the model holds.
template <Slot<PyObject> PyCodeObject::*Field>
PyObject* code_get_names(Runtime& rt, PyObject* self) {
    PyObject* names = (as_code(self)->*Field).p;
    if (rt.profile().major == 3 && rt.profile().minor == 11 && Py_SIZE(names) > 0)
        return tuple_from_array(rt, tuple_items(names), Py_SIZE(names));
    return new_ref(rt, names);
}
template <int CodeBody::*Field>
PyObject* code_get_int(Runtime& rt, PyObject* self) {
    return long_from_int64(rt, code_body(self).*Field);
}
PyObject* code_get_nlocals(Runtime& rt, PyObject* self) { return long_from_int64(rt, code_nlocals(self)); }

const PyGetSetDef kCodeGetSet[] = {
    {"co_argcount", code_get_int<&CodeBody::argcount>, nullptr},
    {"co_kwonlyargcount", code_get_int<&CodeBody::kwonlyargcount>, nullptr},
    {"co_nlocals", code_get_nlocals, nullptr},
    {"co_stacksize", code_get_int<&CodeBody::stacksize>, nullptr},
    {"co_flags", code_get_int<&CodeBody::flags>, nullptr},
    {"co_firstlineno", code_get_int<&CodeBody::firstlineno>, nullptr},
    {"co_consts", code_get_object<&PyCodeObject::co_consts>, nullptr},
    {"co_names", code_get_object<&PyCodeObject::co_names>, nullptr},
    {"co_varnames", code_get_names<&PyCodeObject::co_varnames>, nullptr},
    {"co_freevars", code_get_names<&PyCodeObject::co_freevars>, nullptr},
    {"co_cellvars", code_get_names<&PyCodeObject::co_cellvars>, nullptr},
    {"co_filename", code_get_object<&PyCodeObject::co_filename>, nullptr},
    {"co_name", code_get_object<&PyCodeObject::co_name>, nullptr},
};
// The assembler's bytes (code_parts.h) by the names CPython gives them: ≤3.10 co_code and
// co_lnotab (3.10: co_linetable), 3.11+ co_linetable and co_exceptiontable. (CPython 3.10+ also
// computes co_lnotab, and 3.11+ co_code, anew from the code; the lab has neither.)
const PyGetSetDef kCodeGetSetCode = {"co_code", code_get_object<&PyCodeObject::co_code>, nullptr};
const PyGetSetDef kCodeGetSetLnotab = {"co_lnotab", code_get_object<&PyCodeObject::co_linetable>, nullptr};
const PyGetSetDef kCodeGetSetLinetable = {"co_linetable", code_get_object<&PyCodeObject::co_linetable>, nullptr};
const PyGetSetDef kCodeGetSetExceptiontable = {"co_exceptiontable", code_get_object<&PyCodeObject::co_exceptiontable>,
                                               nullptr};
const PyGetSetDef kCodeGetSetPosonly = {"co_posonlyargcount", code_get_int<&CodeBody::posonlyargcount>, nullptr};
const PyGetSetDef kCodeGetSetQualname = {"co_qualname", code_get_object<&PyCodeObject::co_qualname>, nullptr};

// code_repr: `<code object NAME at 0x..., file "FILE", line N>` (2.7 and 3.x alike).
PyObject* code_repr(Runtime& rt, PyObject* self) {
    const PyCodeObject* c = as_code(self);
    std::string name, file;
    if (!object_str_utf8(rt, c->co_name.p, &name) || !object_str_utf8(rt, c->co_filename.p, &file)) return nullptr;
    return str_from_utf8(rt, "<code object " + name + " at " + object_address(rt, self) + ", file \"" + file +
                                 "\", line " + std::to_string(c->body.p->firstlineno) + ">");
}

}  // namespace

void init_code_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (b.code_type != nullptr) return;
    // tp_itemsize stays 0: the model's code object has no ob_size (code_new sizes the request).
    b.code_type = new_static_type(rt, "code", model_basicsize(type_sizes(rt.profile()).code, sizeof(PyCodeObject)),
                                  0, {.dealloc = code_dealloc, .blocks = code_blocks});
    b.code_type->tp_getattro = object_generic_getattr;
    b.code_type->tp_repr = code_repr;
    type_ready(rt, b.code_type);
    auto add = [&](const PyGetSetDef& def) {
        type_add_to_dict(rt, b.code_type, def.name, getset_descriptor_new(rt, b.code_type, &def));
    };
    const Profile& p = rt.profile();
    for (const PyGetSetDef& def : kCodeGetSet)
        if (p.major >= 3 || std::string_view(def.name) != "co_kwonlyargcount") add(def);
    if (p.at_least(3, 8)) add(kCodeGetSetPosonly);
    if (!p.at_least(3, 11)) add(kCodeGetSetCode);
    add(p.at_least(3, 10) ? kCodeGetSetLinetable : kCodeGetSetLnotab);
    if (p.at_least(3, 11)) add(kCodeGetSetExceptiontable);
    if (p.at_least(3, 11)) add(kCodeGetSetQualname);
}

PyTypeObject* code_type(const Runtime& rt) { return rt.builtins().code_type; }

// 3.11+ keeps the instructions inline (tp_itemsize per code unit, _PyObject_VAR_SIZE rounding the
// total to 8 bytes): `units` is CPython's count of them (code_parts.h), 0 before 3.11.
int64_t code_var_size(const Runtime& rt, int64_t units) {
    const int64_t itemsize = type_sizes(rt.profile()).code_itemsize;
    return (rt.builtins().code_type->tp_basicsize + itemsize * units + 7) & ~int64_t{7};
}

int64_t code_sizeof(const Runtime&, const PyObject* code) { return code_body(code).size; }

PyObject* code_new(Runtime& rt, CodeBody* body, PyObject* consts, PyObject* names, PyObject* varnames,
                   PyObject* freevars, PyObject* cellvars, PyObject* filename, PyObject* name,
                   PyObject* qualname) {
    init_code_type(rt);
    PyTypeObject* type = rt.builtins().code_type;
    body->local_cells = 0;
    for (int64_t i = 0; i < Py_SIZE(cellvars); ++i)
        for (int64_t j = 0; j < Py_SIZE(varnames); ++j)
            if (str_as_utf8(rt, tuple_items(cellvars)[i]) == str_as_utf8(rt, tuple_items(varnames)[j])) ++body->local_cells;
    // The assembler's bytes come first (≤3.10 co_code, then the line table; 3.11+ the line and
    // exception tables, then the kinds of the locals), each nullptr where the version has none.
    const CodeUnitsContext cx{consts, Py_SIZE(freevars), rt.builtins().singletons.none};
    const CodeByteParts parts =
        cpython_code_parts(rt.profile(), *body, cx, {Py_SIZE(varnames), Py_SIZE(cellvars), Py_SIZE(freevars)});
    body->size = code_var_size(rt, parts.code_units);
    bool parts_made = true;
    auto bytes_part = [&](const std::string& data, bool exists) -> PyObject* {
        if (!exists || !parts_made) return nullptr;
        PyObject* b = data.empty() ? bytes_from_data(rt, nullptr, 0) : bytes_new(rt, static_cast<int64_t>(data.size()));
        if (b == nullptr) parts_made = false;
        else if (!data.empty()) std::memcpy(bytes_data(rt, b), data.data(), data.size());
        return b;
    };
    PyObject* code_bytes = bytes_part(parts.code, parts.has_code);
    PyObject* linetable = bytes_part(parts.linetable, true);
    PyObject* exceptiontable = bytes_part(parts.exceptiontable, parts.has_exceptiontable);
    PyObject* kinds = bytes_part(parts.localspluskinds, parts.has_localspluskinds);
    PyObject* o = parts_made ? rt.alloc_object(type, static_cast<size_t>(body->size)) : nullptr;
    PyObject* refs[] = {consts, names, varnames, freevars, cellvars, filename, name, qualname,
                        code_bytes, linetable, exceptiontable, kinds};
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
    c->co_code.p = code_bytes;
    c->co_linetable.p = linetable;
    c->co_exceptiontable.p = exceptiontable;
    c->co_localspluskinds.p = kinds;
    c->body.p = body;
    c->co_zombieframe.p = nullptr;
    if (holds_localsplus(rt)) {
        const int empty = empty_name_tuples(rt, c);  // all three: one reference kept
        for (int n = empty == 3 ? 2 : empty; n > 0; --n) rt.decref(rt.builtins().empty_tuple);
    }
    rt.own_host_storage(o, code_release_body);
    return o;
}

int64_t code_nlocals(const PyObject* code) { return Py_SIZE(as_code(code)->co_varnames.p); }
int64_t code_ncells(const PyObject* code) { return Py_SIZE(as_code(code)->co_cellvars.p); }
int64_t code_nfrees(const PyObject* code) { return Py_SIZE(as_code(code)->co_freevars.p); }

}  // namespace pymemlab
