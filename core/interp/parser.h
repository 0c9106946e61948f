// The parser: Python source (UTF-8) to an ast::Module, by hand-written recursive descent over
// the tokens of lexer.h, with CPython's syntax errors per profile. Read ast.h for the tree and
// parser_internal.h for the class and the files its phases live in; the tests are
// tests/unit/test_lexer.cpp and test_parser*.cpp.
#pragma once

#include <string>
#include <string_view>

#include "interp/ast.h"
#include "interp/syntax_error.h"

namespace pymemlab {

// Errors come back as SyntaxErrorInfo (syntax_error.h, shared with the compiler), as CPython
// would raise them for the same source under the same profile:
//
// type is "SyntaxError", "IndentationError" or "TabError"; "MemoryError" when the nesting is
// deeper than CPython's parser stack (see below; msg as CPython's, offset 0, no text). offset is
// the 1-based column of the caret in characters (bytes under 2.7), i.e. col_offset + 1 where
// CPython points at a token or node. end_line/end_offset follow CPython 3.10+ (0 and -1 are
// values CPython itself reports); older profiles have no end position and leave both 0. An
// offset of 0 also stands for CPython's None (2.7's AST-level errors, NUL bytes). text is the
// line the error is on, without its newline (for a few 3.6-3.11 errors inside an f-string's
// expression it is CPython's "(expression)" text instead, and for an unterminated string before
// 3.10 the lines from the string's start, as CPython reports them).

// The profile's version: the grammar and the wording of errors follow it.
struct ParseOptions {
    int major = 3;
    int minor = 13;
};

// Parses a whole file. On failure returns false and fills *err (if err is not null); never
// throws, never recurses without bound: any input, NUL bytes and invalid UTF-8 included, ends in
// a tree or an error in time linear in its length.
bool parse_module(std::string_view source, const ParseOptions& options, ast::Module& out, SyntaxErrorInfo* err);

// ---- What the tree holds beyond ast.h's comments -------------------------------------------
//
// - Constant Int: the literal's value in decimal digits, whatever its base ("0xff" -> "255").
//   Float/Complex: the double of the literal (Complex: its imaginary part). A '-' before a
//   literal stays a UnaryOp.
// - 2.7: plain and b'' string literals are Bytes (2.7's str), u'' literals are Str (unicode);
//   `from __future__ import unicode_literals` makes plain literals Str. True and False are
//   Names (assignable, as in 2.7); None is Constant None. The print statement is
//   StmtKind::Print27 unless `from __future__ import print_function` appears.
// - f-strings: JoinedStr of Constant Str and FormattedValue; `f"{x=}"` gives Constant "x=" and
//   FormattedValue(x, conversion 'r') when neither a conversion nor a format spec is given.
// - 3.12.x ends a format spec that ends with a field with an empty Constant, as 3.12.1 does.
// - Not in ast.h, so rejected with "PyMemLab does not support ..." (a SyntaxError): `async
//   def`, `async for`/`async with` statements, `match`, `except*`, `type X = ...`, type
//   parameter lists (`def f[T]`), and 2.7's `exec` statement, backquotes, tuple parameters and
//   `raise E, V`. `await` and async comprehensions parse (the compiler rejects them). `\N{...}`
//   escapes are refused by name (no Unicode name database). Source is read as UTF-8 whatever its
//   coding declaration says; 2.7 is read as if it declared utf-8.
//
// ---- Errors modelled (CPython's wording and caret, checked against the pyenv builds) ---------
//
// Tokenizer (all profiles unless noted; 3.10+ reports them ahead of any parser error, as
// CPython tokenizes the rest of the file on failure):
//   unterminated string literal (detected at line N) / unterminated triple-quoted string
//     literal (detected at line N) (3.10+; 3.12+ says "f-string literal" for f-strings);
//     EOL while scanning string literal / EOF while scanning triple-quoted string literal (older)
//   unmatched ')' / closing parenthesis ')' does not match opening parenthesis '[' [on line N]
//     (3.8+), too many nested parentheses (200 levels)
//   invalid decimal / hexadecimal / octal / binary literal, invalid digit '8' in octal literal,
//     leading zeros in decimal integer literals are not permitted; ... (3.8+; 3.6 and 2.7 say
//     "invalid token")
//   invalid character '€' (U+20AC), invalid non-printable character U+00A0 (3.10+; older:
//     invalid character in identifier). Letters are told from symbols by a table of the common
//     symbol and punctuation blocks, not the full Unicode database.
//   unexpected character after line continuation character, unexpected EOF while parsing
//   IndentationError: unexpected indent, unindent does not match any outer indentation level,
//     too many levels of indentation (100); TabError: inconsistent use of tabs and spaces in
//     indentation (not 2.7, which compares tabs as 8 columns only)
//   source code cannot contain null bytes (running a file under 3.12, for every profile; line
//     only); bytes that are not UTF-8 where CPython decodes them, in a name or a string literal:
//     (unicode error) 'utf-8' codec can't decode byte 0xff in position N: invalid start byte,
//     N counted from the name's or the literal's start (3.6/3.8 in a name: invalid character in
//     identifier; comments are not decoded)
// Parser (3.10+ wording where pegen has one, older profiles "invalid syntax" where CPython's
// old parser said so; the pyenv outputs are hard-coded in tests/unit/test_parser_errors.cpp):
//   invalid syntax (at the token CPython blames), '(' was never closed (older: unexpected EOF
//   while parsing), expected ':', expected '(', invalid syntax. Perhaps you forgot a comma?,
//   expected 'else' after 'if' expression, invalid syntax. Maybe you meant '==' or ':=' instead
//   of '='?, cannot assign to X here. Maybe you meant '==' instead of '='?, cannot assign to X /
//   cannot delete X (3.8: same at the whole target; 3.6/2.7: "can't"), 'X' is an illegal
//   expression for augmented assignment, assignment to yield expression not possible, cannot use
//   assignment expressions with X, only single target (not tuple) can be annotated, illegal
//   target for annotation, expected an indented block after 'if' statement on line N (and every
//   other block; older: expected an indented block), expected 'except' or 'finally' block,
//   Missing parentheses in call to 'print'. Did you mean print(...)? (3.6/3.8: print(x, y)),
//   positional argument follows keyword argument, Generator expression must be parenthesized,
//   non-default argument follows default argument (3.12+: parameter without a default follows
//   parameter with a default), named arguments must follow bare *, 3.11+'s parameter messages
//   (/ may appear only once, * argument may appear only once, Function parameters cannot be
//   parenthesized, arguments cannot follow var-keyword argument, ...), trailing comma not allowed
//   without surrounding parentheses, iterable unpacking cannot be used in comprehension,
//   cannot mix bytes and nonbytes literals, bytes can only contain ASCII literal characters,
//   (unicode error) 'unicodeescape' codec can't decode bytes in position a-b: truncated \xXX
//   escape (and \uXXXX, \UXXXXXXXX, illegal Unicode character), f-string: expecting '}',
//   f-string: single '}' is not allowed, f-string: empty expression not allowed (3.12+: valid
//   expression required before '}'), f-string: invalid conversion character ..., f-string
//   expression part cannot include a backslash / '#' (before 3.12), f-string: expressions
//   nested too deeply (before 3.12).
//   Up to 3.8, errors CPython's ast.c raises (targets, arguments, strings) are reported only when
//   the whole file has no grammar error, as there; 3.6 and 3.8 rewrite "invalid syntax" on a
//   line starting with `print ` into "Missing parentheses in call to 'print'. Did you mean
//   print(...)?" with the line's arguments.
// Nesting: CPython's parser stack (MAXSTACK: 6000 from 3.10, 1700 in 3.8, 1500 before) is
//   modelled as a cost per nested construct (unary operator 1, ** 2, lambda 2, conditional 1,
//   elif 1 from 3.10, bracket ~17-29; parser_internal.h), within a few levels of CPython's
//   threshold. Past it: "MemoryError" with 3.12+'s message "Parser stack overflowed - Python
//   source too complex to parse" (empty before, as CPython's). Chains CPython nests are read in
//   loops here; native recursion grows only with brackets (at most 200, ~1.5 KB of stack each in
//   a release build) and nested f-strings (150).
// Known differences: 2.7 reports a few EOF cases as IndentationError where this says
//   "unexpected EOF while parsing"; 3.12+'s f-string errors other than those listed use the
//   generic messages; compile() of a string with a NUL says "source code string cannot contain
//   null bytes" (running a file says the message used here).
// Not modelled: errors CPython's compiler or symtable raises ('return' outside function,
//   duplicate argument, keyword argument repeated, nonlocal at module level, starred expression
//   misuse, 'yield' outside function, ...): the compiler reports those.

}  // namespace pymemlab
