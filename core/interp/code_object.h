// Code objects (Objects/codeobject.c): what the compiler makes of a module, function, class
// body, lambda or comprehension. The modelled object holds CPython's references — co_consts,
// co_names, co_varnames, co_freevars, co_cellvars, the name strings — in its block; the
// instructions themselves live in a host-side CodeBody it owns (CPython keeps them in a bytes
// object or, from 3.11, inline). Read opcode.h for the instructions and ceval.h for their use.
#pragma once

#include <cstdint>
#include <vector>

#include "interp/opcode.h"
#include "object/object.h"
#include "profile/profile.h"

namespace pymemlab {

class Runtime;
struct PyTypeObject;

// An adaptive instruction's inline cache (Python/specialize.c): a CALL's from 3.13, a
// LOAD_SUPER_ATTR's from 3.12. Its backoff counter, and whether the instruction has been
// specialized: a CALL as CALL_ALLOC_AND_ENTER_INIT for the class whose version tag it keeps, or
// for something else; a LOAD_SUPER_ATTR as LOAD_SUPER_ATTR_ATTR/_METHOD (kOther).
// interp/specialize.h runs it.
struct CallCache {
    uint16_t value = 1;  // adaptive_counter_warmup(): the second run specializes
    uint16_t backoff = 1;
    enum class State : uint8_t { kAdaptive, kInit, kOther } state = State::kAdaptive;
    uint32_t version = 0;  // kInit: the class's version tag
};

// 3.11's QUICKENING_WARMUP_DELAY: a code object's eighth frame runs quickened.
constexpr int kQuickeningRuns311 = 8;

// The part of a code object the model keeps outside the heap.
struct CodeBody {
    std::vector<Instr> instrs;
    int argcount = 0;         // positional parameters, positional-only ones included
    int posonlyargcount = 0;
    int kwonlyargcount = 0;
    int flags = 0;            // CO_* (opcode.h)
    int firstlineno = 1;
    int stacksize = 0;        // the deepest the value stack gets
    int64_t size = 0;         // sys.getsizeof and the block's request, fixed when the object is made
    int local_cells = 0;      // cell variables that are locals too (co_varnames): one slot each from 3.11
    int runs = 0;             // 3.11: frames started (RESUME), up to kQuickeningRuns311
    std::vector<uint8_t> calls_run;  // 3.12+: the CALLs run once, by index (the second run specializes)
    // For each cell variable, the index of the local it is too, or -1: a parameter (its value is
    // moved into the cell when the frame starts; CPython's co_cell2arg), or from 3.12 an inlined
    // comprehension's name (that local is unbound when the frame starts).
    std::vector<int> cell2local;
    // One per instruction once an adaptive instruction runs under a profile that specializes it.
    std::vector<CallCache> call_caches;
};

// Invariants: the tuples hold str objects (interned names), co_consts any constants, nested
// code objects included. nlocals == len(co_varnames); parameters come first in co_varnames:
// positional, keyword-only, *args, **kwargs.
struct PyCodeObject {
    PyObject ob_base;
    Slot<PyObject> co_consts;
    Slot<PyObject> co_names;
    Slot<PyObject> co_varnames;
    Slot<PyObject> co_freevars;
    Slot<PyObject> co_cellvars;
    Slot<PyObject> co_filename;
    Slot<PyObject> co_name;
    Slot<PyObject> co_qualname;
    // The bytes objects CPython's code object holds (code_parts.h), made before it: ≤3.10 co_code
    // and co_lnotab (3.10: co_linetable); 3.11+ co_linetable, co_exceptiontable and
    // co_localspluskinds. Null where the version has no such part; an empty one is b''.
    Slot<PyObject> co_code;
    Slot<PyObject> co_linetable;
    Slot<PyObject> co_exceptiontable;
    Slot<PyObject> co_localspluskinds;
    Slot<CodeBody> body;
    // ≤3.10: the dead frame object kept for this code's next call (no reference: its count is
    // 0), or null. Freed with the code object. interp/frame_object.h.
    Slot<PyObject> co_zombieframe;
};

void init_code_type(Runtime& rt);
PyTypeObject* code_type(const Runtime& rt);
// sys.getsizeof of a code object: its request, which counts its instructions from 3.11.
int64_t code_sizeof(const Runtime& rt, const PyObject* code);
// A code object taking ownership of `body` (allocated with new) and of the references passed.
PyObject* code_new(Runtime& rt, CodeBody* body, PyObject* consts, PyObject* names, PyObject* varnames,
                   PyObject* freevars, PyObject* cellvars, PyObject* filename, PyObject* name,
                   PyObject* qualname);
inline PyCodeObject* as_code(PyObject* o) { return reinterpret_cast<PyCodeObject*>(o); }
inline const PyCodeObject* as_code(const PyObject* o) { return reinterpret_cast<const PyCodeObject*>(o); }
inline const CodeBody& code_body(const PyObject* o) { return *as_code(o)->body.p; }
// RESUME's _PyCode_Warmup in 3.11: one more frame of `code` started, counted until quickening.
inline void note_code_run(const Profile& p, PyObject* code) {
    int& runs = as_code(code)->body.p->runs;
    if (p.version_number == 311 && runs < kQuickeningRuns311) ++runs;
}
int64_t code_nlocals(const PyObject* code);
int64_t code_ncells(const PyObject* code);
int64_t code_nfrees(const PyObject* code);

}  // namespace pymemlab
