// complex (core/object/complex_object.cpp) and the numeric members beside it: literals, the
// arithmetic, repr per version, comparison, hash, complex(), float ** float into complex, and
// int/float real and imag. Expected output measured on the pyenv builds.
#include <catch2/catch.hpp>
#include <string_view>

#include "python_run.h"

using namespace pymemlab;

TEST_CASE("complex literals compute and print as CPython's complex numbers", "[complex]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o =
            run_python(profile,
                    "z = (1 + 2j) * (3 - 1j)\n"
                    "print(repr(z), repr(abs(3 + 4j)), repr(z.real), repr(z.imag))\n"
                    "print(repr((1j) ** 2), repr(1j ** 200), repr(-(1j)), repr(complex(-0.0, -0.0)))\n"
                    "print(repr((1 + 2j) / (3 - 4j)), repr(2 ** 1j), repr(1e20j), repr(0j))\n"
                    "print(1j == 1j, 1j != 1, (2 + 0j) == 2, hash(2 + 0j) == hash(2), bool(0j))\n"
                    "print(repr(complex('1+2j')), repr(complex(1, 2)), repr(complex(1j, 1j)), repr(1j.conjugate()))\n");
        CHECK(o.err == "");
        CHECK(o.out ==
              "(5+5j) 5.0 5.0 5.0\n"
              "(-1+0j) (1+1.964386723728472e-15j) (-0-1j) (-0-0j)\n"
              "(-0.2+0.4j) (0.7692389013639721+0.6389612763136348j) 1e+20j 0j\n"
              "True True True True False\n"
              "(1+2j) (1+2j) (-1+1j) -1j\n");
    }
    // 2.7's str() keeps 12 significant digits; its repr is the shortest one.
    RunOutput o = run_python("2.7", "z = 2 ** 1j\nprint z\nprint repr(z)\nprint (1 + 2j) * (3 - 1j)\n");
    CHECK(o.err == "");
    CHECK(o.out == "(0.769238901364+0.638961276314j)\n(0.7692389013639721+0.6389612763136348j)\n(5+5j)\n");
}

TEST_CASE("complex division by zero, zero to a complex power and ordering raise CPython's errors", "[complex]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        // 3.14 words them "division by zero" and "zero to ..." (measured on Pyodide 314.0.7).
        const bool new_wording = std::string_view(profile) == "3.14";
        CHECK(run_python(profile, "1j / 0\n").error_line() ==
              (new_wording ? "ZeroDivisionError: division by zero" : "ZeroDivisionError: complex division by zero"));
        CHECK(run_python(profile, "0j ** -1\n").error_line() ==
              (new_wording ? "ZeroDivisionError: zero to a negative or complex power"
                           : "ZeroDivisionError: 0.0 to a negative or complex power"));
        CHECK(run_python(profile, "pow(1j, 2, 3)\n").error_line() == "ValueError: complex modulo");
        CHECK(run_python(profile, "1j < 2j\n").error_line() ==
              "TypeError: '<' not supported between instances of 'complex' and 'complex'");
    }
    CHECK(run_python("2.7", "1j < 2j\n").error_line() == "TypeError: no ordering relation is defined for complex numbers");
}

TEST_CASE("a negative float to a fractional power is complex in 3.x and an error in 2.7", "[complex]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(profile, "print(pow(-8, 1 / 3), pow(-8, 1 / 3) == (-8) ** (1 / 3))\n");
        CHECK(o.err == "");
        CHECK(o.out == "(1.0000000000000002+1.7320508075688772j) True\n");
    }
    CHECK(run_python("2.7", "(-8.0) ** 0.5\n").error_line() ==
          "ValueError: negative number cannot be raised to a fractional power");
}

TEST_CASE("ints and floats have real, imag, numerator and denominator", "[complex]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(
            profile, "print((5).real, (5).imag, (5).numerator, (5).denominator, (2.5).real, (2.5).imag, True.real)\n");
        CHECK(o.err == "");
        CHECK(o.out == "5 0 5 1 2.5 0.0 1\n");
    }
}

TEST_CASE("float.as_integer_ratio and float.hex give the exact binary value", "[complex]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(profile,
                              "print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.0).as_integer_ratio())\n"
                              "print((1.0).hex(), (0.1).hex(), (-0.0).hex(), (5e-324).hex())\n");
        CHECK(o.err == "");
        CHECK(o.out ==
              "(1, 2) (3602879701896397, 36028797018963968) (-2, 1)\n"
              "0x1.0000000000000p+0 0x1.999999999999ap-4 -0x0.0p+0 0x0.0000000000001p-1022\n");
    }
}
