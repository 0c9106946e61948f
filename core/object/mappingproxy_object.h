// mappingproxy (Objects/descrobject.c; 2.7's dictproxy): the read-only view of a class's
// namespace that C.__dict__ and vars(C) return, a new 24-byte GC object each time. Reads go to
// the mapping (item access, len, in, iteration, get/keys/values/items/copy, comparison); item
// assignment raises TypeError, so a class's dict changes only through setattr.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

// Invariant: mapping is the dict shown (strong), never null.
struct MappingProxyObject {
    PyObject ob_base;
    Slot<PyObject> mapping;
};
static_assert(sizeof(MappingProxyObject) == 24);

void init_mappingproxy_type(Runtime& rt);
// A new tracked proxy over `mapping` (PyDictProxy_New). nullptr on MemoryError (set).
PyObject* mappingproxy_new(Runtime& rt, PyObject* mapping);

}  // namespace pymemlab
