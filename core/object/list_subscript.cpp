// list indexing: list[i], list[i:j:k] (a new list of exactly the items), assignment and deletion
// of an item or of a slice (extended slices too), as listobject.c's list_subscript,
// list_ass_subscript, list_ass_slice and list_ass_item do them, released items last to first.
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/list_internal.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/slice_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// list_ass_slice keeps up to 8 removed items on the C stack; more take a PyMem block.
constexpr Py_ssize_t kRecycleOnStack = 8;

PyObject* index_error(Runtime& rt, const char* message) {
    return err_set_string(rt, rt.builtins().exc.IndexError, message);
}

PyObject* indices_type_error(Runtime& rt, PyObject* item) {
    return err_format(rt, rt.builtins().exc.TypeError,
                      rt.profile().major == 2 ? "list indices must be integers, not %s"
                                              : "list indices must be integers or slices, not %s",
                      seq_type_name(item).c_str());
}

// A PyMem block standing for one of CPython's temporary pointer arrays (the recycle and garbage
// arrays): requested and freed where CPython does, so the allocator sees the same traffic.
class TempArray {
public:
    TempArray(Runtime& rt, Py_ssize_t n, bool needed) : rt_(rt) {
        if (needed && n > 0) block_ = rt.mem_malloc(static_cast<size_t>(n * kPointerBytes));
        items_.reserve(static_cast<size_t>(n));
    }
    ~TempArray() {
        if (block_ != nullptr) rt_.mem_free(block_);
    }
    std::vector<PyObject*>& items() { return items_; }

private:
    Runtime& rt_;
    void* block_ = nullptr;
    std::vector<PyObject*> items_;
};

// PySequence_Fast(v, message): a list or tuple itself; anything else iterable becomes a new list
// of its iterator's items (the iterator is made first).
PyObject* sequence_fast(Runtime& rt, PyObject* v, const char* message) {
    const Builtins& b = rt.builtins();
    if (Py_TYPE(v) == b.list_type || Py_TYPE(v) == b.tuple_type) return new_ref(rt, v);
    PyObject* it = object_get_iter(rt, v);
    if (it == nullptr) {
        if (err_matches(rt, b.exc.TypeError)) {
            err_clear(rt);
            err_set_string(rt, b.exc.TypeError, message);
        }
        return nullptr;
    }
    PyObject* l = list_from_iterable(rt, it);
    rt.decref(it);
    return l;
}

PyObject** fast_items(Runtime& rt, PyObject* seq) {
    return Py_TYPE(seq) == rt.builtins().tuple_type ? tuple_items(seq) : list_items(seq);
}

// The slice's items as a new list (step != 1; slicelength > 0).
PyObject* slice_step(Runtime& rt, PyObject* self, Py_ssize_t start, Py_ssize_t step, Py_ssize_t len) {
    PyObject* np = list_new(rt, len);
    if (np == nullptr) return err_no_memory(rt);
    for (Py_ssize_t cur = start, i = 0; i < len; cur += step, ++i)
        list_items(np)[i] = new_ref(rt, list_items(self)[cur]);
    return np;
}

// "Make sure s[5:2] = [..] inserts at the right place: before 5, not before 2."
Py_ssize_t adjust_for_assignment(PyObject* self, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t step) {
    const Py_ssize_t slicelength = slice_adjust_indices(Py_SIZE(self), start, stop, step);
    if ((step < 0 && *start < *stop) || (step > 0 && *start > *stop)) *stop = *start;
    return slicelength;
}

int delete_extended(Runtime& rt, PyObject* self, Py_ssize_t start, Py_ssize_t stop, Py_ssize_t step,
                    Py_ssize_t slicelength) {
    if (slicelength <= 0) return 0;
    if (step < 0) {
        stop = start + 1;
        start = stop + step * (slicelength - 1) - 1;
        step = -step;
    }
    TempArray garbage(rt, slicelength, true);
    PyObject** items = list_items(self);
    const Py_ssize_t size = Py_SIZE(self);
    // Move the items that stay over the ones removed, keeping their order.
    Py_ssize_t dest = start;
    for (Py_ssize_t cur = start; cur < size; ++cur) {
        if (cur < stop && (cur - start) % step == 0)
            garbage.items().push_back(items[cur]);
        else
            items[dest++] = items[cur];
    }
    Py_SET_SIZE(self, size - slicelength);
    const bool ok = list_resize(rt, self, Py_SIZE(self));
    for (PyObject* o : garbage.items()) rt.decref(o);
    if (!ok) err_no_memory(rt);
    return ok ? 0 : -1;
}

int assign_extended(Runtime& rt, PyObject* self, PyObject* seq, Py_ssize_t start, Py_ssize_t step,
                    Py_ssize_t slicelength) {
    if (Py_SIZE(seq) != slicelength) {
        err_format(rt, rt.builtins().exc.ValueError,
                   "attempt to assign sequence of size %lld to extended slice of size %lld",
                   static_cast<long long>(Py_SIZE(seq)), static_cast<long long>(slicelength));
        return -1;
    }
    if (slicelength == 0) return 0;
    TempArray garbage(rt, slicelength, true);
    PyObject** items = list_items(self);
    PyObject** src = fast_items(rt, seq);
    for (Py_ssize_t cur = start, i = 0; i < slicelength; cur += step, ++i) {
        garbage.items().push_back(items[cur]);
        items[cur] = new_ref(rt, src[i]);
    }
    for (PyObject* o : garbage.items()) rt.decref(o);
    return 0;
}

int ass_slice_value(Runtime& rt, PyObject* self, PyObject* item, PyObject* value) {
    Py_ssize_t start, stop, step;
    if (!slice_unpack(rt, item, &start, &stop, &step)) return -1;
    if (value == nullptr) {
        const Py_ssize_t slicelength = adjust_for_assignment(self, &start, &stop, step);
        if (step == 1) return list_ass_slice(rt, self, start, stop, nullptr);
        return delete_extended(rt, self, start, stop, step, slicelength);
    }
    // 3.13+ make the sequence first, with the extended-slice wording even for step 1.
    const bool seq_first = rt.profile().at_least(3, 13);
    PyObject* seq = nullptr;
    if (seq_first) {
        seq = value == self ? list_slice(rt, self, 0, Py_SIZE(self))
                            : sequence_fast(rt, value, "must assign iterable to extended slice");
        if (seq == nullptr) return -1;
    }
    const Py_ssize_t slicelength = adjust_for_assignment(self, &start, &stop, step);
    if (step == 1) {
        const int r = list_ass_slice(rt, self, start, stop, seq_first ? seq : value);
        rt.xdecref(seq);
        return r;
    }
    if (!seq_first) {
        seq = value == self ? list_slice(rt, self, 0, Py_SIZE(self))
                            : sequence_fast(rt, value, "must assign iterable to extended slice");
        if (seq == nullptr) return -1;
    }
    const int r = assign_extended(rt, self, seq, start, step, slicelength);
    rt.decref(seq);
    return r;
}

}  // namespace

PyObject* list_slice(Runtime& rt, PyObject* self, Py_ssize_t lo, Py_ssize_t hi) {
    const Py_ssize_t len = hi > lo ? hi - lo : 0;
    PyObject* np = list_new(rt, len);
    if (np == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < len; ++i) list_items(np)[i] = new_ref(rt, list_items(self)[lo + i]);
    return np;
}

int list_ass_slice(Runtime& rt, PyObject* a, Py_ssize_t ilow, Py_ssize_t ihigh, PyObject* v) {
    if (v == a) {
        // a[i:j] = a: copy a first.
        PyObject* copy = list_slice(rt, a, 0, Py_SIZE(a));
        if (copy == nullptr) return -1;
        const int r = list_ass_slice(rt, a, ilow, ihigh, copy);
        rt.decref(copy);
        return r;
    }
    PyObject* seq = nullptr;
    Py_ssize_t n = 0;
    if (v != nullptr) {
        seq = sequence_fast(rt, v, "can only assign an iterable");
        if (seq == nullptr) return -1;
        n = Py_SIZE(seq);
    }
    const Py_ssize_t size = Py_SIZE(a);
    ilow = ilow < 0 ? 0 : ilow > size ? size : ilow;
    ihigh = ihigh < ilow ? ilow : ihigh > size ? size : ihigh;
    const Py_ssize_t norig = ihigh - ilow;
    const Py_ssize_t d = n - norig;
    if (size + d == 0) {
        rt.xdecref(seq);
        list_clear(rt, a);
        return 0;
    }
    // The removed items are released only once the list is whole again.
    TempArray recycle(rt, norig, norig > kRecycleOnStack);
    PyObject** item = list_items(a);
    for (Py_ssize_t k = 0; k < norig; ++k) recycle.items().push_back(item[ilow + k]);
    if (d < 0) {
        for (Py_ssize_t k = ihigh; k < size; ++k) item[k + d] = item[k];
        if (!list_resize(rt, a, size + d)) {
            for (Py_ssize_t k = size - 1; k >= ihigh; --k) item[k] = item[k + d];
            for (Py_ssize_t k = 0; k < norig; ++k) item[ilow + k] = recycle.items()[static_cast<size_t>(k)];
            rt.xdecref(seq);
            err_no_memory(rt);
            return -1;
        }
    } else if (d > 0) {
        if (!list_resize(rt, a, size + d)) {
            rt.xdecref(seq);
            err_no_memory(rt);
            return -1;
        }
        item = list_items(a);
        for (Py_ssize_t k = size - 1; k >= ihigh; --k) item[k + d] = item[k];
    }
    item = list_items(a);
    if (seq != nullptr) {
        PyObject** src = fast_items(rt, seq);
        for (Py_ssize_t k = 0; k < n; ++k) item[ilow + k] = new_ref(rt, src[k]);
    }
    for (Py_ssize_t k = norig - 1; k >= 0; --k) rt.xdecref(recycle.items()[static_cast<size_t>(k)]);
    rt.xdecref(seq);
    return 0;
}

int list_ass_item(Runtime& rt, PyObject* a, Py_ssize_t i, PyObject* v) {
    if (i < 0 || i >= Py_SIZE(a)) {
        index_error(rt, "list assignment index out of range");
        return -1;
    }
    if (v == nullptr && !rt.profile().at_least(3, 13)) return list_ass_slice(rt, a, i, i + 1, nullptr);
    PyObject** items = list_items(a);
    PyObject* old = items[i];
    if (v == nullptr) {
        // 3.13+: the tail moves down; the items block keeps its size.
        for (Py_ssize_t k = i; k < Py_SIZE(a) - 1; ++k) items[k] = items[k + 1];
        Py_SET_SIZE(a, Py_SIZE(a) - 1);
    } else {
        items[i] = new_ref(rt, v);
    }
    rt.decref(old);
    return 0;
}

PyObject* list_subscript(Runtime& rt, PyObject* self, PyObject* item) {
    if (seq_index_check(item)) {
        Py_ssize_t i;
        if (!seq_as_ssize(rt, item, rt.builtins().exc.IndexError, &i)) return nullptr;
        if (i < 0) i += Py_SIZE(self);
        if (i < 0 || i >= Py_SIZE(self)) return index_error(rt, "list index out of range");
        return new_ref(rt, list_items(self)[i]);
    }
    if (slice_check(rt, item)) {
        Py_ssize_t start, stop, step;
        if (!slice_unpack(rt, item, &start, &stop, &step)) return nullptr;
        const Py_ssize_t len = slice_adjust_indices(Py_SIZE(self), &start, &stop, step);
        if (len <= 0) return list_slice(rt, self, 0, 0);
        if (step == 1) return list_slice(rt, self, start, stop);
        return slice_step(rt, self, start, step, len);
    }
    return indices_type_error(rt, item);
}

int list_ass_subscript(Runtime& rt, PyObject* self, PyObject* item, PyObject* value) {
    if (seq_index_check(item)) {
        Py_ssize_t i;
        if (!seq_as_ssize(rt, item, rt.builtins().exc.IndexError, &i)) return -1;
        if (i < 0) i += Py_SIZE(self);
        return list_ass_item(rt, self, i, value);
    }
    if (slice_check(rt, item)) return ass_slice_value(rt, self, item, value);
    indices_type_error(rt, item);
    return -1;
}

}  // namespace pymemlab
