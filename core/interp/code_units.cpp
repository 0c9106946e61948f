#include "interp/code_units.h"

#include <algorithm>
#include <vector>

#include "interp/code_object.h"
#include "interp/opcode.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

using O = Opcode;

// The inline cache entries after each instruction (_PyOpcode_Caches, Lib/opcode.py's
// _cache_format), per version; 3.14's as its metadata lists them (BINARY_OP 5, subscripts
// being BINARY_OP too).
int caches(const Profile& p, Opcode op) {
    const bool v311 = !p.at_least(3, 12), v313 = p.at_least(3, 13), v314 = p.at_least(3, 14);
    switch (op) {
        case O::BINARY_SUBSCR: return v311 ? 4 : v314 ? 5 : 1;
        case O::STORE_SUBSCR: return 1;
        case O::UNPACK_SEQUENCE: return 1;
        case O::STORE_ATTR: return 4;
        case O::LOAD_ATTR: return v311 ? 4 : 9;
        case O::LOAD_METHOD: return v311 ? 10 : 9;  // 3.12+: LOAD_ATTR with its method bit
        case O::LOAD_SUPER_ATTR: return 1;
        case O::COMPARE_OP: return v311 ? 2 : 1;
        case O::LOAD_GLOBAL: return v311 ? 5 : 4;
        case O::BINARY_OP: return v314 ? 5 : 1;
        case O::CALL: return v311 ? 4 : 3;
        case O::FOR_ITER: return v311 ? 0 : 1;
        case O::CONTAINS_OP: return v313 ? 1 : 0;
        case O::POP_JUMP_IF_FALSE:
        case O::POP_JUMP_IF_TRUE: return v313 ? 1 : 0;
        default: return 0;
    }
}

bool is_conditional_jump(Opcode op) { return op == O::POP_JUMP_IF_FALSE || op == O::POP_JUMP_IF_TRUE; }

// Instructions whose result is a bool, after which 3.13 needs no TO_BOOL.
bool gives_bool(Opcode op) {
    return op == O::COMPARE_OP || op == O::IS_OP || op == O::CONTAINS_OP || op == O::CHECK_EXC_MATCH || op == O::UNARY_NOT;
}

}  // namespace

CodeUnitsLayout cpython_code_layout(const Profile& p, const CodeBody& body, const CodeUnitsContext& cx) {
    const bool v311 = !p.at_least(3, 12), v313 = p.at_least(3, 13), v314 = p.at_least(3, 14);
    const std::vector<Instr>& code = body.instrs;
    const size_t n = code.size();
    // RESUME; MAKE_CELL per cell, COPY_FREE_VARS; a generator's RETURN_GENERATOR and POP_TOP,
    // and from 3.12 its StopIteration handler (CALL_INTRINSIC_1, RERAISE).
    int64_t units = 1 + static_cast<int64_t>(body.cell2local.size()) + (cx.nfree > 0 ? 1 : 0);
    if ((body.flags & CO_GENERATOR) != 0) units += v311 ? 2 : 4;
    auto op_at = [&](size_t i) { return i < n ? code[i].op : O::NOP; };
    auto item = [](const PyObject* tuple, int32_t i) {
        return tuple != nullptr && i < Py_SIZE(tuple) ? tuple_items(const_cast<PyObject*>(tuple))[i] : nullptr;
    };
    auto threaded_target = [&](size_t i) {
        int32_t t = code[i].arg;
        for (int hops = 0; hops < 8 && t >= 0 && static_cast<size_t>(t) < n && code[static_cast<size_t>(t)].op == O::JUMP;
             ++hops)
            t = code[static_cast<size_t>(t)].arg;
        return t;
    };
    auto is_none_const = [&](size_t i) { return code[i].op == O::LOAD_CONST && item(cx.consts, code[i].arg) == cx.none; };
    // 3.13's superinstructions: two LOAD_FASTs, a STORE_FAST and a LOAD_FAST, two STORE_FASTs
    // on one line, each index below 16, are one unit.
    auto fuses = [&](size_t i) {
        if (!v313 || i + 1 >= n || code[i].line != code[i + 1].line || code[i].arg >= 16 || code[i + 1].arg >= 16)
            return false;
        // 3.14's borrowed loads fuse as well (LOAD_FAST_BORROW_LOAD_FAST_BORROW).
        auto load = [](O op) { return op == O::LOAD_FAST || op == O::LOAD_FAST_BORROW; };
        const O a = code[i].op, b = code[i + 1].op;
        return (load(a) && load(b)) || (a == O::STORE_FAST && (load(b) || b == O::STORE_FAST));
    };
    // A NOP stays only where it is the one instruction of its line, as CPython keeps one to mark
    // the line (remove_redundant_nops); the NOP a `try` leaves stays when the body starts on a
    // later line. The lab gives some instructions CPython leaves without a line (an implicit
    // return, a re-raise) the statement's line: those do not count as marking it.
    auto is_nop = [](O op) { return op == O::NOP || op == O::SETUP_FINALLY || op == O::SETUP_WITH || op == O::POP_BLOCK; };
    std::vector<int32_t> lines;  // the lines real instructions carry, then the lines a NOP kept
    auto marks_line = [](O op) { return op != O::PUSH_EXC_INFO && op != O::RERAISE; };  // the statement's, here
    for (const Instr& in : code)
        if (!is_nop(in.op) && marks_line(in.op)) lines.push_back(in.line);
    std::sort(lines.begin(), lines.end());
    CodeUnitsLayout layout;
    layout.prologue = units;
    layout.per_instr.assign(n, 0);
    // The units counted since instruction `last` began are its own: fused, merged and skipped
    // instructions, handled within another's turn, keep 0.
    size_t last = n;
    int64_t mark = units;
    auto settle = [&] {
        if (last < n) layout.per_instr[last] = static_cast<int32_t>(units - mark);
    };
    O prev = O::NOP;
    for (size_t i = 0; i < n; ++i) {
        settle();
        last = i;
        mark = units;
        const Instr& in = code[i];
        const O op = in.op;
        const O next = op_at(i + 1);
        bool counted = true;
        switch (op) {
            case O::SETUP_WITH:
            case O::POP_BLOCK: counted = false; break;
            case O::SETUP_FINALLY:
                if (v311) {  // 3.11 keeps the NOP when the body starts on a later line
                    const bool own_line =
                        (i == 0 || code[i - 1].line != in.line) && i + 1 < n && code[i + 1].line != in.line;
                    if (own_line) units += 1;
                    counted = false;
                    break;
                }
                [[fallthrough]];
            case O::NOP: {
                auto at = std::lower_bound(lines.begin(), lines.end(), in.line);
                if (at != lines.end() && *at == in.line) {
                    counted = false;
                } else {
                    lines.insert(at, in.line);
                    units += 1;
                    counted = false;
                }
                break;
            }
            case O::PUSH_NULL: {
                // A comprehension's function is called with its iterator as `self`; the NULL of
                // a call whose callable starts with LOAD_GLOBAL is that instruction's low bit
                // (up to 3.12 through attribute loads: it is pushed before the callable).
                if (prev == O::MAKE_FUNCTION) {
                    counted = false;
                    break;
                }
                size_t j = i;
                if (!p.at_least(3, 13))
                    while (j > 0 && code[j - 1].op == O::LOAD_ATTR) --j;
                if (j > 0 && code[j - 1].op == O::LOAD_GLOBAL) counted = false;
                break;
            }
            case O::LOAD_CONST:
                // 3.12-3.13's RETURN_CONST; `x is None` and a jump are POP_JUMP_IF_(NOT_)NONE.
                if (p.at_least(3, 12) && !v314 && next == O::RETURN_VALUE) counted = false;
                if (next == O::IS_OP && is_conditional_jump(op_at(i + 2)) && is_none_const(i)) counted = false;
                break;
            case O::IS_OP:
                if (is_conditional_jump(next) && i > 0 && is_none_const(i - 1)) counted = false;
                break;
            case O::BUILD_SLICE:  // 3.12+: BINARY_SLICE, STORE_SLICE
                if (p.at_least(3, 12) && in.arg == 2 && (next == O::BINARY_SUBSCR || next == O::STORE_SUBSCR))
                    counted = false;
                break;
            default: break;
        }
        if (!counted) {
            prev = op;
            continue;
        }
        if (fuses(i)) {
            units += 1;
            prev = code[i + 1].op;
            ++i;
            continue;
        }
        // An inlined comprehension's cleanup (compile_call.cpp) pops its iterator and container
        // where CPython's pops the container alone, and the lab jumps over it where CPython
        // places it out of line: 3 units CPython does not have.
        if (op == O::JUMP && op_at(i + 1) == O::SWAP && op_at(i + 2) == O::POP_TOP && op_at(i + 3) == O::SWAP &&
            op_at(i + 4) == O::POP_TOP && code[i + 1].arg == 2 && code[i + 3].arg == 2) {
            prev = O::POP_TOP;
            i += 2;
            continue;
        }
        units += 1 + caches(p, op);
        switch (op) {
            case O::JUMP:  // JUMP_BACKWARD has a cache entry from 3.13
                if (v313 && in.arg <= static_cast<int32_t>(i)) units += 1;
                break;
            case O::CALL:
                if (v311) units += 2;                         // PRECALL and its cache entry
                if (v313 && !v314 && prev == O::KW_NAMES) units -= 3;  // 3.13's CALL_KW has no cache
                break;
            case O::YIELD_VALUE: units += 1; break;     // the RESUME after it
            case O::SAVE_CELL: units += 1; break;       // LOAD_FAST_AND_CLEAR and MAKE_CELL
            case O::PUSH_EXC_INFO: units += 3; break;   // the handler's cleanup: COPY 3, POP_EXCEPT, RERAISE 1
            case O::FOR_ITER:                           // END_FOR (3.13: and POP_TOP) after the loop
                if (!v311) units += v313 ? 2 : 1;
                break;
            case O::MAKE_FUNCTION:  // 3.13: SET_FUNCTION_ATTRIBUTE per flag
                if (v313) units += __builtin_popcount(static_cast<unsigned>(in.arg) & kMakeFunctionAttributes);
                break;
            case O::UNARY_NOT:  // 3.13: TO_BOOL first
                if (v313 && !gives_bool(prev)) units += 4;
                break;
            case O::POP_JUMP_IF_FALSE:
            case O::POP_JUMP_IF_TRUE:
                if (v313 && !gives_bool(prev)) units += 4;  // TO_BOOL first
                if (v314) units += 1;                       // NOT_TAKEN after
                // 3.12+ jump back only unconditionally: the opposite jump forward, then
                // JUMP_BACKWARD (a cache entry from 3.13); a jump to a jump goes where that one
                // goes (jump threading).
                if (!v311 && threaded_target(i) <= static_cast<int32_t>(i)) units += v313 ? 2 : 1;
                break;
            case O::JUMP_IF_FALSE_OR_POP:  // 3.12+: COPY 1, (3.13: TO_BOOL,) the jump, POP_TOP
            case O::JUMP_IF_TRUE_OR_POP:
                if (!v311) units += 2 + caches(p, O::POP_JUMP_IF_TRUE) + (v313 ? 4 : 0) + (v314 ? 1 : 0);
                break;
            case O::BINARY_SUBSCR:  // 3.12+: BINARY_SLICE and STORE_SLICE have no cache entries
            case O::STORE_SUBSCR:
                if (!v311 && prev == O::BUILD_SLICE && code[i - 1].arg == 2) units -= caches(p, op);
                break;
            case O::WITH_EXIT:  // __exit__(None, None, None): three LOAD_CONSTs, the call, POP_TOP
                units += 3 + 1 + caches(p, O::CALL) + (v311 ? 2 : 0);
                break;
            case O::BEFORE_WITH:  // 3.14: COPY 1, LOAD_SPECIAL, SWAP 2, SWAP 3, LOAD_SPECIAL, CALL 0
                if (v314) units += 4 + 1 + caches(p, O::CALL);
                break;
            case O::SWAP:  // 3.14 moves a returned value under __exit__ and its self: SWAP 3, SWAP 2
                if (v314 && next == O::WITH_EXIT) units += 1;
                break;
            case O::WITH_EXCEPT_START:  // the suppressing path pops lasti too (3.14: and self)
                units += v314 ? 2 : 1;
                break;
            default: break;
        }
        prev = op;
    }
    settle();
    layout.total = units;
    return layout;
}

}  // namespace pymemlab
