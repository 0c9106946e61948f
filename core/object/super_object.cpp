// super: super_init (with the zero-argument form through Builtins::super_frame_args),
// super_getattro's walk along the MRO after the starting class, and the descriptor binding of
// what it finds. The errors are each version's.
#include "object/super_object.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/slot_wrapper.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

SuperObject* as_super(PyObject* o) { return reinterpret_cast<SuperObject*>(o); }
PyObject* as_object(PyTypeObject* t) { return reinterpret_cast<PyObject*>(t); }


bool is_type(const Runtime& rt, const PyObject* o) { return object_type_check(o, rt.builtins().type_type); }

void super_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    SuperObject* su = as_super(self);
    rt.xdecref(su->obj.p);
    rt.xdecref(as_object(su->type.p));
    rt.xdecref(as_object(su->obj_type.p));
    rt.free_object(self);
}

void super_traverse(PyObject* self, visitproc visit, void* arg) {
    SuperObject* su = as_super(self);
    if (su->obj.p != nullptr) visit(su->obj.p, arg);
    if (su->type.p != nullptr) visit(as_object(su->type.p), arg);
    if (su->obj_type.p != nullptr) visit(as_object(su->obj_type.p), arg);
}

// PyType_GenericNew: an empty super, initialised by super_init.
PyObject* super_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const*, Py_ssize_t, PyObject*) {
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    std::memset(reinterpret_cast<char*>(o) + sizeof(PyObject), 0,
                static_cast<size_t>(type->tp_basicsize) - sizeof(PyObject));
    if (is_heap_type(type)) rt.incref(as_object(type));
    rt.gc_track(o);
    return o;
}

// supercheck: the type whose MRO super searches — obj itself when obj is a subclass of type (a
// classmethod's super), else obj's class (or its __class__, for a proxy).
PyTypeObject* supercheck(Runtime& rt, PyTypeObject* type, PyObject* obj) {
    if (is_type(rt, obj) && type_is_subtype(reinterpret_cast<PyTypeObject*>(obj), type)) {
        rt.incref(obj);
        return reinterpret_cast<PyTypeObject*>(obj);
    }
    if (object_type_check(obj, type)) {
        rt.incref(as_object(Py_TYPE(obj)));
        return Py_TYPE(obj);
    }
    PyObject* cls = object_getattr_string(rt, obj, "__class__");
    if (cls == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.AttributeError)) return nullptr;
        err_clear(rt);
    } else if (is_type(rt, cls) && cls != as_object(Py_TYPE(obj)) &&
               type_is_subtype(reinterpret_cast<PyTypeObject*>(cls), type)) {
        return reinterpret_cast<PyTypeObject*>(cls);
    } else {
        rt.decref(cls);
    }
    if (rt.profile().at_least(3, 13)) {
        const std::string of = is_type(rt, obj) ? "type " + type_name(reinterpret_cast<PyTypeObject*>(obj))
                                                : "instance of " + type_name(Py_TYPE(obj));
        err_format(rt, rt.builtins().exc.TypeError,
                   "super(type, obj): obj (%s) is not an instance or subtype of type (%s).", of.c_str(),
                   type_name(type).c_str());
    } else {
        err_set_string(rt, rt.builtins().exc.TypeError, "super(type, obj): obj must be an instance or subtype of type");
    }
    return nullptr;
}

int super_init(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0) {
        err_set_string(rt, type_error,
                       p.at_least(3, 7) ? "super() takes no keyword arguments" : "super() does not take keyword arguments");
        return -1;
    }
    if (nargs > 2) {
        err_format(rt, type_error, "super() takes at most 2 arguments (%d given)", static_cast<int>(nargs));
        return -1;
    }
    if (nargs == 0 && p.major == 2) {
        err_set_string(rt, type_error, "super() takes at least 1 argument (0 given)");
        return -1;
    }
    PyTypeObject* type = nullptr;
    PyObject* obj = nargs > 1 ? args[1] : nullptr;
    if (nargs == 0) {
        PyObject* first = nullptr;
        if (rt.builtins().super_frame_args == nullptr || !rt.builtins().super_frame_args(rt, &type, &first)) {
            if (!err_occurred(rt)) err_set_string(rt, rt.builtins().exc.RuntimeError, "super(): no arguments");
            return -1;
        }
        obj = first;
    } else if (!is_type(rt, args[0])) {
        err_format(rt, type_error,
                   p.at_least(3, 11) ? "super() argument 1 must be a type, not %s"
                                     : "super() argument 1 must be type, not %s",
                   type_name(Py_TYPE(args[0])).c_str());
        return -1;
    } else {
        type = reinterpret_cast<PyTypeObject*>(args[0]);
    }
    if (obj == rt.builtins().singletons.none) obj = nullptr;
    PyTypeObject* obj_type = nullptr;
    if (obj != nullptr) {
        if ((obj_type = supercheck(rt, type, obj)) == nullptr) return -1;
        rt.incref(obj);
    }
    SuperObject* su = as_super(self);
    PyTypeObject* old_type = su->type.p;
    PyObject* old_obj = su->obj.p;
    PyTypeObject* old_obj_type = su->obj_type.p;
    rt.incref(as_object(type));
    su->type.p = type;
    su->obj.p = obj;
    su->obj_type.p = obj_type;
    if (old_type != nullptr) rt.decref(as_object(old_type));
    rt.xdecref(old_obj);
    if (old_obj_type != nullptr) rt.decref(as_object(old_obj_type));
    return 0;
}

PyObject* super_repr(Runtime& rt, PyObject* self) {
    SuperObject* su = as_super(self);
    const std::string type = su->type.p != nullptr ? su->type.p->tp_name : "NULL";
    if (su->obj_type.p != nullptr)
        return str_from_utf8(rt, "<super: <class '" + type + "'>, <" + su->obj_type.p->tp_name + " object>>");
    return str_from_utf8(rt, "<super: <class '" + type + "'>, NULL>");
}

// super_getattro's search (do_super_lookup): along starttype's MRO after `type`, the first class
// whose dict has `name` (or, for a built-in class, whose slot it names), bound to obj (an
// instance; a class binds nothing). With `method` (LOAD_SUPER_ATTR's method form) a function or
// method descriptor comes back unbound and *method is set. A new reference, or nullptr with no
// exception when nothing has the name.
PyObject* lookup_after(Runtime& rt, PyTypeObject* type, PyObject* obj, PyTypeObject* starttype, PyObject* name,
                       bool* method) {
    PyObject* mro = starttype->tp_mro;
    if (mro == nullptr) return nullptr;
    const std::string n = str_check(rt, name) ? str_as_utf8(rt, name) : std::string();
    rt.incref(mro);
    const Py_ssize_t count = Py_SIZE(mro);
    Py_ssize_t i = 0;
    while (i + 1 < count && tuple_items(mro)[i] != as_object(type)) ++i;
    ++i;
    PyObject* found = nullptr;
    for (; i < count && found == nullptr; ++i) {
        auto* t = reinterpret_cast<PyTypeObject*>(tuple_items(mro)[i]);
        PyObject* res = t->tp_dict != nullptr ? dict_getitem(rt, t->tp_dict, name) : nullptr;
        if (res == nullptr && err_occurred(rt)) break;
        if (res != nullptr) {
            PyObject* inst = obj == as_object(starttype) ? nullptr : obj;
            descrgetfunc get = Py_TYPE(res)->tp_descr_get;
            if (method != nullptr && (Py_TYPE(res) == rt.builtins().function_type || method_descriptor_check(rt, res))) {
                *method = true;
                found = new_ref(rt, res);
            } else {
                found = get != nullptr ? get(rt, res, inst, as_object(starttype)) : new_ref(rt, res);
            }
            if (found == nullptr) break;
        } else if (!n.empty() && obj != nullptr) {
            found = slot_wrapper_bind(rt, t, n, obj);
            if (found == nullptr && err_occurred(rt)) break;
        }
    }
    rt.decref(mro);
    return found;
}

// super_getattro: lookup_after, except for __class__; what it does not find comes from the super
// object itself.
PyObject* super_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    SuperObject* su = as_super(self);
    if (su->obj_type.p != nullptr && !(str_check(rt, name) && str_as_utf8(rt, name) == "__class__"))
        if (PyObject* found = lookup_after(rt, su->type.p, su->obj.p, su->obj_type.p, name, nullptr))
            return found;
    if (err_occurred(rt)) return nullptr;
    return object_generic_getattr(rt, self, name);
}

// super(C).__get__(obj): an unbound super binds to obj.
PyObject* super_descr_get(Runtime& rt, PyObject* self, PyObject* obj, PyObject*) {
    SuperObject* su = as_super(self);
    if (obj == nullptr || obj == rt.builtins().singletons.none || su->obj.p != nullptr) return new_ref(rt, self);
    PyObject* args[] = {as_object(su->type.p), obj};
    return object_vectorcall(rt, as_object(Py_TYPE(self)), args, 2, nullptr);
}

PyObject* get_thisclass(Runtime& rt, PyObject* self) {
    PyTypeObject* t = as_super(self)->type.p;
    return t != nullptr ? new_ref(rt, as_object(t)) : none(rt);
}
PyObject* get_self(Runtime& rt, PyObject* self) {
    PyObject* o = as_super(self)->obj.p;
    return o != nullptr ? new_ref(rt, o) : none(rt);
}
PyObject* get_self_class(Runtime& rt, PyObject* self) {
    PyTypeObject* t = as_super(self)->obj_type.p;
    return t != nullptr ? new_ref(rt, as_object(t)) : none(rt);
}

const PyGetSetDef kSuperGetSet[] = {{"__thisclass__", get_thisclass, nullptr},
                                    {"__self__", get_self, nullptr},
                                    {"__self_class__", get_self_class, nullptr},
                                    {nullptr, nullptr, nullptr}};

}  // namespace

void init_super_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    init_slot_wrapper_type(rt);
    if (b.super_type != nullptr) return;
    PyTypeObject* t = new_static_type(rt, "super", model_basicsize(type_sizes(rt.profile()).super, sizeof(SuperObject)),
                                      0, {.dealloc = super_dealloc, .traverse = super_traverse});
    t->tp_new = super_tp_new;
    t->tp_init = super_init;
    t->tp_repr = super_repr;
    t->tp_getattro = super_getattro;
    t->tp_descr_get = super_descr_get;
    t->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.super_type = t;
    type_ready(rt, t);
    for (const PyGetSetDef* d = kSuperGetSet; d->name != nullptr; ++d)
        type_add_to_dict(rt, t, d->name, getset_descriptor_new(rt, t, d));
}

PyObject* super_lookup(Runtime& rt, PyTypeObject* type, PyObject* obj, PyObject* name, bool* method) {
    PyTypeObject* obj_type = supercheck(rt, type, obj);
    if (obj_type == nullptr) return nullptr;
    PyObject* found = nullptr;
    if (!(str_check(rt, name) && str_as_utf8(rt, name) == "__class__"))
        found = lookup_after(rt, type, obj, obj_type, name, method);
    rt.decref(as_object(obj_type));
    if (found != nullptr || err_occurred(rt)) return found;
    // Not found (or __class__): CPython makes the super object after all and asks it.
    PyObject* args[] = {as_object(type), obj};
    PyObject* su = object_vectorcall(rt, as_object(rt.builtins().super_type), args, 2, nullptr);
    if (su == nullptr) return nullptr;
    found = object_generic_getattr(rt, su, name);
    rt.decref(su);
    return found;
}

}  // namespace pymemlab
