// init_builtins: the type objects and singletons, in CPython's start-up order.
#include "object/builtins.h"

#include <new>

#include "object/long_object.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

void type_dealloc(Runtime&, PyObject*) {}  // static types are never freed

}  // namespace

void init_builtins(Runtime& rt) {
    Builtins& b = rt.builtins();
    auto* type_type = reinterpret_cast<PyTypeObject*>(rt.static_object(nullptr, sizeof(PyTypeObject)));
    new (type_type) PyTypeObject{};
    type_type->ob_base.ob_base.ob_type = type_type;
    rt.make_static_refcount(&type_type->ob_base.ob_base);
    type_type->tp_name = "type";
    type_type->tp_dealloc = type_dealloc;
    b.type_type = type_type;
    init_long_type(rt);
}

}  // namespace pymemlab
