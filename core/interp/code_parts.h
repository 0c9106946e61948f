// The bytes objects a CPython code object holds beside its tuples (Objects/codeobject.c,
// Python/compile.c's assembler): up to 3.10 co_code and co_lnotab (3.10: co_linetable), from 3.11
// co_linetable, co_exceptiontable and co_localspluskinds. code_new makes them with the code
// object, so a function definition leaves CPython's blocks in the pools.
//
// Their lengths follow CPython's encodings applied to the model's instructions (opcode.h), which
// are close to CPython's but not the same sequence: tests/cpydiff/code_object_parts.md measures
// how often each length is CPython's. The contents are CPython's encodings where the model has
// what they encode (the line and position tables, the exception table's ranges, the kinds of the
// locals); co_code's bytes are zero, the lab's opcodes not being CPython's.
#pragma once

#include <cstdint>
#include <string>

#include "interp/code_units.h"
#include "profile/profile.h"

namespace pymemlab {

struct CodeBody;

// Each part's bytes; `has_*` says whether the version has the part (an empty one is b'').
struct CodeByteParts {
    std::string code;             // ≤3.10: co_code
    std::string linetable;        // ≤3.9: co_lnotab; 3.10+: co_linetable
    std::string exceptiontable;   // 3.11+
    std::string localspluskinds;  // 3.11+: one byte per local, cell and free variable
    int64_t code_units = 0;       // 3.11+: the code units inline in the code object (its size counts them)
    bool has_code = false;
    bool has_exceptiontable = false;
    bool has_localspluskinds = false;
};

// What the kinds table reads of the code object's names: locals (co_varnames), the cells that
// are not locals too, free variables, and how many locals are also cells (CodeBody::local_cells).
struct LocalsPlusCounts {
    int64_t nlocals = 0;
    int64_t ncells = 0;  // co_cellvars, local cells included
    int64_t nfree = 0;
};

CodeByteParts cpython_code_parts(const Profile& p, const CodeBody& body, const CodeUnitsContext& cx,
                                 const LocalsPlusCounts& names);

}  // namespace pymemlab
