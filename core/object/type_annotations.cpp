// type.__annotate__ and type.__annotations__, 3.14 (PEP 649; typeobject.c's type_get_annotate
// and type_get_annotations). A class body keeps its __annotate__ function in the class's dict
// as __annotate_func__; the first __annotations__ calls it with format 1 (VALUE) and keeps the
// dict it returns as __annotations_cache__. Both are data descriptors of type: a class's own
// dict entries of those names do not hide them.
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

// The class's own entry (a borrowed reference), bound as type's getsets bind one: through its
// __get__ with no instance. A new reference, or null (no entry, or an error set).
PyObject* own_entry(Runtime& rt, PyTypeObject* type, const char* name) {
    PyObject* v = dict_get_ascii(rt, type->tp_dict, name);
    if (v == nullptr) return nullptr;
    if (descrgetfunc get = Py_TYPE(v)->tp_descr_get; get != nullptr)
        return get(rt, v, nullptr, reinterpret_cast<PyObject*>(type));
    rt.incref(v);
    return v;
}

// The callers take the class's new version (type_modified) before they change its dict.
bool store_own(Runtime& rt, PyTypeObject* type, const char* name, PyObject* value) {
    PyObject* key = str_intern_ascii(rt, name);
    const bool ok = key != nullptr && dict_setitem(rt, type->tp_dict, key, value);
    rt.xdecref(key);
    return ok;
}

PyObject* no_attribute(Runtime& rt, PyTypeObject* type, const char* name) {
    return err_format(rt, rt.builtins().exc.AttributeError, "type object '%s' has no attribute '%s'",
                      type_name(type).c_str(), name);
}

}  // namespace

PyObject* type_get_annotate(Runtime& rt, PyTypeObject* type) {
    if (!is_heap_type(type)) return no_attribute(rt, type, "__annotate__");
    PyObject* annotate = own_entry(rt, type, "__annotate__");
    if (annotate == nullptr && !err_occurred(rt)) annotate = own_entry(rt, type, "__annotate_func__");
    if (annotate != nullptr || err_occurred(rt)) return annotate;
    // None, kept: a class without annotations says so from then on.
    PyObject* none = rt.builtins().singletons.none;
    type_modified(type);
    if (!store_own(rt, type, "__annotate_func__", none)) return nullptr;
    rt.incref(none);
    return none;
}

PyObject* type_get_annotations(Runtime& rt, PyTypeObject* type) {
    if (!is_heap_type(type)) return no_attribute(rt, type, "__annotations__");
    PyObject* annotations = own_entry(rt, type, "__annotations__");
    if (annotations == nullptr && !err_occurred(rt)) annotations = own_entry(rt, type, "__annotations_cache__");
    if (annotations != nullptr || err_occurred(rt)) return annotations;
    PyObject* annotate = type_get_annotate(rt, type);
    if (annotate == nullptr) return nullptr;
    if (object_callable(rt, annotate)) {
        annotations = annotate_call(rt, annotate);
    } else {
        annotations = dict_new(rt);
        if (annotations == nullptr) err_no_memory(rt);
    }
    rt.decref(annotate);
    if (annotations == nullptr) return nullptr;
    type_modified(type);
    if (!store_own(rt, type, "__annotations_cache__", annotations)) {
        rt.decref(annotations);
        return nullptr;
    }
    return annotations;
}

int type_set_annotate(Runtime& rt, PyTypeObject* type, PyObject* value) {
    const bool none = value == rt.builtins().singletons.none;
    if (value == nullptr || (!none && !object_callable(rt, value))) {
        err_set_string(rt, rt.builtins().exc.TypeError, value == nullptr ? "cannot delete __annotate__ attribute"
                                                                         : "__annotate__ must be callable or None");
        return -1;
    }
    type_modified(type);
    if (!store_own(rt, type, "__annotate_func__", value)) return -1;
    // A new function: a new dict.
    return none || dict_pop_ascii(rt, type->tp_dict, "__annotations_cache__") >= 0 ? 0 : -1;
}

int type_set_annotations(Runtime& rt, PyTypeObject* type, PyObject* value) {
    type_modified(type);
    // An explicit __annotations__ (a class that assigned one in its body) is updated; else the cache.
    const bool own = dict_get_ascii(rt, type->tp_dict, "__annotations__") != nullptr;
    const char* name = own ? "__annotations__" : "__annotations_cache__";
    if (value != nullptr) {
        if (!store_own(rt, type, name, value)) return -1;
    } else {
        const int popped = dict_pop_ascii(rt, type->tp_dict, name);
        if (popped <= 0) {
            if (popped == 0) err_set_string(rt, rt.builtins().exc.AttributeError, "__annotations__");
            return -1;
        }
    }
    if (own && dict_pop_ascii(rt, type->tp_dict, "__annotations_cache__") < 0) return -1;
    // The function that made the dict no longer describes the class.
    for (const char* gone : {"__annotate_func__", "__annotate__"})
        if (dict_pop_ascii(rt, type->tp_dict, gone) < 0) return -1;
    return 0;
}

}  // namespace pymemlab
