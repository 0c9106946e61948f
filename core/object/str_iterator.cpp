// Iterators over str and bytes (Objects/unicodeobject.c unicodeiterobject, 3.11+'s
// str_ascii_iterator; Objects/bytesobject.c striterobject): a GC object holding its sequence
// until exhausted. 2.7's str and unicode have no tp_iter: iter() gives the generic "iterator"
// over __getitem__ (iter_object.h).
#include "object/errors.h"
#include "object/iter_object.h"
#include "object/long_object.h"
#include "object/text_internal.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

using namespace text;

namespace {

// unicodeiterobject / striterobject: the same three fields.
struct TextIterObject {
    PyObject ob_base;
    Py_ssize_t it_index;
    Slot<PyObject> it_seq;  // null once exhausted
};
static_assert(sizeof(TextIterObject) == 32);

TextIterObject* as_iter(PyObject* o) { return reinterpret_cast<TextIterObject*>(o); }

void textiter_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_iter(self)->it_seq.p);
    rt.free_object(self);
}

void textiter_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* seq = as_iter(self)->it_seq.p) visit(seq, arg);
}

PyObject* textiter_iter(Runtime& rt, PyObject* self) { return new_ref(rt, self); }

// Past the end the iterator lets go of its sequence.
PyObject* exhausted(Runtime& rt, TextIterObject* it) {
    PyObject* seq = it->it_seq.p;
    it->it_seq.p = nullptr;
    rt.decref(seq);
    return nullptr;
}

PyObject* unicodeiter_next(Runtime& rt, PyObject* self) {
    TextIterObject* it = as_iter(self);
    PyObject* seq = it->it_seq.p;
    if (seq == nullptr) return nullptr;
    if (it->it_index < unicode_length(seq)) {
        PyObject* item = unicode_from_ordinal(rt, unicode_read(rt, seq, it->it_index));
        if (item == nullptr) return err_no_memory(rt);
        ++it->it_index;
        return item;
    }
    return exhausted(rt, it);
}

PyObject* bytesiter_next(Runtime& rt, PyObject* self) {
    TextIterObject* it = as_iter(self);
    PyObject* seq = it->it_seq.p;
    if (seq == nullptr) return nullptr;
    if (it->it_index < bytes_size(seq)) {
        const auto byte = static_cast<unsigned char>(bytes_data(rt, seq)[it->it_index]);
        PyObject* item = long_from_int64(rt, byte);
        if (item == nullptr) return err_no_memory(rt);
        ++it->it_index;
        return item;
    }
    return exhausted(rt, it);
}

// The iterator types of this runtime, made on first use and found again among its static types.
PyTypeObject* iterator_type(Runtime& rt, const char* name, iternextfunc next) {
    for (PyTypeObject* t : rt.builtins().static_types)
        if (t->tp_iternext == next && std::string_view(t->tp_name) == name) return t;
    const int64_t size = model_basicsize(type_sizes(rt.profile()).seq_iterator, sizeof(TextIterObject));
    PyTypeObject* t = new_static_type(rt, name, size, 0, {.dealloc = textiter_dealloc, .traverse = textiter_traverse});
    t->tp_iter = textiter_iter;
    t->tp_iternext = next;
    if (!type_ready(rt, t)) return nullptr;
    return t;
}

PyObject* new_iterator(Runtime& rt, PyObject* seq, const char* name, iternextfunc next) {
    PyTypeObject* type = iterator_type(rt, name, next);
    PyObject* o = type != nullptr ? rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize)) : nullptr;
    if (o == nullptr) return err_no_memory(rt);
    as_iter(o)->it_index = 0;
    as_iter(o)->it_seq.p = new_ref(rt, seq);
    rt.gc_track(o);
    return o;
}

}  // namespace

PyObject* unicode_iter(Runtime& rt, PyObject* self) {
    if (is_27(rt)) return seqiter_new(rt, self);
    const bool ascii = rt.profile().at_least(3, 11) && unicode_is_ascii(rt, self);
    return new_iterator(rt, self, ascii ? "str_ascii_iterator" : "str_iterator", unicodeiter_next);
}

PyObject* bytes_iter(Runtime& rt, PyObject* self) {
    if (is_27(rt)) return seqiter_new(rt, self);
    return new_iterator(rt, self, "bytes_iterator", bytesiter_next);
}

}  // namespace pymemlab
