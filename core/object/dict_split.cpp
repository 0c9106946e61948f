// Key-sharing instance dicts of 3.6-3.10: the class's cached keys, the split dicts made over them
// (new_dict_with_shared_keys, PyDict_Copy's split copy), _PyObjectDict_SetItem with
// make_keys_shared, and who claims shared keys for the heap checker. The invariants are in the
// header; the split table's own insert, delete and resize rules are in dict_object.cpp.
#include "object/dict_split.h"

#include <cstring>
#include <functional>

#include "object/builtins.h"
#include "object/dict_internal.h"
#include "object/errors.h"
#include "object/instance_values.h"
#include "object/runtime.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {

using namespace dict_detail;

namespace {

bool shares_keys36(const Profile& p) { return p.major == 3 && !p.at_least(3, 11); }

// The class's keys for its instances, or nullptr (none, or CACHED_KEYS dropped). 3.11+ managed
// classes keep theirs in the same field (instance_values.h).
unsigned char*& cached_keys36(PyTypeObject* tp) { return heap_type(tp)->ht_cached_keys.p; }

// new_dict_with_shared_keys: an empty split dict over `keys` (the caller's reference, which it
// takes), its values array allocated before the dict object. nullptr with MemoryError set.
PyObject* new_dict_with_shared_keys(Runtime& rt, unsigned char* keys) {
    void* values = new_values36(rt, usable_fraction(Keys(false, keys).size()));
    if (values == nullptr) {
        dictkeys_decref(rt, keys);
        return err_no_memory(rt);
    }
    PyObject* d = new_dict(rt, keys, values);
    return d != nullptr ? d : err_no_memory(rt);
}

// make_keys_shared: d's keys become shareable, and a new reference to them is returned. A
// combined table of str keys is made split: its values move to a new values array (a table with
// deleted keys is first resized to drop them). nullptr when d holds a key that is not a str, or
// with MemoryError set.
unsigned char* make_keys_shared(Runtime& rt, PyObject* d) {
    if (Py_TYPE(d) != rt.builtins().dict_type) return nullptr;
    if (!is_split36(rt, d)) {
        if (keys_of(rt, d).lookup() == lookdict) return nullptr;
        if (keys_of(rt, d).lookup() == lookdict_unicode && !dictresize_to(rt, d, keys_of(rt, d).size(), true)) {
            err_no_memory(rt);
            return nullptr;
        }
        Keys keys = keys_of(rt, d);
        const int64_t size = usable_fraction(keys.size());
        auto* values = static_cast<PyObject**>(new_values36(rt, size));
        if (values == nullptr) {
            err_set_string(rt, rt.builtins().exc.MemoryError, "Not enough memory to allocate new values array");
            return nullptr;
        }
        for (int64_t i = 0; i < size; ++i) {
            values[i] = keys.value(i);
            keys.value(i) = nullptr;
        }
        keys.lookup() = lookdict_split;
        as_dict(d)->ma_values.p = values;
    }
    ++keys_of(rt, d).refcnt();
    return as_dict(d)->ma_keys.p;
}

// CACHED_KEYS(tp) = replacement, the old keys released. Keys that split dicts still share after
// that belong to no class any more.
void replace_cached_keys(Runtime& rt, PyTypeObject* tp, unsigned char* replacement) {
    unsigned char* old = cached_keys36(tp);
    cached_keys36(tp) = replacement;
    if (old == nullptr) return;
    if (Keys::refcnt_of(old) > 1) note_orphan_keys(rt, old);
    dictkeys_decref(rt, old);
}

}  // namespace

unsigned char* dict_new_keys_for_class(Runtime& rt) {
    unsigned char* k = new_keys_object(rt, PyDict_MINSIZE, true);
    if (k != nullptr) Keys(false, k).lookup() = lookdict_split;
    return k;
}

PyObject* object_generic_new_dict(Runtime& rt, PyTypeObject* tp) {
    if (shares_keys36(rt.profile()) && is_heap_type(tp) && cached_keys36(tp) != nullptr) {
        ++Keys::refcnt_of(cached_keys36(tp));
        return new_dict_with_shared_keys(rt, cached_keys36(tp));
    }
    PyObject* d = dict_new(rt);
    return d != nullptr ? d : err_no_memory(rt);
}

int objectdict_setitem(Runtime& rt, PyTypeObject* tp, PyObject** dictptr, PyObject* key, PyObject* value) {
    unsigned char* cached = is_heap_type(tp) ? cached_keys36(tp) : nullptr;
    if (*dictptr == nullptr && (*dictptr = object_generic_new_dict(rt, tp)) == nullptr) return -1;
    PyObject* dict = *dictptr;
    if (value == nullptr) {
        // PyDict_DelItem: KeyError when absent. A split table cannot lose a key without becoming
        // combined, so the class stops sharing, found or not.
        const bool ok = dict_delitem(rt, dict, key);
        if (!ok && !err_occurred(rt)) err_set_key_error(rt, key);
        if (cached != nullptr) replace_cached_keys(rt, tp, nullptr);
        return ok ? 0 : -1;
    }
    const bool was_shared = cached != nullptr && as_dict(dict)->ma_keys.p == cached;
    const int res = dict_setitem(rt, dict, key, value) ? 0 : -1;
    cached = is_heap_type(tp) ? cached_keys36(tp) : nullptr;
    if (was_shared && cached != nullptr && cached != as_dict(dict)->ma_keys.p) {
        // The store made the dict combined (a resize, an out-of-order key). When no other dict
        // shares the class's keys, the dict's new keys are shared from now on; otherwise the class
        // stops sharing.
        replace_cached_keys(rt, tp, Keys::refcnt_of(cached) == 1 ? make_keys_shared(rt, dict) : nullptr);
        if (cached_keys36(tp) == nullptr && err_occurred(rt)) return -1;
    }
    return res;
}

void type_release_cached_keys(Runtime& rt, PyTypeObject* type) {
    if (is_heap_type(type)) replace_cached_keys(rt, type, nullptr);
}

int64_t type_cached_keys_bytes(const Runtime& rt, PyTypeObject* type) {
    const unsigned char* k = is_heap_type(type) ? heap_type(type)->ht_cached_keys.p : nullptr;
    if (k == nullptr) return 0;
    const bool v311 = rt.profile().at_least(3, 11);
    const Keys keys(v311, const_cast<unsigned char*>(k));
    return keys_bytes(rt.profile(), keys.size(), v311);
}

namespace dict_detail {

bool is_split36(const Runtime& rt, const PyObject* d) {
    return !is_compact311(rt.profile()) && split_values_of(rt, d) != nullptr;
}

void* new_values36(Runtime& rt, int64_t size) {
    const auto bytes = static_cast<size_t>(size) * sizeof(Slot<PyObject>);  // 8-byte pointers on every host
    void* values = rt.mem_malloc(bytes);
    if (values != nullptr) std::memset(values, 0, bytes);
    return values;
}

PyObject* split_copy(Runtime& rt, PyObject* d) {
    const Keys keys = keys_of(rt, d);
    const int64_t size = is_compact311(rt.profile()) ? keys.nentries() + keys.usable() : usable_fraction(keys.size());
    void* values = split_values_copy(rt, as_dict(d)->ma_values.p, size);
    if (values == nullptr) return err_no_memory(rt);
    PyTypeObject* type = rt.builtins().dict_type;
    PyObject* copy = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (copy == nullptr) {
        split_values_release(rt, values);
        return err_no_memory(rt);
    }
    ++keys.refcnt();
    as_dict(copy)->ma_keys.p = keys.base();
    as_dict(copy)->ma_values.p = values;
    as_dict(copy)->ma_used = as_dict(d)->ma_used;
    as_dict(copy)->ma_version_tag = 0;
    if (rt.gc_is_tracked(d) || rt.profile().at_least(3, 14)) rt.gc_track(copy);
    return copy;
}

void note_orphan_keys(Runtime& rt, const unsigned char* keys) { rt.builtins().dict_state.orphan_keys.insert(keys); }

void forget_keys(Runtime& rt, const unsigned char* keys) { rt.builtins().dict_state.orphan_keys.erase(keys); }

bool claims_shared_keys(const Runtime& rt, const PyObject* d) {
    const unsigned char* keys = as_dict(d)->ma_keys.p;
    if (!rt.builtins().dict_state.orphan_keys.count(keys) || !rt.tracks_objects()) return false;
    for (const PyObject* o : rt.live_objects())
        if (std::less<const PyObject*>()(o, d) && Py_TYPE(o) == rt.builtins().dict_type &&
            as_dict(o)->ma_keys.p == keys)
            return false;
    return true;
}

}  // namespace dict_detail

}  // namespace pymemlab
