// int arithmetic, comparison and text (long_arith.h): against 128-bit arithmetic for random
// 64-bit operands, against identities on 300-digit values, against CPython's own answers
// (tests/data/numbers-<version>.tsv, from tests/cpython/measure_numbers.py) in every profile
// that has a pyenv build, and against the request sizes tracemalloc saw for each result.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "checked_runtime.h"
#include "number_table.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "profile/profile.h"

using namespace pymemlab;
using namespace pymemlab::numbers;

namespace {

// A deterministic generator (Knuth's MMIX LCG), so failures repeat.
struct Lcg {
    uint64_t state;
    uint64_t next() {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state;
    }
};

std::string to_text(__int128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    unsigned __int128 m = neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    std::string s;
    while (m) {
        s.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
        m /= 10;
    }
    if (neg) s.push_back('-');
    return std::string(s.rbegin(), s.rend());
}

// The decimal text of an int result (consumed); "error" when there is none.
std::string value_of(Runtime& rt, PyObject* r) {
    if (r == nullptr) {
        err_clear(rt);
        return "error";
    }
    std::string text;
    REQUIRE(long_to_decimal(rt, r, &text));
    rt.decref(r);
    return text;
}

bool is_int_token(const std::string& w) {
    return w.rfind("i:", 0) == 0 || w.rfind("L:", 0) == 0 || w.rfind("b:", 0) == 0;
}

}  // namespace

TEST_CASE("int results agree with 128-bit arithmetic for random 64-bit operands in every profile", "[long_arith]") {
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        INFO(profile.name);
        Lcg lcg{42};
        for (int i = 0; i < 3000; ++i) {
            // Magnitudes from 1 bit to 63, so medium values, two-digit and three-digit ints all occur.
            const int64_t a = static_cast<int64_t>(lcg.next()) >> (lcg.next() % 63);
            int64_t b = static_cast<int64_t>(lcg.next()) >> (lcg.next() % 63);
            if (b == 0) b = 3;
            PyObject* x = long_from_int64(rt, a);
            PyObject* y = long_from_int64(rt, b);
            const __int128 A = a, B = b;
            __int128 q = A / B, m = A % B;
            if (m != 0 && ((m < 0) != (B < 0))) {
                m += B;
                q -= 1;
            }
            const unsigned shift = static_cast<unsigned>(lcg.next() % 64);
            PyObject* s = long_from_int64(rt, shift);
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_add, "+")) == to_text(A + B));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_subtract, "-")) == to_text(A - B));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_multiply, "*")) == to_text(A * B));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_floor_divide, "//")) == to_text(q));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_remainder, "%")) == to_text(m));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_and, "&")) == to_text(A & B));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_or, "|")) == to_text(A | B));
            CHECK(value_of(rt, binary(rt, x, y, &PyNumberMethods::nb_xor, "^")) == to_text(A ^ B));
            CHECK(value_of(rt, binary(rt, x, s, &PyNumberMethods::nb_rshift, ">>")) == to_text(A >> shift));
            CHECK(value_of(rt, binary(rt, x, s, &PyNumberMethods::nb_lshift, "<<")) ==
                  to_text(A * (__int128{1} << shift)));
            CHECK(value_of(rt, Py_TYPE(x)->tp_as_number.nb_negative(rt, x)) == to_text(-A));
            CHECK(value_of(rt, Py_TYPE(x)->tp_as_number.nb_invert(rt, x)) == to_text(~A));
            for (PyObject* o : {x, y, s}) rt.decref(o);
        }
    }
}

TEST_CASE("floor division and modulo satisfy (a // b) * b + a % b == a on 300-digit values", "[long_arith]") {
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        INFO(profile.name);
        Lcg lcg{7};
        for (int i = 0; i < 40; ++i) {
            auto digits = [&](int n) {
                std::string s = lcg.next() & 1 ? "-" : "";
                s.push_back(static_cast<char>('1' + lcg.next() % 9));
                for (int k = 1; k < n; ++k) s.push_back(static_cast<char>('0' + lcg.next() % 10));
                return s;
            };
            const std::string ta = digits(300), tb = digits(1 + static_cast<int>(lcg.next() % 299));
            PyObject* a = long_from_decimal_string(rt, ta);
            PyObject* b = long_from_decimal_string(rt, tb);
            PyObject* q = binary(rt, a, b, &PyNumberMethods::nb_floor_divide, "//");
            PyObject* m = binary(rt, a, b, &PyNumberMethods::nb_remainder, "%");
            REQUIRE((q != nullptr && m != nullptr));
            PyObject* qb = binary(rt, q, b, &PyNumberMethods::nb_multiply, "*");
            PyObject* back = binary(rt, qb, m, &PyNumberMethods::nb_add, "+");
            CHECK(value_of(rt, back) == ta);
            // The remainder has the divisor's sign and is smaller than it.
            PyObject* zero = long_from_int64(rt, 0);
            const bool b_positive = tb[0] != '-';
            PyObject* sign_ok = richcompare(rt, m, zero, b_positive ? Py_GE : Py_LE);
            PyObject* size_ok = richcompare(rt, m, b, b_positive ? Py_LT : Py_GT);
            CHECK(sign_ok == rt.builtins().singletons.true_);
            CHECK(size_ok == rt.builtins().singletons.true_);
            // divmod gives the same pair.
            PyObject* dm = binary(rt, a, b, &PyNumberMethods::nb_divmod, "divmod()");
            REQUIRE(dm != nullptr);
            CHECK(long_equal(rt, tuple_items(dm)[0], q));
            CHECK(long_equal(rt, tuple_items(dm)[1], m));
            for (PyObject* o : {a, b, q, m, qb, zero, sign_ok, size_ok, dm}) rt.decref(o);
        }
    }
}

TEST_CASE("decimal text round-trips through int for values of up to 4300 digits", "[long_arith]") {
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        INFO(profile.name);
        Lcg lcg{99};
        for (int n : {1, 9, 10, 18, 19, 20, 100, 641, 1000, 4300}) {
            std::string text(1, static_cast<char>('1' + lcg.next() % 9));
            for (int k = 1; k < n; ++k) text.push_back(static_cast<char>('0' + lcg.next() % 10));
            PyObject* v = long_from_string(rt, text, 10);
            REQUIRE(v != nullptr);
            std::string back;
            CHECK(long_to_decimal(rt, v, &back));
            CHECK(back == text);
            rt.decref(v);
        }
        // 4301 digits: refused from 3.8 (the limit backported to 3.8.14 and 3.10.7).
        PyObject* big = long_from_string(rt, std::string(4301, '7'), 10);
        CHECK((big == nullptr) == profile.at_least(3, 8));
        if (big == nullptr) {
            CHECK(err_matches(rt, rt.builtins().exc.ValueError));
            err_clear(rt);
        } else {
            rt.decref(big);
        }
    }
}

TEST_CASE("small int results are the cached objects, except where CPython's x_sub skipped the cache", "[long_arith]") {
    // (2**40 + 5) - 2**40 is 5: the cached 5 from 3.10, a new int in 3.6 and 3.8 (CPython 3.8.18:
    // `(a - b) is 5` is False there, True on 3.10.13); (2**40 + 5) // 2**40 is the cached 1.
    // 2.7's longs are never cached: 5L - 0L is a new long.
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        INFO(profile.name);
        Runner run(rt);
        PyObject* a = run.make("L:1099511627781");  // 2**40 + 5
        PyObject* b = run.make("L:1099511627776");  // 2**40
        PyObject* d = binary(rt, a, b, &PyNumberMethods::nb_subtract, "-");
        PyObject* q = binary(rt, a, b, &PyNumberMethods::nb_floor_divide, "//");
        REQUIRE((d != nullptr && q != nullptr));
        CHECK(run.int_text(d) == "5");
        if (profile.major == 2) {
            CHECK(Py_TYPE(d) == rt.builtins().long27_type);
            CHECK(Py_TYPE(q) == rt.builtins().long27_type);
        } else {
            CHECK((d == rt.builtins().small_ints[5 + kSmallNegInts]) == profile.at_least(3, 10));
            CHECK(q == rt.builtins().small_ints[1 + kSmallNegInts]);
        }
        for (PyObject* o : {a, b, d, q}) rt.decref(o);
    }
}

TEST_CASE("2.7 int arithmetic overflows into long and a long's repr ends in L", "[long_arith]") {
    CheckedRuntime rt("2.7");
    PyObject* big = long_from_int64(rt, INT64_MAX);
    PyObject* one = long_from_int64(rt, 1);
    PyObject* sum = binary(rt, big, one, &PyNumberMethods::nb_add, "+");
    REQUIRE(sum != nullptr);
    CHECK(Py_TYPE(big) == rt.builtins().long_type);
    CHECK(Py_TYPE(sum) == rt.builtins().long27_type);
    PyObject* repr = Py_TYPE(sum)->tp_repr(rt, sum);
    CHECK(text_of(rt, repr) == U"9223372036854775808L");
    PyObject* str = Py_TYPE(sum)->tp_str(rt, sum);
    CHECK(text_of(rt, str) == U"9223372036854775808");
    for (PyObject* o : {big, one, sum, repr, str}) rt.decref(o);
}

TEST_CASE("int operations match CPython's answers in every profile with a pyenv build", "[long_arith]") {
    for (const auto& [name, build] : builds()) {
        CheckedRuntime rt(name.c_str());
        Runner run(rt);
        int checked = 0, failed = 0;
        std::string report;
        for (const Case& c : load(build)) {
            const std::string& op = c.words[0];
            if (op == "alloc" || op == "python" || op == "format" || op == "parse_float" || op == "repr" ||
                op == "str" || op == "hash")
                continue;
            if (c.expected.find("skipped") != std::string::npos) continue;
            // Only cases whose operands are all ints (parse_int takes a str and a base).
            bool ints = true;
            const size_t first = op == "binop" || op == "unop" || op == "cmp" ? 2 : 1;
            for (size_t i = first; i < c.words.size(); ++i)
                if (!is_int_token(c.words[i]) && !(op == "parse_int" && i == 1) && c.words[i] != "N") ints = false;
            if (!ints) continue;
            if (op == "unop" && c.words[1] == "float") continue;  // float_arith's table test
            const std::string got = run_case(rt, run, c);
            if (got.empty()) continue;
            ++checked;
            if (!run.matches(got, c.expected)) {
                if (++failed <= 25) {
                    std::string words;
                    for (const auto& w : c.words) words += w.substr(0, 80) + " ";
                    report += words + "\n    got      " + printable(got.substr(0, 160)) + "\n    expected " +
                              c.expected.substr(0, 160) + "\n";
                }
            }
        }
        INFO(name << ": " << failed << " of " << checked << " differ\n" << report);
        CHECK(checked > 1000);
        CHECK(failed == 0);
    }
}

TEST_CASE("int results ask the allocator for what CPython's ask for (tracemalloc), 3.6 to 3.13", "[long_arith]") {
    for (const auto& [name, build] : builds()) {
        if (name == "2.7") continue;  // no tracemalloc
        CheckedRuntime rt(name.c_str());
        Runner run(rt);
        int checked = 0, failed = 0;
        std::string report;
        for (const Case& c : load(build)) {
            if (c.words[0] != "alloc") continue;
            const std::string& op = c.words[1];
            std::vector<PyObject*> args;
            for (size_t i = 2; i < c.words.size(); ++i) args.push_back(run.make(c.words[i]));
            if (op == "parse_int") {  // int(str(a)): the text is built before tracing
                std::string text;
                TextKind kind;
                object_text(rt, args[0], &text, &kind);
                rt.decref(args[0]);
                args[0] = str_from_utf8(rt, text);
            }
            rt.start_tracing();
            PyObject* r = nullptr;
            static const std::map<std::string, binaryfunc PyNumberMethods::*> slots = {
                {"add", &PyNumberMethods::nb_add},       {"sub", &PyNumberMethods::nb_subtract},
                {"mul", &PyNumberMethods::nb_multiply},  {"floordiv", &PyNumberMethods::nb_floor_divide},
                {"mod", &PyNumberMethods::nb_remainder}, {"divmod", &PyNumberMethods::nb_divmod},
                {"and", &PyNumberMethods::nb_and},       {"or", &PyNumberMethods::nb_or},
                {"xor", &PyNumberMethods::nb_xor},       {"lshift", &PyNumberMethods::nb_lshift},
                {"rshift", &PyNumberMethods::nb_rshift}};
            const PyNumberMethods& nb = Py_TYPE(args[0])->tp_as_number;
            if (auto it = slots.find(op); it != slots.end())
                r = binary(rt, args[0], args[1], it->second, op.c_str());
            else if (op == "neg")
                r = nb.nb_negative(rt, args[0]);
            else if (op == "invert")
                r = nb.nb_invert(rt, args[0]);
            else if (op == "abs")
                r = nb.nb_absolute(rt, args[0]);
            else if (op == "pos")
                r = nb.nb_positive(rt, args[0]);
            else if (op == "parse_int")
                r = call_type(rt, rt.builtins().long_type, {args[0]});
            else if (op == "pow")
                r = ternary_power(rt, args[0], args[1], rt.builtins().singletons.none);
            else if (op == "pow3")
                r = ternary_power(rt, args[0], args[1], args[2]);
            REQUIRE(r != nullptr);
            // The blocks the result's ints hold that were requested while tracing (a divmod's
            // tuple is left out: CPython's came from its free list).
            std::vector<int64_t> sizes;
            std::vector<PyObject*> items;
            if (Py_TYPE(r) == rt.builtins().tuple_type)
                for (int64_t i = 0; i < Py_SIZE(r); ++i) items.push_back(tuple_items(r)[i]);
            else
                items.push_back(r);
            for (PyObject* o : items) {
                auto it = rt.traced_blocks().find(rt.block_of(o));
                if (it != rt.traced_blocks().end()) sizes.push_back(static_cast<int64_t>(it->second));
            }
            std::sort(sizes.rbegin(), sizes.rend());
            std::string got;
            for (int64_t sz : sizes) got += (got.empty() ? "" : ",") + std::to_string(sz);
            if (got.empty()) got = "-";
            rt.stop_tracing();
            rt.decref(r);
            for (PyObject* o : args) rt.decref(o);
            ++checked;
            if (got != c.expected && ++failed <= 30) {
                std::string words;
                for (const auto& w : c.words) words += w + " ";
                report += words + " got " + got + " expected " + c.expected + "\n";
            }
        }
        INFO(name << ": " << failed << " of " << checked << " differ\n" << report);
        CHECK(checked > 2000);
        CHECK(failed == 0);
    }
}
