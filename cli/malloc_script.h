// Allocation scripts: a tiny language for driving the pymalloc model by hand, used by
// `pymemlab malloc` and its tests. One statement a line:
//   NAME = malloc(N)    NAME = calloc(N, M)    NAME = realloc(NAME, N)    free(NAME)
//   check               stats                  # a comment
// Each allocation prints the name, the modelled address and where the block lives.
#pragma once

#include <string>

namespace pymemlab {

class Allocator;

struct MallocScriptResult {
    std::string output;
    std::string error;  // "line N: ..." for the first bad line; the script stops there
};

MallocScriptResult run_malloc_script(Allocator& allocator, const std::string& script);

}  // namespace pymemlab
