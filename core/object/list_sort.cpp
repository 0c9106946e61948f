// list.sort: CPython's timsort (Objects/listobject.c, Objects/listsort.txt) step for step, so a
// key function or __lt__ sees the same calls in the same order: natural runs (3.13 also folds
// equal elements into descending runs), binary insertion up to minrun, merges with galloping;
// runs merge by the stack invariants up to 3.10 and by powersort from 3.11. The list looks empty
// while it sorts; a change made meanwhile is discarded with "list modified during sort". 2.7
// wraps each item with its key in a 32-byte sortwrapper object and accepts a cmp function.
#include <algorithm>
#include <cstring>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/list_internal.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

constexpr int kMinGallop = 7;            // MIN_GALLOP
constexpr Py_ssize_t kTempSize = 256;    // MERGESTATE_TEMP_SIZE: merge room on the C stack
constexpr Py_ssize_t kMaxMinrun = 64;    // the largest minrun (MAX_MINRUN, MIN_MERGE before 3.13)
constexpr int64_t kSortWrapperBytes = 32;  // 2.7's sortwrapperobject: header, key, value
static_assert(kSortWrapperBytes == 16 + 2 * kPointerBytes);

// One element being sorted: its key (the item itself without a key function) and the item.
struct Entry {
    PyObject* key;
    PyObject* value;
    void* wrapper;  // 2.7: the sortwrapper block holding this pair
};

struct Run {
    Entry* base;
    Py_ssize_t len;
    int power;  // powersort's node level (3.11+)
};

class MergeState {
public:
    MergeState(Runtime& rt, PyObject* cmp, Entry* base, Py_ssize_t n, bool has_keys)
        : rt_(rt), cmp_(cmp), basekeys_(base), listlen_(n), has_keys_(has_keys) {
        // merge_init: the C stack's temparray; with keys, half of it holds the values.
        alloced_ = has_keys && rt.profile().major != 2 ? std::min((n + 1) / 2, kTempSize / 2) : kTempSize;
    }
    ~MergeState() { freemem(); }

    // ISLT: 1 when x < y, 0 otherwise, -1 on error.
    int islt(const Entry& x, const Entry& y) {
        if (cmp_ == nullptr) return object_richcompare_bool(rt_, x.key, y.key, Py_LT);
        // 2.7's islt: cmp(x, y) through an argument tuple; an int below 0 means "less".
        PyObject* args = tuple_new(rt_, 2);
        if (args == nullptr) {
            err_no_memory(rt_);
            return -1;
        }
        tuple_items(args)[0] = new_ref(rt_, x.key);
        tuple_items(args)[1] = new_ref(rt_, y.key);
        PyObject* res = object_call(rt_, cmp_, args, nullptr);
        rt_.decref(args);
        if (res == nullptr) return -1;
        if (!long_check(res) || Py_TYPE(res) == rt_.builtins().long27_type) {
            err_format(rt_, rt_.builtins().exc.TypeError, "comparison function must return int, not %s",
                       seq_type_name(res).c_str());
            rt_.decref(res);
            return -1;
        }
        bool overflow = false;
        const int64_t v = long_as_int64(rt_, res, &overflow);
        rt_.decref(res);
        return v < 0 ? 1 : 0;
    }

    bool sort(Entry* lo, Py_ssize_t nremaining) {
        const Profile& p = rt_.profile();
        const Py_ssize_t minrun = compute_minrun(nremaining);
        do {
            Py_ssize_t n = p.at_least(3, 13) ? count_run(lo, nremaining) : count_run_old(lo, nremaining);
            if (n < 0) return false;
            if (n < minrun) {
                const Py_ssize_t force = nremaining <= minrun ? nremaining : minrun;
                if (binarysort(lo, force, n) < 0) return false;
                n = force;
            }
            if (p.at_least(3, 11)) {
                if (!found_new_run(n)) return false;
                pending_.push_back({lo, n, 0});
            } else {
                pending_.push_back({lo, n, 0});
                if (!merge_collapse()) return false;
            }
            lo += n;
            nremaining -= n;
        } while (nremaining != 0);
        return merge_force_collapse();
    }

private:
    Runtime& rt_;
    PyObject* cmp_;
    Entry* basekeys_;
    Py_ssize_t listlen_;
    bool has_keys_;
    int min_gallop_ = kMinGallop;
    Py_ssize_t alloced_;
    void* block_ = nullptr;  // the PyMem block standing for merge memory beyond temparray
    std::vector<Entry> temp_;
    std::vector<Run> pending_;

    static Py_ssize_t compute_minrun(Py_ssize_t n) {
        Py_ssize_t r = 0;
        while (n >= kMaxMinrun) {
            r |= n & 1;
            n >>= 1;
        }
        return n + r;
    }

    static void reverse(Entry* lo, Py_ssize_t n) {
        for (Entry *a = lo, *b = lo + n - 1; a < b; ++a, --b) std::swap(*a, *b);
    }

    void freemem() {
        rt_.tstate().let_go(block_);
        if (block_ != nullptr) rt_.mem_free(block_);
        block_ = nullptr;
    }

    // merge_getmem: room for `need` entries (keys and values both when there are keys).
    bool getmem(Py_ssize_t need) {
        if (static_cast<Py_ssize_t>(temp_.size()) < need) temp_.resize(static_cast<size_t>(need));
        if (need <= alloced_) return true;
        freemem();
        const int64_t multiplier = has_keys_ && rt_.profile().major != 2 ? 2 : 1;
        if (need > kPySsizeTMax / kPointerBytes / multiplier ||
            (block_ = rt_.mem_malloc(static_cast<size_t>(multiplier * need * kPointerBytes))) == nullptr) {
            err_no_memory(rt_);
            return false;
        }
        rt_.tstate().hold(block_);
        alloced_ = need;
        return true;
    }

    // binarysort: a[0:ok] is sorted; insert a[ok:n] one by one where a binary search puts them.
    int binarysort(Entry* a, Py_ssize_t n, Py_ssize_t ok) {
        if (ok == 0) ++ok;
        for (; ok < n; ++ok) {
            Py_ssize_t l = 0, r = ok;
            const Entry pivot = a[ok];
            do {
                const Py_ssize_t m = (l + r) >> 1;
                const int k = islt(pivot, a[m]);
                if (k < 0) return -1;
                if (k)
                    r = m;
                else
                    l = m + 1;
            } while (l < r);
            for (Py_ssize_t m = ok; m > l; --m) a[m] = a[m - 1];
            a[l] = pivot;
        }
        return 0;
    }

    // count_run up to 3.12: an ascending run, or a strictly descending one (reversed here).
    Py_ssize_t count_run_old(Entry* lo, Py_ssize_t nremaining) {
        if (nremaining == 1) return 1;
        Py_ssize_t n = 2;
        int k = islt(lo[1], lo[0]);
        if (k < 0) return -1;
        if (k) {
            for (; n < nremaining; ++n) {
                if ((k = islt(lo[n], lo[n - 1])) < 0) return -1;
                if (!k) break;
            }
            reverse(lo, n);
        } else {
            for (; n < nremaining; ++n) {
                if ((k = islt(lo[n], lo[n - 1])) < 0) return -1;
                if (k) break;
            }
        }
        return n;
    }

    // count_run from 3.13: equal elements may join a descending run (reversed in place so that
    // the final reversal keeps them stable), and an ascending tail may extend it afterwards.
    Py_ssize_t count_run(Entry* lo, Py_ssize_t nremaining) {
        Py_ssize_t n = 1;
        int k;
        for (; n < nremaining; ++n) {
            if ((k = islt(lo[n], lo[n - 1])) < 0) return -1;
            if (k) break;
        }
        if (n == nremaining) return n;
        if (n > 1) {
            if ((k = islt(lo[0], lo[n - 1])) < 0) return -1;
            if (k) return n;
            reverse(lo, n);
        }
        ++n;
        Py_ssize_t neq = 0;
        auto reverse_last_neq = [&] {
            if (neq != 0) {
                ++neq;
                reverse(lo + n - neq, neq);
                neq = 0;
            }
        };
        for (; n < nremaining; ++n) {
            if ((k = islt(lo[n], lo[n - 1])) < 0) return -1;
            if (k) {
                reverse_last_neq();
                continue;
            }
            if ((k = islt(lo[n - 1], lo[n])) < 0) return -1;
            if (k) break;
            ++neq;
        }
        reverse_last_neq();
        reverse(lo, n);
        for (; n < nremaining; ++n) {
            if ((k = islt(lo[n], lo[n - 1])) < 0) return -1;
            if (k) break;
        }
        return n;
    }

    // gallop_left: k such that a[k-1] < key <= a[k], searching out from a[hint].
    Py_ssize_t gallop_left(const Entry& key, const Entry* a, Py_ssize_t n, Py_ssize_t hint) {
        Py_ssize_t ofs = 1, lastofs = 0;
        int k;
        a += hint;
        if ((k = islt(*a, key)) < 0) return -1;
        if (k) {
            const Py_ssize_t maxofs = n - hint;
            while (ofs < maxofs) {
                if ((k = islt(a[ofs], key)) < 0) return -1;
                if (!k) break;
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            if (ofs > maxofs) ofs = maxofs;
            lastofs += hint;
            ofs += hint;
        } else {
            const Py_ssize_t maxofs = hint + 1;
            while (ofs < maxofs) {
                if ((k = islt(*(a - ofs), key)) < 0) return -1;
                if (k) break;
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            if (ofs > maxofs) ofs = maxofs;
            const Py_ssize_t t = lastofs;
            lastofs = hint - ofs;
            ofs = hint - t;
        }
        a -= hint;
        ++lastofs;
        while (lastofs < ofs) {
            const Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
            if ((k = islt(a[m], key)) < 0) return -1;
            if (k)
                lastofs = m + 1;
            else
                ofs = m;
        }
        return ofs;
    }

    // gallop_right: k such that a[k-1] <= key < a[k].
    Py_ssize_t gallop_right(const Entry& key, const Entry* a, Py_ssize_t n, Py_ssize_t hint) {
        Py_ssize_t ofs = 1, lastofs = 0;
        int k;
        a += hint;
        if ((k = islt(key, *a)) < 0) return -1;
        if (k) {
            const Py_ssize_t maxofs = hint + 1;
            while (ofs < maxofs) {
                if ((k = islt(key, *(a - ofs))) < 0) return -1;
                if (!k) break;
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            if (ofs > maxofs) ofs = maxofs;
            const Py_ssize_t t = lastofs;
            lastofs = hint - ofs;
            ofs = hint - t;
        } else {
            const Py_ssize_t maxofs = n - hint;
            while (ofs < maxofs) {
                if ((k = islt(key, a[ofs])) < 0) return -1;
                if (k) break;
                lastofs = ofs;
                ofs = (ofs << 1) + 1;
            }
            if (ofs > maxofs) ofs = maxofs;
            lastofs += hint;
            ofs += hint;
        }
        a -= hint;
        ++lastofs;
        while (lastofs < ofs) {
            const Py_ssize_t m = lastofs + ((ofs - lastofs) >> 1);
            if ((k = islt(key, a[m])) < 0) return -1;
            if (k)
                ofs = m;
            else
                lastofs = m + 1;
        }
        return ofs;
    }

    static void move(Entry* dest, const Entry* src, Py_ssize_t n) {
        if (n > 0) std::memmove(static_cast<void*>(dest), src, static_cast<size_t>(n) * sizeof(Entry));
    }

    // merge_lo: na <= nb; run a is copied out and merged from the left.
    int merge_lo(Entry* ssa, Py_ssize_t na, Entry* ssb, Py_ssize_t nb) {
        if (!getmem(na)) return -1;
        move(temp_.data(), ssa, na);
        Entry* dest = ssa;
        Entry* pa = temp_.data();
        int result = -1;
        int k;
        *dest++ = *ssb++;
        if (--nb == 0) goto succeed;
        if (na == 1) goto copy_b;
        for (;;) {
            Py_ssize_t acount = 0, bcount = 0;
            for (;;) {
                if ((k = islt(*ssb, *pa)) < 0) goto fail;
                if (k) {
                    *dest++ = *ssb++;
                    ++bcount;
                    acount = 0;
                    if (--nb == 0) goto succeed;
                    if (bcount >= min_gallop_) break;
                } else {
                    *dest++ = *pa++;
                    ++acount;
                    bcount = 0;
                    if (--na == 1) goto copy_b;
                    if (acount >= min_gallop_) break;
                }
            }
            ++min_gallop_;
            do {
                min_gallop_ -= min_gallop_ > 1;
                Py_ssize_t g = gallop_right(*ssb, pa, na, 0);
                acount = g;
                if (g) {
                    if (g < 0) goto fail;
                    move(dest, pa, g);
                    dest += g;
                    pa += g;
                    na -= g;
                    if (na == 1) goto copy_b;
                    if (na == 0) goto succeed;
                }
                *dest++ = *ssb++;
                if (--nb == 0) goto succeed;
                g = gallop_left(*pa, ssb, nb, 0);
                bcount = g;
                if (g) {
                    if (g < 0) goto fail;
                    move(dest, ssb, g);
                    dest += g;
                    ssb += g;
                    nb -= g;
                    if (nb == 0) goto succeed;
                }
                *dest++ = *pa++;
                if (--na == 1) goto copy_b;
            } while (acount >= kMinGallop || bcount >= kMinGallop);
            ++min_gallop_;
        }
    succeed:
        result = 0;
    fail:
        if (na) move(dest, pa, na);
        return result;
    copy_b:
        move(dest, ssb, nb);
        dest[nb] = *pa;
        return 0;
    }

    // merge_hi: na >= nb; run b is copied out and merged from the right.
    int merge_hi(Entry* ssa, Py_ssize_t na, Entry* ssb, Py_ssize_t nb) {
        if (!getmem(nb)) return -1;
        Entry* dest = ssb + nb - 1;
        move(temp_.data(), ssb, nb);
        Entry* basea = ssa;
        Entry* baseb = temp_.data();
        Entry* pb = baseb + nb - 1;
        Entry* pa = ssa + na - 1;
        int result = -1;
        int k;
        *dest-- = *pa--;
        if (--na == 0) goto succeed;
        if (nb == 1) goto copy_a;
        for (;;) {
            Py_ssize_t acount = 0, bcount = 0;
            for (;;) {
                if ((k = islt(*pb, *pa)) < 0) goto fail;
                if (k) {
                    *dest-- = *pa--;
                    ++acount;
                    bcount = 0;
                    if (--na == 0) goto succeed;
                    if (acount >= min_gallop_) break;
                } else {
                    *dest-- = *pb--;
                    ++bcount;
                    acount = 0;
                    if (--nb == 1) goto copy_a;
                    if (bcount >= min_gallop_) break;
                }
            }
            ++min_gallop_;
            do {
                min_gallop_ -= min_gallop_ > 1;
                Py_ssize_t g = gallop_right(*pb, basea, na, na - 1);
                if (g < 0) goto fail;
                g = na - g;
                acount = g;
                if (g) {
                    dest -= g;
                    pa -= g;
                    move(dest + 1, pa + 1, g);
                    na -= g;
                    if (na == 0) goto succeed;
                }
                *dest-- = *pb--;
                if (--nb == 1) goto copy_a;
                g = gallop_left(*pa, baseb, nb, nb - 1);
                if (g < 0) goto fail;
                g = nb - g;
                bcount = g;
                if (g) {
                    dest -= g;
                    pb -= g;
                    move(dest + 1, pb + 1, g);
                    nb -= g;
                    if (nb == 1) goto copy_a;
                    if (nb == 0) goto succeed;
                }
                *dest-- = *pa--;
                if (--na == 0) goto succeed;
            } while (acount >= kMinGallop || bcount >= kMinGallop);
            ++min_gallop_;
        }
    succeed:
        result = 0;
    fail:
        if (nb) move(dest - (nb - 1), baseb, nb);
        return result;
    copy_a:
        move(dest + 1 - na, pa + 1 - na, na);
        dest -= na;
        pa -= na;
        dest[0] = *pb;
        return 0;
    }

    // merge_at: merges pending runs i and i + 1.
    bool merge_at(size_t i) {
        Entry* ssa = pending_[i].base;
        Py_ssize_t na = pending_[i].len;
        Entry* ssb = pending_[i + 1].base;
        Py_ssize_t nb = pending_[i + 1].len;
        pending_[i].len = na + nb;
        if (i + 3 == pending_.size()) pending_[i + 1] = pending_[i + 2];
        pending_.pop_back();
        Py_ssize_t k = gallop_right(*ssb, ssa, na, 0);
        if (k < 0) return false;
        ssa += k;
        na -= k;
        if (na == 0) return true;
        nb = gallop_left(ssa[na - 1], ssb, nb, nb - 1);
        if (nb <= 0) return nb == 0;
        return (na <= nb ? merge_lo(ssa, na, ssb, nb) : merge_hi(ssa, na, ssb, nb)) == 0;
    }

    // merge_collapse (up to 3.10): restores the run-length invariants on the stack.
    bool merge_collapse() {
        while (pending_.size() > 1) {
            size_t n = pending_.size() - 2;
            const auto len = [&](size_t i) { return pending_[i].len; };
            if ((n > 0 && len(n - 1) <= len(n) + len(n + 1)) || (n > 1 && len(n - 2) <= len(n - 1) + len(n))) {
                if (len(n - 1) < len(n + 1)) --n;
                if (!merge_at(n)) return false;
            } else if (len(n) <= len(n + 1)) {
                if (!merge_at(n)) return false;
            } else {
                break;
            }
        }
        return true;
    }

    // powerloop: the depth of the boundary between two adjacent runs in the merge tree.
    int powerloop(Py_ssize_t s1, Py_ssize_t n1, Py_ssize_t n2) const {
        int result = 0;
        Py_ssize_t a = 2 * s1 + n1;
        Py_ssize_t b = a + n1 + n2;
        const Py_ssize_t n = listlen_;
        for (;;) {
            ++result;
            if (a >= n) {
                a -= n;
                b -= n;
            } else if (b >= n) {
                break;
            }
            a <<= 1;
            b <<= 1;
        }
        return result;
    }

    // found_new_run (3.11+): merges the runs of greater power before a run of length n2 is pushed.
    bool found_new_run(Py_ssize_t n2) {
        if (pending_.empty()) return true;
        const Run& top = pending_.back();
        const int power = powerloop(top.base - basekeys_, top.len, n2);
        while (pending_.size() > 1 && pending_[pending_.size() - 2].power > power)
            if (!merge_at(pending_.size() - 2)) return false;
        pending_.back().power = power;
        return true;
    }

    bool merge_force_collapse() {
        while (pending_.size() > 1) {
            size_t n = pending_.size() - 2;
            if (n > 0 && pending_[n - 1].len < pending_[n + 1].len) --n;
            if (!merge_at(n)) return false;
        }
        return true;
    }
};

}  // namespace

bool list_sort_with(Runtime& rt, PyObject* self, PyObject* key, PyObject* cmp, bool reverse) {
    const bool py2 = rt.profile().major == 2;
    PyListObject* l = as_list(self);
    // The list is emptied while it sorts, so that the key and comparison code cannot see or move
    // its items; allocated == -1 marks it untouched.
    const Py_ssize_t saved_size = Py_SIZE(self);
    PyObject** saved_items = l->ob_item.p;
    const Py_ssize_t saved_allocated = l->allocated;
    Py_SET_SIZE(self, 0);
    l->ob_item.p = nullptr;
    l->allocated = -1;
    ThreadState& ts = rt.tstate();
    ts.hold(saved_items);

    std::vector<Entry> entries(static_cast<size_t>(saved_size));
    for (Py_ssize_t i = 0; i < saved_size; ++i) entries[i] = {saved_items[i], saved_items[i], nullptr};
    bool ok = true;
    // 3.x keeps the keys on the C stack for short lists, in a PyMem block from 128 items.
    void* keys_block = nullptr;
    const bool keys_on_heap = key != nullptr && !py2 && saved_size >= kTempSize / 2;
    if (keys_on_heap) keys_block = rt.mem_malloc(static_cast<size_t>(saved_size * kPointerBytes));
    ts.hold(keys_block);
    for (Py_ssize_t i = 0; ok && key != nullptr && i < saved_size; ++i) {
        PyObject* k = object_call_one(rt, key, saved_items[i]);
        void* wrapper = k != nullptr && py2 ? rt.obj_malloc(kSortWrapperBytes) : nullptr;
        ts.hold(wrapper);
        if (k == nullptr) {
            // The keys made so far go, the last first.
            for (Py_ssize_t j = i - 1; j >= 0; --j) {
                rt.decref(entries[j].key);
                ts.let_go(entries[j].wrapper);
                if (entries[j].wrapper != nullptr) rt.obj_free(entries[j].wrapper);
            }
            ok = false;
            break;
        }
        entries[i].key = k;
        entries[i].wrapper = wrapper;
    }
    if (!ok) {
        ts.let_go(keys_block);
        if (keys_block != nullptr) rt.mem_free(keys_block);
    } else {
        {
            MergeState ms(rt, cmp, entries.data(), saved_size, key != nullptr);
            if (saved_size > 1) {
                if (reverse) std::reverse(entries.begin(), entries.end());
                ok = ms.sort(entries.data(), saved_size);
            }
            if (key != nullptr) {
                for (Entry& e : entries) {
                    rt.decref(e.key);  // 2.7: sortwrapper_dealloc releases the key, then frees itself
                    ts.let_go(e.wrapper);
                    if (e.wrapper != nullptr) rt.obj_free(e.wrapper);
                }
                ts.let_go(keys_block);
                if (keys_block != nullptr) rt.mem_free(keys_block);
            }
            if (l->allocated != -1 && ok) {
                err_set_string(rt, rt.builtins().exc.ValueError, "list modified during sort");
                ok = false;
            }
            if (reverse && saved_size > 1) std::reverse(entries.begin(), entries.end());
        }  // merge_freemem
    }
    for (Py_ssize_t i = 0; i < saved_size; ++i) saved_items[i] = entries[i].value;
    ts.let_go(saved_items);
    // Put the items back; whatever the list gained meanwhile is released.
    PyObject** final_items = l->ob_item.p;
    Py_ssize_t i = Py_SIZE(self);
    Py_SET_SIZE(self, saved_size);
    l->ob_item.p = saved_items;
    l->allocated = saved_allocated;
    if (final_items != nullptr) {
        while (--i >= 0) rt.xdecref(final_items[i]);
        rt.mem_free(final_items);
    }
    return ok;
}

bool list_sort(Runtime& rt, PyObject* list, PyObject* key, bool reverse) {
    return list_sort_with(rt, list, key, nullptr, reverse);
}

}  // namespace pymemlab
