// init_builtins: the type objects and singletons, in CPython's start-up order.
#include "object/builtins.h"

#include <new>

#include "object/bytes_object.h"
#include "object/class_object27.h"
#include "object/cell_object.h"
#include "object/complex_object.h"
#include "object/dict_object.h"
#include "object/mappingproxy_object.h"
#include "object/descr_object.h"
#include "object/exceptions.h"
#include "object/func_object.h"
#include "object/instance_object27.h"
#include "object/iter_object.h"
#include "object/module_object.h"
#include "object/type_object.h"
#include "object/float_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/range_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/singletons.h"
#include "object/slice_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/weakref_object.h"

namespace pymemlab {

namespace {

void type_dealloc(Runtime&, PyObject*) {}  // static types are never freed

}  // namespace

PyTypeObject* new_static_type(Runtime& rt, const char* name, int64_t basicsize, int64_t itemsize, TypeSlots slots) {
    PyTypeObject* metatype = rt.builtins().type_type;
    auto* type = reinterpret_cast<PyTypeObject*>(rt.static_object(metatype, sizeof(PyTypeObject)));
    new (type) PyTypeObject{};
    // `type` is its own type: the first static type made is type itself.
    type->ob_base.ob_base.ob_type = metatype != nullptr ? metatype : type;
    type->ob_base.ob_base.ob_refcnt = 1;
    rt.make_static_refcount(&type->ob_base.ob_base, false);
    type->tp_name = name;
    type->tp_basicsize = basicsize;
    type->tp_itemsize = itemsize;
    type->tp_dealloc = slots.dealloc != nullptr ? slots.dealloc : type_dealloc;
    type->tp_traverse = slots.traverse;
    type->tp_blocks = slots.blocks;
    if (slots.traverse != nullptr) type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    rt.builtins().static_types.push_back(type);
    return type;
}

void init_builtins(Runtime& rt) {
    rt.builtins().type_type = new_static_type(rt, "type", sizeof(PyTypeObject), 0);
    init_long_type(rt);
    init_singletons(rt);
    init_float_type(rt);
    init_complex_type(rt);
    init_tuple_type(rt);
    init_list_type(rt);
    init_range_type(rt);
    init_slice_type(rt);
    init_iter_types(rt);
    init_cell_type(rt);
    init_bytes_type(rt);  // first: in 2.7 it is also the str type
    init_str_type(rt);
    init_dict_type(rt);
    init_mappingproxy_type(rt);
    init_set_type(rt);
    init_exception_types(rt);
    init_descr_types(rt);  // first: type_ready(object) makes descriptors
    init_type_system(rt);
    init_func_types(rt);
    init_module_type(rt);
    init_weakref_types(rt);
    if (rt.profile().major == 2) {
        init_class27_type(rt);
        init_instance27_type(rt);
    }
    for (PyTypeObject* t : rt.builtins().static_types) type_ready(rt, t);
    init_text_type_dicts(rt);  // str.maketrans, bytes.maketrans, bytes.fromhex
    dict_add_class_methods(rt);  // dict.fromkeys
    slice_add_members(rt);  // descriptors need the ready types
    range_add_members(rt);
    numbers_add_members(rt);  // int, float and complex: real, imag, ...
    init_exception_attributes(rt);
}

}  // namespace pymemlab
