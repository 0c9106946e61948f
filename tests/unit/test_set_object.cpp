// set and frozenset: sizes and tables while int keys are added and discarded, table order with
// colliding keys, the empty frozenset, tracking, 2.7's free list, release order, per profile.
// Expected figures: tests/cpython/measure_dict_set.py on the pyenv builds 2.7.18, 3.6.15,
// 3.8.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (the fact each test uses is named in it).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "checked_runtime.h"
#include "object_support.h"
#include "object/dict_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"

using namespace pymemlab;

namespace {

using SetRuntime = CheckedRuntime;

void add(Runtime& rt, PyObject* s, int64_t k) {
    PyObject* key = long_from_int64(rt, k);
    REQUIRE(set_add(rt, s, key));
    rt.decref(key);
}

void discard(Runtime& rt, PyObject* s, int64_t k) {
    PyObject* key = long_from_int64(rt, k);
    REQUIRE(set_discard(rt, s, key));
    rt.decref(key);
}

}  // namespace

TEST_CASE("getsizeof after adding 0 to 40 to a set matches each CPython") {
    // set_getsizeof_0_to_40. 2.7 and 3.6 grow when fill reaches 2/3 of the slots (2.7 of
    // mask + 1, 3.6 of mask), 3.7+ at 3/5 of mask; all to 4 times used. 3.14: 3.13's figures.
    const std::map<std::string, std::vector<int64_t>> expected = {
        {"2.7", runs({{232, 6}, {744, 16}, {2280, 19}})},
        {"3.6", runs({{232, 5}, {744, 16}, {2280, 20}}, kPyenv36GcExtra)},
        {"3.8", runs({{216, 5}, {728, 14}, {2264, 22}})},
        {"3.10", runs({{216, 5}, {728, 14}, {2264, 22}})},
        {"3.11", runs({{216, 5}, {728, 14}, {2264, 22}})},
        {"3.12", runs({{216, 5}, {728, 14}, {2264, 22}})},
        {"3.13", runs({{216, 5}, {728, 14}, {2264, 22}})},
        {"3.14", runs({{216, 5}, {728, 14}, {2264, 22}})},
    };
    for (const auto& [name, sizes] : expected) {
        SetRuntime rt(name.c_str());
        PyObject* s = set_new(rt);
        std::vector<int64_t> seen;
        for (int64_t i = 0; i <= 40; ++i) {
            seen.push_back(set_sizeof(rt, s));
            add(rt, s, i);
        }
        INFO(name);
        CHECK(seen == sizes);
        CHECK(set_len(s) == 41);
        rt.decref(s);
    }
}

TEST_CASE("a set's table leaves the object at the add and request size tracemalloc shows") {
    // set_blocks_per_add_1_to_41: 3.8+ [[512], []] at the 5th add and [[2048], [512]] at the
    // 19th; 3.6 at the 5th and the 21st. 2.7 (no tracemalloc) by the same rule: its table is
    // malloc'ed at the 6th add and replaced at the 22nd.
    struct Row { const char* profile; int first, second; };
    for (Row r : {Row{"2.7", 6, 22}, Row{"3.6", 5, 21}, Row{"3.8", 5, 19}, Row{"3.12", 5, 19}, Row{"3.13", 5, 19}}) {
        SetRuntime rt(r.profile);
        PyObject* s = set_new(rt);
        rt.start_tracing();
        std::vector<std::pair<int, size_t>> allocated, freed;
        for (int i = 1; i <= 41; ++i) {
            const auto before = rt.traced_blocks();
            add(rt, s, i - 1);
            for (const auto& [p, n] : rt.traced_blocks())
                if (!before.count(p)) allocated.emplace_back(i, n);
            for (const auto& [p, n] : before)
                if (!rt.traced_blocks().count(p)) freed.emplace_back(i, n);
            // Pymalloc serves the 512-byte table in 3.x; 2.7's PyMem_NEW is malloc.
            if (i == r.first) CHECK(rt.allocator().owns(set_table_block(rt, s)) == (rt.profile().major == 3));
        }
        INFO(r.profile);
        CHECK(allocated == std::vector<std::pair<int, size_t>>{{r.first, 512}, {r.second, 2048}});
        CHECK(freed == std::vector<std::pair<int, size_t>>{{r.second, 512}});
        rt.stop_tracing();
        rt.decref(s);
    }
}

TEST_CASE("dummies count toward fill until a resize drops them") {
    // set_add_N_discard_N-1_then_add_6_getsizeof: 0..n-1 added, all but 0 discarded, then
    // n..n+5 (fresh slots). With n = 18 the fill of 3.7+ crosses 3/5 at once and the table
    // shrinks from 32 slots to 16 (4 * used = 8 asks for more than 8).
    struct Row { const char* profile; std::vector<int64_t> four, eighteen; };
    const int64_t g = kPyenv36GcExtra;
    const std::vector<Row> rows = {
        {"2.7", {232, 232, 488, 488, 488, 488, 488}, runs({{744, 7}})},
        {"3.6", runs({{232, 1}, {488, 6}}, g), runs({{744, 7}}, g)},
        {"3.8", runs({{216, 1}, {472, 6}}), runs({{728, 1}, {472, 6}})},
        {"3.11", runs({{216, 1}, {472, 6}}), runs({{728, 1}, {472, 6}})},
        {"3.13", runs({{216, 1}, {472, 6}}), runs({{728, 1}, {472, 6}})},
    };
    for (const Row& r : rows) {
        SetRuntime rt(r.profile);
        for (int n : {4, 18}) {
            PyObject* s = set_new(rt);
            for (int i = 0; i < n; ++i) add(rt, s, i);
            for (int i = 1; i < n; ++i) discard(rt, s, i);
            std::vector<int64_t> seen = {set_sizeof(rt, s)};
            for (int k = n; k < n + 6; ++k) {
                add(rt, s, k);
                seen.push_back(set_sizeof(rt, s));
            }
            INFO(r.profile << ", n = " << n);
            CHECK(seen == (n == 4 ? r.four : r.eighteen));
            CHECK(set_len(s) == 7);
            rt.decref(s);
        }
    }
}

TEST_CASE("colliding keys sit where each CPython's probing puts them") {
    // set_order_8_0_16_1_24_9, set_order_after_discard_0_add_32 (3.x reuses the dummy at slot
    // 0), set_order_7_15_23 and set_referents_7_15_23: 2.7 [23, 15, 7], 3.x [15, 23, 7].
    for (const char* name : {"2.7", "3.6", "3.8", "3.11", "3.13"}) {
        SetRuntime rt(name);
        const bool py2 = rt.profile().major == 2;
        PyObject* s = set_new(rt);
        for (int64_t k : {8, 0, 16, 1, 24, 9}) add(rt, s, k);
        INFO(name);
        CHECK(values_of(rt, set_keys(rt, s)) == std::vector<int64_t>{0, 1, 8, 9, 16, 24});
        discard(rt, s, 0);
        add(rt, s, 32);
        CHECK(values_of(rt, set_keys(rt, s)) == std::vector<int64_t>{32, 1, 8, 9, 16, 24});
        PyObject* k9 = long_from_int64(rt, 9);
        PyObject* k0 = long_from_int64(rt, 0);
        CHECK(set_contains(rt, s, k9));
        CHECK_FALSE(set_contains(rt, s, k0));
        CHECK_FALSE(set_discard(rt, s, k0));
        rt.decref(k9);
        rt.decref(k0);

        PyObject* t = set_new(rt);
        for (int64_t k : {7, 15, 23}) add(rt, t, k);
        const std::vector<int64_t> order = py2 ? std::vector<int64_t>{23, 15, 7} : std::vector<int64_t>{15, 23, 7};
        CHECK(values_of(rt, set_keys(rt, t)) == order);
        std::vector<PyObject*> seen;
        Py_TYPE(t)->tp_traverse(t, [](PyObject* o, void* arg) { static_cast<std::vector<PyObject*>*>(arg)->push_back(o); }, &seen);
        CHECK(values_of(rt, seen) == order);
        rt.decref(s);
        rt.decref(t);
    }
}

TEST_CASE("frozenset() is a singleton up to 3.9 and a new object from 3.10") {
    // frozenset_empty_is_singleton and frozenset_of_empty_list_is_singleton: True on 2.7.18,
    // 3.6.15 and 3.8.18, False on 3.10.13 and later.
    for (const char* name : {"2.7", "3.6", "3.8", "3.10", "3.11", "3.13"}) {
        SetRuntime rt(name);
        const bool singleton = !rt.profile().at_least(3, 10);
        const std::vector<PyObject*> nothing;
        PyObject* a = frozenset_new(rt, nullptr);
        PyObject* b = frozenset_new(rt, nullptr);
        PyObject* c = frozenset_new(rt, &nothing);
        INFO(name);
        CHECK((a == b) == singleton);
        CHECK((a == c) == singleton);
        PyObject* one = long_from_int64(rt, 1);
        const std::vector<PyObject*> items = {one, one};
        PyObject* f = frozenset_new(rt, &items);
        CHECK(set_len(f) == 1);
        CHECK(Py_TYPE(f) == rt.builtins().frozenset_type);
        for (PyObject* o : {a, b, c, f, one}) rt.decref(o);
    }
}

TEST_CASE("sets and frozensets are tracked from their creation") {
    // set_tracked_empty_ints and frozenset_tracked_empty_ints: [True, True] everywhere.
    for (const char* name : {"2.7", "3.6", "3.10", "3.13", "3.14"}) {
        SetRuntime rt(name);
        PyObject* s = set_new(rt);
        PyObject* f = frozenset_new(rt, nullptr);
        INFO(name);
        CHECK(rt.gc_is_tracked(s));
        CHECK(rt.gc_is_tracked(f));
        CHECK(set_sizeof(rt, s) == rt.profile().gc_head_size + 200);
        rt.decref(s);
        rt.decref(f);
    }
}

TEST_CASE("2.7 keeps a freed set for the next one and 3.x gives its block back") {
    // set_freed_block_went_to_other_object: False on 2.7.18 (free list), True from 3.6.
    for (const char* name : {"2.7", "3.6", "3.8", "3.13"}) {
        SetRuntime rt(name);
        const bool py2 = rt.profile().major == 2;
        std::vector<PyObject*> sets;
        for (int i = 0; i < 300; ++i) sets.push_back(set_new(rt));
        const uint64_t block = rt.allocator().address_of(rt.block_of(sets[150]));
        rt.decref(sets[150]);
        void* other = rt.obj_malloc(rt.profile().gc_head_size + 200);
        INFO(name);
        CHECK((rt.allocator().address_of(other) == block) == !py2);
        CHECK(rt.builtins().set_state.numfree == (py2 ? 1 : 0));
        rt.obj_free(other);
        sets[150] = set_new(rt);  // 2.7: the free-listed set comes back
        if (py2) CHECK(rt.allocator().address_of(rt.block_of(sets[150])) == block);
        for (PyObject* s : sets) rt.decref(s);
    }
}

TEST_CASE("a set releases its keys in table order") {
    // set_table_and_first_reused [[0, 9], 1]: 1009 (slot 1) and 1000 (slot 0) are released as
    // 1000 then 1009, so the next int takes 1009's block (2.7: its int free list does the same).
    for (const char* name : {"2.7", "3.6", "3.8", "3.13"}) {
        SetRuntime rt(name);
        // A busy interpreter's int pool: kept in use, so that freed blocks stay in it.
        PyObject* pad = long_from_int64(rt, 5000);
        PyObject* s = set_new(rt);
        PyObject* a = long_from_int64(rt, 1009);
        PyObject* b = long_from_int64(rt, 1000);
        REQUIRE(set_add(rt, s, a));
        REQUIRE(set_add(rt, s, b));
        const std::vector<uint64_t> ids = {rt.id(b), rt.id(a)};  // table order
        CHECK(values_of(rt, set_keys(rt, s)) == std::vector<int64_t>{1000, 1009});
        rt.decref(a);
        rt.decref(b);
        rt.decref(s);
        PyObject* x = long_from_int64(rt, 1050);
        INFO(name);
        CHECK(rt.id(x) == ids[1]);
        rt.decref(x);
        rt.decref(pad);
    }
}
