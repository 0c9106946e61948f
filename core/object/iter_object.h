// The iterators of the built-in sequences: CPython's seqiterobject ("iterator", over __getitem__),
// listiterobject, listreviterobject, tupleiterobject (Objects/iterobject.c, listobject.c,
// tupleobject.c) and rangeiterobject / longrangeiterobject (Objects/rangeobject.c), with their
// __length_hint__, and PyObject_LengthHint. An iterator over a sequence holds one reference to it
// and drops it when it is exhausted. Sizes come from profile/type_sizes.h (seq_iterator,
// range_iterator); the sequences are list_object.h, tuple_object.h, range_object.h.
#pragma once

#include <vector>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// The iterator types of one runtime (Builtins::iter_types). 2.7 names them listiterator,
// listreverseiterator, tupleiterator and rangeiterator; 3.x list_iterator and so on.
struct IterTypes {
    PyTypeObject* seq_iter = nullptr;        // "iterator"
    PyTypeObject* list_iter = nullptr;
    PyTypeObject* list_reviter = nullptr;
    PyTypeObject* tuple_iter = nullptr;
    PyTypeObject* range_iter = nullptr;      // start, step and length fit a C long
    PyTypeObject* longrange_iter = nullptr;  // 3.x: any ints
};

// listiterobject, listreviterobject, tupleiterobject and seqiterobject share this layout (32 bytes).
struct SeqIterObject {
    PyObject ob_base;
    Py_ssize_t it_index;
    Slot<PyObject> it_seq;  // null once exhausted
};
static_assert(sizeof(SeqIterObject) == 32);

void init_iter_types(Runtime& rt);

// iter(list) / iter(tuple) / reversed(list) / the sequence iterator over __getitem__: a new
// reference to a new, tracked iterator holding a reference to seq. nullptr with MemoryError.
PyObject* list_iter_new(Runtime& rt, PyObject* list);
PyObject* list_reviter_new(Runtime& rt, PyObject* list);
PyObject* tuple_iter_new(Runtime& rt, PyObject* tuple);
PyObject* seqiter_new(Runtime& rt, PyObject* seq);
// The range iterators: `len` values from start by step. The long form takes ints (new
// references are taken) for values beyond a C long.
PyObject* range_iter_new(Runtime& rt, int64_t start, int64_t step, int64_t len);
PyObject* longrange_iter_new(Runtime& rt, PyObject* start, PyObject* step, PyObject* len);

// UNPACK_SEQUENCE / UNPACK_EX (Python/ceval.c unpack_iterable): `before` items, then (after >= 0)
// a new list of the rest and `after` items taken from its end. An exact tuple or list of the
// right length is read directly. The items are appended to `stack` so that the first ends on top.
// False with CPython's ValueError or TypeError, nothing appended.
bool unpack_iterable(Runtime& rt, PyObject* seq, int before, int after, std::vector<PyObject*>& stack);

// PyObject_LengthHint: len(o) when o has one, else o.__length_hint__() (NotImplemented or a
// TypeError from it give `dflt`), else `dflt`. False with the error set.
bool object_length_hint(Runtime& rt, PyObject* o, Py_ssize_t dflt, Py_ssize_t* out);

}  // namespace pymemlab
