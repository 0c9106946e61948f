#include "interp/exc_info.h"

#include <utility>

#include "interp/interp.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab {

bool exc_info_is_triple(const Runtime& rt) { return !rt.profile().at_least(3, 11); }

ExcInfo exc_info_of(Runtime& rt, PyObject* exc) {
    ExcInfo e;
    if (exc == nullptr) return e;
    e.value = new_ref(rt, exc);
    if (!exc_info_is_triple(rt) || exc == rt.builtins().singletons.none) return e;
    e.type = new_ref(rt, reinterpret_cast<PyObject*>(Py_TYPE(exc)));
    e.traceback = exception_take_traceback(rt, exc);
    return e;
}

ExcInfo exc_info_copy(Runtime& rt, const ExcInfo& e) {
    for (PyObject* o : {e.type, e.value, e.traceback})
        if (o != nullptr) rt.incref(o);
    return e;
}

void exc_info_clear(Runtime& rt, ExcInfo& e) {
    PyObject* value = std::exchange(e.value, nullptr);
    PyObject* type = std::exchange(e.type, nullptr);
    PyObject* tb = std::exchange(e.traceback, nullptr);
    rt.xdecref(value);
    rt.xdecref(type);
    rt.xdecref(tb);
}

void exc_info_visit(const ExcInfo& e, visitproc visit, void* arg) {
    for (PyObject* o : {e.type, e.value, e.traceback})
        if (o != nullptr) visit(o, arg);
}

void exc_info_publish27(Interp& in, const ExcInfo& e) {
    Runtime& rt = in.rt;
    PyObject* pending = err_fetch(rt);
    PyObject* d = module_dict(in.sys_module);
    const std::pair<const char*, PyObject*> fields[] = {
        {"exc_type", e.type}, {"exc_value", e.value}, {"exc_traceback", e.traceback}};
    for (const auto& [name, value] : fields) {
        PyObject* key = str_intern_ascii(rt, name);
        if (key == nullptr) continue;
        if (value != nullptr) dict_setitem(rt, d, key, value);
        else if (dict_contains(rt, d, key) == 1) dict_delitem(rt, d, key);
        rt.decref(key);
        err_clear(rt);  // PySys_SetObject's failure (MemoryError) is not the frame's
    }
    if (pending != nullptr) err_set_instance(rt, pending);
}

}  // namespace pymemlab
