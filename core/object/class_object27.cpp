// classobj: creation (PyClass_New), attribute lookup through the bases, repr/str, traversal and
// dealloc, as 2.7's Objects/classobject.c has them. Calling a class is instance_object27.cpp's.
#include "object/class_object27.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/instance_object27.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "object/weakref_object.h"

namespace pymemlab {
namespace {

PyClassObject* as_class(PyObject* o) { return as_class27(o); }

// Calls f with each field, in CPython's order (class_traverse's and class_dealloc's).
template <class F>
void for_each_field(PyClassObject* c, F f) {
    for (Slot<PyObject>* s : {&c->cl_bases, &c->cl_dict, &c->cl_name, &c->cl_getattr, &c->cl_setattr, &c->cl_delattr})
        if (s->p != nullptr) f(s->p);
}

void class_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    for_each_field(as_class(self), [&](PyObject* o) { rt.decref(o); });
    rt.free_object(self);
}

void class_traverse(PyObject* self, visitproc visit, void* arg) {
    for_each_field(as_class(self), [&](PyObject* o) { visit(o, arg); });
}

std::string text_of(const Runtime& rt, PyObject* s, const char* otherwise) {
    return s != nullptr && str_check(rt, s) ? str_as_utf8(rt, s) : otherwise;
}

// class_repr and class_str: the module comes from the class's dict.
PyObject* class_repr(Runtime& rt, PyObject* self) {
    PyObject* mod = dict_get_ascii(rt, as_class(self)->cl_dict.p, "__module__");
    return str_from_utf8(rt, "<class " + text_of(rt, mod, "?") + "." + class27_name(rt, self) +
                                 " at " + object_address(rt, self) + ">");
}

PyObject* class_str(Runtime& rt, PyObject* self) {
    PyObject* mod = dict_get_ascii(rt, as_class(self)->cl_dict.p, "__module__");
    PyObject* name = as_class(self)->cl_name.p;
    if (name == nullptr || !str_check(rt, name)) return class_repr(rt, self);
    if (mod == nullptr || !str_check(rt, mod)) return new_ref(rt, name);
    return str_from_utf8(rt, str_as_utf8(rt, mod) + "." + str_as_utf8(rt, name));
}

// A dunder's name, or "" for any other (class_getattr and class_setattr treat those alike).
std::string dunder_text(const Runtime& rt, PyObject* name) {
    std::string s = str_as_utf8(rt, name);
    return s.size() > 4 && s.compare(0, 2, "__") == 0 && s.compare(s.size() - 2, 2, "__") == 0 ? s : std::string();
}

PyObject* class_getattr(Runtime& rt, PyObject* self, PyObject* name) {
    if (!str_check(rt, name)) return object_generic_getattr(rt, self, name);  // raises the TypeError
    PyClassObject* c = as_class(self);
    const std::string d = dunder_text(rt, name);
    if (d == "__dict__") return new_ref(rt, c->cl_dict.p);
    if (d == "__bases__") return new_ref(rt, c->cl_bases.p);
    if (d == "__name__") return new_ref_or_none(rt, c->cl_name.p);
    PyObject* v = class27_lookup(rt, self, name);
    if (v == nullptr) {
        if (err_occurred(rt)) return nullptr;
        return err_format(rt, rt.builtins().exc.AttributeError, "class %s has no attribute '%s'",
                          class27_name(rt, self).c_str(), str_as_utf8(rt, name).c_str());
    }
    if (descrgetfunc f = Py_TYPE(v)->tp_descr_get) return f(rt, v, nullptr, self);
    return new_ref(rt, v);
}

// set_attr_slots: the cached __getattr__, __setattr__ and __delattr__ looked up again.
void set_attr_slots(Runtime& rt, PyClassObject* c) {
    PyObject* self = &c->ob_base;
    rt.replace_ref(c->cl_getattr, class27_lookup_ascii(rt, self, "__getattr__"));
    rt.replace_ref(c->cl_setattr, class27_lookup_ascii(rt, self, "__setattr__"));
    rt.replace_ref(c->cl_delattr, class27_lookup_ascii(rt, self, "__delattr__"));
}

// class_setattr's special names: __dict__, __bases__ and __name__ replace the field (and only
// it); the three hooks are cached and also stored in the dict. -1 error, 0 done, 1 go on.
int set_special(Runtime& rt, PyClassObject* c, const std::string& d, PyObject* v) {
    const char* err = nullptr;
    if (d == "__dict__") {
        if (v == nullptr || !object_type_check(v, rt.builtins().dict_type)) err = "__dict__ must be a dictionary object";
    } else if (d == "__bases__") {
        if (v == nullptr || Py_TYPE(v) != rt.builtins().tuple_type) err = "__bases__ must be a tuple object";
        for (int64_t i = 0; err == nullptr && i < Py_SIZE(v); ++i) {
            PyObject* x = tuple_items(v)[i];
            if (!class27_check(rt, x)) err = "__bases__ items must be classes";
            else if (class27_is_subclass(rt, x, &c->ob_base)) err = "a __bases__ item causes an inheritance cycle";
        }
    } else if (d == "__name__") {
        if (v == nullptr || !str_check(rt, v)) err = "__name__ must be a string object";
        else if (str_as_utf8(rt, v).find('\0') != std::string::npos) err = "__name__ must not contain null bytes";
    } else {
        if (d == "__getattr__") rt.replace_ref(c->cl_getattr, v);
        if (d == "__setattr__") rt.replace_ref(c->cl_setattr, v);
        if (d == "__delattr__") rt.replace_ref(c->cl_delattr, v);
        return 1;
    }
    if (err != nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, err);
        return -1;
    }
    rt.replace_ref(d == "__dict__" ? c->cl_dict : d == "__bases__" ? c->cl_bases : c->cl_name, v);
    if (d != "__name__") set_attr_slots(rt, c);
    return 0;
}

int class_setattr(Runtime& rt, PyObject* self, PyObject* name, PyObject* v) {
    if (!str_check(rt, name)) return object_generic_setattr(rt, self, name, v);  // raises the TypeError
    PyClassObject* c = as_class(self);
    const std::string d = dunder_text(rt, name);
    if (!d.empty()) {
        const int r = set_special(rt, c, d, v);
        if (r <= 0) return r;
    }
    if (v != nullptr) return dict_setitem(rt, c->cl_dict.p, name, v) ? 0 : -1;
    if (dict_delitem(rt, c->cl_dict.p, name)) return 0;
    if (err_occurred(rt)) return -1;
    err_format(rt, rt.builtins().exc.AttributeError, "class %s has no attribute '%s'",
               class27_name(rt, self).c_str(), str_as_utf8(rt, name).c_str());
    return -1;
}

// Sets dict[key] = value when the key is absent (PyClass_New's __doc__).
bool set_default(Runtime& rt, PyObject* dict, const char* key, PyObject* value) {
    if (dict_get_ascii(rt, dict, key) != nullptr) return true;
    PyObject* k = str_intern_ascii(rt, key);
    const bool ok = k != nullptr && dict_setitem(rt, dict, k, value);
    rt.xdecref(k);
    if (k == nullptr) err_no_memory(rt);
    return ok;
}

// classobj(name, bases, dict): PyClass_New. (With no frame at hand the lab does not default
// __module__ to the caller's module, as CPython does.)
PyObject* class_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Py_ssize_t n = nargs + (kwnames != nullptr ? Py_SIZE(kwnames) : 0);
    if (n != 3 || nargs != 3)
        return err_format(rt, rt.builtins().exc.TypeError, "classobj() takes exactly 3 positional arguments (%lld given)",
                          static_cast<long long>(n));
    return class27_new(rt, args[1], args[2], args[0]);
}

}  // namespace

void init_class27_type(Runtime& rt) {
    PyTypeObject* t = new_static_type(rt, "classobj", sizeof(PyClassObject), 0,
                                      {.dealloc = class_dealloc, .traverse = class_traverse});
    t->tp_repr = class_repr;
    t->tp_str = class_str;
    t->tp_call = instance27_new;
    t->tp_new = class_tp_new;
    t->tp_getattro = class_getattr;
    t->tp_setattro = class_setattr;
    t->tp_weaklistoffset = offsetof(PyClassObject, cl_weakreflist);
    rt.builtins().class27_type = t;
}

bool class27_check(const Runtime& rt, const PyObject* o) {
    return rt.builtins().class27_type != nullptr && Py_TYPE(o) == rt.builtins().class27_type;
}

PyObject* class27_new(Runtime& rt, PyObject* bases, PyObject* dict, PyObject* name) {
    const Builtins& b = rt.builtins();
    if (!str_check(rt, name)) return err_set_string(rt, b.exc.TypeError, "PyClass_New: name must be a string");
    if (!object_type_check(dict, b.dict_type)) return err_set_string(rt, b.exc.TypeError, "PyClass_New: dict must be a dictionary");
    if (!set_default(rt, dict, "__doc__", b.singletons.none)) return nullptr;
    if (Py_TYPE(bases) != b.tuple_type) return err_set_string(rt, b.exc.TypeError, "PyClass_New: bases must be a tuple");
    for (int64_t i = 0; i < Py_SIZE(bases); ++i) {
        PyObject* base = tuple_items(bases)[i];
        if (class27_check(rt, base)) continue;
        // The first base that is not a classic class: its type makes the class.
        PyObject* args[] = {name, bases, dict};
        return object_vectorcall(rt, reinterpret_cast<PyObject*>(Py_TYPE(base)), args, 3, nullptr);
    }
    PyObject* self = rt.alloc_gc_object(b.class27_type, sizeof(PyClassObject));
    if (self == nullptr) return err_no_memory(rt);
    PyClassObject* c = as_class(self);
    std::memset(reinterpret_cast<char*>(self) + sizeof(PyObject), 0, sizeof(PyClassObject) - sizeof(PyObject));
    c->cl_bases.p = new_ref(rt, bases);
    c->cl_dict.p = new_ref(rt, dict);
    c->cl_name.p = new_ref(rt, name);
    set_attr_slots(rt, c);
    rt.gc_track(self);
    return self;
}

PyObject* class27_lookup(Runtime& rt, PyObject* cls, PyObject* name) {
    PyClassObject* c = as_class(cls);
    if (PyObject* v = dict_getitem(rt, c->cl_dict.p, name)) return v;
    for (int64_t i = 0; i < Py_SIZE(c->cl_bases.p); ++i)
        if (PyObject* v = class27_lookup(rt, tuple_items(c->cl_bases.p)[i], name)) return v;
    return nullptr;
}

PyObject* class27_lookup_ascii(const Runtime& rt, PyObject* cls, const char* ascii) {
    PyClassObject* c = as_class(cls);
    if (PyObject* v = dict_get_ascii(rt, c->cl_dict.p, ascii)) return v;
    for (int64_t i = 0; i < Py_SIZE(c->cl_bases.p); ++i)
        if (PyObject* v = class27_lookup_ascii(rt, tuple_items(c->cl_bases.p)[i], ascii)) return v;
    return nullptr;
}

std::string class27_name(const Runtime& rt, PyObject* cls) { return text_of(rt, as_class(cls)->cl_name.p, "?"); }

bool class27_is_subclass(const Runtime& rt, PyObject* klass, PyObject* base) {
    if (klass == base) return true;
    if (!class27_check(rt, klass)) return false;
    PyObject* bases = as_class(klass)->cl_bases.p;
    for (int64_t i = 0; i < Py_SIZE(bases); ++i)
        if (class27_is_subclass(rt, tuple_items(bases)[i], base)) return true;
    return false;
}

}  // namespace pymemlab
