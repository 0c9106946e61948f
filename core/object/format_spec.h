// The format-spec mini-language (Python/formatter_unicode.c): parsing
// [[fill]align][sign][z][#][0][width][grouping][.precision][type] into a FormatSpec, laying out
// a number's sign, prefix, grouped digits and remainder inside its padding (calc_number_widths
// and fill_number), and formatting a string. Shared by int (long_text.cpp), float
// (float_text.cpp) and str, whose __format__ calls format_string. Per profile: 'z' (3.11+),
// '_' grouping (3.6+), the error texts (2.7's "Invalid conversion specification", 3.11's
// "Invalid format specifier '...' for object of type '...'"), 3.10's '0' fill for strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// What the spec asks for. Text is held as code points (the fill may be any character).
struct FormatSpec {
    uint32_t fill_char = ' ';
    uint32_t align = '\0';    // '<', '>', '=', '^' (the caller's default when not given)
    uint32_t sign = '\0';     // '+', '-', ' ' or 0
    bool no_neg_0 = false;    // 'z' (3.11+)
    bool alternate = false;   // '#'
    int64_t width = -1;       // -1: not given
    char thousands = '\0';    // ',' or '_' (or 0)
    bool under_four = false;  // '_' with b/o/x/X: a separator every four digits
    int64_t precision = -1;   // -1: not given
    uint32_t type = '\0';     // the presentation type (the caller's default when not given)
};

// UTF-8 to code points and back (the spec and the results are str objects).
std::u32string utf8_to_u32(std::string_view utf8);
std::string u32_to_utf8(std::u32string_view text);

// The text a number is parsed from: a str or unicode object as UTF-8 (kTextUnicode), or the
// bytes of a 3.x bytes or 2.7 str object (kTextBytes). False for any other object.
enum TextKind { kTextUnicode, kTextBytes };
bool object_text(const Runtime& rt, const PyObject* o, std::string* out, TextKind* kind);
// _PyUnicode_TransformDecimalAndSpaceToASCII for parsing numbers: Unicode decimal digits become
// ASCII digits, Unicode white space a space, any other non-ASCII character '?'.
std::string ascii_digits_and_space(std::string_view utf8);
// repr() of such a text as CPython writes it in error messages: 'abc', "it's", b'\xff' (3.x
// bytes), 2.7's str escaping every byte past 0x7e, 3.x keeping printable non-ASCII characters.
// `limit`: %.200R's truncation of the repr, in characters.
std::string repr_text(const Runtime& rt, std::string_view text, TextKind kind, size_t limit = 200);

// parse_internal_render_format_spec. `type_name` (int, float, str, bool, ...) appears in the
// 3.11+ "Invalid format specifier" message. False with ValueError set.
bool format_spec_parse(Runtime& rt, std::u32string_view spec, char default_type, char default_align,
                       const char* type_name, FormatSpec* out);
// unknown_presentation_type: ValueError "Unknown format code 'x' for object of type 'float'".
PyObject* format_unknown_type(Runtime& rt, uint32_t type, const char* type_name);

// A number, split the way calc_number_widths sees it: an optional '-' (sign_char), a prefix
// ('0x', written in upper case when `upper`), the integer digits (grouped by the spec's
// separator, zero-padded when the fill is '0' with '=' alignment), then, when has_decimal,
// a '.', and the remainder (fraction, exponent, '%', or 'inf'), copied as is.
struct NumberParts {
    char sign_char = '\0';
    std::string prefix;
    std::string digits;
    bool has_decimal = false;
    std::string remainder;
    bool upper = false;
};
std::u32string format_number(const FormatSpec& spec, const NumberParts& parts);
// Whether the padded result of a width this large can be built: past text::kMaxTextLength code
// points (text_internal.h) it raises MemoryError, as CPython's allocation of it fails.
bool format_width_fits(Runtime& rt, const FormatSpec& spec);

// The TypeError of int.__format__ / float.__format__ given something other than a str.
PyObject* format_argument_error(Runtime& rt, PyObject* arg);

// format(s, spec) for a str: 3.x format_string_internal, 2.7's too (s as UTF-8). A new str,
// or nullptr with ValueError set.
PyObject* format_string(Runtime& rt, std::string_view text, std::string_view spec, const char* type_name);

}  // namespace pymemlab
