// float: sizes, the 3.x free list of 100, and 2.7's 41-float blocks.
#include <catch2/catch.hpp>

#include <vector>

#include "object/float_object.h"
#include "checked_runtime.h"
#include "object/runtime.h"

using namespace pymemlab;

TEST_CASE("a float is a 24-byte object in a 32-byte block (24 with 3.6's 8-byte alignment)") {
    for (const char* name : {"3.6", "3.8", "3.13"}) {
        CheckedRuntime rt(*find_profile(name));
        PyObject* f = float_from_double(rt, 1.5);
        CHECK(float_value(f) == 1.5);
        CHECK(rt.allocator().block_size(f) == (rt.profile().alignment == 8 ? 24u : 32u));
        rt.decref(f);
    }
}

TEST_CASE("a freed float goes to the free list and the next float reuses its address") {
    CheckedRuntime rt(*find_profile("3.12"));
    const auto blocks_at_start = rt.allocator().allocated_blocks();
    PyObject* a = float_from_double(rt, 3.0);
    uint64_t id = rt.id(a);
    rt.decref(a);
    CHECK(rt.builtins().float_state.numfree == 1);
    CHECK(rt.allocator().allocated_blocks() == blocks_at_start + 1);  // the block stays with the free list
    PyObject* b = float_from_double(rt, 21.75);
    CHECK(rt.id(b) == id);
    CHECK(rt.builtins().float_state.numfree == 0);
    rt.decref(b);
}

TEST_CASE("the float free list holds at most 100 floats and frees the rest") {
    CheckedRuntime rt(*find_profile("3.13"));
    std::vector<PyObject*> floats;
    for (int i = 0; i < 150; ++i) floats.push_back(float_from_double(rt, i));
    const uint64_t before = rt.allocator().allocated_blocks();
    for (PyObject* f : floats) rt.decref(f);
    CHECK(rt.builtins().float_state.numfree == kFloatMaxFreeList);
    CHECK(rt.allocator().allocated_blocks() == before - 50);
}

TEST_CASE("2.7 carves floats from 992-byte malloc blocks, highest address first, and keeps every freed one") {
    CheckedRuntime rt(*find_profile("2.7"));
    const uint64_t raw_before = rt.allocator().counters().raw_allocated_blocks;  // the int blocks
    std::vector<PyObject*> floats;
    for (int i = 0; i < 42; ++i) floats.push_back(float_from_double(rt, i));
    CHECK(rt.allocator().counters().raw_allocated_blocks == raw_before + 2);  // 41 floats a block
    CHECK(rt.id(floats[1]) == rt.id(floats[0]) - 24);
    for (PyObject* f : floats) rt.decref(f);
    CHECK(rt.allocator().counters().raw_allocated_blocks == raw_before + 2);  // never given back
    PyObject* again = float_from_double(rt, 0.5);
    CHECK(again == floats.back());  // the last freed is reused first
}
