#include "interp/code_parts.h"

#include <algorithm>
#include <vector>

#include "interp/code_object.h"
#include "interp/opcode.h"

namespace pymemlab {

namespace {

using O = Opcode;

bool is_jump(Opcode op) {
    return op == O::JUMP || op == O::POP_JUMP_IF_FALSE || op == O::POP_JUMP_IF_TRUE || op == O::JUMP_IF_FALSE_OR_POP ||
           op == O::JUMP_IF_TRUE_OR_POP || op == O::FOR_ITER || op == O::SETUP_FINALLY || op == O::SETUP_WITH;
}

// 2.7's instructions without an argument (opcode < HAVE_ARGUMENT): one byte; the others three.
bool takes_no_arg_27(Opcode op) {
    switch (op) {
        case O::NOP: case O::POP_TOP: case O::COPY: case O::SWAP: case O::BINARY_OP: case O::UNARY_NEGATIVE:
        case O::UNARY_POSITIVE: case O::UNARY_NOT: case O::UNARY_INVERT: case O::BINARY_SUBSCR:
        case O::STORE_SUBSCR: case O::DELETE_SUBSCR: case O::GET_ITER: case O::RETURN_VALUE: case O::YIELD_VALUE:
        case O::PRINT_EXPR: case O::LOAD_BUILD_CLASS: case O::IMPORT_STAR: case O::PRINT_ITEM:
        case O::PRINT_NEWLINE: case O::PRINT_ITEM_TO: case O::PRINT_NEWLINE_TO: case O::POP_BLOCK:
        case O::POP_EXCEPT: case O::RERAISE: case O::WITH_EXIT: case O::WITH_EXCEPT_START: case O::PUSH_EXC_INFO:
            return true;
        default: return false;
    }
}

// The code units CPython 3.6-3.10 has for one of the model's instructions, EXTENDED_ARG
// prefixes included (a jump's argument counted in bytes up to 3.9, in instructions in 3.10).
int units_le310(const Profile& p, const std::vector<Instr>& code, size_t i) {
    const Instr& in = code[i];
    switch (in.op) {
        case O::PUSH_NULL: return 0;  // no NULL below a callable before 3.11
        case O::NOP:                  // 3.10 keeps one where it marks a line no other instruction has
            if (!p.at_least(3, 10)) return 0;
            return (i == 0 || code[i - 1].line != in.line) && (i + 1 >= code.size() || code[i + 1].line != in.line);
        case O::PUSH_EXC_INFO: return 0;  // the handler starts with its match (DUP_TOP ... below)
        case O::FOR_ITER:  // ≤3.7 wraps a for loop in SETUP_LOOP and POP_BLOCK (a comprehension's has no GET_ITER)
            if (!p.at_least(3, 8) && i > 0 && code[i - 1].op == O::GET_ITER) return 3;
            break;
        // DUP_TOP and the match (3.9+: JUMP_IF_NOT_EXC_MATCH, the jump after it merged), then
        // two more POP_TOPs than the lab's handler has: the exception's type and traceback.
        case O::CHECK_EXC_MATCH: return p.at_least(3, 9) ? 3 : 4;
        default: break;
    }
    int64_t arg = in.arg;
    if (is_jump(in.op)) arg *= p.at_least(3, 10) ? 1 : 2;
    int units = 1;
    for (int64_t a = arg >> 8; a > 0; a >>= 8) ++units;
    return units;
}

// The bytes of CPython's bytecode for one of the model's instructions: two per code unit from
// 3.6, 2.7's one per instruction without an argument and three with one.
int bytes_le310(const Profile& p, const std::vector<Instr>& code, size_t i) {
    if (p.major != 2) return 2 * units_le310(p, code, i);
    const Instr& in = code[i];
    switch (in.op) {
        case O::PUSH_NULL:
        case O::PUSH_EXC_INFO: return 0;
        case O::CHECK_EXC_MATCH: return 6;  // DUP_TOP, COMPARE_OP, two more POP_TOPs
        case O::FOR_ITER:                   // SETUP_LOOP and POP_BLOCK around a for loop
            return i > 0 && code[i - 1].op == O::GET_ITER ? 7 : 3;
        default: return takes_no_arg_27(in.op) ? 1 : in.arg > 0xffff ? 6 : 3;
    }
}

void put_varint(std::string& out, uint64_t v) {
    while (v >= 64) {
        out.push_back(static_cast<char>(64 | (v & 63)));
        v >>= 6;
    }
    out.push_back(static_cast<char>(v));
}
void put_svarint(std::string& out, int64_t v) {
    put_varint(out, v < 0 ? (static_cast<uint64_t>(-v) << 1) | 1 : static_cast<uint64_t>(v) << 1);
}

// ≤3.9's co_lnotab (2.7 included): a (bytecode delta, line delta) pair at each line change, a
// delta too large for a byte split over several pairs (2.7's line deltas unsigned).
std::string lnotab(const Profile& p, const std::vector<Instr>& code, const std::vector<int>& offsets, int firstlineno) {
    std::string out;
    int last_offset = 0;
    int last_line = firstlineno;
    const int line_max = p.major == 2 ? 255 : 127;
    for (size_t i = 0; i < code.size(); ++i) {
        if (offsets[i + 1] == offsets[i] || code[i].line <= 0 || code[i].line == last_line) continue;
        int d_offset = offsets[i] - last_offset;
        int d_line = code[i].line - last_line;
        for (; d_offset > 255; d_offset -= 255) out.append({'\xff', '\0'});
        for (; d_line > line_max; d_line -= line_max) {
            out.append({static_cast<char>(d_offset), static_cast<char>(line_max)});
            d_offset = 0;
        }
        for (; d_line < -128; d_line += 128) {
            out.append({static_cast<char>(d_offset), static_cast<char>(-128)});
            d_offset = 0;
        }
        out.append({static_cast<char>(d_offset), static_cast<char>(d_line)});
        last_offset = offsets[i];
        last_line = code[i].line;
    }
    return out;
}

// 3.10's co_linetable: for each run of instructions on one line, (its length in bytes, its line
// less the previous run's), lengths over 254 and deltas over 127 split.
std::string linetable310(const std::vector<Instr>& code, const std::vector<int>& offsets, int firstlineno) {
    std::string out;
    int prev_line = firstlineno;
    auto emit = [&](int bytes, int line) {
        int d_line = line - prev_line;
        for (; d_line > 127; d_line -= 127) out.append({'\0', '\x7f'});
        for (; d_line < -127; d_line += 127) out.append({'\0', '\x81'});
        for (; bytes > 254; bytes -= 254) {
            out.append({'\xfe', static_cast<char>(d_line)});
            d_line = 0;
        }
        out.append({static_cast<char>(bytes), static_cast<char>(d_line)});
        prev_line = line;
    };
    int start = 0;
    int line = -1;
    for (size_t i = 0; i < code.size(); ++i) {
        if (offsets[i + 1] == offsets[i]) continue;
        if (line == -1) line = code[i].line;
        if (code[i].line != line) {
            emit(offsets[i] - start, line);
            start = offsets[i];
            line = code[i].line;
        }
    }
    if (line != -1) emit(offsets[code.size()] - start, line);
    return out;
}

// A source position (3.11+'s co_positions): no line is -1, no column -1.
struct Position {
    int line = -1, end_line = -1, col = -1, end_col = -1;
    bool operator==(const Position& o) const {
        return line == o.line && end_line == o.end_line && col == o.col && end_col == o.end_col;
    }
};

// One entry of 3.11+'s location table (Objects/locations.md), covering 1-8 code units.
void put_location(std::string& out, int& prev_line, const Position& at, int units) {
    auto head = [&](int code) { out.push_back(static_cast<char>(0x80 | (code << 3) | (units - 1))); };
    if (at.line < 0) {
        head(15);
        return;
    }
    const int d_line = at.line - prev_line;
    prev_line = at.line;
    if (at.col < 0 || at.end_col < 0) {
        head(13);
        put_svarint(out, d_line);
        return;
    }
    if (at.end_line == at.line) {
        if (d_line == 0 && at.col < 80 && at.end_col - at.col < 16 && at.end_col >= at.col) {
            head(at.col / 8);
            out.push_back(static_cast<char>(((at.col % 8) << 4) | (at.end_col - at.col)));
            return;
        }
        if (d_line >= 0 && d_line < 3 && at.col < 128 && at.end_col < 128) {
            head(10 + d_line);
            out.push_back(static_cast<char>(at.col));
            out.push_back(static_cast<char>(at.end_col));
            return;
        }
    }
    head(14);
    put_svarint(out, d_line);
    put_varint(out, static_cast<uint64_t>(at.end_line - at.line));
    put_varint(out, static_cast<uint64_t>(at.col + 1));
    put_varint(out, static_cast<uint64_t>(at.end_col + 1));
}

// 3.11+'s co_linetable: each instruction's position (3.11 an entry per instruction, 3.12+ one
// per run of units at one position), at most 8 units an entry. The prologue's MAKE_CELL and
// COPY_FREE_VARS have no position, a generator's RETURN_GENERATOR and POP_TOP the first line
// without columns, RESUME the first line at column 0.
std::string linetable311(const Profile& p, const CodeBody& body, const CodeUnitsLayout& layout, int64_t ncells,
                         int64_t nfree) {
    std::string out;
    int prev_line = body.firstlineno;
    const bool merge = p.at_least(3, 12);
    Position run;
    int run_units = 0;
    auto flush = [&] {
        for (; run_units > 0; run_units -= 8) put_location(out, prev_line, run, run_units > 8 ? 8 : run_units);
        run_units = 0;
    };
    auto add = [&](const Position& at, int units) {
        if (units <= 0) return;
        if (!merge || !(at == run)) flush();
        run = at;
        run_units += units;
        if (!merge) flush();
    };
    const Position none;
    for (int64_t k = 0; k < ncells + (nfree > 0 ? 1 : 0); ++k) add(none, 1);
    if ((body.flags & CO_GENERATOR) != 0) {
        const Position first{body.firstlineno, body.firstlineno, -1, -1};
        add(first, 1);
        add(first, 1);
    }
    add(Position{body.firstlineno, body.firstlineno, 0, 0}, 1);
    int64_t epilogue = 0;  // out-of-line units without a position: handler cleanups, 3.12+'s generator handler
    for (size_t i = 0; i < body.instrs.size(); ++i) {
        const Instr& in = body.instrs[i];
        int units = layout.per_instr[i];
        const Position at{in.line, in.end_line > 0 ? in.end_line : in.line, in.col, in.end_col};
        switch (in.op) {
            case O::PUSH_EXC_INFO:  // no position; its handler's cleanup (3 units) comes last
                epilogue += units - 1;
                add(none, 1);
                break;
            case O::CALL:  // 3.11: PRECALL and its cache entry are an instruction of their own
                if (!merge && units > 2) {
                    add(at, 2);
                    add(at, units - 2);
                } else {
                    add(at, units);
                }
                break;
            case O::YIELD_VALUE:  // the RESUME after it
                add(at, units - 1);
                add(at, 1);
                break;
            default: add(at, units); break;
        }
    }
    if ((body.flags & CO_GENERATOR) != 0 && merge) epilogue += 2;
    flush();
    for (int64_t k = 0; k < epilogue; ++k) add(none, 1);
    flush();
    return out;
}

// 3.11+'s co_exceptiontable: an entry (start, length, handler, depth and lasti, each a varint)
// for each range of code units one handler covers: a try body's, an except clause's (covered by
// the cleanup that restores the exception state), a with block's, a generator's body (3.12+).
std::string exceptiontable311(const Profile& p, const CodeBody& body, const CodeUnitsLayout& layout) {
    std::string out;
    auto entry = [&](int64_t start, int64_t length, int64_t target, int64_t depth_lasti) {
        std::string e;
        put_varint(e, static_cast<uint64_t>(start));
        put_varint(e, static_cast<uint64_t>(length));
        put_varint(e, static_cast<uint64_t>(target));
        put_varint(e, static_cast<uint64_t>(depth_lasti));
        e[0] = static_cast<char>(e[0] | 0x80);  // the start bit
        out += e;
    };
    std::vector<int64_t> offset(body.instrs.size() + 1, layout.prologue);
    for (size_t i = 0; i < body.instrs.size(); ++i) offset[i + 1] = offset[i] + layout.per_instr[i];
    auto at = [&](int32_t index) {
        return index >= 0 && static_cast<size_t>(index) < offset.size() ? offset[static_cast<size_t>(index)]
                                                                         : offset.back();
    };
    for (size_t i = 0; i < body.instrs.size(); ++i) {
        const Instr& in = body.instrs[i];
        if (in.op == O::SETUP_FINALLY || in.op == O::SETUP_WITH) {
            entry(offset[i], std::max<int64_t>(1, at(in.arg) - offset[i]), at(in.arg), 0);
        } else if (in.op == O::PUSH_EXC_INFO) {
            // The handler's body up to its POP_EXCEPT, and its re-raise.
            entry(offset[i], 1, layout.total - 3, 3);
            entry(offset[i], 1, layout.total - 3, 3);
        }
    }
    if ((body.flags & CO_GENERATOR) != 0 && p.at_least(3, 12)) entry(1, layout.total - 3, layout.total - 2, 1);
    return out;
}

}  // namespace

CodeByteParts cpython_code_parts(const Profile& p, const CodeBody& body, const CodeUnitsContext& cx,
                                 const LocalsPlusCounts& names) {
    CodeByteParts parts;
    const std::vector<Instr>& code = body.instrs;
    if (!p.at_least(3, 11)) {
        // Offsets in bytes of each instruction, and the end.
        std::vector<int> offsets(code.size() + 1, 0);
        for (size_t i = 0; i < code.size(); ++i) offsets[i + 1] = offsets[i] + bytes_le310(p, code, i);
        // A body ending otherwise than in a return: CPython's compiler adds its return None after.
        const int tail = !code.empty() && code.back().op != O::RETURN_VALUE && !p.at_least(3, 10) ? 4 : 0;
        parts.has_code = true;
        parts.code.assign(static_cast<size_t>(offsets.back() + tail), '\0');
        parts.linetable = p.at_least(3, 10) ? linetable310(code, offsets, body.firstlineno)
                                            : lnotab(p, code, offsets, body.firstlineno);
        return parts;
    }
    const CodeUnitsLayout layout = cpython_code_layout(p, body, cx);
    parts.code_units = layout.total;
    const int64_t cells_not_locals = names.ncells - body.local_cells;
    parts.linetable = linetable311(p, body, layout, names.ncells, names.nfree);
    parts.has_exceptiontable = true;
    parts.exceptiontable = exceptiontable311(p, body, layout);
    parts.has_localspluskinds = true;
    // _PyLocals_Kind: CO_FAST_LOCAL 0x20, CO_FAST_CELL 0x40, CO_FAST_FREE 0x80.
    parts.localspluskinds.assign(static_cast<size_t>(names.nlocals), '\x20');
    parts.localspluskinds.append(static_cast<size_t>(cells_not_locals), '\x40');
    parts.localspluskinds.append(static_cast<size_t>(names.nfree), '\x80');
    return parts;
}

}  // namespace pymemlab
