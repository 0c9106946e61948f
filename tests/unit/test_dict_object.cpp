// dict: sizes and keys blocks while int keys go in and out, {} and dict(), the free lists,
// probing order, hashes, GC tracking, traversal and release order, per profile.
// Expected figures: tests/cpython/measure_dict_set.py on the pyenv builds 2.7.18, 3.6.15,
// 3.8.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (the fact each test uses is named in it).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "checked_runtime.h"
#include "object_support.h"
#include "object/dict_object.h"
#include "object/float_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

using namespace pymemlab;

namespace {

using DictRuntime = CheckedRuntime;

PyObject* borrowed_none(Runtime& rt) { return rt.builtins().singletons.none; }

void put(Runtime& rt, PyObject* d, int64_t k) {
    PyObject* key = long_from_int64(rt, k);
    REQUIRE(dict_setitem(rt, d, key, borrowed_none(rt)));
    rt.decref(key);
}

void del(Runtime& rt, PyObject* d, int64_t k) {
    PyObject* key = long_from_int64(rt, k);
    REQUIRE(dict_delitem(rt, d, key));
    rt.decref(key);
}

// What tracemalloc shows for one step: request sizes of the blocks it allocated and freed.
struct Blocks {
    std::vector<size_t> added, removed;
    bool operator==(const Blocks& o) const { return added == o.added && removed == o.removed; }
};

template <class F>
Blocks traced_step(Runtime& rt, F&& step) {
    const auto before = rt.traced_blocks();
    step();
    Blocks b;
    for (const auto& [p, n] : rt.traced_blocks())
        if (!before.count(p)) b.added.push_back(n);
    for (const auto& [p, n] : before)
        if (!rt.traced_blocks().count(p)) b.removed.push_back(n);
    std::sort(b.added.begin(), b.added.end());
    std::sort(b.removed.begin(), b.removed.end());
    return b;
}

}  // namespace

TEST_CASE("getsizeof after inserting 0 to 40 int keys matches each CPython") {
    // dict_getsizeof_0_to_40_int_keys. 3.14 has no 64-bit build here: 3.13's figures.
    const std::map<std::string, std::vector<int64_t>> expected = {
        {"2.7", runs({{280, 6}, {1048, 16}, {3352, 19}})},
        {"3.6", runs({{248, 6}, {376, 5}, {656, 11}, {1192, 19}}, kPyenv36GcExtra)},
        {"3.8", runs({{64, 1}, {232, 5}, {360, 5}, {640, 11}, {1176, 19}})},
        {"3.10", runs({{64, 1}, {232, 5}, {360, 5}, {640, 11}, {1176, 19}})},
        {"3.11", runs({{64, 1}, {224, 5}, {352, 5}, {632, 11}, {1168, 19}})},
        {"3.12", runs({{64, 1}, {224, 5}, {352, 5}, {632, 11}, {1168, 19}})},
        {"3.13", runs({{64, 1}, {224, 5}, {352, 5}, {632, 11}, {1168, 19}})},
        {"3.14", runs({{64, 1}, {224, 5}, {352, 5}, {632, 11}, {1168, 19}})},
    };
    for (const auto& [name, sizes] : expected) {
        DictRuntime rt(name.c_str());
        PyObject* d = dict_new(rt);
        std::vector<int64_t> seen;
        for (int64_t i = 0; i <= 40; ++i) {
            seen.push_back(dict_sizeof(rt, d));
            put(rt, d, i);
        }
        INFO(name);
        CHECK(seen == sizes);
        CHECK(dict_len(rt, d) == 41);
        rt.decref(d);
    }
}

TEST_CASE("the keys block is allocated and replaced at the insertions and request sizes tracemalloc shows") {
    // dict_blocks_per_insert_1_to_41: [blocks allocated, blocks freed] at each insertion. The
    // size-8 keys of 3.8 and 3.10 go to the keys free list (still allocated); 3.6 frees them
    // (its dictresize never feeds the free list); 3.11+ frees them (int keys are not str keys).
    using Steps = std::map<int, Blocks>;
    const std::map<std::string, Steps> expected = {
        {"3.6", {{6, {{296}, {168}}}, {11, {{576}, {296}}}, {22, {{1112}, {576}}}}},
        {"3.8", {{1, {{168}, {}}}, {6, {{296}, {}}}, {11, {{576}, {296}}}, {22, {{1112}, {576}}}}},
        {"3.10", {{1, {{168}, {}}}, {6, {{296}, {}}}, {11, {{576}, {296}}}, {22, {{1112}, {576}}}}},
        {"3.11", {{1, {{160}, {}}}, {6, {{288}, {160}}}, {11, {{568}, {288}}}, {22, {{1104}, {568}}}}},
        {"3.12", {{1, {{160}, {}}}, {6, {{288}, {160}}}, {11, {{568}, {288}}}, {22, {{1104}, {568}}}}},
        {"3.13", {{1, {{160}, {}}}, {6, {{288}, {160}}}, {11, {{568}, {288}}}, {22, {{1104}, {568}}}}},
    };
    for (const auto& [name, steps] : expected) {
        DictRuntime rt(name.c_str());
        rt.start_tracing();  // before the dict: 3.6 allocates its first keys with it
        PyObject* d = dict_new(rt);
        for (int i = 1; i <= 41; ++i) {
            Blocks b = traced_step(rt, [&] { put(rt, d, i - 1); });
            auto it = steps.find(i);
            INFO(name << ", insertion " << i);
            CHECK(b == (it == steps.end() ? Blocks{} : it->second));
        }
        CHECK(dict_table_slots(rt, d) == 64);
        rt.stop_tracing();
        rt.decref(d);
    }
}

TEST_CASE("a dict shrunk by deletions regrows as each CPython sizes it") {
    // dict_insert_N_delete_N-1_then_insert_6_getsizeof: keys 0..n-1, all but 0 deleted, then
    // n..n+5. 3.6 grows to used*2 + size/2, 3.8 to used*3; 3.10+ computes the size with
    // (minsize | 8) - 1, which turns a minimum of 3 into 16 slots.
    struct Row { const char* profile; std::vector<int64_t> five, ten; };
    const int64_t g = kPyenv36GcExtra;
    const std::vector<Row> rows = {
        {"2.7", {280, 664, 664, 664, 664, 664, 664}, {1048, 1048, 1048, 1048, 1048, 1048, 1048}},
        {"3.6", {248 - g, 248 - g, 248 - g, 248 - g, 248 - g, 376 - g, 376 - g}, runs({{376, 7}}, g)},
        {"3.8", {232, 232, 232, 232, 232, 360, 360}, {360, 232, 232, 232, 232, 360, 360}},
        {"3.10", {232, 360, 360, 360, 360, 360, 360}, runs({{360, 7}})},
        {"3.11", {224, 352, 352, 352, 352, 352, 352}, runs({{352, 7}})},
        {"3.13", {224, 352, 352, 352, 352, 352, 352}, runs({{352, 7}})},
    };
    for (const Row& r : rows) {
        DictRuntime rt(r.profile);
        for (int n : {5, 10}) {
            PyObject* d = dict_new(rt);
            for (int i = 0; i < n; ++i) put(rt, d, i);
            for (int i = 1; i < n; ++i) del(rt, d, i);
            std::vector<int64_t> seen = {dict_sizeof(rt, d)};
            for (int k = n; k < n + 6; ++k) {
                put(rt, d, k);
                seen.push_back(dict_sizeof(rt, d));
            }
            INFO(r.profile << ", n = " << n);
            CHECK(seen == (n == 5 ? r.five : r.ten));
            CHECK(values_of(rt, dict_keys(rt, d)) == std::vector<int64_t>{0, n, n + 1, n + 2, n + 3, n + 4, n + 5});
            rt.decref(d);
        }
    }
}

TEST_CASE("{} shares the static empty keys from 3.8 while dict() allocates keys up to 3.9") {
    // getsizeof_dict_empty_literal, getsizeof_dict_call, getsizeof_dict_cleared.
    struct Row { const char* profile; int64_t literal, call, cleared; };
    const int64_t g = kPyenv36GcExtra;
    for (Row r : {Row{"2.7", 280, 280, 280}, Row{"3.6", 248 - g, 248 - g, 80 - g}, Row{"3.8", 64, 232, 64},
                  Row{"3.10", 64, 64, 64}, Row{"3.11", 64, 64, 64}, Row{"3.13", 64, 64, 64}, Row{"3.14", 64, 64, 64}}) {
        DictRuntime rt(r.profile);
        PyObject* a = dict_new(rt);
        PyObject* b = dict_new_from_type(rt);
        PyObject* c = dict_new(rt);
        put(rt, c, 1);
        dict_clear(rt, c);
        INFO(r.profile);
        CHECK(dict_sizeof(rt, a) == r.literal);
        CHECK(dict_sizeof(rt, b) == r.call);
        CHECK(dict_sizeof(rt, c) == r.cleared);
        CHECK((dict_table_block(rt, a) == nullptr) == (rt.profile().major == 2 || rt.profile().at_least(3, 8)));
        CHECK(dict_len(rt, c) == 0);
        put(rt, c, 2);  // a cleared dict takes keys again
        CHECK(values_of(rt, dict_keys(rt, c)) == std::vector<int64_t>{2});
        for (PyObject* d : {a, b, c}) rt.decref(d);
    }
}

TEST_CASE("a new dict asks for the object and in 3.6 its keys in one go") {
    // dict_object_request: 3.6.15 [80, 168] (80 = 48 + its 32-byte GC header), 3.8+ [64].
    struct Row { const char* profile; std::vector<size_t> blocks; };
    for (const Row& r : {Row{"3.6", {48 + 24, 168}}, Row{"3.8", {64}}, Row{"3.11", {64}}, Row{"3.13", {64}}}) {
        DictRuntime rt(r.profile);
        rt.start_tracing();
        PyObject* d = nullptr;
        Blocks b = traced_step(rt, [&] { d = dict_new(rt); });
        INFO(r.profile);
        CHECK(b.added == r.blocks);
        rt.stop_tracing();
        rt.decref(d);
    }
}

TEST_CASE("a freed dict waits on the free list for the next {} but dict() allocates anew") {
    // dict_literal_reuses_freed_dict True, dict_call_reuses_freed_dict False and
    // dict_freed_block_went_to_other_object False on every build.
    for (const char* name : {"2.7", "3.6", "3.8", "3.11", "3.13", "3.14"}) {
        DictRuntime rt(name);
        PyObject* d = dict_new(rt);
        const uint64_t id = rt.id(d);
        const int64_t count = rt.gc_count(0);
        rt.decref(d);
        CHECK(rt.builtins().dict_state.numfree == 1);
        // The block is kept: no deallocation counted. 3.14.1+ counts tracked objects, and the
        // dealloc untracked it.
        CHECK(rt.gc_count(0) == (rt.profile().at_least(3, 14) ? count - 1 : count));
        const size_t request = rt.profile().gc_head_size + static_cast<size_t>(rt.builtins().dict_type->tp_basicsize);
        void* other = rt.obj_malloc(request);  // a same-size request gets another block
        CHECK(rt.allocator().address_of(other) + rt.profile().gc_head_size != id);
        rt.obj_free(other);
        PyObject* viacall = dict_new_from_type(rt);
        PyObject* literal = dict_new(rt);
        INFO(name);
        CHECK(rt.id(viacall) != id);
        CHECK(rt.id(literal) == id);
        rt.decref(viacall);
        rt.decref(literal);
    }
}

TEST_CASE("the dict free list holds at most 80 dicts") {
    DictRuntime rt("3.12");
    std::vector<PyObject*> dicts;
    for (int i = 0; i < 100; ++i) dicts.push_back(dict_new(rt));
    const uint64_t blocks = rt.allocator().allocated_blocks();
    for (PyObject* d : dicts) rt.decref(d);
    CHECK(rt.builtins().dict_state.numfree == kDictMaxFreeList);
    CHECK(rt.allocator().allocated_blocks() == blocks - 20);
}

TEST_CASE("8-slot keys are kept for any keys up to 3.10 and only for str keys from 3.11") {
    // dict_int_key_after_free_blocks and dict_str_key_after_free_blocks: a dict with one key,
    // freed, then another: 3.6-3.10 [[], []] for both; 3.11+ [[160], []] for int keys and
    // [[], []] for str keys.
    for (const char* name : {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13"}) {
        DictRuntime rt(name);
        for (bool str : {false, true}) {
            PyObject* key = str ? str_from_utf8(rt, "k") : long_from_int64(rt, 1);
            for (int round = 0; round < 2; ++round) {
                rt.start_tracing();
                PyObject* d = nullptr;
                Blocks b = traced_step(rt, [&] {
                    d = dict_new(rt);
                    REQUIRE(dict_setitem(rt, d, key, borrowed_none(rt)));
                });
                rt.stop_tracing();
                rt.decref(d);
                if (round == 0) continue;
                const bool fresh_keys = !str && rt.profile().at_least(3, 11);
                INFO(name << (str ? ", str key" : ", int key"));
                CHECK(b.added == (fresh_keys ? std::vector<size_t>{160} : std::vector<size_t>{}));
            }
            rt.decref(key);
        }
    }
}

TEST_CASE("str keys make 16-byte entries from 3.11 until another key arrives") {
    // getsizeof_dict_str_key and dict_4_str_keys_then_int_key_getsizeof: 3.11+ {'a','b','c','d'}
    // is 184; an int key rebuilds the table as general entries at GROWTH_RATE's size, 16 slots.
    struct Row { const char* profile; int64_t one, four, with_int; };
    const int64_t g = kPyenv36GcExtra;
    for (Row r : {Row{"2.7", 280, 280, 280}, Row{"3.6", 248 - g, 248 - g, 248 - g}, Row{"3.10", 232, 232, 232},
                  Row{"3.11", 184, 184, 352}, Row{"3.13", 184, 184, 352}}) {
        DictRuntime rt(r.profile);
        PyObject* d = dict_new(rt);
        std::vector<int64_t> seen;
        for (const char* k : {"a", "b", "c", "d"}) {
            PyObject* key = str_from_utf8(rt, k);
            REQUIRE(dict_setitem(rt, d, key, borrowed_none(rt)));
            rt.decref(key);
            if (seen.empty()) seen.push_back(dict_sizeof(rt, d));
        }
        seen.push_back(dict_sizeof(rt, d));
        put(rt, d, 1);
        seen.push_back(dict_sizeof(rt, d));
        INFO(r.profile);
        CHECK(seen == std::vector<int64_t>{r.one, r.four, r.with_int});
        PyObject* b = str_from_utf8(rt, "b");
        CHECK(dict_getitem(rt, d, b) == borrowed_none(rt));  // found by equality, not identity
        rt.decref(b);
        rt.decref(d);
    }
}

TEST_CASE("int keys hash as CPython hashes them") {
    // hash_ints: hash(-1), hash(2**61 - 1), hash(2**61), hash(-(2**61)).
    const int64_t two61 = int64_t{1} << 61;
    for (const char* name : {"2.7", "3.8", "3.13"}) {
        DictRuntime rt(name);
        std::vector<int64_t> hashes;
        for (int64_t v : {int64_t{-1}, two61 - 1, two61, -two61}) {
            PyObject* o = long_from_int64(rt, v);
            hashes.push_back(key_hash(rt, o));
            rt.decref(o);
        }
        INFO(name);
        if (rt.profile().major == 2)
            CHECK(hashes == std::vector<int64_t>{-2, two61 - 1, two61, -two61});
        else
            CHECK(hashes == std::vector<int64_t>{-2, 0, 1, -2});
    }
}

TEST_CASE("colliding keys iterate in table order in 2.7 and in insertion order from 3.6") {
    // dict_order_8_0_16_1_24_9 and dict_order_after_del_0_add_32.
    for (const char* name : {"2.7", "3.6", "3.8", "3.11", "3.14"}) {
        DictRuntime rt(name);
        PyObject* d = dict_new(rt);
        for (int64_t k : {8, 0, 16, 1, 24, 9}) put(rt, d, k);
        const bool py2 = rt.profile().major == 2;
        INFO(name);
        CHECK(values_of(rt, dict_keys(rt, d)) == (py2 ? std::vector<int64_t>{0, 1, 8, 9, 16, 24}
                                                      : std::vector<int64_t>{8, 0, 16, 1, 24, 9}));
        del(rt, d, 0);
        put(rt, d, 32);
        CHECK(values_of(rt, dict_keys(rt, d)) == (py2 ? std::vector<int64_t>{32, 1, 8, 9, 16, 24}
                                                      : std::vector<int64_t>{8, 16, 1, 24, 9, 32}));
        PyObject* k16 = long_from_int64(rt, 16);
        CHECK(dict_getitem(rt, d, k16) == borrowed_none(rt));
        rt.decref(k16);
        rt.decref(d);
    }
}

TEST_CASE("a dict is tracked once it holds a container and from 3.14 always") {
    // dict_tracked_empty_intkey_listvalue_afterdel [False, False, True, True] and
    // dict_tracked_with_empty_tuple_key False on every build; 3.14 tracks every dict (gh-127010).
    for (const char* name : {"2.7", "3.6", "3.8", "3.12", "3.13", "3.14"}) {
        DictRuntime rt(name);
        const bool all = rt.profile().at_least(3, 14);
        PyObject* d = dict_new(rt);
        std::vector<bool> seen = {rt.gc_is_tracked(d)};
        PyObject* one = long_from_int64(rt, 1);
        PyObject* two = long_from_int64(rt, 2);
        REQUIRE(dict_setitem(rt, d, one, two));
        seen.push_back(rt.gc_is_tracked(d));
        PyObject* l = list_new(rt, 0);
        REQUIRE(dict_setitem(rt, d, two, l));
        seen.push_back(rt.gc_is_tracked(d));
        del(rt, d, 2);
        seen.push_back(rt.gc_is_tracked(d));
        INFO(name);
        CHECK(seen == (all ? std::vector<bool>{true, true, true, true} : std::vector<bool>{false, false, true, true}));
        // What a full collection does to it (up to 3.13): no container left, so untracked.
        dict_maybe_untrack(rt, d);
        CHECK(rt.gc_is_tracked(d) == all);

        PyObject* e = dict_new(rt);
        PyObject* empty = tuple_new(rt, 0);  // () is never tracked
        REQUIRE(dict_setitem(rt, e, empty, one));
        CHECK(rt.gc_is_tracked(e) == all);
        for (PyObject* o : {d, e, one, two, l, empty}) rt.decref(o);
    }
}

TEST_CASE("dict traversal visits key then value in 2.7 and value then key from 3.6") {
    // dict_referents_10a_20b: 2.7 [10, 'a', 20, 'b'], 3.x ['a', 10, 'b', 20];
    // dict_referents_str_key_list_value: 2.7 ['x', []], 3.x [[]] (a str-only table).
    for (const char* name : {"2.7", "3.6", "3.10", "3.11", "3.13"}) {
        DictRuntime rt(name);
        PyObject* d = dict_new(rt);
        PyObject* k10 = long_from_int64(rt, 10);
        PyObject* k20 = long_from_int64(rt, 20);
        PyObject* a = str_from_utf8(rt, "a");
        PyObject* b = str_from_utf8(rt, "b");
        REQUIRE(dict_setitem(rt, d, k10, a));
        REQUIRE(dict_setitem(rt, d, k20, b));
        std::vector<PyObject*> seen;
        auto collect = [](PyObject* o, void* arg) { static_cast<std::vector<PyObject*>*>(arg)->push_back(o); };
        Py_TYPE(d)->tp_traverse(d, collect, &seen);
        const bool py2 = rt.profile().major == 2;
        INFO(name);
        CHECK(seen == (py2 ? std::vector<PyObject*>{k10, a, k20, b} : std::vector<PyObject*>{a, k10, b, k20}));

        PyObject* e = dict_new(rt);
        PyObject* x = str_from_utf8(rt, "x");
        PyObject* l = list_new(rt, 0);
        REQUIRE(dict_setitem(rt, e, x, l));
        seen.clear();
        Py_TYPE(e)->tp_traverse(e, collect, &seen);
        CHECK(seen == (py2 ? std::vector<PyObject*>{x, l} : std::vector<PyObject*>{l}));
        for (PyObject* o : {d, e, k10, k20, a, b, x, l}) rt.decref(o);
    }
}

TEST_CASE("a dealloc'd dict releases its values first to last") {
    // dict_release_order_of_values [2, 1, 0]: the float free list hands out the value released
    // last (the last one) first.
    for (const char* name : {"2.7", "3.6", "3.8", "3.11", "3.13"}) {
        DictRuntime rt(name);
        PyObject* d = dict_new(rt);
        std::vector<uint64_t> ids;
        for (int64_t i = 0; i < 3; ++i) {
            PyObject* key = long_from_int64(rt, i);
            PyObject* v = float_from_double(rt, 0.5 + static_cast<double>(i));
            REQUIRE(dict_setitem(rt, d, key, v));
            ids.push_back(rt.id(v));
            rt.decref(v);
            rt.decref(key);
        }
        rt.decref(d);
        std::vector<int64_t> order;
        std::vector<PyObject*> fresh;
        for (int i = 0; i < 3; ++i) {
            fresh.push_back(float_from_double(rt, 10.5 + i));
            auto it = std::find(ids.begin(), ids.end(), rt.id(fresh.back()));
            order.push_back(it == ids.end() ? -1 : it - ids.begin());
        }
        INFO(name);
        CHECK(order == std::vector<int64_t>{2, 1, 0});
        for (PyObject* f : fresh) rt.decref(f);
    }
}

TEST_CASE("dict_get_ascii finds by hash and text what dict_getitem finds, in every table layout") {
    // The lab's own name lookups (dunders, module attributes) make no str: they probe with the
    // hash a str of the text has. Checked against the real lookup with str keys, after deletions
    // (dummies on the probe path), resizes, a table made general by int keys, and absent names.
    for (const Profile& p : all_profiles()) {
        DictRuntime rt(p);
        PyObject* d = dict_new(rt);
        std::vector<PyObject*> keys;
        for (int i = 0; i < 60; ++i) {
            PyObject* k = str_from_utf8(rt, "name_" + std::to_string(i));
            PyObject* v = long_from_int64(rt, 1000 + i);
            REQUIRE(dict_setitem(rt, d, k, v));
            rt.decref(v);
            keys.push_back(k);
        }
        for (int i = 0; i < 60; i += 3) REQUIRE(dict_delitem(rt, d, keys[static_cast<size_t>(i)]));
        put(rt, d, 7);  // an int key: 2.7 and 3.6-3.10 leave the str-only lookup
        INFO(p.name);
        for (int i = 0; i < 60; ++i) {
            const std::string text = "name_" + std::to_string(i);
            PyObject* expected = dict_getitem(rt, d, keys[static_cast<size_t>(i)]);
            CHECK(dict_get_ascii(rt, d, text) == expected);
            CHECK((expected == nullptr) == (i % 3 == 0));
        }
        CHECK(dict_get_ascii(rt, d, "name_60") == nullptr);
        CHECK(dict_get_ascii(rt, d, "") == nullptr);
        PyObject* empty = dict_new(rt);
        CHECK(dict_get_ascii(rt, empty, "__init__") == nullptr);
        rt.decref(empty);
        for (PyObject* k : keys) rt.decref(k);
        rt.decref(d);
    }
}
