// tuple: PyTupleObject (Objects/tupleobject.c): a GC object with its items inline after the
// header, the empty tuple singleton, and the free lists that keep freed tuples by length (up
// to 2000 per length; lengths 1-19 up to 3.10, 1-20 from 3.11). 3.14 adds a cached hash to the
// header (basicsize 32 instead of 24). 3.11 and 3.12 keep freed 20-tuples but reuse only
// lengths below 20 (measured on 3.11.7 and 3.12.1); 3.13 reuses them too. tuple_object.cpp
// also holds the type's protocols and methods; the iterator is iter_object.h, hashing hash.h.
#pragma once

#include <cstdint>
#include <vector>

#include "object/object.h"

namespace pymemlab {

class Runtime;

constexpr int kTupleMaxFreeList = 2000;  // PyTuple_MAXFREELIST

// Freed tuples by length, linked through their first item.
struct TupleState {
    static constexpr int kLengths = 21;
    PyObject* free_list[kLengths] = {};
    int numfree[kLengths] = {};
};

void init_tuple_type(Runtime& rt);
// PyTuple_New(n): the empty tuple for 0 (a new reference); otherwise a tuple from the free
// list or a new GC block, tracked, its items null. nullptr on MemoryError (not set).
PyObject* tuple_new(Runtime& rt, int64_t n);
// For a tuple made from items already at hand (_PyTuple_FromArray, PyTuple_Pack, BUILD_TUPLE):
// tuple_alloc gives it untracked, and once its items are in, tuple_track_filled tracks it. From
// 3.14 (3.14.1's gh-139951) only when an item's type is a GC type: a tuple of atoms (ints,
// strs, None, ...) is never tracked. n > 0.
PyObject* tuple_alloc(Runtime& rt, int64_t n);
void tuple_track_filled(Runtime& rt, PyObject* t);
// _PyTuple_FromArray: a new tuple of new references to items[0..n) (the empty tuple for none),
// made and tracked as above. nullptr with MemoryError set.
PyObject* tuple_from_array(Runtime& rt, PyObject* const* items, Py_ssize_t n);
// A tuple's header laid out in `storage`, outside the heap, for n borrowed items the caller
// writes: 2.7's keyword names, which CPython 2.7 passes on its stack, where the lab's calls take
// a tuple of names. Never counted, tracked or freed; only read, while `storage` lives.
PyObject* tuple_view(Runtime& rt, std::vector<uint64_t>& storage, Py_ssize_t n);
// The items, which follow the header (tp_basicsize bytes in).
PyObject** tuple_items(PyObject* t);
bool tuple_check(const Runtime& rt, const PyObject* o);
// The longest length a freed tuple is kept for, and the longest one taken back for reuse.
int tuple_max_saved_length(const Runtime& rt);
int tuple_max_reused_length(const Runtime& rt);
// sys.getsizeof: GC header, header and items.
int64_t tuple_sizeof(const Runtime& rt, const PyObject* t);

// _PyTuple_Resize: *pt (a tuple only the caller holds) grows or shrinks in place through
// PyObject_GC_Resize (the block may move: its id changes). Items cut off are released. A
// resize to 0 gives the empty singleton from 3.11; before, a 0-item tuple of its own. False with
// MemoryError set (*pt is then gone).
bool tuple_resize(Runtime& rt, PyObject** pt, int64_t n);
// PySequence_Tuple / tuple(iterable): a tuple itself; a list's items copied; any other iterable
// filled into a tuple sized by its length hint (default 10), grown by 10 + 25% and cut back.
PyObject* tuple_from_iterable(Runtime& rt, PyObject* iterable);
// PyTuple_GetSlice: t[lo:hi] (bounds clipped); t itself when the slice is all of it.
PyObject* tuple_get_slice(Runtime& rt, PyObject* t, Py_ssize_t lo, Py_ssize_t hi);

}  // namespace pymemlab
