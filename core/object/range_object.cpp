// range: creation with its int fields, dealloc releasing them, sizes per profile.
#include "object/range_object.h"

#include "object/builtins.h"
#include "object/long_object.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

constexpr int64_t kXrangeBytes = 40;  // 2.7: header + start, step, len as C longs

void range_dealloc(Runtime& rt, PyObject* o) {
    if (rt.profile().major != 2) {
        auto* r = reinterpret_cast<PyRangeObject*>(o);
        rt.decref(r->start.p);
        rt.decref(r->stop.p);
        rt.decref(r->step.p);
        rt.decref(r->length.p);
    }
    rt.free_object(o);
}

}  // namespace

void init_range_type(Runtime& rt) {
    const bool py2 = rt.profile().major == 2;
    rt.builtins().range_type = new_static_type(rt, py2 ? "xrange" : "range",
                                               py2 ? kXrangeBytes : sizeof(PyRangeObject), 0,
                                               {.dealloc = range_dealloc});
}

PyObject* range_new(Runtime& rt, int64_t start, int64_t stop, int64_t step) {
    PyTypeObject* type = rt.builtins().range_type;
    if (rt.profile().major == 2) return rt.alloc_object(type, kXrangeBytes);
    int64_t length = 0;
    if (step > 0 && start < stop) length = (stop - start - 1) / step + 1;
    if (step < 0 && start > stop) length = (start - stop - 1) / -step + 1;
    PyObject* fields[4] = {long_from_int64(rt, start), long_from_int64(rt, stop), long_from_int64(rt, step),
                           long_from_int64(rt, length)};
    PyObject* o = rt.alloc_object(type, sizeof(PyRangeObject));
    if (o == nullptr) {
        for (PyObject* f : fields) rt.xdecref(f);
        return nullptr;
    }
    auto* r = reinterpret_cast<PyRangeObject*>(o);
    r->start.p = fields[0];
    r->stop.p = fields[1];
    r->step.p = fields[2];
    r->length.p = fields[3];
    return o;
}

int64_t range_sizeof(const Runtime& rt, const PyObject* r) { return Py_TYPE(r)->tp_basicsize; }

}  // namespace pymemlab
