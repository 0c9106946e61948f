// dict, 2.7: the open table of PyDictEntry slots (ma_smalltable inline, a malloc'ed table
// beyond 8 slots), lookdict with dummies, insertdict, dictresize's 4x growth and deletion by
// dummy keys. The 3.x compact table is dict_object.cpp; both share dict_internal.h.
#include <cstring>

#include "object/dict_internal.h"
#include "object/errors.h"

namespace pymemlab::dict_detail {

PyDictKeyEntry* table27(const PyObject* d) { return as_dict27(d)->ma_table.p; }

// EMPTY_TO_MINSIZE: the small table, zeroed.
void empty_to_minsize(PyObject* d) {
    PyDictObject27* m = as_dict27(d);
    std::memset(static_cast<void*>(m->ma_smalltable), 0, sizeof(m->ma_smalltable));
    m->ma_fill = m->ma_used = 0;
    m->ma_table.p = m->ma_smalltable;
    m->ma_mask = PyDict_MINSIZE - 1;
}

PyObject* get_ascii27(const Runtime& rt, const PyObject* d, std::string_view name, Py_hash_t hash) {
    const PyDictKeyEntry* ep0 = table27(d);
    const uint64_t mask = static_cast<uint64_t>(as_dict27(d)->ma_mask);
    const PyObject* dummy = rt.builtins().dict_state.dummy;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    for (uint64_t perturb = static_cast<uint64_t>(hash);; perturb >>= PERTURB_SHIFT) {
        const PyDictKeyEntry& e = ep0[i & mask];
        if (e.me_key.p == nullptr) return nullptr;
        if (e.me_key.p != dummy && e.me_hash == hash && str_equals_ascii(rt, e.me_key.p, name)) return e.me_value.p;
        i = (i << 2) + i + perturb + 1;
    }
}

PyDictKeyEntry* lookdict27(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash) {
    PyObject* dummy = rt.builtins().dict_state.dummy;
restart:
    PyDictKeyEntry* ep0 = table27(d);
    const uint64_t mask = static_cast<uint64_t>(as_dict27(d)->ma_mask);
    PyDictKeyEntry* freeslot = nullptr;
    // Compares a live key of equal hash; 1 equal, 0 not, -1 raised, 2 the table changed.
    auto compare = [&](PyDictKeyEntry* ep) {
        PyObject* startkey = ep->me_key.p;
        rt.incref(startkey);
        const int cmp = key_equal(rt, startkey, key);
        rt.decref(startkey);
        if (cmp < 0) return -1;
        return ep0 == table27(d) && ep->me_key.p == startkey ? cmp : 2;
    };
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    PyDictKeyEntry* ep = &ep0[i];
    if (ep->me_key.p == nullptr || ep->me_key.p == key) return ep;
    if (ep->me_key.p == dummy) {
        freeslot = ep;
    } else if (ep->me_hash == hash) {
        const int cmp = compare(ep);
        if (cmp < 0) return nullptr;
        if (cmp == 2) goto restart;
        if (cmp > 0) return ep;
    }
    for (uint64_t perturb = static_cast<uint64_t>(hash);; perturb >>= PERTURB_SHIFT) {
        i = (i << 2) + i + perturb + 1;
        ep = &ep0[i & mask];
        if (ep->me_key.p == nullptr) return freeslot != nullptr ? freeslot : ep;
        if (ep->me_key.p == key) return ep;
        if (ep->me_hash == hash && ep->me_key.p != dummy) {
            const int cmp = compare(ep);
            if (cmp < 0) return nullptr;
            if (cmp == 2) goto restart;
            if (cmp > 0) return ep;
        } else if (ep->me_key.p == dummy && freeslot == nullptr) {
            freeslot = ep;
        }
    }
}

// insertdict_clean: into the first empty slot, during a resize (no dummies in the new table).
void insertdict_clean27(PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value) {
    PyDictObject27* m = as_dict27(d);
    const uint64_t mask = static_cast<uint64_t>(m->ma_mask);
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    PyDictKeyEntry* ep = &m->ma_table.p[i];
    for (uint64_t perturb = static_cast<uint64_t>(hash); ep->me_key.p != nullptr; perturb >>= PERTURB_SHIFT) {
        i = (i << 2) + i + perturb + 1;
        ep = &m->ma_table.p[i & mask];
    }
    ++m->ma_fill;
    ep->me_key.p = key;
    ep->me_hash = hash;
    ep->me_value.p = value;
    ++m->ma_used;
}

// dictresize (2.7): the smallest power of two above minused; 8 slots means the small table
// (rebuilt in place only if it holds dummies). Dummies are dropped; the old table is freed last.
bool dictresize27(Runtime& rt, PyObject* d, int64_t minused) {
    PyDictObject27* m = as_dict27(d);
    int64_t newsize = PyDict_MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    PyDictKeyEntry* oldtable = m->ma_table.p;
    const bool malloced = oldtable != m->ma_smalltable;
    PyDictKeyEntry small_copy[PyDict_MINSIZE];
    PyDictKeyEntry* newtable;
    if (newsize == PyDict_MINSIZE) {
        newtable = m->ma_smalltable;
        if (newtable == oldtable) {
            if (m->ma_fill == m->ma_used) return true;
            std::memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        newtable = static_cast<PyDictKeyEntry*>(rt.mem_malloc(static_cast<size_t>(newsize) * sizeof(PyDictKeyEntry)));
        if (newtable == nullptr) return false;
    }
    m->ma_table.p = newtable;
    m->ma_mask = newsize - 1;
    std::memset(static_cast<void*>(newtable), 0, static_cast<size_t>(newsize) * sizeof(PyDictKeyEntry));
    m->ma_used = 0;
    int64_t i = m->ma_fill;
    m->ma_fill = 0;
    for (PyDictKeyEntry* ep = oldtable; i > 0; ++ep) {
        if (ep->me_value.p != nullptr) {
            --i;
            insertdict_clean27(d, ep->me_key.p, ep->me_hash, ep->me_value.p);
        } else if (ep->me_key.p != nullptr) {
            --i;
            rt.decref(ep->me_key.p);  // the dummy
        }
    }
    if (malloced) rt.mem_free(oldtable);
    return true;
}

bool insertdict27(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value) {
    PyDictObject27* m = as_dict27(d);
    const int64_t n_used = m->ma_used;
    rt.incref(value);
    rt.incref(key);
    switch_lookup(rt, d, key);
    PyDictKeyEntry* ep = lookdict27(rt, d, key, hash);
    if (ep == nullptr) {
        rt.decref(key);
        rt.decref(value);
        return false;
    }
    maintain_tracking(rt, d, key, value);
    if (ep->me_value.p != nullptr) {
        PyObject* old = ep->me_value.p;
        ep->me_value.p = value;
        rt.decref(old);
        rt.decref(key);
    } else {
        if (ep->me_key.p == nullptr)
            ++m->ma_fill;
        else
            rt.decref(ep->me_key.p);  // the dummy
        ep->me_key.p = key;
        ep->me_hash = hash;
        ep->me_value.p = value;
        ++m->ma_used;
    }
    // Grown (or purged of dummies) once an insertion fills 2/3 of the slots: to 4 times the
    // used entries (2 times past 50000), rounded up to a power of two.
    if (!(m->ma_used > n_used && m->ma_fill * 3 >= (m->ma_mask + 1) * 2)) return true;
    if (dictresize27(rt, d, (m->ma_used > 50000 ? 2 : 4) * m->ma_used)) return true;
    err_no_memory(rt);
    return false;
}

PyObject* delitem_at27(Runtime& rt, PyObject* d, PyDictKeyEntry* ep) {
    PyObject* dummy = rt.builtins().dict_state.dummy;
    PyObject* old_key = ep->me_key.p;
    PyObject* old_value = ep->me_value.p;
    rt.incref(dummy);
    ep->me_key.p = dummy;
    ep->me_value.p = nullptr;
    --as_dict27(d)->ma_used;
    rt.decref(old_key);
    return old_value;
}

void release_table27(Runtime& rt, PyDictKeyEntry* table, int64_t fill) {
    for (PyDictKeyEntry* ep = table; fill > 0; ++ep) {
        if (ep->me_key.p == nullptr) continue;
        --fill;
        rt.decref(ep->me_key.p);
        rt.xdecref(ep->me_value.p);
    }
}

}  // namespace pymemlab::dict_detail
