// set and frozenset storage: 3.x's set_add_entry (linear probes, then perturbation) and 2.7's
// set_insert_key, lookups that restart when a comparison changed the table, set_table_resize
// of each line, discard by dummy entries, pop, clear, set_merge and set_update_internal with
// their presizing, set_swap_bodies, frozenset's cached hash, creation (2.7: free list), the
// empty frozenset singleton, dealloc and traversal. The type's behaviour is set_methods.cpp.
#include "object/set_object.h"

#include <cstring>
#include <utility>

#include "object/builtins.h"
#include "object/abstract.h"
#include "object/dict_internal.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/type_object.h"
#include "object/runtime.h"
#include "object/weakref_object.h"

namespace pymemlab {

namespace {

using dict_detail::hash_for;

constexpr int64_t kEntryBytes = sizeof(setentry);
constexpr int64_t kSmallTable3 = offsetof(PySetObject, smalltable);
constexpr int64_t kSmallTable27 = offsetof(PySetObject27, smalltable);
constexpr Py_hash_t kDummyHash = -1;  // 3.x marks a dummy entry's hash too

// fill, used, mask and table: the same offsets in both lines' structs.
PySetObject* as_set(PyObject* o) { return reinterpret_cast<PySetObject*>(o); }
const PySetObject* as_set(const PyObject* o) { return reinterpret_cast<const PySetObject*>(o); }

// One table slot, under either line's entry layout ({key, hash} or 2.7's {hash, key}).
struct Entry {
    unsigned char* p;
    bool py2;
    PyObject*& key() const { return reinterpret_cast<Slot<PyObject>*>(p + (py2 ? 8 : 0))->p; }
    Py_hash_t& hash() const { return *reinterpret_cast<Py_hash_t*>(p + (py2 ? 0 : 8)); }
};

template <bool Py2>
unsigned char* smalltable(const PyObject* s) {
    return const_cast<unsigned char*>(reinterpret_cast<const unsigned char*>(s)) + (Py2 ? kSmallTable27 : kSmallTable3);
}
unsigned char* smalltable(const Runtime& rt, const PyObject* s) {
    return rt.profile().major == 2 ? smalltable<true>(s) : smalltable<false>(s);
}
unsigned char* table_of(const PyObject* s) { return reinterpret_cast<unsigned char*>(as_set(s)->table.p); }
Entry entry_at(const Runtime& rt, unsigned char* table, uint64_t i) {
    return Entry{table + i * kEntryBytes, rt.profile().major == 2};
}

// EMPTY_TO_MINSIZE and INIT_NONZERO_SET_SLOTS: the small table, zeroed; no hash yet.
void empty_to_minsize(const Runtime& rt, PyObject* s) {
    std::memset(smalltable(rt, s), 0, PySet_MINSIZE * kEntryBytes);
    PySetObject* so = as_set(s);
    so->fill = so->used = 0;
    so->table.p = reinterpret_cast<setentry*>(smalltable(rt, s));
    so->mask = PySet_MINSIZE - 1;
    if (rt.profile().major == 2) {
        reinterpret_cast<PySetObject27*>(s)->hash = -1;
    } else {
        so->hash = -1;
        so->finger = 0;
    }
}

// ================================ 3.x ==========================================================

// set_insert_clean: the first empty slot among the hashed one and the LINEAR_PROBES after it
// (when they fit before the end of the table), then the perturbed next index, and so on.
void insert_clean3(const Runtime& rt, unsigned char* table, uint64_t mask, PyObject* key, Py_hash_t hash) {
    uint64_t perturb = static_cast<uint64_t>(hash);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    for (;;) {
        Entry e = entry_at(rt, table, i);
        if (e.key() == nullptr) {
            e.key() = key;
            e.hash() = hash;
            return;
        }
        if (i + LINEAR_PROBES <= mask)
            for (int j = 1; j <= LINEAR_PROBES; ++j) {
                Entry f = entry_at(rt, table, i + j);
                if (f.key() == nullptr) {
                    f.key() = key;
                    f.hash() = hash;
                    return;
                }
            }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// set_table_resize: the smallest power of two above minused (8: the small table, rebuilt in
// place only to purge dummies); dummies are dropped and the old table freed last.
bool table_resize(Runtime& rt, PyObject* s, int64_t minused) {
    const bool py2 = rt.profile().major == 2;
    PySetObject* so = as_set(s);
    PyObject* dummy = rt.builtins().set_state.dummy;
    int64_t newsize = PySet_MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    unsigned char* oldtable = table_of(s);
    const int64_t oldmask = so->mask;
    const bool malloced = oldtable != smalltable(rt, s);
    unsigned char small_copy[PySet_MINSIZE * kEntryBytes];
    unsigned char* newtable;
    if (newsize == PySet_MINSIZE) {
        newtable = smalltable(rt, s);
        if (newtable == oldtable) {
            if (so->fill == so->used) return true;  // no dummies: nothing to do
            std::memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else if ((newtable = static_cast<unsigned char*>(rt.mem_malloc(static_cast<size_t>(newsize * kEntryBytes)))) == nullptr) {
        return false;
    }
    std::memset(newtable, 0, static_cast<size_t>(newsize * kEntryBytes));
    so->mask = newsize - 1;
    so->table.p = reinterpret_cast<setentry*>(newtable);
    const uint64_t newmask = static_cast<uint64_t>(so->mask);
    if (py2) {
        // 2.7 counts fill and used again, and releases its dummies' references.
        int64_t i = so->fill;
        so->fill = so->used = 0;
        for (int64_t j = 0; i > 0; ++j) {
            Entry e = entry_at(rt, oldtable, static_cast<uint64_t>(j));
            if (e.key() == nullptr) continue;
            --i;
            if (e.key() == dummy) {
                rt.decref(dummy);
                continue;
            }
            // 2.7's set_insert_clean probes as its lookkey does, without linear probes.
            uint64_t k = static_cast<uint64_t>(e.hash()) & newmask;
            for (uint64_t perturb = static_cast<uint64_t>(e.hash()); entry_at(rt, newtable, k & newmask).key() != nullptr;
                 perturb >>= PERTURB_SHIFT)
                k = (k << 2) + k + perturb + 1;
            Entry n = entry_at(rt, newtable, k & newmask);
            n.key() = e.key();
            n.hash() = e.hash();
            ++so->fill;
            ++so->used;
        }
    } else {
        const bool dummies = so->fill != so->used;
        if (dummies) so->fill = so->used;
        for (int64_t j = 0; j <= oldmask; ++j) {
            Entry e = entry_at(rt, oldtable, static_cast<uint64_t>(j));
            if (e.key() != nullptr && e.key() != dummy) insert_clean3(rt, newtable, newmask, e.key(), e.hash());
        }
    }
    if (malloced) rt.mem_free(oldtable);
    return true;
}

// Compares a live key of equal hash with key (PyObject_RichCompareBool, with exact str compared
// directly): 1 equal, 0 not, -1 raised.
int compare_keys(Runtime& rt, PyObject* startkey, PyObject* key) {
    rt.incref(startkey);
    const int cmp = key_equal(rt, startkey, key);
    rt.decref(startkey);
    return cmp;
}

// set_add_entry (3.x): probes like insert_clean3, remembering the first dummy on the way; a
// new key takes that dummy (fill unchanged) or the empty slot that ends the search (fill
// grows). The table grows when fill reaches 3/5 of mask (3.6: 2/3), to 4 times used. A
// comparison that changed the table restarts the search. false with the exception set.
bool add_entry3(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash) {
    PySetObject* so = as_set(s);
    rt.incref(key);  // an __eq__ could otherwise free it before it is stored
restart:
    uint64_t mask = static_cast<uint64_t>(so->mask);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    Entry freeslot{nullptr, false};
    Entry found{nullptr, false};
    while (found.p == nullptr) {
        const int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (int j = 0; j <= probes; ++j) {
            unsigned char* table = table_of(s);
            Entry e = entry_at(rt, table, i + j);
            if (e.hash() == 0 && e.key() == nullptr) {
                found = e;
                break;
            }
            if (e.hash() == hash) {
                PyObject* startkey = e.key();
                if (startkey == key) {
                    rt.decref(key);  // already present
                    return true;
                }
                const int cmp = compare_keys(rt, startkey, key);
                if (cmp > 0) {
                    rt.decref(key);
                    return true;
                }
                if (cmp < 0) {
                    rt.decref(key);
                    return false;
                }
                if (table != table_of(s) || e.key() != startkey) goto restart;
                mask = static_cast<uint64_t>(so->mask);
            } else if (e.hash() == kDummyHash && freeslot.p == nullptr) {
                freeslot = e;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
    ++so->used;
    if (freeslot.p != nullptr) {
        freeslot.key() = key;
        freeslot.hash() = hash;
        return true;
    }
    ++so->fill;
    found.key() = key;
    found.hash() = hash;
    const bool fits = rt.profile().at_least(3, 7) ? static_cast<uint64_t>(so->fill) * 5 < mask * 3
                                                  : static_cast<uint64_t>(so->fill) * 3 < mask * 2;
    if (fits) return true;
    if (table_resize(rt, s, so->used > 50000 ? so->used * 2 : so->used * 4)) return true;
    err_no_memory(rt);
    return false;
}

// set_lookkey (3.x): the entry holding key, or the empty slot ending the search; false with
// the exception set when a comparison raised. A comparison that changed the table restarts.
bool lookkey3(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash, Entry* out) {
restart:
    uint64_t mask = static_cast<uint64_t>(as_set(s)->mask);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    for (;;) {
        const int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        for (int j = 0; j <= probes; ++j) {
            unsigned char* table = table_of(s);
            Entry e = entry_at(rt, table, i + j);
            if (e.hash() == 0 && e.key() == nullptr) {
                *out = e;
                return true;
            }
            if (e.hash() != hash) continue;
            PyObject* startkey = e.key();
            if (startkey == key) {
                *out = e;
                return true;
            }
            const int cmp = compare_keys(rt, startkey, key);
            if (cmp < 0) return false;
            if (table != table_of(s) || e.key() != startkey) goto restart;
            if (cmp > 0) {
                *out = e;
                return true;
            }
            mask = static_cast<uint64_t>(as_set(s)->mask);
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// ================================ 2.7 ==========================================================

// set_lookkey (2.7): as 2.7's lookdict, the key's entry or the first dummy on the path or the
// empty slot ending it; the whole hash perturbs the first step. false when a comparison raised.
bool lookkey27(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash, Entry* out) {
    PyObject* dummy = rt.builtins().set_state.dummy;
restart:
    unsigned char* table = table_of(s);
    const uint64_t mask = static_cast<uint64_t>(as_set(s)->mask);
    // 1 equal, 0 not, -1 raised, 2 the table changed under the comparison.
    auto compare = [&](Entry e) {
        PyObject* startkey = e.key();
        const int cmp = compare_keys(rt, startkey, key);
        if (cmp < 0) return -1;
        return table == table_of(s) && e.key() == startkey ? cmp : 2;
    };
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    Entry e = entry_at(rt, table, i);
    Entry freeslot{nullptr, true};
    if (e.key() == nullptr || e.key() == key) {
        *out = e;
        return true;
    }
    if (e.key() == dummy) {
        freeslot = e;
    } else if (e.hash() == hash) {
        const int cmp = compare(e);
        if (cmp < 0) return false;
        if (cmp == 2) goto restart;
        if (cmp > 0) {
            *out = e;
            return true;
        }
    }
    for (uint64_t perturb = static_cast<uint64_t>(hash);; perturb >>= PERTURB_SHIFT) {
        i = (i << 2) + i + perturb + 1;
        e = entry_at(rt, table, i & mask);
        if (e.key() == nullptr) {
            *out = freeslot.p != nullptr ? freeslot : e;
            return true;
        }
        if (e.key() == key) {
            *out = e;
            return true;
        }
        if (e.hash() == hash && e.key() != dummy) {
            const int cmp = compare(e);
            if (cmp < 0) return false;
            if (cmp == 2) goto restart;
            if (cmp > 0) {
                *out = e;
                return true;
            }
        } else if (e.key() == dummy && freeslot.p == nullptr) {
            freeslot = e;
        }
    }
}

// set_add_key (2.7): insert, then grow when an insertion leaves fill at 2/3 of the slots.
bool add_key27(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash) {
    PySetObject* so = as_set(s);
    PyObject* dummy = rt.builtins().set_state.dummy;
    const int64_t n_used = so->used;
    rt.incref(key);
    if (!key_is_unicode(rt, key)) reinterpret_cast<PySetObject27*>(s)->lookup = lookdict;
    Entry e{nullptr, true};
    if (!lookkey27(rt, s, key, hash, &e)) {
        rt.decref(key);
        return false;
    }
    if (e.key() == nullptr) {
        ++so->fill;
        e.key() = key;
        e.hash() = hash;
        ++so->used;
    } else if (e.key() == dummy) {
        e.key() = key;
        e.hash() = hash;
        ++so->used;
        rt.decref(dummy);
    } else {
        rt.decref(key);  // already present
    }
    if (!(so->used > n_used && so->fill * 3 >= (so->mask + 1) * 2)) return true;
    if (table_resize(rt, s, so->used > 50000 ? so->used * 2 : so->used * 4)) return true;
    err_no_memory(rt);
    return false;
}

// ================================ the types ====================================================

// set_dealloc: keys released in table order (3.x skips dummies; 2.7 releases them too), the
// table freed, then the object (2.7: onto the free list).
void set_dealloc(Runtime& rt, PyObject* s) {
    const bool py2 = rt.profile().major == 2;
    SetState& st = rt.builtins().set_state;
    PySetObject* so = as_set(s);
    rt.gc_untrack(s);
    object_clear_weakrefs(rt, s);
    unsigned char* table = table_of(s);
    for (int64_t n = py2 ? so->fill : so->used, j = 0; n > 0; ++j) {
        Entry e = entry_at(rt, table, static_cast<uint64_t>(j));
        if (e.key() == nullptr || (!py2 && e.key() == st.dummy)) continue;
        --n;
        rt.decref(e.key());
    }
    if (table != smalltable(rt, s)) rt.mem_free(table);
    const Builtins& b = rt.builtins();
    if (py2 && (Py_TYPE(s) == b.set_type || Py_TYPE(s) == b.frozenset_type) && st.numfree < kSetMaxFreeList) {
        st.free_list[st.numfree++] = s;
        return;
    }
    rt.free_object(s);
}

void dummy_dealloc(Runtime&, PyObject*) {}  // the dummy is static: never freed

// set_traverse: the active keys in table order. One instance per entry layout; the dummy is
// told by its type (tp_traverse gets no runtime to find it in).
template <bool Py2>
void set_traverse(PyObject* s, visitproc visit, void* arg) {
    unsigned char* table = table_of(s);
    for (int64_t j = 0; j <= as_set(s)->mask; ++j) {
        Entry e{table + j * kEntryBytes, Py2};
        if (e.key() != nullptr && Py_TYPE(e.key())->tp_dealloc != dummy_dealloc) visit(e.key(), arg);
    }
}

void set_blocks(const Runtime& rt, PyObject* s, blockproc visit, void* arg) {
    visit(rt.block_of(s), arg);
    if (const void* t = set_table_block(rt, s)) visit(t, arg);
}

// make_new_set: 2.7 reuses a free-listed set (of either type); otherwise tp_alloc, which
// zeroes and tracks.
PyObject* make_new_set(Runtime& rt, PyTypeObject* type, const std::vector<PyObject*>* items) {
    SetState& st = rt.builtins().set_state;
    PyObject* s;
    const bool exact = type == rt.builtins().set_type || type == rt.builtins().frozenset_type;
    if (rt.profile().major == 2 && st.numfree > 0 && exact) {
        s = st.free_list[--st.numfree];
        s->ob_type = type;
        s->ob_refcnt = 1;
        rt.note_alive(s);
        empty_to_minsize(rt, s);
        rt.gc_track(s);
    } else {
        if ((s = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize))) == nullptr) return nullptr;
        std::memset(reinterpret_cast<unsigned char*>(s) + sizeof(PyObject), 0, static_cast<size_t>(type->tp_basicsize) - sizeof(PyObject));
        empty_to_minsize(rt, s);
        if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
        rt.gc_track(s);
    }
    if (rt.profile().major == 2) reinterpret_cast<PySetObject27*>(s)->lookup = lookdict_unicode;  // set_lookkey_string
    if (items != nullptr)
        for (PyObject* key : *items)
            if (!set_add(rt, s, key)) {
                rt.decref(s);
                return nullptr;
            }
    return s;
}

}  // namespace

void init_set_type(Runtime& rt) {
    const Profile& p = rt.profile();
    Builtins& b = rt.builtins();
    const bool py2 = p.major == 2;
    for (PyTypeObject** slot : {&b.set_type, &b.frozenset_type}) {
        *slot = new_static_type(rt, slot == &b.set_type ? "set" : "frozenset", sizeof(PySetObject), 0,
                                {.dealloc = set_dealloc,
                                 .traverse = py2 ? set_traverse<true> : set_traverse<false>,
                                 .blocks = set_blocks});
        (*slot)->tp_weaklistoffset =
            py2 ? offsetof(PySetObject27, weakreflist) : offsetof(PySetObject, weakreflist);
    }
    PyTypeObject* dummy_type =
        new_static_type(rt, "<dummy key> type", sizeof(PyObject), 0, {.dealloc = dummy_dealloc});
    b.set_state.dummy = rt.static_object(dummy_type, sizeof(PyObject));
    rt.make_static_refcount(b.set_state.dummy, false);
    init_set_methods(rt);
}

PyObject* set_new(Runtime& rt) { return make_new_set(rt, rt.builtins().set_type, nullptr); }

PyObject* frozenset_new(Runtime& rt, const std::vector<PyObject*>* items) {
    Builtins& b = rt.builtins();
    SetState& st = b.set_state;
    const bool singleton = !rt.profile().at_least(3, 10);
    if (items != nullptr) {
        PyObject* s = make_new_set(rt, b.frozenset_type, items);
        if (s == nullptr || !singleton || set_len(s) > 0) return s;
        rt.decref(s);
    } else if (!singleton) {
        return make_new_set(rt, b.frozenset_type, nullptr);
    }
    if (st.empty_frozenset == nullptr && (st.empty_frozenset = make_new_set(rt, b.frozenset_type, nullptr)) == nullptr)
        return nullptr;
    rt.incref(st.empty_frozenset);
    return st.empty_frozenset;
}

bool set_add(Runtime& rt, PyObject* s, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "set element");
    return hash != -1 && set_add_known_hash(rt, s, key, hash);
}

bool set_add_known_hash(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash) {
    return rt.profile().major == 2 ? add_key27(rt, s, key, hash) : add_entry3(rt, s, key, hash);
}

int set_discard_known_hash(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash) {
    PyObject* dummy = rt.builtins().set_state.dummy;
    const bool py2 = rt.profile().major == 2;
    Entry e{nullptr, py2};
    if (!(py2 ? lookkey27(rt, s, key, hash, &e) : lookkey3(rt, s, key, hash, &e))) return -1;
    if (e.key() == nullptr || e.key() == dummy) return 0;
    PyObject* old = e.key();
    if (py2) rt.incref(dummy);
    e.key() = dummy;
    if (!py2) e.hash() = kDummyHash;
    --as_set(s)->used;
    rt.decref(old);
    return 1;
}

int set_discard(Runtime& rt, PyObject* s, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "set element");
    return hash == -1 ? -1 : set_discard_known_hash(rt, s, key, hash);
}

int set_contains_known_hash(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash) {
    const bool py2 = rt.profile().major == 2;
    Entry e{nullptr, py2};
    if (!(py2 ? lookkey27(rt, s, key, hash, &e) : lookkey3(rt, s, key, hash, &e))) return -1;
    return e.key() != nullptr && e.key() != rt.builtins().set_state.dummy ? 1 : 0;
}

int set_contains(Runtime& rt, PyObject* s, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "set element");
    return hash == -1 ? -1 : set_contains_known_hash(rt, s, key, hash);
}

bool set_next(const Runtime& rt, const PyObject* s, int64_t* pos, PyObject** key, Py_hash_t* hash) {
    PyObject* dummy = rt.builtins().set_state.dummy;
    for (int64_t i = *pos; i <= as_set(s)->mask; ++i) {
        Entry e = entry_at(rt, table_of(s), static_cast<uint64_t>(i));
        if (e.key() == nullptr || e.key() == dummy) continue;
        *pos = i + 1;
        *key = e.key();
        if (hash != nullptr) *hash = e.hash();
        return true;
    }
    *pos = as_set(s)->mask + 1;
    return false;
}

PyObject* set_pop(Runtime& rt, PyObject* s) {
    PySetObject* so = as_set(s);
    PyObject* dummy = rt.builtins().set_state.dummy;
    if (so->used == 0) return err_set_string(rt, rt.builtins().exc.KeyError, "pop from an empty set");
    unsigned char* table = table_of(s);
    const int64_t mask = so->mask;
    auto active = [&](int64_t i) {
        PyObject* k = entry_at(rt, table, static_cast<uint64_t>(i)).key();
        return k != nullptr && k != dummy;
    };
    if (rt.profile().major == 2) {
        // Slot 0's hash is the search finger while slot 0 holds no key.
        Entry first = entry_at(rt, table, 0);
        int64_t i = 0;
        if (!active(0)) {
            i = first.hash();
            if (i > mask || i < 1) i = 1;
            while (!active(i))
                if (++i > mask) i = 1;
        }
        Entry e = entry_at(rt, table, static_cast<uint64_t>(i));
        PyObject* key = e.key();
        rt.incref(dummy);
        e.key() = dummy;
        --so->used;
        first.hash() = i + 1;
        return key;
    }
    int64_t i = so->finger & mask;
    while (!active(i))
        if (++i > mask) i = 0;
    Entry e = entry_at(rt, table, static_cast<uint64_t>(i));
    PyObject* key = e.key();
    e.key() = dummy;
    e.hash() = kDummyHash;
    --so->used;
    so->finger = i + 1;
    return key;
}

void set_clear(Runtime& rt, PyObject* s) {
    const bool py2 = rt.profile().major == 2;
    PySetObject* so = as_set(s);
    PyObject* dummy = rt.builtins().set_state.dummy;
    unsigned char* table = table_of(s);
    const int64_t fill = so->fill;
    const int64_t used = so->used;
    const bool malloced = table != smalltable(rt, s);
    unsigned char small_copy[PySet_MINSIZE * kEntryBytes];
    // The set is emptied before any key is released: a release may run code that uses it.
    if (malloced) {
        empty_to_minsize(rt, s);
    } else if (fill > 0) {
        std::memcpy(small_copy, table, sizeof(small_copy));
        table = small_copy;
        empty_to_minsize(rt, s);
    }
    for (int64_t n = py2 ? fill : used, j = 0; n > 0; ++j) {
        Entry e = entry_at(rt, table, static_cast<uint64_t>(j));
        if (e.key() == nullptr || (!py2 && e.key() == dummy)) continue;
        --n;
        rt.decref(e.key());
    }
    if (malloced) rt.mem_free(table);
}

bool set_merge(Runtime& rt, PyObject* s, PyObject* other) {
    const bool py2 = rt.profile().major == 2;
    PySetObject* so = as_set(s);
    const PySetObject* o = as_set(other);
    PyObject* dummy = rt.builtins().set_state.dummy;
    if (s == other || o->used == 0) return true;
    // One resize up front rather than several while inserting.
    const bool grow = py2 ? (so->fill + o->used) * 3 >= (so->mask + 1) * 2
                          : rt.profile().at_least(3, 7) ? (so->fill + o->used) * 5 >= so->mask * 3
                                                        : (so->fill + o->used) * 3 >= so->mask * 2;
    if (grow && !table_resize(rt, s, (so->used + o->used) * 2)) {
        err_no_memory(rt);
        return false;
    }
    if (!py2 && so->fill == 0) {
        unsigned char* table = table_of(s);
        const unsigned char* otable = table_of(other);
        if (so->mask == o->mask && o->fill == o->used) {
            // Same size, no dummies: the entries are copied slot for slot.
            for (int64_t i = 0; i <= o->mask; ++i) {
                Entry from = entry_at(rt, const_cast<unsigned char*>(otable), static_cast<uint64_t>(i));
                if (from.key() == nullptr) continue;
                Entry to = entry_at(rt, table, static_cast<uint64_t>(i));
                rt.incref(from.key());
                to.key() = from.key();
                to.hash() = from.hash();
            }
        } else {
            for (int64_t i = 0; i <= o->mask; ++i) {
                Entry from = entry_at(rt, const_cast<unsigned char*>(otable), static_cast<uint64_t>(i));
                if (from.key() == nullptr || from.key() == dummy) continue;
                rt.incref(from.key());
                insert_clean3(rt, table, static_cast<uint64_t>(so->mask), from.key(), from.hash());
            }
        }
        so->fill = o->used;
        so->used = o->used;
        return true;
    }
    for (int64_t i = 0; i <= as_set(other)->mask; ++i) {
        Entry from = entry_at(rt, table_of(other), static_cast<uint64_t>(i));
        if (from.key() == nullptr || from.key() == dummy) continue;
        if (!set_add_known_hash(rt, s, from.key(), from.hash())) return false;
    }
    return true;
}

bool set_update_from(Runtime& rt, PyObject* s, PyObject* iterable) {
    const Builtins& b = rt.builtins();
    if (object_type_check(iterable, b.set_type) || object_type_check(iterable, b.frozenset_type))
        return set_merge(rt, s, iterable);
    if (Py_TYPE(iterable) == b.dict_type) {
        PySetObject* so = as_set(s);
        const int64_t dictsize = dict_len(rt, iterable);
        const bool grow = rt.profile().major == 2 ? (so->fill + dictsize) * 3 >= (so->mask + 1) * 2
                          : rt.profile().at_least(3, 7) ? (so->fill + dictsize) * 5 >= so->mask * 3
                                                        : (so->fill + dictsize) * 3 >= so->mask * 2;
        if (grow && !table_resize(rt, s, (so->used + dictsize) * 2)) {
            err_no_memory(rt);
            return false;
        }
        int64_t pos = 0;
        PyObject* key;
        Py_hash_t hash;
        while (dict_next(rt, iterable, &pos, &key, nullptr, &hash))
            if (!set_add_known_hash(rt, s, key, hash)) return false;
        return true;
    }
    PyObject* it = object_get_iter(rt, iterable);
    if (it == nullptr) return false;
    bool ok = true;
    while (PyObject* key = iter_next(rt, it)) {
        ok = set_add(rt, s, key);
        rt.decref(key);
        if (!ok) break;
    }
    rt.decref(it);
    return ok && !err_occurred(rt);
}

bool set_purge_dummies(Runtime& rt, PyObject* s) {
    PySetObject* so = as_set(s);
    const bool keep = rt.profile().major == 2 ? (so->fill - so->used) * 5 < so->mask
                                              : static_cast<uint64_t>(so->fill - so->used) <= static_cast<uint64_t>(so->mask) / 4;
    if (keep) return true;
    if (table_resize(rt, s, so->used > 50000 ? so->used * 2 : so->used * 4)) return true;
    err_no_memory(rt);
    return false;
}

void set_swap_bodies(Runtime& rt, PyObject* a, PyObject* b) {
    PySetObject* sa = as_set(a);
    PySetObject* sb = as_set(b);
    std::swap(sa->fill, sb->fill);
    std::swap(sa->used, sb->used);
    std::swap(sa->mask, sb->mask);
    auto* a_small = reinterpret_cast<setentry*>(smalltable(rt, a));
    auto* b_small = reinterpret_cast<setentry*>(smalltable(rt, b));
    setentry* u = sa->table.p == a_small ? b_small : sa->table.p;
    sa->table.p = sb->table.p == b_small ? a_small : sb->table.p;
    sb->table.p = u;
    if (sa->table.p == a_small || sb->table.p == b_small) {
        unsigned char tab[PySet_MINSIZE * kEntryBytes];
        std::memcpy(tab, a_small, sizeof(tab));
        std::memcpy(a_small, b_small, sizeof(tab));
        std::memcpy(b_small, tab, sizeof(tab));
    }
    const Builtins& bt = rt.builtins();
    const bool frozen = object_type_check(a, bt.frozenset_type) && object_type_check(b, bt.frozenset_type);
    if (rt.profile().major == 2) {
        auto* a27 = reinterpret_cast<PySetObject27*>(a);
        auto* b27 = reinterpret_cast<PySetObject27*>(b);
        std::swap(a27->lookup, b27->lookup);
        if (frozen) {
            std::swap(a27->hash, b27->hash);
        } else {
            a27->hash = b27->hash = -1;
        }
        return;
    }
    if (frozen) {
        std::swap(sa->hash, sb->hash);
    } else {
        sa->hash = sb->hash = -1;
    }
}

Py_hash_t frozenset_hash(Runtime& rt, PyObject* s) {
    const bool py2 = rt.profile().major == 2;
    Py_hash_t& cached = py2 ? reinterpret_cast<PySetObject27*>(s)->hash : as_set(s)->hash;
    if (cached != -1) return cached;
    std::vector<Py_hash_t> hashes;
    int64_t pos = 0;
    PyObject* key;
    Py_hash_t h;
    while (set_next(rt, s, &pos, &key, &h)) hashes.push_back(h);
    cached = frozenset_hash_of(rt.profile(), hashes.data(), static_cast<int64_t>(hashes.size()));
    return cached;
}

PyObject* set_new_from(Runtime& rt, PyTypeObject* type, PyObject* iterable) {
    PyObject* s = make_new_set(rt, type, nullptr);
    if (s == nullptr) return err_no_memory(rt);
    if (iterable != nullptr && !set_update_from(rt, s, iterable)) {
        rt.decref(s);
        return nullptr;
    }
    return s;
}

int64_t set_len(const PyObject* s) { return as_set(s)->used; }
int64_t set_fill(const PyObject* s) { return as_set(s)->fill; }
int64_t set_table_slots(const PyObject* s) { return as_set(s)->mask + 1; }

std::vector<PyObject*> set_keys(const Runtime& rt, const PyObject* s) {
    std::vector<PyObject*> out;
    PyObject* dummy = rt.builtins().set_state.dummy;
    for (int64_t j = 0; j <= as_set(s)->mask; ++j) {
        Entry e = entry_at(rt, table_of(s), static_cast<uint64_t>(j));
        if (e.key() != nullptr && e.key() != dummy) out.push_back(e.key());
    }
    return out;
}

const void* set_table_block(const Runtime& rt, const PyObject* s) {
    return table_of(s) != smalltable(rt, s) ? table_of(s) : nullptr;
}

int64_t set_sizeof(const Runtime& rt, const PyObject* s) {
    int64_t size = rt.profile().gc_head_size + Py_TYPE(s)->tp_basicsize;
    if (set_table_block(rt, s) != nullptr) size += (as_set(s)->mask + 1) * kEntryBytes;
    return size;
}

int set_clear_free_list(Runtime& rt) {
    SetState& st = rt.builtins().set_state;
    const int freed = st.numfree;
    while (st.numfree > 0) rt.free_object(st.free_list[--st.numfree]);
    return freed;
}

void set_free_list_blocks(const Runtime& rt, blockproc visit, void* arg) {
    const SetState& st = rt.builtins().set_state;
    for (int i = 0; i < st.numfree; ++i) visit(rt.block_of(st.free_list[i]), arg);
}

}  // namespace pymemlab
