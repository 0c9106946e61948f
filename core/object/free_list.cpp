// FreeList: reviving and freeing kept objects.
#include "object/free_list.h"

#include "object/runtime.h"

namespace pymemlab {

PyObject* FreeList::take(Runtime& rt) {
    if (items.empty()) return nullptr;
    PyObject* o = items.back();
    items.pop_back();
    o->ob_refcnt = 1;
    rt.note_alive(o);
    return o;
}

size_t FreeList::clear(Runtime& rt) {
    std::vector<PyObject*> kept;
    kept.swap(items);
    for (PyObject* o : kept) rt.free_object(o);
    return kept.size();
}

}  // namespace pymemlab
