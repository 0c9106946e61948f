// Runtime: objects in their blocks behind the profile's GC header, identities, the data
// segment, reference counting per profile (ordinary, 3.11 static, 3.12+ immortal), GC links.
#include <catch2/catch.hpp>

#include "checked_runtime.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

int deallocs = 0;

void count_dealloc(Runtime& rt, PyObject* o) {
    ++deallocs;
    rt.free_object(o);
}

PyTypeObject make_type(bool gc) {
    PyTypeObject t;
    t.tp_name = gc ? "gcthing" : "thing";
    t.tp_basicsize = 32;
    t.tp_dealloc = count_dealloc;
    t.tp_flags = gc ? Py_TPFLAGS_HAVE_GC : 0;
    return t;
}

}  // namespace

TEST_CASE("an object's count starts at 1 and its dealloc runs when the count reaches 0") {
    PyTypeObject type = make_type(false);
    CheckedRuntime rt(*find_profile("3.13"));
    // Start-up leaves the built-in types' dicts and descriptors in the heap: count from there.
    const auto blocks_at_start = rt.allocator().allocated_blocks();
    PyObject* o = rt.alloc_object(&type, 32);
    CHECK(o->ob_refcnt == 1);
    rt.incref(o);
    CHECK(o->ob_refcnt == 2);
    deallocs = 0;
    rt.decref(o);
    CHECK(deallocs == 0);
    rt.decref(o);
    CHECK(deallocs == 1);
    CHECK(rt.allocator().allocated_blocks() == blocks_at_start);
}

TEST_CASE("a GC object sits behind the profile's GC header, and id() points past it") {
    PyTypeObject type = make_type(true);
    for (const char* name : {"2.7", "3.6", "3.8", "3.13"}) {
        const Profile& profile = *find_profile(name);
        CheckedRuntime rt(profile);
        PyObject* o = rt.alloc_gc_object(&type, 40);
        void* block = rt.block_of(o);
        CHECK(rt.allocator().block_size(block) >= profile.gc_head_size + 40);
        CHECK(rt.id(o) == rt.allocator().address_of(block) + profile.gc_head_size);
        CHECK_FALSE(rt.gc_is_tracked(o));
        rt.decref(o);
    }
}

TEST_CASE("GC allocations raise generation 0's count and deallocations lower it") {
    PyTypeObject gc_type = make_type(true), plain = make_type(false);
    CheckedRuntime rt(*find_profile("3.12"));
    const int64_t at_start = rt.gc_count(0);  // start-up's own GC allocations
    PyObject* a = rt.alloc_gc_object(&gc_type, 32);
    PyObject* b = rt.alloc_gc_object(&gc_type, 32);
    PyObject* c = rt.alloc_object(&plain, 32);
    CHECK(rt.gc_count(0) == at_start + 2);
    rt.decref(a);
    rt.decref(c);
    CHECK(rt.gc_count(0) == at_start + 1);
    rt.decref(b);
    CHECK(rt.gc_count(0) == at_start);
}

TEST_CASE("tracking links an object at the end of generation 0 and untracking unlinks it") {
    PyTypeObject type = make_type(true);
    CheckedRuntime rt(*find_profile("3.13"));
    PyGC_Head* head = rt.generation(0);
    // Start-up tracks the built-in types' dicts and descriptors: the list's tail before ours.
    auto* tail = reinterpret_cast<PyGC_Head*>(head->_gc_prev);
    PyObject* a = rt.alloc_gc_object(&type, 32);
    PyObject* b = rt.alloc_gc_object(&type, 32);
    rt.gc_track(a);
    rt.gc_track(b);
    CHECK(reinterpret_cast<PyGC_Head*>(tail->_gc_next) == rt.as_gc(a));
    CHECK(reinterpret_cast<PyGC_Head*>(rt.as_gc(a)->_gc_next) == rt.as_gc(b));
    CHECK(reinterpret_cast<PyGC_Head*>(head->_gc_prev) == rt.as_gc(b));
    rt.gc_untrack(a);
    CHECK_FALSE(rt.gc_is_tracked(a));
    CHECK(reinterpret_cast<PyGC_Head*>(tail->_gc_next) == rt.as_gc(b));
    rt.gc_untrack(b);
    CHECK(reinterpret_cast<PyGC_Head*>(tail->_gc_next) == head);
    CHECK(reinterpret_cast<PyGC_Head*>(head->_gc_prev) == tail);
    rt.decref(a);
    rt.decref(b);
}

TEST_CASE("static objects live in the data segment, outside every arena") {
    PyTypeObject type = make_type(false);
    CheckedRuntime rt(*find_profile("3.11"));
    const uint64_t arenas = rt.allocator().counters().narenas_currently_allocated;
    PyObject* s1 = rt.static_object(&type, 24);
    PyObject* s2 = rt.static_object(&type, 24);
    CHECK(rt.is_static(s1));
    CHECK((rt.id(s1) >> 40) == 0x55);
    CHECK(rt.id(s2) == rt.id(s1) + 32);
    CHECK(rt.allocator().counters().narenas_currently_allocated == arenas);
}

TEST_CASE("from 3.12 an immortal object's count neither rises nor falls") {
    PyTypeObject type = make_type(false);
    for (const char* name : {"3.12", "3.13", "3.14"}) {
        const Profile& profile = *find_profile(name);
        CheckedRuntime rt(profile);
        PyObject* none = rt.static_object(&type, 16);
        rt.make_static_refcount(none, false);
        deallocs = 0;
        for (int i = 0; i < 5; ++i) rt.decref(none);
        for (int i = 0; i < 3; ++i) rt.incref(none);
        CHECK(none->ob_refcnt == profile.immortal_refcnt);
        CHECK(rt.is_immortal(none));
        CHECK(deallocs == 0);
    }
    CHECK(find_profile("3.12")->immortal_refcnt == 4294967295);
    CHECK(find_profile("3.14")->immortal_refcnt == 3221225472);
}

TEST_CASE("3.11 counts static objects up from 999999999 while earlier profiles count them from 1") {
    PyTypeObject type = make_type(false);
    CheckedRuntime r311(*find_profile("3.11"));
    PyObject* small = r311.static_object(&type, 28);
    r311.make_static_refcount(small, true);
    r311.incref(small);
    CHECK(small->ob_refcnt == 1000000000);
    CHECK_FALSE(r311.is_immortal(small));
    CheckedRuntime r310(*find_profile("3.10"));
    PyObject* other = r310.static_object(&type, 28);
    r310.make_static_refcount(other, true);
    CHECK(other->ob_refcnt == 1);
}
