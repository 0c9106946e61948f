// str: sizes and requests per kind and profile, the state word, the singletons, interning and
// its reference counts, 2.7's unicode with its free list. Expected figures were measured on the
// pyenv builds (sys.getsizeof, sys.getrefcount, tracemalloc, and ctypes reads of the header and
// of 2.7's pool headers); tests/data/objects-<version>.tsv holds the getsizeof and request rows.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "checked_runtime.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/errors.h"
#include "object/str_object.h"
#include "trace/trace_log.h"

using namespace pymemlab;

namespace {

const char* const kAllProfiles[] = {"2.7", "3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};
const char* const kProfiles3[] = {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};

size_t block_size(Runtime& rt, const void* block) { return rt.allocator().block_size(block); }
size_t rounded(const Runtime& rt, int64_t request) {
    const int64_t a = rt.profile().alignment;
    return static_cast<size_t>((request + a - 1) / a * a);
}

std::vector<uint32_t> repeat(uint32_t ch, int64_t n) { return std::vector<uint32_t>(static_cast<size_t>(n), ch); }

}  // namespace

TEST_CASE("getsizeof of a str per kind is CPython's up to 3.11 and from 3.12") {
    struct Row { const char* text; int64_t upto311, from312, py27; };
    const Row rows[] = {
        {"", 49, 41, 52},
        {"a", 50, 42, 56},
        {"abc", 52, 44, 64},
        {"ab\xc3\xa9", 76, 60, 64},                 // latin-1
        {"\xe2\x82\xac", 76, 60, 56},               // UCS-2
        {"ab\xe2\x82\xac", 80, 64, 64},
        {"\xf0\x9f\x98\x80", 80, 64, 56},           // UCS-4
        {"ab\xf0\x9f\x98\x80", 88, 72, 64},
        {"\xc3\xa9", 74, 61, 56},                   // the cached chr(233): see below
    };
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        for (const Row& r : rows) {
            PyObject* s = unicode_from_utf8(rt, r.text);
            REQUIRE(s != nullptr);
            INFO(name << " '" << r.text << "'");
            const int64_t expected = rt.profile().major == 2 ? r.py27 : rt.profile().at_least(3, 12) ? r.from312 : r.upto311;
            CHECK(unicode_sizeof(rt, s) == expected);
            rt.decref(s);
        }
        PyObject* x = unicode_from_ucs4(rt, repeat('x', 100).data(), 100);
        CHECK(unicode_sizeof(rt, x) == (rt.profile().major == 2 ? 452 : rt.profile().at_least(3, 12) ? 141 : 149));
        rt.decref(x);
        unicode_clear_free_list(rt);  // 2.7 keeps freed unicode objects: give them back
    }
}

TEST_CASE("3.12+ static latin-1 characters count their static UTF-8 copy in getsizeof") {
    // getsizeof(chr(233)) is 61 in 3.12 and 3.13 where 'ab\xe9' is 60: _PyUnicode_LATIN1_INIT
    // gives the 128 non-ASCII characters a utf8 pointer that is not their data.
    CheckedRuntime r312("3.12"), r311("3.11");
    PyObject* a = unicode_from_ordinal(r312, 233);
    PyObject* b = unicode_from_ordinal(r311, 233);
    PyObject* c = unicode_from_ordinal(r312, 'a');
    CHECK(unicode_sizeof(r312, a) == 56 + 2 + 3);
    CHECK(unicode_sizeof(r311, b) == 72 + 2);
    CHECK(unicode_sizeof(r312, c) == 42);
    r312.decref(a);
    r311.decref(b);
    r312.decref(c);
}

TEST_CASE("a new str asks pymalloc for exactly its getsizeof in one block") {
    // tracemalloc on 3.6-3.13: 'abc' asks for 52 (44 from 3.12), 'ab\u20ac' 80 (64), 'x'*100
    // 149 (141): the request is getsizeof. Here the block is that request rounded to a class.
    for (const char* name : kProfiles3) {
        CheckedRuntime rt(name);
        for (uint32_t ch : {uint32_t{'x'}, uint32_t{0xe9}, uint32_t{0x20ac}, uint32_t{0x1f600}}) {
            for (int64_t n : {2, 7, 8, 15, 16, 17, 24, 100, 200}) {
                std::vector<uint32_t> chars = repeat(ch, n);
                PyObject* s = unicode_from_ucs4(rt, chars.data(), n);
                INFO(name << " U+" << std::hex << ch << std::dec << " x" << n);
                const int64_t size = unicode_sizeof(rt, s);
                CHECK(size == (ch < 128 ? (rt.profile().at_least(3, 12) ? 40 : 48) + n + 1
                                        : (rt.profile().at_least(3, 12) ? 56 : 72) + (n + 1) * unicode_kind(rt, s)));
                if (size <= 512) CHECK(block_size(rt, s) == rounded(rt, size));
                else CHECK_FALSE(rt.allocator().owns(s));
                rt.decref(s);
            }
        }
    }
}

TEST_CASE("a str picks the narrowest kind and keeps its characters inline") {
    CheckedRuntime rt("3.13");
    PyObject* a = unicode_from_utf8(rt, "abc");
    PyObject* l = unicode_from_utf8(rt, "ab\xc3\xa9");
    PyObject* u = unicode_from_utf8(rt, "ab\xe2\x82\xac");
    PyObject* e = unicode_from_utf8(rt, "ab\xf0\x9f\x98\x80");
    CHECK(unicode_kind(rt, a) == 1);
    CHECK(unicode_is_ascii(rt, a));
    CHECK(unicode_kind(rt, l) == 1);
    CHECK_FALSE(unicode_is_ascii(rt, l));
    CHECK(unicode_kind(rt, u) == 2);
    CHECK(unicode_kind(rt, e) == 4);
    CHECK(unicode_length(e) == 3);
    CHECK(unicode_read(rt, e, 2) == 0x1f600);
    CHECK(unicode_read(rt, u, 2) == 0x20ac);
    // The characters follow the header, NUL-terminated.
    CHECK(static_cast<const char*>(unicode_data(rt, a)) == reinterpret_cast<const char*>(a) + 40);
    CHECK(static_cast<const char*>(unicode_data(rt, a))[3] == '\0');
    CHECK(static_cast<const char*>(unicode_data(rt, u)) == reinterpret_cast<const char*>(u) + 56);
    CHECK(unicode_as_utf8(rt, e) == "ab\xf0\x9f\x98\x80");
    for (PyObject* o : {a, l, u, e}) rt.decref(o);
}

TEST_CASE("the state word reads as on CPython") {
    // ctypes.c_uint32.from_address(id(s) + 32), low byte: 'abc' 0xe4 up to 3.11 (kind 1,
    // compact, ascii, ready) and 0x64 after; a latin-1 string 0xa4; interned '' 0xe5 up to 3.11,
    // 0xe7 from 3.12 (static, interned static); 3.13's chr(200) 0xa7.
    CheckedRuntime r38("3.8"), r311("3.11"), r312("3.12"), r313("3.13");
    PyObject* a = unicode_from_utf8(r38, "abc");
    PyObject* b = unicode_from_utf8(r312, "abc");
    PyObject* c = unicode_from_utf8(r38, "ab\xc3\xa9");
    CHECK((reinterpret_cast<PyASCIIObject*>(a)->state & 0xff) == 0xe4);
    CHECK((reinterpret_cast<PyASCIIObject*>(b)->state & 0xff) == 0x64);
    CHECK((reinterpret_cast<PyASCIIObject*>(c)->state & 0xff) == 0xa4);
    CHECK((reinterpret_cast<PyASCIIObject*>(r311.builtins().str_state.empty)->state & 0xff) == 0xe5);
    CHECK((reinterpret_cast<PyASCIIObject*>(r312.builtins().str_state.empty)->state & 0xff) == 0xe7);
    CHECK((reinterpret_cast<PyASCIIObject*>(r313.builtins().str_state.latin1[200])->state & 0xff) == 0xa7);
    r38.decref(a);
    r312.decref(b);
    r38.decref(c);
}

TEST_CASE("up to 3.11 a UCS-4 str shares its characters as wstr and others have none") {
    CheckedRuntime rt("3.10");
    PyObject* e = unicode_from_utf8(rt, "ab\xf0\x9f\x98\x80");
    PyObject* u = unicode_from_utf8(rt, "ab\xe2\x82\xac");
    auto wstr = [](PyObject* o) { return *reinterpret_cast<void**>(reinterpret_cast<char*>(o) + 40); };
    CHECK(wstr(e) == unicode_data(rt, e));
    CHECK(wstr(u) == nullptr);
    CHECK(unicode_sizeof(rt, e) == 88);  // shared: not counted twice
    rt.decref(e);
    rt.decref(u);
}

TEST_CASE("every latin-1 character is one cached object and others are new objects") {
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        INFO(name);
        for (uint32_t ch = 0; ch < 256; ++ch) {
            PyObject* a = unicode_from_ordinal(rt, ch);
            PyObject* b = unicode_from_ordinal(rt, ch);
            CHECK(a == b);
            rt.decref(a);
            rt.decref(b);
        }
        for (uint32_t ch : {0x100u, 0x20acu, 0x1f600u}) {
            PyObject* a = unicode_from_ordinal(rt, ch);
            PyObject* b = unicode_from_ordinal(rt, ch);
            CHECK(a != b);
            rt.decref(a);
            rt.decref(b);
        }
        unicode_clear_free_list(rt);
    }
}

TEST_CASE("decoding one latin-1 character gives the cached object in 3.x but not in 2.7") {
    // ctypes: PyUnicode_FromStringAndSize(b'\xc3\xa9', 2) is chr(233): True on 3.6-3.13,
    // False on 2.7, whose UTF-8 decoder only shares a single ASCII byte.
    CheckedRuntime r2("2.7"), r3("3.6");
    PyObject* a = unicode_from_utf8(r2, "\xc3\xa9");
    PyObject* c = unicode_from_ordinal(r2, 0xe9);
    PyObject* d = unicode_from_utf8(r2, "a");
    PyObject* e = unicode_from_ordinal(r2, 'a');
    CHECK(a != c);
    CHECK(d == e);
    PyObject* f = unicode_from_utf8(r3, "\xc3\xa9");
    PyObject* g = unicode_from_ordinal(r3, 0xe9);
    CHECK(f == g);
    for (PyObject* o : {a, c, d, e}) r2.decref(o);
    unicode_clear_free_list(r2);
    r3.decref(f);
    r3.decref(g);
}

TEST_CASE("'' and the latin-1 characters are static from 3.11 and heap objects before") {
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        const bool statics = rt.profile().at_least(3, 11);
        INFO(name);
        PyObject* e = unicode_from_utf8(rt, "");
        PyObject* c = unicode_from_ordinal(rt, 200);
        CHECK(e == rt.builtins().str_state.empty);
        CHECK(rt.is_static(e) == statics);
        CHECK(rt.is_static(c) == statics);
        // getrefcount(chr(200)) right after start-up: 2 up to 3.10 (the cache and the
        // argument), 1000000000 in 3.11, 4294967295 from 3.12. Here c is the argument.
        if (!statics) CHECK(c->ob_refcnt == 2);
        if (rt.profile().minor == 11) CHECK(c->ob_refcnt == 1000000000);
        if (rt.profile().at_least(3, 12)) CHECK(rt.is_immortal(c));
        rt.decref(e);
        rt.decref(c);
    }
}

TEST_CASE("a cached latin-1 character is made on first use up to 3.10") {
    CheckedRuntime rt("3.10");
    CHECK(rt.builtins().str_state.latin1[200] == nullptr);
    const uint64_t blocks = rt.allocator().allocated_blocks();
    PyObject* c = unicode_from_ordinal(rt, 200);
    CHECK(rt.allocator().allocated_blocks() == blocks + 1);
    CHECK(block_size(rt, c) == 80);  // 72 + 2 bytes
    rt.decref(c);
    CHECK(rt.allocator().allocated_blocks() == blocks + 1);  // the cache keeps it
    CHECK(c->ob_refcnt == 1);
}

TEST_CASE("a freed str gives its block back") {
    CheckedRuntime rt("3.13");
    const uint64_t blocks = rt.allocator().allocated_blocks();
    PyObject* s = unicode_from_utf8(rt, "hello world");
    const uint64_t id = rt.id(s);
    CHECK(rt.allocator().allocated_blocks() == blocks + 1);
    rt.decref(s);
    CHECK(rt.allocator().allocated_blocks() == blocks);
    PyObject* t = unicode_from_utf8(rt, "hello there");  // same size class: the same block
    CHECK(rt.id(t) == id);
    rt.decref(t);
}

TEST_CASE("invalid UTF-8 makes no string") {
    CheckedRuntime rt("3.12");
    const uint64_t blocks = rt.allocator().allocated_blocks();
    for (const char* bad : {"\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x80"}) {
        CHECK_FALSE(utf8_is_valid(bad));
        CHECK(unicode_from_utf8(rt, bad) == nullptr);
    }
    CHECK(rt.allocator().allocated_blocks() == blocks);
    CHECK(utf8_is_valid("h\xc3\xa9llo \xf0\x9f\x98\x80"));
}

// ==== interning ===============================================================================

TEST_CASE("sys.intern returns the first of equal strings and leaves its count alone") {
    // getrefcount(s) is 2 for a fresh s, 3 after t = sys.intern(s), 2 after del t: the
    // interned dict's references are not counted (2.7, 3.6-3.11, 3.13). 3.12 makes s immortal.
    for (const char* name : kAllProfiles) {
        CheckedRuntime rt(name);
        INFO(name);
        PyObject* s = str_from_utf8(rt, "hello_world_xyz_q");
        CHECK(s->ob_refcnt == 1);
        CHECK_FALSE(str_is_interned(rt, s));
        PyObject* t = s;
        rt.incref(t);
        str_intern_in_place(rt, &t);
        CHECK(t == s);
        CHECK(str_is_interned(rt, s));
        PyObject* u = str_from_utf8(rt, "hello_world_xyz_q");
        CHECK(u != s);
        str_intern_in_place(rt, &u);
        CHECK(u == s);
        if (rt.profile().major == 3 && rt.profile().minor == 12) {
            CHECK(s->ob_refcnt == 4294967295);
            CHECK(str_interned_state(rt, s) == SSTATE_INTERNED_IMMORTAL);
        } else {
            CHECK(s->ob_refcnt == 3);  // s, t, u
            CHECK(str_interned_state(rt, s) == SSTATE_INTERNED_MORTAL);
        }
        rt.decref(t);
        rt.decref(u);
        rt.decref(s);
    }
}

TEST_CASE("a mortal interned string leaves the table when its last reference goes") {
    for (const char* name : {"2.7", "3.8", "3.11", "3.13"}) {
        CheckedRuntime rt(name);
        INFO(name);
        const int64_t count = str_interned_count(rt);
        const uint64_t blocks = rt.allocator().allocated_blocks();
        PyObject* s = str_from_utf8(rt, "transient_name");
        str_intern_in_place(rt, &s);
        CHECK(str_interned_count(rt) == count + 1);
        CHECK(str_interned_lookup(rt, s) == s);
        rt.decref(s);
        CHECK(str_interned_count(rt) == count);
        CHECK(rt.allocator().allocated_blocks() == blocks);
        PyObject* t = str_from_utf8(rt, "transient_name");
        CHECK(str_interned_lookup(rt, t) == nullptr);
        rt.decref(t);
    }
}

TEST_CASE("3.12 interned strings are immortal and keep their block for good") {
    CheckedRuntime rt("3.12");
    PyObject* s = unicode_from_utf8(rt, "forever_name");
    str_intern_in_place(rt, &s);
    CHECK(rt.is_immortal(s));
    const uint64_t blocks = rt.allocator().allocated_blocks();
    rt.decref(s);
    rt.decref(s);
    CHECK(rt.allocator().allocated_blocks() == blocks);
    CHECK(str_interned_lookup(rt, s) == s);
}

TEST_CASE("the interned hash is computed when the string enters the table") {
    CheckedRuntime rt("3.13");
    PyObject* s = unicode_from_utf8(rt, "hashed_on_entry");
    CHECK(reinterpret_cast<PyASCIIObject*>(s)->hash == -1);
    str_intern_in_place(rt, &s);
    CHECK(reinterpret_cast<PyASCIIObject*>(s)->hash != -1);
    rt.decref(s);
}

TEST_CASE("an immortal intern costs one uncounted reference up to 3.11 and is immortal from 3.12") {
    for (const char* name : {"2.7", "3.10", "3.11", "3.12", "3.13"}) {
        CheckedRuntime rt(name);
        INFO(name);
        PyObject* s = str_from_utf8(rt, "kept_name_q");
        str_intern_immortal(rt, &s);
        CHECK(str_interned_state(rt, s) == SSTATE_INTERNED_IMMORTAL);
        if (rt.profile().has_immortal_objects())
            CHECK(rt.is_immortal(s));
        else
            CHECK(s->ob_refcnt == 2);
        rt.decref(s);
        CHECK(str_interned_lookup(rt, s) == s);  // still there
    }
}

TEST_CASE("code names are interned immortal from 3.13 and constants stay mortal") {
    // 3.13.0: f.__code__.co_names[0] has state 0x66 and count 4294967295; an identifier-like
    // constant 0x65 and count 3. 3.12: both immortal (0x66). 3.11: both 0xe5, mortal.
    for (const char* name : {"3.11", "3.12", "3.13"}) {
        CheckedRuntime rt(name);
        INFO(name);
        PyObject* n = unicode_from_utf8(rt, "some_global_qq");
        PyObject* c = unicode_from_utf8(rt, "ident_literal_qq");
        PyObject* d = unicode_from_utf8(rt, "non ident literal");
        str_intern_code_name(rt, &n);
        CHECK(str_intern_code_constant(rt, &c));
        CHECK_FALSE(str_intern_code_constant(rt, &d));
        const bool p312 = rt.profile().minor == 12;
        CHECK(str_interned_state(rt, n) == (rt.profile().at_least(3, 12) ? SSTATE_INTERNED_IMMORTAL : SSTATE_INTERNED_MORTAL));
        CHECK(str_interned_state(rt, c) == (p312 ? SSTATE_INTERNED_IMMORTAL : SSTATE_INTERNED_MORTAL));
        CHECK(str_interned_state(rt, d) == SSTATE_NOT_INTERNED);
        rt.decref(n);
        rt.decref(c);
        rt.decref(d);
    }
}

TEST_CASE("3.13 interns every latin-1 character at start-up and 3.12 only ''") {
    // On 3.13.0 all 256 chr(i) have interned == 3 right after start-up; on 3.12.1 only those
    // start-up happened to intern (28), and '' everywhere.
    CheckedRuntime r313("3.13"), r312("3.12"), r38("3.8");
    for (PyObject* c : r313.builtins().str_state.latin1) CHECK(str_interned_state(r313, c) == SSTATE_INTERNED_IMMORTAL_STATIC);
    CHECK(str_interned_state(r312, r312.builtins().str_state.latin1[97]) == SSTATE_NOT_INTERNED);
    CHECK(str_interned_state(r312, r312.builtins().str_state.empty) == SSTATE_INTERNED_IMMORTAL_STATIC);
    CHECK(str_interned_state(r38, r38.builtins().str_state.empty) == SSTATE_INTERNED_MORTAL);
    // Interning a runtime-built copy of a static string gives the static one.
    PyObject* g = unicode_from_utf8(r312, "g");
    str_intern_in_place(r312, &g);
    CHECK(g == r312.builtins().str_state.latin1[103]);
    CHECK(str_interned_state(r312, g) == SSTATE_INTERNED_IMMORTAL_STATIC);
    r312.decref(g);
    // 'a' was interned at start-up as a deep-frozen module's own static string, so interning
    // gives that one (3.12.1: sys.intern(chr(97)) is chr(97) is False; chr(103) True).
    PyObject* a = unicode_from_utf8(r312, "a");
    str_intern_in_place(r312, &a);
    CHECK(a != r312.builtins().str_state.latin1[97]);
    CHECK(r312.is_static(a));
    CHECK(str_interned_state(r312, a) == SSTATE_INTERNED_IMMORTAL_STATIC);
    r312.decref(a);
}

TEST_CASE("2.7 interns its one-character strings and '' as the caches make them") {
    // ctypes.c_int.from_address(id(s) + 32) (ob_sstate) on 2.7.18: '' 1, chr(200) 1.
    CheckedRuntime rt("2.7");
    PyObject* e = str_from_utf8(rt, "");
    PyObject* c = bytes_from_data(rt, "\xc8", 1);
    PyObject* d = bytes_from_data(rt, "\xc8", 1);
    CHECK(c == d);
    CHECK(str_interned_state(rt, e) == SSTATE_INTERNED_MORTAL);
    CHECK(str_interned_state(rt, c) == SSTATE_INTERNED_MORTAL);
    CHECK(c->ob_refcnt == 3);  // the cache, c, d
    for (PyObject* o : {e, c, d}) rt.decref(o);
}

TEST_CASE("2.7 interns only str and never unicode") {
    CheckedRuntime rt("2.7");
    PyObject* u = unicode_from_utf8(rt, "name_like");
    PyObject* before = u;
    str_intern_in_place(rt, &u);
    CHECK(u == before);
    CHECK(str_interned_state(rt, rt.builtins().str_state.empty) == SSTATE_NOT_INTERNED);
    PyObject* e = str_from_utf8(rt, "");  // the str '' is interned
    CHECK(str_interned_lookup(rt, e) == e);
    CHECK(str_interned_lookup(rt, rt.builtins().str_state.empty) == nullptr);  // u'' is no str
    rt.decref(e);
    rt.decref(u);
    unicode_clear_free_list(rt);
}

TEST_CASE("identifier-like means ASCII letters digits and underscores only") {
    CheckedRuntime r3("3.13"), r2("2.7");
    for (Runtime* rt : {static_cast<Runtime*>(&r3), static_cast<Runtime*>(&r2)}) {
        struct Row { const char* text; bool name_like; };
        for (Row r : {Row{"", true}, Row{"abc_123", true}, Row{"__init__", true}, Row{"a b", false},
                      Row{"caf\xc3\xa9", false}, Row{"x.y", false}}) {
            PyObject* s = str_from_utf8(*rt, r.text);
            CHECK(str_all_name_chars(*rt, s) == r.name_like);
            rt->decref(s);
        }
    }
}

// ==== 2.7 unicode =============================================================================

TEST_CASE("2.7 unicode is a 48-byte object plus a buffer of (length + 1) * 4 bytes") {
    // Pool headers read with ctypes on 2.7.18: object blocks of 48 and buffer blocks of 16, 16,
    // 16, 32, 48, 96, 256 for 1, 2, 3, 4, 8, 21, 61 characters.
    CheckedRuntime rt("2.7");
    struct Row { int64_t n; size_t buffer; };
    for (Row r : {Row{2, 16}, Row{3, 16}, Row{4, 32}, Row{8, 48}, Row{21, 96}, Row{61, 256}}) {
        std::vector<uint32_t> chars = repeat('y', r.n);
        PyObject* u = unicode_from_ucs4(rt, chars.data(), r.n);
        INFO(r.n);
        CHECK(block_size(rt, u) == 48);
        CHECK(block_size(rt, unicode_buffer_27(u)) == r.buffer);
        CHECK(rt.allocator().owns(unicode_buffer_27(u)));
        CHECK(unicode_sizeof(rt, u) == 48 + (r.n + 1) * 4);
        rt.decref(u);
    }
    unicode_clear_free_list(rt);
}

TEST_CASE("a freed short 2.7 unicode keeps its buffer on the free list and a long one does not") {
    // Measured: after del u'abcd' (built at run time), u'xyzd' reuses its object and buffer;
    // after del of a 21-character string, the next unicode reuses the object only.
    CheckedRuntime rt("2.7");
    std::vector<uint32_t> four = repeat('a', 4), long21 = repeat('b', 21);
    PyObject* u = unicode_from_ucs4(rt, four.data(), 4);
    const void* object = u;
    const void* buffer = unicode_buffer_27(u);
    rt.decref(u);
    CHECK(rt.builtins().str_state.numfree == 1);
    std::vector<const void*> kept;
    unicode_free_list_blocks(rt, [](const void* block, void* arg) { static_cast<std::vector<const void*>*>(arg)->push_back(block); }, &kept);
    CHECK(kept == std::vector<const void*>{object, buffer});
    PyObject* v = unicode_from_ucs4(rt, four.data(), 4);
    CHECK(v == object);
    CHECK(unicode_buffer_27(v) == buffer);
    rt.decref(v);

    PyObject* w = unicode_from_ucs4(rt, long21.data(), 21);
    const void* wobject = w;
    const void* wbuffer = unicode_buffer_27(w);
    const uint64_t blocks = rt.allocator().allocated_blocks();
    rt.decref(w);
    CHECK(rt.allocator().allocated_blocks() == blocks - 1);  // the buffer went back
    PyObject* x = unicode_from_ucs4(rt, four.data(), 3);
    CHECK(x == wobject);
    CHECK(unicode_buffer_27(x) != nullptr);
    (void)wbuffer;
    rt.decref(x);
    CHECK(unicode_clear_free_list(rt) == 1);
    CHECK(rt.builtins().str_state.numfree == 0);
}

TEST_CASE("a reused 2.7 unicode grows a kept buffer but never shrinks it") {
    CheckedRuntime rt("2.7");
    std::vector<uint32_t> chars = repeat('q', 8);
    PyObject* u = unicode_from_ucs4(rt, chars.data(), 8);  // 36 bytes: a 48-byte block
    const void* buffer = unicode_buffer_27(u);
    rt.decref(u);
    PyObject* v = unicode_from_ucs4(rt, chars.data(), 2);  // 12 bytes needed: the 48 stays
    CHECK(unicode_buffer_27(v) == buffer);
    CHECK(block_size(rt, unicode_buffer_27(v)) == 48);
    CHECK(unicode_sizeof(rt, v) == 48 + 3 * 4);  // getsizeof counts the length, not the block
    rt.decref(v);
    PyObject* w = unicode_from_ucs4(rt, repeat('r', 30).data(), 30);  // grows: realloc moves it
    CHECK(block_size(rt, unicode_buffer_27(w)) == 128);
    rt.decref(w);
    unicode_clear_free_list(rt);
}

TEST_CASE("2.7 decodes UTF-8 into a buffer sized by bytes then shrinks it") {
    // u'ab\xe9\xe9' from 6 bytes: a 28-byte buffer (block 32), then realloc to 20 bytes,
    // which stays in a 32-byte block; measured: the buffer block is 32 and len is 4.
    CheckedRuntime rt("2.7");
    PyObject* u = unicode_from_utf8(rt, "ab\xc3\xa9\xc3\xa9");
    CHECK(unicode_length(u) == 4);
    CHECK(block_size(rt, unicode_buffer_27(u)) == 32);
    CHECK(unicode_as_utf8(rt, u) == "ab\xc3\xa9\xc3\xa9");
    rt.decref(u);
    unicode_clear_free_list(rt);
}

TEST_CASE("u'' is made at start-up in 2.7 with its own 4-byte buffer") {
    CheckedRuntime rt("2.7");
    PyObject* e = rt.builtins().str_state.empty;
    CHECK(e != nullptr);
    CHECK(block_size(rt, e) == 48);
    CHECK(block_size(rt, unicode_buffer_27(e)) == 16);
    CHECK(unicode_sizeof(rt, e) == 52);
    CHECK(unicode_from_utf8(rt, "") == e);
    rt.decref(e);
}

TEST_CASE("the lab's own name lookups find interned names without making a str") {
    // CPython names such attributes by static strings (_Py_ID); a str made and freed for each
    // lookup would be an allocation, with its trace events, that CPython does not make.
    for (const char* profile : {"2.7", "3.8", "3.11", "3.13"}) {
        INFO(profile);
        CheckedRuntime rt(profile);
        PyObject* name = str_from_utf8(rt, "__lab_probe_name__");
        str_intern_in_place(rt, &name);
        CHECK(str_interned_ascii(rt, "__lab_probe_name__") == name);
        CHECK(str_interned_ascii(rt, "__not_interned_anywhere__") == nullptr);
        CHECK(str_interned_ascii(rt, "\xc3\xa9") == nullptr);  // UTF-8 text is not an ASCII key
        PyObject* o = rt.builtins().singletons.none;
        trace::TraceLog log(1 << 16);
        rt.set_trace(&log);
        PyObject* r = object_getattr_string(rt, o, "__class__");
        rt.set_trace(nullptr);
        CHECK(r == reinterpret_cast<PyObject*>(Py_TYPE(o)));
        rt.xdecref(r);
        size_t allocations = 0;
        for (size_t i = 0; i < log.size(); ++i) allocations += log.at(i).kind == trace::EventKind::Alloc;
        CHECK(allocations == 0);
        rt.decref(name);
    }
}
