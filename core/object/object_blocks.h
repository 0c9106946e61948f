// ObjectBlocks: 2.7's block allocator for ints and floats (Objects/intobject.c, floatobject.c):
// 24-byte objects carved 41 at a time from 992-byte blocks got from malloc, the block's objects
// linked last to first so the first one handed out is the highest; freed objects go back on
// the free list (linked through ob_type) and are kept forever, without limit.
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

constexpr int kObjectsPerBlock = 41;                          // (BLOCK_SIZE 1000 - BHEAD_SIZE 8) / 24
constexpr int kObjectBlockBytes = 8 + kObjectsPerBlock * 24;  // sizeof(PyIntBlock), sizeof(PyFloatBlock)
static_assert(kObjectBlockBytes == 992);

struct ObjectBlocks {
    PyObject* free_list = nullptr;
    void* blocks = nullptr;  // linked through their first word
};

// A free 24-byte slot (fill_free_list when the list is empty); nullptr on MemoryError. The
// caller sets its count and type.
PyObject* object_blocks_take(Runtime& rt, ObjectBlocks& b);
void object_blocks_give(ObjectBlocks& b, PyObject* o);
// The blocks, for the heap checker: they are owned by the allocator state, not by the objects.
void object_blocks_visit(const ObjectBlocks& b, blockproc visit, void* arg);
// tp_blocks of a type whose objects live in such blocks: an object owns no block of its own.
void objects_own_no_block(const Runtime&, PyObject*, blockproc, void*);

}  // namespace pymemlab
