// UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError (core/object/exception_unicode.cpp):
// the codecs raise them with their five fields, they can be made by hand, and str() reads the
// fields as each version does. Expected text measured on the pyenv builds.
#include <catch2/catch.hpp>

#include "python_run.h"

using namespace pymemlab;

TEST_CASE("a failed encode raises UnicodeEncodeError with the codec, the text and the range", "[exceptions]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o =
            run_python(profile,
                    "try:\n    'caf\\xe9 \\u20ac'.encode('ascii')\n"
                    "except UnicodeEncodeError as e:\n"
                    "    print(type(e).__name__, isinstance(e, ValueError), e.encoding, e.start, e.end, e.reason)\n"
                    "    print(e.object == 'caf\\xe9 \\u20ac', e)\n");
        CHECK(o.err == "");
        CHECK(o.out ==
              "UnicodeEncodeError True ascii 3 4 ordinal not in range(128)\n"
              "True 'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range(128)\n");
        CHECK(run_python(profile, "'caf\\xe9'.encode('ascii')\n").error_line() ==
              "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in "
              "range(128)");
    }
}

TEST_CASE("a failed decode raises UnicodeDecodeError naming the byte or the range", "[exceptions]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(profile,
                              "try:\n    b'ab\\xff\\xfe'.decode('utf-8')\n"
                              "except UnicodeDecodeError as e:\n"
                              "    print(e.encoding, e.object, e.start, e.end, e.reason)\n"
                              "    print(e)\n"
                              "print(UnicodeDecodeError('ascii', b'xyz', 0, 3, 'bad'))\n");
        CHECK(o.err == "");
        CHECK(o.out ==
              "utf-8 b'ab\\xff\\xfe' 2 3 invalid start byte\n"
              "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte\n"
              "'ascii' codec can't decode bytes in position 0-2: bad\n");
    }
}

TEST_CASE("UnicodeTranslateError has no encoding and its start and end can be set", "[exceptions]") {
    RunOutput o = run_python("3.12",
                          "e = UnicodeTranslateError('abc', 1, 2, 'no map')\n"
                          "print(e, e.encoding)\n"
                          "e.start = 0\ne.end = 3\nprint(e)\n");
    CHECK(o.err == "");
    CHECK(o.out ==
          "can't translate character '\\x62' in position 1: no map None\n"
          "can't translate characters in position 0-2: no map\n");
}

TEST_CASE("UnicodeEncodeError checks its arguments", "[exceptions]") {
    CHECK(run_python("3.12", "UnicodeEncodeError('ascii')\n").error_line() ==
          "TypeError: function takes exactly 5 arguments (1 given)");
}

TEST_CASE("a line of the REPL with several statements is compiled as one input", "[repl]") {
    CheckedRuntime rt("3.12");
    std::string out;
    {
        Interp in(rt);
        in.write = [&](int fd, std::string_view text) {
            if (fd == 1) out += text;
        };
        run_source(in, "a = 1000\nb = 1000\na is b\nc = 1000; d = 1000\nc is d\n", RunMode::Repl);
    }
    CHECK(out == "False\nTrue\n");
}
