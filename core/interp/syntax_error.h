// SyntaxErrorInfo: a compile-time error as CPython reports it — the exception type (SyntaxError,
// IndentationError, or MemoryError when the heap ran out while compiling), the message and the
// location. The parser (parser.h) and the compiler (compiler.h) both fill it.
#pragma once

#include <string>

namespace pymemlab {

struct Profile;

struct SyntaxErrorInfo {
    std::string type = "SyntaxError";
    std::string msg;
    int line = 0;
    int offset = 0;
    int end_line = 0, end_offset = 0;
    std::string text;
    std::string filename;  // empty: the snippet's ("<snippet>"); "<fstring>" for 3.6-3.8's f-string fields
};

// CPython's print of a SyntaxError that has a location (print_exception's parse_syntax_error):
// `File "...", line N`, the line stripped of its indentation with a caret (3.10+: a range, but a
// single caret for IndentationError up to 3.12, and none when it would point left of the text),
// then "Type: msg". traceback.cpp.
std::string format_syntax_error(const Profile& p, const SyntaxErrorInfo& e);

}  // namespace pymemlab
