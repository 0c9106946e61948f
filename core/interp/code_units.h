// How long CPython 3.11+'s bytecode is for a code object, from the model's instructions. From
// 3.11 a code object's size (sys.getsizeof, and the block it requests) counts its code units:
// two bytes for each instruction and each inline cache entry CPython follows it with. The
// model's instructions are its own (opcode.h), close to CPython's but not the same sequence, so
// the count applies CPython's rules to them: the cache entries per instruction and version, the
// instructions CPython adds (RESUME, PRECALL in 3.11, MAKE_CELL, generator prologues, ...), the
// ones it merges (a NULL pushed by LOAD_GLOBAL, RETURN_CONST, superinstructions in 3.13) and the
// pseudo-instructions that take none (SETUP_FINALLY, POP_BLOCK). Measured against CPython 3.11,
// 3.12 and 3.13 over every code object of tests/snippets: tests/cpydiff/code_object_size.md.
#pragma once

#include <cstdint>
#include <vector>

#include "object/object.h"
#include "profile/profile.h"

namespace pymemlab {

struct CodeBody;

// What the count reads of the code object besides its instructions.
struct CodeUnitsContext {
    const PyObject* consts = nullptr;  // co_consts: a None before IS_OP folds into the jump
    int64_t nfree = 0;                 // free variables (COPY_FREE_VARS)
    const PyObject* none = nullptr;    // None
};

// Where CPython's code units fall: the prologue's (RESUME, MAKE_CELL, COPY_FREE_VARS, a
// generator's), then for each of the body's instructions the units CPython has for it (its
// inline caches and the instructions CPython adds after it included; 0 where CPython merges it
// into a neighbour or has none). total is their sum. 3.11+ only.
struct CodeUnitsLayout {
    int64_t prologue = 0;
    std::vector<int32_t> per_instr;
    int64_t total = 0;
};
CodeUnitsLayout cpython_code_layout(const Profile& p, const CodeBody& body, const CodeUnitsContext& cx);

}  // namespace pymemlab
