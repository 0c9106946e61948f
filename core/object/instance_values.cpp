// Instance attribute storage of 3.11+: the class's shared keys, the instances' values (3.11/3.12
// a PyMem block of their own, 3.13 inline after the object), and the dict made from them only when
// __dict__ is read or the values cannot take an attribute. The invariants are in the header.
#include "object/instance_values.h"

#include <cstring>

#include "object/abstract.h"
#include "object/dict_internal.h"
#include "object/dict_split.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

using dict_detail::DKIX_EMPTY;
using dict_detail::dict_detach_embedded_values;
using dict_detail::dict_new_split;
using dict_detail::Keys;

namespace {

constexpr int64_t kWord = 8;
// The pre-header's words, from the object: CPython's _PyObject_ValuesPointer (3.11) and the weakref
// list (3.12+) at -4 words, the dict (3.11, 3.13) or dict-or-values (3.12) at -3; the GC header, 16
// bytes in every profile with a pre-header, takes -2 and -1.
constexpr int64_t kPreHeaderWord0 = -4 * kWord;
constexpr int64_t kPreHeaderWord1 = -3 * kWord;
// 3.13 PyDictValues: capacity, size, embedded, valid bytes, padded to a word, then the values.
constexpr int64_t kValuesHeader313 = kWord;

enum class Layout { k311, k312, k313 };
Layout layout_of(const PyTypeObject* t) {
    if (t->tp_flags & Py_TPFLAGS_MODEL_DICT_OR_VALUES) return Layout::k312;
    if (t->tp_flags & Py_TPFLAGS_MANAGED_WEAKREF) return Layout::k313;  // 3.13 (3.12 carries the model flag)
    return Layout::k311;
}

void*& word(PyObject* obj, int64_t offset) { return *reinterpret_cast<void**>(reinterpret_cast<char*>(obj) + offset); }

// ---- PyDictValues, per layout ------------------------------------------------------------------
// 3.11/3.12: ma_values points at values[0]; the byte before it is the prefix size, the one before
// that the number of entries, and the insertion order runs backwards from there. 3.13: ma_values
// points at the header; the order array follows the `capacity` values.
struct ValuesRef {
    unsigned char* p;
    bool v313;

    PyObject** array() const {
        return reinterpret_cast<PyObject**>(v313 ? p + kValuesHeader313 : p);
    }
    uint8_t& count() const { return v313 ? p[1] : p[-2]; }
    uint8_t capacity313() const { return p[0]; }
    uint8_t& embedded313() const { return p[2]; }
    uint8_t& valid313() const { return p[3]; }
    uint8_t& order(int64_t i) const {
        if (v313) return reinterpret_cast<uint8_t*>(array() + capacity313())[i];
        return p[-3 - i];
    }
    void add(int64_t ix) const {
        const int n = count();
        order(n) = static_cast<uint8_t>(ix);
        count() = static_cast<uint8_t>(n + 1);
    }
    void remove(int64_t ix) const {
        const int n = count();
        int i = 0;
        while (i < n && order(i) != ix) ++i;
        for (; i + 1 < n; ++i) order(i) = order(i + 1);
        count() = static_cast<uint8_t>(n - 1);
    }
    unsigned char* block() const { return v313 ? p : p - p[-1]; }
};

bool is313(const Runtime& rt) { return rt.profile().at_least(3, 13); }
ValuesRef values_ref(const Runtime& rt, void* v) { return {static_cast<unsigned char*>(v), is313(rt)}; }

Keys shared_keys(PyTypeObject* type) { return Keys(true, cached_keys(type)); }
// shared_keys_usable_size
int64_t usable_size(const Keys& k) { return k.nentries() + k.usable(); }

// new_values: a values block of `size` slots, all empty, from PyMem_Malloc.
void* new_values(Runtime& rt, int64_t size) {
    const TypeSizes& t = type_sizes(rt.profile());
    const int64_t bytes = t.values_bytes(size);
    auto* mem = static_cast<unsigned char*>(rt.mem_malloc(static_cast<size_t>(bytes)));
    if (mem == nullptr) return nullptr;
    std::memset(mem, 0, static_cast<size_t>(bytes));
    if (is313(rt)) {
        mem[0] = static_cast<uint8_t>(size);  // capacity; size, embedded, valid 0
        return mem;
    }
    const int64_t prefix = (size + t.values_order_bytes + 7) / 8 * 8;
    mem[prefix - 1] = static_cast<uint8_t>(prefix);
    return mem + prefix;
}

// The values the instance uses now, or nullptr.
void* instance_values(PyObject* obj) {
    PyTypeObject* t = Py_TYPE(obj);
    switch (layout_of(t)) {
        case Layout::k311:
            return word(obj, kPreHeaderWord0);
        case Layout::k312: {
            auto v = reinterpret_cast<uintptr_t>(word(obj, kPreHeaderWord1));
            return (v & 1) != 0 ? reinterpret_cast<void*>(v - 1) : nullptr;
        }
        case Layout::k313: {
            if ((t->tp_flags & Py_TPFLAGS_INLINE_VALUES) == 0) return nullptr;
            auto* p = reinterpret_cast<unsigned char*>(obj) + t->tp_basicsize;
            return p[3] != 0 ? p : nullptr;  // valid
        }
    }
    return nullptr;
}

// The instance's dict, or nullptr.
PyObject* managed_dict(PyObject* obj) {
    void* w = word(obj, kPreHeaderWord1);
    if (layout_of(Py_TYPE(obj)) == Layout::k312 && (reinterpret_cast<uintptr_t>(w) & 1) != 0) return nullptr;
    return static_cast<PyObject*>(w);
}

// Publishes the dict (a new reference): 3.11/3.12 also drop the instance's hold on the values,
// which the dict took over.
void set_managed_dict(PyObject* obj, PyObject* dict) {
    if (layout_of(Py_TYPE(obj)) == Layout::k311) word(obj, kPreHeaderWord0) = nullptr;
    word(obj, kPreHeaderWord1) = dict;
}

// insert_into_dictkeys: the index of `name` in the shared keys, added if absent while there is
// room; DKIX_EMPTY when full.
int64_t insert_into_dictkeys(Runtime& rt, PyTypeObject* type, PyObject* name) {
    Keys keys = shared_keys(type);
    const Py_hash_t hash = unicode_hash(rt, name);
    const uint64_t mask = static_cast<uint64_t>(keys.size()) - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    for (uint64_t perturb = static_cast<uint64_t>(hash);; i = (i * 5 + (perturb >>= PERTURB_SHIFT) + 1) & mask) {
        const int64_t ix = keys.index(static_cast<int64_t>(i));
        if (ix == DKIX_EMPTY) break;
        if (ix >= 0 && (keys.key(ix) == name || (keys.hash(rt, ix) == hash && str_equal(rt, keys.key(ix), name))))
            return ix;
    }
    if (keys.usable() <= 0) return DKIX_EMPTY;
    reinterpret_cast<PyDictKeysObject311*>(keys.base())->dk_version = 0;
    const int64_t slot = keys.find_empty_slot(hash);
    const int64_t ix = keys.nentries();
    keys.set_index(slot, ix);
    rt.incref(name);
    keys.key(ix) = name;
    --keys.usable();
    ++keys.nentries();
    return ix;
}

// The index of `name` in the shared keys, or DKIX_EMPTY (no insertion).
int64_t lookup_shared(Runtime& rt, PyTypeObject* type, PyObject* name) {
    Keys keys = shared_keys(type);
    const Py_hash_t hash = unicode_hash(rt, name);
    const uint64_t mask = static_cast<uint64_t>(keys.size()) - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    for (uint64_t perturb = static_cast<uint64_t>(hash);; i = (i * 5 + (perturb >>= PERTURB_SHIFT) + 1) & mask) {
        const int64_t ix = keys.index(static_cast<int64_t>(i));
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0 && (keys.key(ix) == name || (keys.hash(rt, ix) == hash && str_equal(rt, keys.key(ix), name))))
            return ix;
    }
}

// make_dict_from_instance_attributes: a split dict over the class's keys and these values.
PyObject* dict_from_values(Runtime& rt, PyTypeObject* type, void* values) {
    const Keys keys = shared_keys(type);
    const ValuesRef v = values_ref(rt, values);
    const int64_t n = v.v313 ? v.capacity313() : usable_size(keys);
    int64_t used = 0;
    bool track = false;
    for (int64_t i = 0; i < n; ++i)
        if (PyObject* o = v.array()[i]) {
            ++used;
            track = track || gc_may_be_tracked(rt, o);
        }
    return dict_new_split(rt, keys.base(), values, used, track);
}

// new_dict_with_shared_keys: an empty split dict with values of its own.
PyObject* dict_with_shared_keys(Runtime& rt, PyTypeObject* type) {
    void* values = new_values(rt, usable_size(shared_keys(type)));
    if (values == nullptr) return err_no_memory(rt);
    PyObject* d = dict_new_split(rt, cached_keys(type), values, 0, false);
    if (d == nullptr) {
        split_values_release(rt, values);
        return err_no_memory(rt);
    }
    return d;
}

int no_attribute(Runtime& rt, PyObject* obj, PyObject* name) {
    err_format(rt, rt.builtins().exc.AttributeError, "'%s' object has no attribute '%s'",
               type_name(Py_TYPE(obj)).c_str(), str_as_utf8(rt, name).c_str());
    return -1;
}

// A store or delete through the dict: a missing attribute is AttributeError, not KeyError.
int dict_store(Runtime& rt, PyObject* obj, PyObject* dict, PyObject* name, PyObject* value) {
    if (value != nullptr) return dict_setitem(rt, dict, name, value) ? 0 : -1;
    if (dict_delitem(rt, dict, name)) return 0;
    if (err_occurred(rt)) return -1;
    return no_attribute(rt, obj, name);
}

}  // namespace

// ---- the class's keys -------------------------------------------------------------------------

unsigned char* cached_keys(PyTypeObject* type) { return heap_type(type)->ht_cached_keys.p; }

bool cached_keys_new(Runtime& rt, PyTypeObject* type) {
    unsigned char* k = dict_detail::new_keys_object(rt, kSharedKeysSlots, true);
    if (k == nullptr) return false;
    Keys keys(true, k);
    reinterpret_cast<PyDictKeysObject311*>(k)->dk_kind = DICT_KEYS_SPLIT;
    keys.usable() = kSharedKeysMaxSize;
    heap_type(type)->ht_cached_keys.p = k;
    return true;
}

void cached_keys_decref(Runtime& rt, PyTypeObject* type) { type_release_cached_keys(rt, type); }


// ---- creation ---------------------------------------------------------------------------------

int64_t inline_values_bytes(const Runtime& rt, PyTypeObject* type) {
    if ((type->tp_flags & Py_TPFLAGS_INLINE_VALUES) == 0) return 0;
    return type_sizes(rt.profile()).values_bytes(usable_size(shared_keys(type)));
}

bool instance_values_init(Runtime& rt, PyObject* obj) {
    PyTypeObject* type = Py_TYPE(obj);
    if (!type_has_managed_dict(type)) return true;
    const Layout layout = layout_of(type);
    if (layout == Layout::k313 && (type->tp_flags & Py_TPFLAGS_INLINE_VALUES) == 0) return true;
    Keys keys = shared_keys(type);
    if (keys.usable() > 1) --keys.usable();
    const int64_t size = usable_size(keys);
    if (layout == Layout::k313) {
        // _PyObject_InitInlineValues: the block was sized before the take (inline_values_bytes).
        auto* p = reinterpret_cast<unsigned char*>(obj) + type->tp_basicsize;
        p[0] = static_cast<uint8_t>(size);
        p[1] = 0;
        p[2] = 1;  // embedded
        p[3] = 1;  // valid
        std::memset(p + kValuesHeader313, 0, static_cast<size_t>(size * kWord));
        word(obj, kPreHeaderWord1) = nullptr;
        return true;
    }
    void* values = new_values(rt, size);
    if (values == nullptr) {
        err_no_memory(rt);
        return false;
    }
    if (layout == Layout::k311)
        word(obj, kPreHeaderWord0) = values;
    else
        word(obj, kPreHeaderWord1) = static_cast<char*>(values) + 1;  // tagged: odd means values
    return true;
}

// ---- attribute access -------------------------------------------------------------------------

bool instance_attr_lookup(Runtime& rt, PyObject* obj, PyObject* name, PyObject** found) {
    *found = nullptr;
    if (void* values = instance_values(obj)) {
        if (key_is_unicode(rt, name)) {
            const int64_t ix = lookup_shared(rt, Py_TYPE(obj), name);
            const ValuesRef v = values_ref(rt, values);
            if (ix >= 0 && (!v.v313 || ix < v.capacity313())) *found = v.array()[ix];
            return true;
        }
        // A name that is not an exact str: the dict is made and asked (as CPython does).
        PyObject* d = instance_get_dict(rt, obj);
        if (d == nullptr) return false;
        rt.decref(d);
    }
    if (PyObject* d = managed_dict(obj)) {
        *found = dict_getitem(rt, d, name);
        return *found != nullptr || !err_occurred(rt);
    }
    return true;
}

int instance_attr_store(Runtime& rt, PyObject* obj, PyObject* name, PyObject* value) {
    PyTypeObject* type = Py_TYPE(obj);
    PyObject* dict = managed_dict(obj);
    if (void* values = instance_values(obj)) {
        const ValuesRef v = values_ref(rt, values);
        int64_t ix = key_is_unicode(rt, name) ? insert_into_dictkeys(rt, type, name) : DKIX_EMPTY;
        if (ix == DKIX_EMPTY || (v.v313 && ix >= v.capacity313())) {
            // The values cannot take it: the dict (made from them if there is none) does.
            if (dict == nullptr) {
                if ((dict = dict_from_values(rt, type, values)) == nullptr) return -1;
                set_managed_dict(obj, dict);
            }
            return dict_store(rt, obj, dict, name, value);
        }
        PyObject* old = v.array()[ix];
        if (old == nullptr && value == nullptr) return no_attribute(rt, obj, name);
        if (value != nullptr) rt.incref(value);
        v.array()[ix] = value;
        if (old == nullptr) {
            v.add(ix);
            if (dict != nullptr) ++reinterpret_cast<PyDictObject*>(dict)->ma_used;
        } else {
            if (value == nullptr) {
                v.remove(ix);
                if (dict != nullptr) --reinterpret_cast<PyDictObject*>(dict)->ma_used;
            }
            rt.decref(old);
        }
        return 0;
    }
    if (dict == nullptr) {
        if (value == nullptr) return no_attribute(rt, obj, name);
        if ((dict = dict_with_shared_keys(rt, type)) == nullptr) return -1;
        set_managed_dict(obj, dict);
    }
    return dict_store(rt, obj, dict, name, value);
}

PyObject* instance_get_dict(Runtime& rt, PyObject* obj) {
    PyObject* dict = managed_dict(obj);
    if (dict == nullptr) {
        void* values = instance_values(obj);
        dict = values != nullptr ? dict_from_values(rt, Py_TYPE(obj), values) : dict_with_shared_keys(rt, Py_TYPE(obj));
        if (dict == nullptr) return nullptr;
        set_managed_dict(obj, dict);
    }
    rt.incref(dict);
    return dict;
}

int instance_set_dict(Runtime& rt, PyObject* obj, PyObject* dict) {
    instance_clear_managed(rt, obj, true);
    if (dict != nullptr) rt.incref(dict);
    word(obj, kPreHeaderWord1) = dict;
    return 0;
}

// ---- collection and death ---------------------------------------------------------------------

void instance_visit_managed(PyObject* obj, visitproc visit, void* arg) {
    PyTypeObject* type = Py_TYPE(obj);
    if (void* values = instance_values(obj)) {
        const ValuesRef v{static_cast<unsigned char*>(values), layout_of(type) == Layout::k313};
        const int64_t n = v.v313 ? v.capacity313() : shared_keys(type).nentries();
        for (int64_t i = 0; i < n; ++i)
            if (PyObject* o = v.array()[i]) visit(o, arg);
        return;
    }
    if (PyObject* d = managed_dict(obj)) visit(d, arg);
}

void instance_clear_managed(Runtime& rt, PyObject* obj, bool dealloc) {
    PyTypeObject* type = Py_TYPE(obj);
    PyObject* dict = managed_dict(obj);
    void* values = instance_values(obj);
    if (values != nullptr) {
        // 3.13 with a dict over the inline values: the dict gets a copy it owns
        // (_PyDict_DetachFromObject) before the instance lets its values go.
        if (dict != nullptr && !dict_detach_embedded_values(rt, dict)) err_clear(rt);
        const ValuesRef v = values_ref(rt, values);
        const int64_t n = v.v313 ? v.capacity313() : shared_keys(type).nentries();
        for (int64_t i = 0; i < n; ++i) {
            PyObject* o = v.array()[i];
            v.array()[i] = nullptr;
            rt.xdecref(o);
        }
        if (v.v313) {  // clear_inline_values, for tp_clear as for dealloc
            v.count() = 0;
            v.valid313() = 0;
        } else if (!dealloc) {
            v.count() = 0;
        } else {
            set_managed_dict(obj, nullptr);  // 3.11: values word; 3.12: the tagged word
            word(obj, kPreHeaderWord1) = nullptr;
            rt.mem_free(v.block());
        }
    }
    if (dict != nullptr) {
        word(obj, kPreHeaderWord1) = nullptr;
        rt.decref(dict);
    }
}

const void* instance_values_block(const PyObject* obj) {
    PyObject* o = const_cast<PyObject*>(obj);
    if (layout_of(Py_TYPE(o)) == Layout::k313) return nullptr;  // inline
    void* values = instance_values(o);
    return values != nullptr ? ValuesRef{static_cast<unsigned char*>(values), false}.block() : nullptr;
}

void instance_blocks(const Runtime& rt, PyObject* self, blockproc visit, void* arg) {
    PyTypeObject* base = Py_TYPE(self);
    while (base != nullptr && base->tp_blocks == instance_blocks) base = base->tp_base;
    if (base != nullptr && base->tp_blocks != nullptr)
        base->tp_blocks(rt, self, visit, arg);
    else
        visit(rt.block_of(self), arg);
    if (const void* values = instance_values_block(self)) visit(values, arg);
}

void heap_type_blocks(const Runtime& rt, PyObject* self, blockproc visit, void* arg) {
    visit(rt.block_of(self), arg);
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    if (is_heap_type(type) && cached_keys(type) != nullptr) visit(cached_keys(type), arg);
}

// ---- split dicts' values, for dict_object.cpp ---------------------------------------------------
// 3.6-3.10 values (dict_split.h) are a plain array of pointers, dense, so their insertion order is
// their index order.

namespace {
bool plain_values(const Runtime& rt) { return !rt.profile().at_least(3, 11); }
}  // namespace

PyObject** split_values_array(const Runtime& rt, void* ma_values) {
    if (plain_values(rt)) return static_cast<PyObject**>(ma_values);
    return values_ref(rt, ma_values).array();
}

uint8_t split_values_order_at(const Runtime& rt, void* ma_values, int64_t i) {
    if (plain_values(rt)) return static_cast<uint8_t>(i);
    return values_ref(rt, ma_values).order(i);
}

void split_values_add_to_order(const Runtime& rt, void* ma_values, int64_t ix) {
    if (!plain_values(rt)) values_ref(rt, ma_values).add(ix);
}

void split_values_remove_from_order(const Runtime& rt, void* ma_values, int64_t ix) {
    if (!plain_values(rt)) values_ref(rt, ma_values).remove(ix);
}

bool split_values_embedded(const Runtime& rt, void* ma_values) {
    if (plain_values(rt)) return false;
    const ValuesRef v = values_ref(rt, ma_values);
    return v.v313 && v.embedded313() != 0;
}

void split_values_release(Runtime& rt, void* ma_values) {
    if (plain_values(rt)) return rt.mem_free(ma_values);  // free_values
    const ValuesRef v = values_ref(rt, ma_values);
    if (v.v313 && v.embedded313() != 0) {
        v.valid313() = 0;
        v.count() = 0;
        return;
    }
    rt.mem_free(v.block());
}

const void* split_values_block(const Runtime& rt, void* ma_values) {
    if (plain_values(rt)) return ma_values;
    if (split_values_embedded(rt, ma_values)) return nullptr;
    return values_ref(rt, ma_values).block();
}

void* split_values_copy(Runtime& rt, void* ma_values, int64_t size) {
    if (plain_values(rt)) {
        auto* copy = static_cast<PyObject**>(dict_detail::new_values36(rt, size));
        if (copy == nullptr) return nullptr;
        for (int64_t i = 0; i < size; ++i)
            if (PyObject* o = static_cast<PyObject**>(ma_values)[i]) {
                rt.incref(o);
                copy[i] = o;
            }
        return copy;
    }
    const ValuesRef src = values_ref(rt, ma_values);
    void* copy = new_values(rt, size);
    if (copy == nullptr) return nullptr;
    const ValuesRef dst = values_ref(rt, copy);
    const int64_t n = src.v313 ? src.capacity313() : size;
    for (int64_t i = 0; i < n && i < size; ++i)
        if (PyObject* o = src.array()[i]) {
            rt.incref(o);
            dst.array()[i] = o;
        }
    for (int i = 0; i < src.count(); ++i) dst.add(src.order(i));
    return copy;
}

// ---- dicts over 3.11+ values (dict_internal.h), for the functions above --------------------------

namespace dict_detail {

PyObject* dict_new_split(Runtime& rt, unsigned char* keys, void* values, int64_t used, bool track) {
    PyObject* d = dict_new(rt);
    if (d == nullptr) return nullptr;
    unsigned char* empty = as_dict(d)->ma_keys.p;
    ++Keys::refcnt_of(keys);
    as_dict(d)->ma_keys.p = keys;
    as_dict(d)->ma_values.p = values;
    as_dict(d)->ma_used = used;
    dictkeys_decref(rt, empty);
    if (track && !rt.gc_is_tracked(d)) rt.gc_track(d);
    return d;
}

bool dict_detach_embedded_values(Runtime& rt, PyObject* d) {
    void* values = as_dict(d)->ma_values.p;
    if (split_values_of(rt, d) == nullptr || !split_values_embedded(rt, values)) return true;
    void* copy = split_values_copy(rt, values, static_cast<unsigned char*>(values)[0]);  // capacity
    if (copy == nullptr) return false;
    as_dict(d)->ma_values.p = copy;
    return true;
}

}  // namespace dict_detail

}  // namespace pymemlab
