// The source a traceback entry shows under its `File "...", line N, in f` line, per profile:
//
// - up to 3.10: the line, without its indentation;
// - 3.11/3.12 (Python/traceback.c, tb_displayline): the line as is, then a line of markers
//   under the failing instruction's columns (co_positions), unless they cover the whole line:
//   `~` and `^` for a binary operation (`^` under the operator) or a subscript (`^` from the
//   bracket), `^` alone otherwise. An instruction spanning lines marks its first line to the end.
// - 3.13+ (Lib/traceback.py, StackSummary.format_frame_summary): every line the instruction
//   spans (the middle abbreviated to `...<n lines>...`), dedented together, each with its
//   markers; calls get `~`/`^` too, and a whole-line `x = f()` / `return f()` gets none.
//
// Anchors come from parsing the instruction's text with the lab's parser under the profile's
// grammar, as CPython parses it with its own. Wide (East Asian W/F) characters count as two
// columns, from a table of the common wide blocks rather than the full Unicode database.
// The tests are tests/unit/test_traceback_lines.cpp and the snippets in
// tests/snippets/tracebacks/.
#pragma once

#include <string>
#include <string_view>

namespace pymemlab {

// An instruction's source range as co_positions() gives it: lines from 1, columns from 0 in
// UTF-8 bytes; col/end_col -1 where the instruction has none.
struct SourceRange {
    int line = 0;
    int end_line = 0;
    int col = -1;
    int end_col = -1;
};

// The text printed for one entry after its `File` line (each line ending in '\n'; empty when
// the line is missing or blank). `lineno` is the entry's tb_lineno; `where` is used from 3.11.
std::string traceback_source_lines(std::string_view source, int lineno, const SourceRange& where, int major,
                                   int minor);

}  // namespace pymemlab
