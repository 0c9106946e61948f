// Hashes against CPython, each printed with randomization off by the pyenv builds (3.6-3.10
// agree, as do 3.11-3.13): tests/cpython/measure_strings.py, or for one value
//   PYTHONHASHSEED=0 $(pyenv root)/versions/<v>/bin/python -c "print(hash(u'abc'))"
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "checked_runtime.h"
#include "object/bytes_object.h"
#include "object/hash.h"
#include "object/long_object.h"
#include "object/str_object.h"

using namespace pymemlab;

namespace {

struct Vector {
    const char* utf8;     // the text, as UTF-8
    Py_hash_t hash;       // hash() of the str (3.x) or unicode (2.7)
};

const std::string kHundredX(100, 'x');

// 30-bit digits of base**exp, least significant first.
std::vector<uint32_t> digits_of_power(uint32_t base, int exp) {
    std::vector<uint32_t> d{1};
    for (int i = 0; i < exp; ++i) {
        uint64_t carry = 0;
        for (uint32_t& digit : d) {
            uint64_t v = uint64_t{digit} * base + carry;
            digit = static_cast<uint32_t>(v & PyLong_MASK);
            carry = v >> PyLong_SHIFT;
        }
        if (carry != 0) d.push_back(static_cast<uint32_t>(carry));
    }
    return d;
}

Py_hash_t hash_power(const Profile& p, uint32_t base, int exp, int sign) {
    std::vector<uint32_t> d = digits_of_power(base, exp);
    return hash_long_digits(p, d.data(), static_cast<int64_t>(d.size()), sign);
}

void check_str_vectors(const char* profile, const std::vector<Vector>& vectors) {
    CheckedRuntime rt(profile);
    for (const Vector& v : vectors) {
        PyObject* s = unicode_from_utf8(rt, v.utf8);
        REQUIRE(s != nullptr);
        INFO(profile << " " << v.utf8);
        CHECK(unicode_hash(rt, s) == v.hash);
        rt.decref(s);
    }
    PyObject* x = unicode_from_utf8(rt, kHundredX);
    CHECK(unicode_hash(rt, x) == (rt.profile().major == 2 ? -5622435189161604924
                                  : rt.profile().at_least(3, 11) ? 1359644457043326220 : -996151759214403962));
    rt.decref(x);
    unicode_clear_free_list(rt);  // 2.7 keeps freed unicode objects: give them back
}

}  // namespace

TEST_CASE("the profiles hash strings with siphash24 up to 3.10 and siphash13 from 3.11") {
    CHECK(string_hash_of(*find_profile("2.7")) == StringHash::kFnv27);
    CHECK(string_hash_of(*find_profile("3.6")) == StringHash::kSipHash24);
    CHECK(string_hash_of(*find_profile("3.10")) == StringHash::kSipHash24);
    CHECK(string_hash_of(*find_profile("3.11")) == StringHash::kSipHash13);
    CHECK(string_hash_of(*find_profile("3.14")) == StringHash::kSipHash13);
}

TEST_CASE("str hashes match CPython 3.6 to 3.10 with PYTHONHASHSEED=0") {
    const std::vector<Vector> vectors = {
        {"", 0}, {"a", -7583489610679606711}, {"abc", 4596069200710135518},
        {"abcdefg", -6651368143851290504}, {"abcdefgh", -1847705707669741165},
        {"hello world", 6266945022561323786}, {"\xc3\xa9", 4954367630624915103},
        {"ab\xc3\xa9", -7653826570351737587}, {"\xe2\x82\xac", -7838577127164893040},
        {"ab\xe2\x82\xac", 4916421679962930441}, {"\xf0\x9f\x98\x80", 2694534307785527896},
        {"ab\xf0\x9f\x98\x80", 8690674047487805821}, {"sys", -3121373486788347125},
        {"__init__", -3846327113341247001}};
    for (const char* profile : {"3.6", "3.8", "3.10"}) check_str_vectors(profile, vectors);
}

TEST_CASE("str hashes match CPython 3.11 to 3.13 with PYTHONHASHSEED=0") {
    const std::vector<Vector> vectors = {
        {"", 0}, {"a", 4644417185603328019}, {"abc", -4594863902769663758},
        {"abcdefg", 7904145750247929094}, {"abcdefgh", 4574395652268504554},
        {"hello world", -5642461784034726774}, {"\xc3\xa9", 6047309291227476195},
        {"ab\xc3\xa9", -5450453019029469821}, {"\xe2\x82\xac", -5529981157763016009},
        {"ab\xe2\x82\xac", -6661611623252364461}, {"\xf0\x9f\x98\x80", -3536540696076613844},
        {"ab\xf0\x9f\x98\x80", -8553656786033707897}, {"sys", 8591962067542672579},
        {"__init__", 4748292593639647670}};
    for (const char* profile : {"3.11", "3.12", "3.13", "3.14"}) check_str_vectors(profile, vectors);
}

TEST_CASE("2.7 unicode hashes match CPython 2.7 over UCS-4 units") {
    check_str_vectors("2.7", {{"", 0}, {"a", 12416037344}, {"abc", 1453079729188098211},
                              {"abcdefg", 5653254239121123959}, {"abcdefgh", 8223078517288926000},
                              {"hello world", -2324238377118044897}, {"\xc3\xa9", 29824089448},
                              {"ab\xc3\xa9", 1453079729188098089}, {"\xe2\x82\xac", 1070595220141},
                              {"ab\xe2\x82\xac", 1453079729188106348}, {"\xf0\x9f\x98\x80", 16449585346049},
                              {"ab\xf0\x9f\x98\x80", 1453079729187989184}, {"sys", -369175422020790832},
                              {"__init__", 243017754987892126}});
}

TEST_CASE("2.7 str hashes its bytes like unicode hashes equal text") {
    CheckedRuntime rt("2.7");
    struct Row { std::string bytes; Py_hash_t hash; };
    for (const Row& r : {Row{"", 0}, Row{"a", 12416037344}, Row{"abc", 1453079729188098211},
                         Row{"hello world", -2324238377118044897}, Row{"\xe9", 29824089448},
                         Row{kHundredX, -5622435189161604924}}) {
        PyObject* s = bytes_from_string(rt, r.bytes);
        CHECK(str_hash(rt, s) == r.hash);
        rt.decref(s);
    }
}

TEST_CASE("bytes hash as the str of the same buffer does in 3.x") {
    struct Row { const char* profile; Py_hash_t abc, hello, e9, ff0080; };
    for (Row r : {Row{"3.8", 4596069200710135518, 6266945022561323786, 4954367630624915103, -4727442871954389920},
                  Row{"3.13", -4594863902769663758, -5642461784034726774, 6047309291227476195, -7117415229577028358}}) {
        CheckedRuntime rt(r.profile);
        INFO(r.profile);
        std::vector<PyObject*> objects = {bytes_from_string(rt, "abc"), bytes_from_string(rt, "hello world"),
                                          bytes_from_string(rt, "\xe9"), bytes_from_data(rt, "\xff\x00\x80", 3)};
        CHECK(bytes_hash(rt, objects[0]) == r.abc);
        CHECK(bytes_hash(rt, objects[1]) == r.hello);
        CHECK(bytes_hash(rt, objects[2]) == r.e9);  // and hash('\xe9'): a latin-1 buffer is its bytes
        CHECK(bytes_hash(rt, objects[3]) == r.ff0080);
        objects.push_back(bytes_from_string(rt, ""));
        CHECK(bytes_hash(rt, objects[4]) == 0);
        for (PyObject* o : objects) rt.decref(o);
    }
}

TEST_CASE("a str hash is computed once and kept in the object's hash field") {
    CheckedRuntime rt("3.12");
    PyObject* s = unicode_from_utf8(rt, "hello world");
    CHECK(reinterpret_cast<PyASCIIObject*>(s)->hash == -1);
    Py_hash_t h = unicode_hash(rt, s);
    CHECK(reinterpret_cast<PyASCIIObject*>(s)->hash == h);
    reinterpret_cast<PyASCIIObject*>(s)->hash = 42;  // a cached value is trusted, as in CPython
    CHECK(unicode_hash(rt, s) == 42);
    rt.decref(s);
}

TEST_CASE("siphash24 gives the reference implementation's test vector") {
    // The SipHash paper's vector: key 00..0f, message 00..0e, output a129ca6149be45e5.
    unsigned char key[16], msg[15];
    for (int i = 0; i < 16; ++i) key[i] = static_cast<unsigned char>(i);
    for (int i = 0; i < 15; ++i) msg[i] = static_cast<unsigned char>(i);
    uint64_t k0 = 0, k1 = 0;
    for (int i = 7; i >= 0; --i) {
        k0 = (k0 << 8) | key[i];
        k1 = (k1 << 8) | key[8 + i];
    }
    CHECK(siphash24(k0, k1, msg, sizeof msg) == 0xa129ca6149be45e5ull);
}

TEST_CASE("int hashes are the value modulo 2**61 - 1 in 3.x and modulo 2**64 - 1 in 2.7") {
    const Profile& p3 = *find_profile("3.12");
    const Profile& p2 = *find_profile("2.7");
    for (const Profile* p : {&p3, &p2}) {
        CHECK(hash_int64(*p, 0) == 0);
        CHECK(hash_int64(*p, 1) == 1);
        CHECK(hash_int64(*p, -1) == -2);
        CHECK(hash_int64(*p, -2) == -2);
        CHECK(hash_int64(*p, 1 << 30) == 1 << 30);
        CHECK(hash_int64(*p, (int64_t{1} << 61) - 2) == (int64_t{1} << 61) - 2);
    }
    CHECK(hash_int64(p3, (int64_t{1} << 61) - 1) == 0);
    CHECK(hash_int64(p3, int64_t{1} << 61) == 1);
    CHECK(hash_int64(p3, int64_t{1} << 62) == 2);
    CHECK(hash_int64(p3, -(int64_t{1} << 62)) == -2);
    CHECK(hash_int64(p3, INT64_MIN) == -4);
    CHECK(hash_int64(p3, (int64_t{1} << 62) + 12345) == 12347);
    CHECK(hash_power(p3, 2, 63, 1) == 4);
    CHECK(hash_power(p3, 2, 64, 1) == 8);
    CHECK(hash_power(p3, 2, 64, -1) == -8);
    CHECK(hash_power(p3, 2, 100, 1) == 549755813888);
    CHECK(hash_power(p3, 2, 100, -1) == -549755813888);
    CHECK(hash_power(p3, 10, 30, 1) == 465258685558744706);

    CHECK(hash_int64(p2, (int64_t{1} << 61) - 1) == 2305843009213693951);
    CHECK(hash_int64(p2, int64_t{1} << 62) == 4611686018427387904);
    CHECK(hash_int64(p2, -(int64_t{1} << 62)) == -4611686018427387904);
    CHECK(hash_int64(p2, INT64_MIN) == INT64_MIN);
    CHECK(hash_power(p2, 2, 63, 1) == INT64_MIN);
    CHECK(hash_power(p2, 2, 64, 1) == 1);
    CHECK(hash_power(p2, 2, 64, -1) == -2);
    CHECK(hash_power(p2, 2, 100, 1) == 68719476736);
    CHECK(hash_power(p2, 2, 100, -1) == -68719476736);
    CHECK(hash_power(p2, 10, 30, 1) == 5076944324515372240);
}

TEST_CASE("hash of a modelled int object agrees with hash_int64") {
    for (const char* name : {"3.8", "3.11", "3.13"}) {
        CheckedRuntime rt(name);
        for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{300}, int64_t{1} << 62, -(int64_t{1} << 62) - 12345}) {
            PyObject* o = long_from_int64(rt, v);
            Py_hash_t h = 0;
            REQUIRE(object_hash(rt, o, &h));
            CHECK(h == hash_int64(rt.profile(), v));
            CHECK(long_hash(rt, o) == h);
            rt.decref(o);
        }
    }
}

TEST_CASE("the pointer hash rotates the address right by four bits") {
    // Checked on every build: hash(o) == rotate_right(id(o), 4) for o = object().
    CHECK(hash_pointer(0x7f0d51990260) == 0x07f0d5199026);
    CHECK(hash_pointer(0x7f0d51990268) == static_cast<Py_hash_t>(0x800007f0d5199026ull));
    CHECK(hash_pointer(~uint64_t{0}) == -2);  // -1 is no hash: it becomes -2
}

TEST_CASE("object_hash dispatches to str bytes and unicode and declines other types") {
    CheckedRuntime r2("2.7"), r3("3.13");
    for (Runtime* rt : {static_cast<Runtime*>(&r2), static_cast<Runtime*>(&r3)}) {
        PyObject* s = str_from_utf8(*rt, "abc");
        PyObject* u = unicode_from_utf8(*rt, "abc");
        Py_hash_t hs = 0, hu = 0, hl = 7;
        CHECK(object_hash(*rt, s, &hs));
        CHECK(object_hash(*rt, u, &hu));
        CHECK(hs == hu);  // 2.7: str and unicode of equal ASCII text; 3.x: the same type
        CHECK_FALSE(object_hash(*rt, rt->builtins().empty_tuple, &hl));
        CHECK(hl == 7);
        rt->decref(s);
        rt->decref(u);
        unicode_clear_free_list(*rt);
    }
}
