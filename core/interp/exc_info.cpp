#include "interp/exc_info.h"

#include <utility>

#include "object/exceptions.h"
#include "object/runtime.h"

namespace pymemlab {

bool exc_info_is_triple(const Runtime& rt) { return !rt.profile().at_least(3, 11); }

ExcInfo exc_info_of(Runtime& rt, PyObject* exc) {
    ExcInfo e;
    if (exc == nullptr) return e;
    e.value = new_ref(rt, exc);
    if (!exc_info_is_triple(rt) || exc == rt.builtins().singletons.none) return e;
    e.type = new_ref(rt, reinterpret_cast<PyObject*>(Py_TYPE(exc)));
    e.traceback = exception_traceback(exc);
    if (e.traceback != nullptr) rt.incref(e.traceback);
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

}  // namespace pymemlab
