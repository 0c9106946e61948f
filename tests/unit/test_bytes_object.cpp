// bytes (and 2.7's str): sizes and requests, the empty and one-byte singletons per profile,
// the layout, the cached hash, dealloc. Figures measured on the pyenv builds (sys.getsizeof,
// sys.getrefcount, tracemalloc; see tests/data/objects-<version>.tsv).
#include <catch2/catch.hpp>

#include <string>

#include "checked_runtime.h"
#include "object/bytes_object.h"
#include "object/str_object.h"

using namespace pymemlab;

namespace {

const char* const kAllProfiles[] = {"2.7", "3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};

}  // namespace

TEST_CASE("getsizeof of bytes is 33 plus its length in 3.x and 37 plus its length for a 2.7 str") {
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        const int64_t base = rt.profile().major == 2 ? 37 : 33;
        INFO(name);
        for (const std::string& s : {std::string(), std::string("a"), std::string("ab"), std::string("abc"),
                                     std::string(100, 'x'), std::string(479, 'y'), std::string(600, 'z')}) {
            PyObject* o = bytes_from_string(rt, s);
            const int64_t size = bytes_sizeof(rt, o);
            CHECK(size == base + static_cast<int64_t>(s.size()));
            // The request is getsizeof (tracemalloc: b'ab' 35, b'abc' 36, b'x'*100 133).
            if (!rt.is_static(o)) {
                if (size <= 512)
                    CHECK(rt.allocator().block_size(o) == rt.profile().index_to_size(rt.profile().size_to_index(static_cast<uint32_t>(size))));
                else
                    CHECK(rt.allocator().block_size(o) == static_cast<size_t>(size));
            }
            rt.decref(o);
        }
    }
}

TEST_CASE("the bytes follow the header and end with a NUL") {
    CheckedRuntime r3("3.13"), r2("2.7");
    PyObject* a = bytes_from_string(r3, "hello");
    PyObject* b = bytes_from_string(r2, "hello");
    CHECK(bytes_data(r3, a) == reinterpret_cast<char*>(a) + 32);
    CHECK(bytes_data(r2, b) == reinterpret_cast<char*>(b) + 36);
    CHECK(bytes_data(r3, a)[5] == '\0');
    CHECK(bytes_data(r2, b)[5] == '\0');
    CHECK(bytes_view(r3, a) == "hello");
    CHECK(reinterpret_cast<PyBytesObject*>(a)->ob_shash == -1);
    CHECK(bytes_sstate_27(b) == SSTATE_NOT_INTERNED);
    r3.decref(a);
    r2.decref(b);
}

TEST_CASE("2.7 has one type for str and bytes and 3.x two") {
    CheckedRuntime r2("2.7"), r3("3.8");
    CHECK(r2.builtins().bytes_type == r2.builtins().str_type);
    CHECK(std::string(r2.builtins().bytes_type->tp_name) == "str");
    CHECK(std::string(r2.builtins().unicode_type->tp_name) == "unicode");
    CHECK(r3.builtins().bytes_type != r3.builtins().str_type);
    CHECK(r3.builtins().unicode_type == r3.builtins().str_type);
    CHECK(std::string(r3.builtins().bytes_type->tp_name) == "bytes");
    CHECK(r3.builtins().bytes_type->tp_basicsize == 33);
    CHECK(r2.builtins().bytes_type->tp_basicsize == 37);
}

TEST_CASE("every one-byte bytes object is cached and b'' is a singleton") {
    // b'...'[i:i+1] is b'...'[i:i+1] for all 256 bytes, on every build.
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        INFO(name);
        for (int c = 0; c < 256; ++c) {
            const char byte = static_cast<char>(c);
            PyObject* a = bytes_from_data(rt, &byte, 1);
            PyObject* b = bytes_from_data(rt, &byte, 1);
            CHECK(a == b);
            rt.decref(a);
            rt.decref(b);
        }
        PyObject* e = bytes_from_string(rt, "");
        PyObject* f = bytes_new(rt, 0);
        CHECK(e == f);
        rt.decref(e);
        rt.decref(f);
        PyObject* g = bytes_from_string(rt, "ab");
        PyObject* h = bytes_from_string(rt, "ab");
        CHECK(g != h);
        rt.decref(g);
        rt.decref(h);
    }
}

TEST_CASE("the singletons are static from 3.11 and heap objects the cache owns before") {
    // getrefcount(b'\xc8') after one use: 2 up to 3.10, 1000000000 in 3.11, 4294967295 in 3.12-3.13.
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        INFO(name);
        PyObject* c = bytes_from_data(rt, "\xc8", 1);
        const bool statics = rt.profile().at_least(3, 11);
        CHECK(rt.is_static(c) == statics);
        if (!statics) CHECK(c->ob_refcnt == 2);
        if (rt.profile().minor == 11) CHECK(c->ob_refcnt == 1000000000);
        if (rt.profile().at_least(3, 12)) CHECK(c->ob_refcnt == rt.profile().immortal_refcnt);  // 3.14: 3 << 30
        rt.decref(c);
    }
}

TEST_CASE("b'' is made at start-up from 3.10 and on first use before") {
    CheckedRuntime r38("3.8"), r310("3.10"), r27("2.7");
    CHECK(r38.builtins().bytes_state.empty == nullptr);
    CHECK(r27.builtins().bytes_state.empty == nullptr);
    REQUIRE(r310.builtins().bytes_state.empty != nullptr);
    CHECK(r310.builtins().bytes_state.empty->ob_refcnt == 1);  // the cache's reference
    const uint64_t blocks = r38.allocator().allocated_blocks();
    PyObject* e = bytes_new(r38, 0);
    CHECK(r38.allocator().allocated_blocks() == blocks + 1);
    CHECK(r38.allocator().block_size(e) == 48);  // 33 bytes
    CHECK(e->ob_refcnt == 2);
    r38.decref(e);
}

TEST_CASE("a one-byte bytes object made to be filled is never the cached one") {
    // PyBytes_FromStringAndSize(NULL, 1): the caller writes the byte, so no cache applies.
    CheckedRuntime rt("3.8");
    PyObject* a = bytes_new(rt, 1);
    PyObject* b = bytes_from_data(rt, "q", 1);
    CHECK(a != b);
    CHECK(rt.builtins().bytes_state.characters[static_cast<unsigned char>('q')] == b);
    rt.decref(a);
    rt.decref(b);
}

TEST_CASE("a bytes hash is computed once and kept in ob_shash") {
    CheckedRuntime rt("3.11");
    PyObject* o = bytes_from_string(rt, "abc");
    const Py_hash_t h = bytes_hash(rt, o);
    CHECK(h == -4594863902769663758);  // PYTHONHASHSEED=0 python3.11 -c "print(hash(b'abc'))"
    CHECK(reinterpret_cast<PyBytesObject*>(o)->ob_shash == h);
    rt.decref(o);
}

TEST_CASE("freeing bytes gives the block back") {
    CheckedRuntime rt("3.12");
    const uint64_t blocks = rt.allocator().allocated_blocks();
    PyObject* o = bytes_from_string(rt, "some bytes");
    const uint64_t id = rt.id(o);
    CHECK(rt.allocator().allocated_blocks() == blocks + 1);
    rt.decref(o);
    CHECK(rt.allocator().allocated_blocks() == blocks);
    PyObject* p = bytes_from_string(rt, "other byte");
    CHECK(rt.id(p) == id);
    rt.decref(p);
}

TEST_CASE("bytes compare by content") {
    CheckedRuntime rt("3.13");
    PyObject* a = bytes_from_string(rt, "abc");
    PyObject* b = bytes_from_string(rt, "abc");
    PyObject* c = bytes_from_string(rt, "abd");
    CHECK(bytes_equal(rt, a, b));
    CHECK_FALSE(bytes_equal(rt, a, c));
    for (PyObject* o : {a, b, c}) rt.decref(o);
}
