// 3.14's borrowed local loads (Python/flowgraph.c: optimize_load_fast, after
// add_checks_for_loads_of_uninitialized_variables): which LOAD_FASTs become LOAD_FAST_BORROW. The
// VM's side (a borrowed stack item holds no reference) is borrowed_refs.cpp; the pass runs on the
// assembled code (assemble.cpp) of 3.14 profiles only.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "interp/compiler_internal.h"

namespace pymemlab {

// ==== how many stack items each instruction takes ===============================================

int stack_inputs(Opcode op, int arg) {
    using O = Opcode;
    switch (op) {
        case O::POP_TOP:
        case O::STORE_NAME:
        case O::STORE_GLOBAL:
        case O::STORE_FAST:
        case O::STORE_DEREF:
        case O::LOAD_ATTR:
        case O::DELETE_ATTR:
        case O::LOAD_METHOD:
        case O::UNARY_NEGATIVE:
        case O::UNARY_POSITIVE:
        case O::UNARY_NOT:
        case O::UNARY_INVERT:
        case O::LIST_APPEND:
        case O::SET_ADD:
        case O::LIST_EXTEND:
        case O::SET_UPDATE:
        case O::DICT_UPDATE:
        case O::DICT_MERGE:
        case O::LIST_TO_TUPLE:
        case O::UNPACK_SEQUENCE:
        case O::UNPACK_EX:
        case O::POP_JUMP_IF_FALSE:
        case O::POP_JUMP_IF_TRUE:
        case O::JUMP_IF_FALSE_OR_POP:
        case O::JUMP_IF_TRUE_OR_POP:
        case O::GET_ITER:
        case O::RETURN_VALUE:
        case O::YIELD_VALUE:
        case O::GET_YIELD_FROM_ITER:
        case O::PRINT_EXPR:
        case O::IMPORT_STAR:
        case O::PRINT_ITEM:
        case O::PRINT_NEWLINE_TO:
        case O::PUSH_EXC_INFO:
        case O::POP_EXCEPT:
        case O::CHECK_EXC_MATCH:
        case O::RERAISE:
        case O::BEFORE_WITH:
        case O::WITH_EXIT:
        case O::RESTORE_CELL:
            return 1;
        case O::STORE_ATTR:
        case O::BINARY_OP:
        case O::COMPARE_OP:
        case O::IS_OP:
        case O::CONTAINS_OP:
        case O::BINARY_SUBSCR:
        case O::DELETE_SUBSCR:
        case O::MAP_ADD:
        case O::YIELD_FROM:
        case O::IMPORT_NAME:
        case O::PRINT_ITEM_TO:
            return 2;
        case O::STORE_SUBSCR:
        case O::LOAD_SUPER_ATTR:
            return 3;
        case O::CALL:
            return arg + 2;
        case O::CALL_KW_PAIRS:
            return (arg & 0xff) + 2 * (arg >> 8) + 2;
        case O::CALL_FUNCTION_EX:
            return 3 + (arg & 1);
        case O::BUILD_SLICE:
        case O::BUILD_TUPLE:
        case O::BUILD_LIST:
        case O::BUILD_SET:
        case O::BUILD_STRING:
        case O::RAISE_VARARGS:
            return arg;
        case O::BUILD_MAP:
            return 2 * arg;
        case O::BUILD_CONST_KEY_MAP:
            return arg + 1;
        case O::FORMAT_VALUE:
            return (arg & 4) ? 2 : 1;
        case O::MAKE_FUNCTION:
            return 1 + make_function_extra_items(arg);
        default:
            return 0;
    }
}

namespace {

constexpr int kNotLocal = -1;
constexpr int kDummyInstr = -1;

// LoadFastInstrFlag: why a LOAD_FAST must keep its own reference.
constexpr uint8_t kSupportKilled = 1;  // the local was overwritten while the item was on the stack
constexpr uint8_t kStoredAsLocal = 2;  // the item was stored into a local
constexpr uint8_t kRefUnconsumed = 4;  // the item was still on the stack at the end of its basic block
constexpr uint8_t kMayBeUnbound = 8;   // CPython's LOAD_FAST_CHECK: never borrowed

// An abstract stack item: the instruction that pushed it and the local it was loaded from.
struct Ref {
    int instr;
    int local;
};

bool is_block_push(Opcode op) { return op == Opcode::SETUP_FINALLY || op == Opcode::SETUP_WITH; }

bool ends_flow(Opcode op) {
    return op == Opcode::JUMP || op == Opcode::RETURN_VALUE || op == Opcode::RERAISE || op == Opcode::RAISE_VARARGS ||
           op == Opcode::UNSUPPORTED;
}

// The basic blocks: a block starts at 0, at every jump or handler target and after every jump or
// scope exit. SETUP_FINALLY / SETUP_WITH / POP_BLOCK end no block (3.14 turns them into an
// exception table before the pass runs).
std::vector<int> block_leaders(const std::vector<Instr>& instrs) {
    const size_t n = instrs.size();
    std::vector<uint8_t> leader(n + 1, false);
    leader[0] = true;
    for (size_t i = 0; i < n; ++i) {
        const Instr& in = instrs[i];
        if (is_jump(in.op)) leader[static_cast<size_t>(in.arg)] = true;
        if ((is_jump(in.op) && !is_block_push(in.op)) || ends_flow(in.op)) leader[i + 1] = true;
    }
    std::vector<int> starts;
    for (size_t i = 0; i < n; ++i)
        if (leader[i]) starts.push_back(static_cast<int>(i));
    return starts;
}

// add_checks_for_loads_of_uninitialized_variables: marks the loads of a local that may be unbound
// there (CPython's LOAD_FAST_CHECK). A bit per local is set while it may be unbound: every local
// but the parameters on entry; STORE_FAST clears it, DELETE_FAST sets it, a load clears it (past
// the load the local is known bound). A handler starts with the bits of its SETUP plus every local
// deleted anywhere (a superset of CPython's per-instruction union). Past 64 locals CPython only
// trusts a store earlier in the same block (fast_scan_many_locals).
void mark_unbound_loads(const std::vector<Instr>& instrs, const std::vector<int>& starts, int nparams, int nlocals,
                        std::vector<uint8_t>& flags) {
    const size_t n = instrs.size();
    std::vector<int> block_of(n);
    for (size_t b = 0; b < starts.size(); ++b) {
        const size_t end = b + 1 < starts.size() ? static_cast<size_t>(starts[b + 1]) : n;
        for (size_t i = static_cast<size_t>(starts[b]); i < end; ++i) block_of[i] = static_cast<int>(b);
    }
    const int tracked = std::min(nlocals, 64);
    uint64_t deleted_any = 0;
    for (const Instr& in : instrs)
        if (in.op == Opcode::DELETE_FAST && in.arg < tracked) deleted_any |= uint64_t{1} << in.arg;
    uint64_t all = tracked == 64 ? ~uint64_t{0} : (uint64_t{1} << tracked) - 1;
    uint64_t params = nparams >= 64 ? ~uint64_t{0} : (uint64_t{1} << nparams) - 1;
    std::vector<uint64_t> in_mask(starts.size(), 0);
    std::vector<uint8_t> seen(starts.size(), false), queued(starts.size(), false);
    std::vector<int> work;
    auto reach = [&](size_t target, uint64_t mask) {
        const int b = block_of[target];
        const uint64_t both = in_mask[static_cast<size_t>(b)] | mask;
        if (seen[static_cast<size_t>(b)] && both == in_mask[static_cast<size_t>(b)]) return;
        seen[static_cast<size_t>(b)] = true;
        in_mask[static_cast<size_t>(b)] = both;
        if (!queued[static_cast<size_t>(b)]) {
            queued[static_cast<size_t>(b)] = true;
            work.push_back(b);
        }
    };
    reach(0, all & ~params);
    while (!work.empty()) {
        const size_t b = static_cast<size_t>(work.back());
        work.pop_back();
        queued[b] = false;
        uint64_t mask = in_mask[b];
        const size_t end = b + 1 < starts.size() ? static_cast<size_t>(starts[b + 1]) : n;
        for (size_t i = static_cast<size_t>(starts[b]); i < end; ++i) {
            const Instr& in = instrs[i];
            const uint64_t bit = in.arg >= 0 && in.arg < tracked ? uint64_t{1} << in.arg : 0;
            if (in.op == Opcode::STORE_FAST) mask &= ~bit;
            if (in.op == Opcode::DELETE_FAST) mask |= bit;
            if (in.op == Opcode::LOAD_FAST) {
                if (mask & bit) flags[i] |= kMayBeUnbound;
                mask &= ~bit;
            }
            if (is_block_push(in.op))
                reach(static_cast<size_t>(in.arg), mask | deleted_any);
            else if (is_jump(in.op))
                reach(static_cast<size_t>(in.arg), mask);
        }
        const Opcode last = instrs[end - 1].op;
        if (end < n && last != Opcode::JUMP && !ends_flow(last)) reach(end, mask);
    }
    // Locals past the 64 the masks track: bound only after a store earlier in the same block.
    for (size_t b = 0; b < starts.size(); ++b) {
        const size_t end = b + 1 < starts.size() ? static_cast<size_t>(starts[b + 1]) : n;
        std::vector<uint8_t> stored(static_cast<size_t>(std::max(nlocals - 64, 0)), false);
        for (size_t i = static_cast<size_t>(starts[b]); i < end; ++i) {
            const Instr& in = instrs[i];
            if (in.arg < 64 || in.arg >= nlocals) continue;
            const size_t k = static_cast<size_t>(in.arg - 64);
            if (in.op == Opcode::STORE_FAST) stored[k] = true;
            if (in.op == Opcode::DELETE_FAST) stored[k] = false;
            if (in.op == Opcode::LOAD_FAST && !stored[k] && in.arg >= nparams) flags[i] |= kMayBeUnbound;
        }
    }
}

// The stack depth each instruction is entered at along the normal flow (the lab's items: a
// PUSH_NULL's NULL is one); -1 where only an exception leads.
std::vector<int> block_depths(const std::vector<Instr>& instrs) {
    const size_t n = instrs.size();
    std::vector<int> depth(n + 1, -1);
    std::vector<size_t> work;
    auto reach = [&](size_t i, int d) {
        if (i >= n || depth[i] >= 0) return;
        depth[i] = d;
        work.push_back(i);
    };
    reach(0, 0);
    while (!work.empty()) {
        const size_t i = work.back();
        work.pop_back();
        const Instr& in = instrs[i];
        // Handlers are entered through the exception table only, which the pass does not follow.
        if (is_jump(in.op) && !is_block_push(in.op))
            reach(static_cast<size_t>(in.arg), depth[i] + stack_effect(in.op, in.arg, true));
        if (in.op != Opcode::JUMP && !ends_flow(in.op)) reach(i + 1, depth[i] + stack_effect(in.op, in.arg, false));
    }
    return depth;
}

}  // namespace

void optimize_load_fast(std::vector<Instr>& instrs, int nparams, int nlocals) {
    const size_t n = instrs.size();
    if (n == 0) return;
    const std::vector<int> starts = block_leaders(instrs);
    std::vector<uint8_t> flags(n, 0);
    mark_unbound_loads(instrs, starts, nparams, nlocals, flags);
    const std::vector<int> depth = block_depths(instrs);

    // The loads CPython pairs into LOAD_FAST_LOAD_FAST (insert_superinstructions: two loads in a
    // row on one line, both locals below 16) share their flags: both borrow or neither. STORE_FAST
    // + LOAD_FAST on one line become STORE_FAST_LOAD_FAST, whose load never borrows.
    std::vector<int> pair_head(n, -1);
    std::vector<uint8_t> leader(n + 1, false), fused(n, false);
    for (int s : starts) leader[static_cast<size_t>(s)] = true;
    auto plain_load = [&](size_t i) { return instrs[i].op == Opcode::LOAD_FAST && !(flags[i] & kMayBeUnbound); };
    for (size_t i = 0; i + 1 < n; ++i) {
        const Instr& a = instrs[i];
        const Instr& b = instrs[i + 1];
        if (fused[i] || leader[i + 1] || (a.line > 0 && b.line > 0 && a.line != b.line) || a.arg >= 16 || b.arg >= 16)
            continue;
        if (plain_load(i) && plain_load(i + 1)) {
            pair_head[i + 1] = static_cast<int>(i);
            fused[i + 1] = true;
        } else if (a.op == Opcode::STORE_FAST && plain_load(i + 1)) {
            flags[i + 1] |= kStoredAsLocal;  // STORE_FAST_LOAD_FAST: its load never borrows
            fused[i + 1] = true;
        } else if (a.op == Opcode::STORE_FAST && b.op == Opcode::STORE_FAST) {
            fused[i + 1] = true;
        }
    }
    auto owner = [&](int i) { return pair_head[static_cast<size_t>(i)] >= 0 ? pair_head[static_cast<size_t>(i)] : i; };

    std::vector<Ref> refs;
    for (size_t b = 0; b < starts.size(); ++b) {
        const size_t first = static_cast<size_t>(starts[b]);
        const size_t end = b + 1 < starts.size() ? static_cast<size_t>(starts[b + 1]) : n;
        if (depth[first] < 0) continue;  // reached only through an exception: left alone
        refs.assign(static_cast<size_t>(depth[first]), Ref{kDummyInstr, kNotLocal});
        auto kill_local = [&](int local) {
            for (const Ref& r : refs)
                if (r.local == local && r.instr >= 0) flags[static_cast<size_t>(owner(r.instr))] |= kSupportKilled;
        };
        auto pop = [&]() {
            Ref r = refs.empty() ? Ref{kDummyInstr, kNotLocal} : refs.back();
            if (!refs.empty()) refs.pop_back();
            return r;
        };
        for (size_t i = first; i < end; ++i) {
            const Instr& in = instrs[i];
            const int self = static_cast<int>(i);
            switch (in.op) {
                case Opcode::LOAD_FAST:
                    refs.push_back(Ref{self, (flags[i] & kMayBeUnbound) ? kNotLocal : in.arg});
                    break;
                case Opcode::STORE_FAST: {
                    const Ref r = pop();
                    kill_local(in.arg);
                    if (r.instr != kDummyInstr) flags[static_cast<size_t>(owner(r.instr))] |= kStoredAsLocal;
                    break;
                }
                // CPython leaves DELETE_FAST out (no item of the local can be on the stack at a
                // `del`); killing here is the same and keeps the VM safe.
                case Opcode::DELETE_FAST:
                    kill_local(in.arg);
                    break;
                case Opcode::LOAD_FAST_AND_CLEAR:
                    kill_local(in.arg);
                    refs.push_back(Ref{self, in.arg});
                    break;
                case Opcode::COPY:
                    refs.push_back(refs[refs.size() - static_cast<size_t>(in.arg)]);
                    break;
                case Opcode::SWAP:
                    std::swap(refs.back(), refs[refs.size() - static_cast<size_t>(in.arg)]);
                    break;
                // A method call: self goes back on the stack as the same item (assumed so for
                // super's method form too, whose super and class go).
                case Opcode::LOAD_METHOD:
                case Opcode::LOAD_SUPER_ATTR: {
                    const Ref obj = pop();
                    if (in.op == Opcode::LOAD_SUPER_ATTR) {
                        pop();
                        pop();
                    }
                    refs.push_back(Ref{self, kNotLocal});
                    if (in.op == Opcode::LOAD_METHOD || (in.arg & 1) != 0) refs.push_back(obj);
                    break;
                }
                // The value stays on the stack along the jump: it cannot be consumed in this block.
                case Opcode::JUMP_IF_FALSE_OR_POP:
                case Opcode::JUMP_IF_TRUE_OR_POP:
                    break;
                case Opcode::FOR_ITER:
                    refs.push_back(Ref{self, kNotLocal});
                    break;
                case Opcode::SETUP_FINALLY:
                case Opcode::SETUP_WITH:
                case Opcode::POP_BLOCK:
                    break;
                default: {
                    const int popped = stack_inputs(in.op, in.arg);
                    const int pushed = popped + stack_effect(in.op, in.arg, false);
                    for (int k = 0; k < popped; ++k) pop();
                    for (int k = 0; k < pushed; ++k) refs.push_back(Ref{self, kNotLocal});
                    break;
                }
            }
        }
        for (const Ref& r : refs)
            if (r.instr >= 0) flags[static_cast<size_t>(owner(r.instr))] |= kRefUnconsumed;
        for (size_t i = first; i < end; ++i)
            if (instrs[i].op == Opcode::LOAD_FAST && flags[static_cast<size_t>(owner(static_cast<int>(i)))] == 0)
                instrs[i].op = Opcode::LOAD_FAST_BORROW;
    }
}

}  // namespace pymemlab
