// ObjectBlocks: fill_free_list, take and give, as 2.7's intobject.c and floatobject.c do.
#include "object/object_blocks.h"

#include "object/runtime.h"

namespace pymemlab {

namespace {

PyObject* next_free(PyObject* o) { return reinterpret_cast<PyObject*>(o->ob_type); }
void set_next_free(PyObject* o, PyObject* next) { o->ob_type = reinterpret_cast<PyTypeObject*>(next); }

PyObject* fill_free_list(Runtime& rt, ObjectBlocks& b) {
    auto* block = static_cast<unsigned char*>(rt.mem_malloc(kObjectBlockBytes));
    if (block == nullptr) return nullptr;
    *reinterpret_cast<void**>(block) = b.blocks;
    b.blocks = block;
    auto slot = [&](int i) { return reinterpret_cast<PyObject*>(block + 8 + 24 * i); };
    set_next_free(slot(0), nullptr);
    for (int i = 1; i < kObjectsPerBlock; ++i) set_next_free(slot(i), slot(i - 1));
    return slot(kObjectsPerBlock - 1);
}

}  // namespace

PyObject* object_blocks_take(Runtime& rt, ObjectBlocks& b) {
    if (b.free_list == nullptr && (b.free_list = fill_free_list(rt, b)) == nullptr) return nullptr;
    PyObject* o = b.free_list;
    b.free_list = next_free(o);
    return o;
}

void object_blocks_give(ObjectBlocks& b, PyObject* o) {
    set_next_free(o, b.free_list);
    b.free_list = o;
}

void object_blocks_visit(const ObjectBlocks& b, blockproc visit, void* arg) {
    for (const void* block = b.blocks; block != nullptr; block = *static_cast<void* const*>(block)) visit(block, arg);
}

void objects_own_no_block(const Runtime&, PyObject*, blockproc, void*) {}

}  // namespace pymemlab
