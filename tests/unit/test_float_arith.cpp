// float arithmetic, comparison with ints, hashing, rounding, repr and float() (float_arith.h):
// against CPython's answers (tests/data/numbers-<version>.tsv) in every profile with a pyenv
// build, and against properties that need no oracle (repr reads back as the same double and is
// the shortest that does; a % b has b's sign).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "checked_runtime.h"
#include "number_table.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/hash.h"
#include "profile/profile.h"

using namespace pymemlab;
using namespace pymemlab::numbers;

namespace {

struct Lcg {
    uint64_t state;
    uint64_t next() {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return state;
    }
};

double random_double(Lcg& lcg) {
    for (;;) {
        const uint64_t bits = lcg.next();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (std::isfinite(d)) return d;
    }
}

bool has_float_operand(const Case& c) {
    for (const auto& w : c.words)
        if (w.rfind("f:", 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("float operations match CPython's answers in every profile with a pyenv build", "[float_arith]") {
    for (const auto& [name, build] : builds()) {
        CheckedRuntime rt(name.c_str());
        Runner run(rt);
        int checked = 0, failed = 0;
        std::string report;
        for (const Case& c : load(build)) {
            const std::string& op = c.words[0];
            const bool wanted = op == "parse_float" || op == "repr" || op == "str" || op == "hash" ||
                                (op == "unop" && c.words[1] == "float") ||
                                ((op == "binop" || op == "pow3" || op == "cmp" || op == "unop" || op == "round") &&
                                 has_float_operand(c));
            if (!wanted || c.expected.find("skipped") != std::string::npos) continue;
            // 3.x raises a negative float to a fractional power as a complex number, which the
            // table records by type only; test_complex_object.cpp checks those values.
            if (c.expected.find("complex") != std::string::npos) continue;
            const std::string got = run_case(rt, run, c);
            if (got.empty()) continue;
            ++checked;
            if (!run.matches(got, c.expected) && ++failed <= 25) {
                std::string words;
                for (const auto& w : c.words) words += w.substr(0, 80) + " ";
                report += words + "\n    got      " + printable(got.substr(0, 160)) + "\n    expected " +
                          c.expected.substr(0, 160) + "\n";
            }
        }
        INFO(name << ": " << failed << " of " << checked << " differ\n" << report);
        CHECK(checked > 1000);
        CHECK(failed == 0);
    }
}

TEST_CASE("repr of a float reads back as the same double and no shorter digit string does", "[float_arith]") {
    Lcg lcg{2024};
    for (int i = 0; i < 20000; ++i) {
        const double x = i % 2 ? random_double(lcg)
                               : std::ldexp(static_cast<double>(lcg.next() >> 11), -static_cast<int>(lcg.next() % 80));
        const std::string r = float_repr_text(x);
        CHECK(std::strtod(r.c_str(), nullptr) == x);
        // The significant digits of the repr (no leading or trailing zeros), then one fewer.
        std::string mantissa;
        for (char c : r.substr(0, r.find('e')))
            if (c >= '0' && c <= '9') mantissa.push_back(c);
        mantissa.erase(0, mantissa.find_first_not_of('0'));
        while (!mantissa.empty() && mantissa.back() == '0') mantissa.pop_back();
        const int digits = static_cast<int>(mantissa.size());
        if (digits > 1 && x != 0.0) {
            char shorter[40];
            std::snprintf(shorter, sizeof shorter, "%.*e", digits - 2, x);
            INFO(r << " vs " << shorter);
            CHECK(std::strtod(shorter, nullptr) != x);
        }
    }
}

TEST_CASE("float repr switches to exponent form at 1e16 and below 1e-4, as repr does in 3.x", "[float_arith]") {
    // Expected texts from repr() on CPython 3.13.0 and 2.7.18 (identical: both use the short repr).
    CHECK(float_repr_text(1e16) == "1e+16");
    CHECK(float_repr_text(9999999999999998.0) == "9999999999999998.0");
    CHECK(float_repr_text(1e-4) == "0.0001");
    CHECK(float_repr_text(1e-5) == "1e-05");
    CHECK(float_repr_text(0.1) == "0.1");
    CHECK(float_repr_text(-0.0) == "-0.0");
    CHECK(float_repr_text(INFINITY) == "inf");
    CHECK(float_repr_text(-INFINITY) == "-inf");
    CHECK(float_repr_text(NAN) == "nan");
    CHECK(float_repr_text(5e-324) == "5e-324");
    CHECK(float_repr_text(1.7976931348623157e308) == "1.7976931348623157e+308");
}

TEST_CASE("a float modulo has the divisor's sign and a floor quotient is integral", "[float_arith]") {
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        INFO(profile.name);
        Lcg lcg{5};
        for (int i = 0; i < 500; ++i) {
            const double a =
                std::ldexp(static_cast<double>(static_cast<int64_t>(lcg.next())), -static_cast<int>(lcg.next() % 70));
            double b =
                std::ldexp(static_cast<double>(static_cast<int64_t>(lcg.next())), -static_cast<int>(lcg.next() % 70));
            if (b == 0.0) b = 1.5;
            PyObject* x = float_from_double(rt, a);
            PyObject* y = float_from_double(rt, b);
            PyObject* m = float_rem(rt, x, y);
            PyObject* q = float_floor_div(rt, x, y);
            REQUIRE((m != nullptr && q != nullptr));
            const double mv = float_value(m), qv = float_value(q);
            CHECK((mv == 0.0 || std::signbit(mv) == std::signbit(b)));
            // <=, not <: a tiny remainder of the other sign plus b rounds to b itself (CPython
            // 3.13: -1e-100 % 1.0 == 1.0).
            CHECK(std::fabs(mv) <= std::fabs(b));
            CHECK(qv == std::floor(qv));
            for (PyObject* o : {x, y, m, q}) rt.decref(o);
        }
    }
}

TEST_CASE("an integral float hashes as the equal int, however large", "[float_arith]") {
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        INFO(profile.name);
        for (int e : {0, 10, 52, 61, 62, 63, 64, 100, 500, 1000}) {
            for (double sign : {1.0, -1.0}) {
                const double d = sign * std::ldexp(1.0, e) * 3.0;
                PyObject* f = float_from_double(rt, d);
                PyObject* i = long_from_double(rt, d);
                REQUIRE(i != nullptr);
                CHECK(float_tp_hash(rt, f) == Py_TYPE(i)->tp_hash(rt, i));
                // ... and compares equal to it, exactly.
                PyObject* eq = richcompare(rt, i, f, Py_EQ);
                CHECK(eq == rt.builtins().singletons.true_);
                for (PyObject* o : {f, i, eq}) rt.decref(o);
            }
        }
    }
}

TEST_CASE("an int one above a float's precision compares greater than the float it rounds to", "[float_arith]") {
    for (const Profile& profile : all_profiles()) {
        CheckedRuntime rt(profile);
        PyObject* i = long_from_decimal_string(rt, "9007199254740993");  // 2**53 + 1
        PyObject* f = float_from_double(rt, 9007199254740992.0);         // float(2**53 + 1)
        PyObject* gt = richcompare(rt, i, f, Py_GT);
        PyObject* eq = richcompare(rt, f, i, Py_EQ);
        CHECK(gt == rt.builtins().singletons.true_);
        CHECK(eq == rt.builtins().singletons.false_);
        for (PyObject* o : {i, f, gt, eq}) rt.decref(o);
    }
}
