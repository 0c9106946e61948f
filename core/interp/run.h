// Running a snippet: parse, compile (script: one unit; repl: statement by statement, echoing
// expression values), execute in a fresh __main__, print uncaught exceptions and SyntaxErrors
// as CPython does. The CLI and (later) the Lab call this.
#pragma once

#include <string_view>

#include "interp/interp.h"

namespace pymemlab {

enum class RunMode { Script, Repl };

// Returns the process exit status CPython would give: 0, or 1 after an uncaught exception.
int run_source(Interp& in, std::string_view source, RunMode mode);

// PyErr_Print for the pending exception: a SystemExit gives the status it asks for and sets
// *exits; anything else is kept in sys.last_* and printed, and gives 1.
int err_print(Interp& in, bool* exits);

}  // namespace pymemlab
