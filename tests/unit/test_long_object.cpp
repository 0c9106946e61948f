// int: the small-int cache per profile, sizes and requests, digits and signs.
#include <catch2/catch.hpp>

#include "object/long_object.h"
#include "checked_runtime.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

int64_t request_of(Runtime& rt, PyObject* o) { return static_cast<int64_t>(rt.allocator().block_size(rt.block_of(o))); }

}  // namespace

TEST_CASE("ints from -5 to 256 are one cached object each and others are new objects") {
    for (const char* name : {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"}) {
        CheckedRuntime rt(*find_profile(name));
        for (int64_t v : {-5, -1, 0, 1, 100, 256}) {
            PyObject* a = long_from_int64(rt, v);
            PyObject* b = long_from_int64(rt, v);
            CHECK(a == b);
            rt.decref(a);
            rt.decref(b);
        }
        for (int64_t v : {int64_t{-6}, int64_t{257}, int64_t{1000}, int64_t{1} << 40}) {
            PyObject* a = long_from_int64(rt, v);
            PyObject* b = long_from_int64(rt, v);
            CHECK(a != b);
            CHECK(rt.id(a) != rt.id(b));
            rt.decref(a);
            rt.decref(b);
        }
    }
}

TEST_CASE("the small ints live in the data segment, except in 3.9-3.10 where they fill arena blocks") {
    for (const char* name : {"3.6", "3.8", "3.11", "3.13"}) {
        CheckedRuntime rt(*find_profile(name));
        for (PyObject* o : rt.builtins().small_ints) CHECK(rt.is_static(o));
    }
    CheckedRuntime rt(*find_profile("3.10"));
    for (PyObject* o : rt.builtins().small_ints) CHECK_FALSE(rt.is_static(o));
    // One after another in 32-byte blocks: the first class-1 pool.
    CHECK(rt.id(rt.builtins().small_ints[11]) == rt.id(rt.builtins().small_ints[10]) + 32);
}

TEST_CASE("getsizeof of an int is 24 bytes plus 4 per 30-bit digit, with room for one from 3.11") {
    struct Row { int64_t value; int64_t upto310, from311; };
    const Row rows[] = {{0, 24, 28}, {1, 28, 28}, {-1, 28, 28}, {(1 << 30) - 1, 28, 28},
                        {1 << 30, 32, 32}, {-(int64_t{1} << 30), 32, 32}, {int64_t{1} << 60, 36, 36}};
    for (const char* name : {"3.8", "3.10", "3.11", "3.12", "3.13", "3.14"}) {
        CheckedRuntime rt(*find_profile(name));
        bool late = rt.profile().at_least(3, 11);
        for (const Row& r : rows) {
            PyObject* o = long_from_int64(rt, r.value);
            INFO(name << " " << r.value);
            CHECK(long_sizeof(rt, o) == (late ? r.from311 : r.upto310));
            rt.decref(o);
        }
    }
}

TEST_CASE("a new int requests its header and digits: 2**30 takes a 32-byte block, 2**60 a 48-byte one") {
    CheckedRuntime rt(*find_profile("3.13"));
    const auto blocks_at_start = rt.allocator().allocated_blocks();
    PyObject* a = long_from_int64(rt, 1 << 30);
    PyObject* b = long_from_int64(rt, int64_t{1} << 60);
    CHECK(request_of(rt, a) == 32);
    CHECK(request_of(rt, b) == 48);
    rt.decref(a);
    rt.decref(b);
    CHECK(rt.allocator().allocated_blocks() == blocks_at_start);
}

TEST_CASE("an int's value, digits and sign read back in every layout") {
    for (const char* name : {"3.8", "3.11", "3.12", "3.14"}) {
        CheckedRuntime rt(*find_profile(name));
        for (int64_t v : {int64_t{0}, int64_t{7}, int64_t{-300}, int64_t{1} << 45, -(int64_t{1} << 62),
                          INT64_MAX, INT64_MIN}) {
            PyObject* o = long_from_int64(rt, v);
            bool overflow = true;
            INFO(name << " " << v);
            CHECK(long_as_int64(rt, o, &overflow) == v);
            CHECK_FALSE(overflow);
            CHECK(long_sign(rt, o) == (v < 0 ? -1 : v > 0 ? 1 : 0));
            rt.decref(o);
        }
        PyObject* big = long_from_int64(rt, INT64_MIN);
        CHECK(long_ndigits(rt, big) == 3);
        rt.decref(big);
    }
}

TEST_CASE("a cached int's count follows the profile: counted, 3.11-static, or immortal") {
    CheckedRuntime r310(*find_profile("3.10")), r311(*find_profile("3.11")), r312(*find_profile("3.12"));
    PyObject* a = long_from_int64(r310, 5);
    PyObject* b = long_from_int64(r311, 5);
    PyObject* c = long_from_int64(r312, 5);
    CHECK(a->ob_refcnt == 2);
    CHECK(b->ob_refcnt == 1000000000);
    CHECK(c->ob_refcnt == 4294967295);
}

// The blocks 2.7's int allocator has carved so far.
static int int_block_count(const Runtime& rt) {
    int n = 0;
    object_blocks_visit(rt.builtins().int_blocks27, [](const void*, void* arg) { ++*static_cast<int*>(arg); }, &n);
    return n;
}

TEST_CASE("2.7's ints are 24-byte PyIntObjects carved from malloc blocks, small ints first") {
    CheckedRuntime rt("2.7");
    // The 262 small ints fill 7 blocks of 41 (the first handed out is the highest in its block).
    CHECK(int_block_count(rt) == 7);
    const auto raw_blocks_at_start = rt.allocator().counters().raw_allocated_blocks;
    CHECK(rt.id(rt.builtins().small_ints[1]) == rt.id(rt.builtins().small_ints[0]) - 24);
    PyObject* big = long_from_int64(rt, int64_t{1} << 60);
    CHECK(long_sizeof(rt, big) == 24);
    bool overflow = true;
    CHECK(long_as_int64(rt, big, &overflow) == int64_t{1} << 60);
    CHECK_FALSE(overflow);
    const uint64_t id = rt.id(big);
    rt.decref(big);
    PyObject* next = long_from_int64(rt, 1000);  // a freed int is the next one handed out
    CHECK(rt.id(next) == id);
    CHECK(int_block_count(rt) == 7);
    CHECK(rt.allocator().counters().raw_allocated_blocks == raw_blocks_at_start);
    rt.decref(next);
}
