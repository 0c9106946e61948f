// The assembler: the optimizations CPython applies to finished bytecode, per version — 2.7's
// and 3.6's peephole folding (Python/peephole.c: constants appended to co_consts, never
// shared), 3.8+'s tuple folding and constant jumps (flowgraph), BUILD/UNPACK swaps, dead code
// removal, 3.12's removal of unused constants — then label resolution, the stack depth
// (stackdepth()), and the code object with CPython's interning of names and constants.
#include <algorithm>

#include "interp/code_object.h"
#include "interp/compiler_internal.h"
#include "interp/stable_sort.h"
#include "object/builtins.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

bool is_terminator(Opcode op) {
    return op == Opcode::JUMP || op == Opcode::RETURN_VALUE || op == Opcode::RERAISE || op == Opcode::RAISE_VARARGS ||
           op == Opcode::UNSUPPORTED;
}

}  // namespace

// ==== stack effects =============================================================================

int stack_effect(Opcode op, int arg, bool jump) {
    using O = Opcode;
    switch (op) {
        case O::NOP:
        case O::SWAP:
        case O::MAKE_CELL:
        case O::DELETE_NAME:
        case O::DELETE_GLOBAL:
        case O::DELETE_FAST:
        case O::DELETE_DEREF:
        case O::LOAD_ATTR:
        case O::KW_NAMES:
        case O::UNARY_NEGATIVE:
        case O::UNARY_POSITIVE:
        case O::UNARY_NOT:
        case O::UNARY_INVERT:
        case O::LIST_TO_TUPLE:
        case O::JUMP:
        case O::GET_ITER:
        case O::YIELD_VALUE:
        case O::GET_YIELD_FROM_ITER:
        case O::PRINT_NEWLINE:
        case O::POP_BLOCK:
        case O::CHECK_EXC_MATCH:
        case O::UNSUPPORTED:
        case O::LOAD_FROM_DICT_OR_GLOBALS:
        case O::LOAD_FROM_DICT_OR_DEREF:
        case O::SETUP_ANNOTATIONS: return 0;
        case O::POP_TOP:
        case O::STORE_NAME:
        case O::STORE_GLOBAL:
        case O::STORE_FAST:
        case O::STORE_DEREF:
        case O::DELETE_ATTR:
        case O::BINARY_OP:
        case O::COMPARE_OP:
        case O::IS_OP:
        case O::CONTAINS_OP:
        case O::BINARY_SUBSCR:
        case O::LIST_APPEND:
        case O::SET_ADD:
        case O::LIST_EXTEND:
        case O::SET_UPDATE:
        case O::DICT_UPDATE:
        case O::DICT_MERGE:
        case O::POP_JUMP_IF_FALSE:
        case O::POP_JUMP_IF_TRUE:
        case O::RETURN_VALUE:
        case O::YIELD_FROM:
        case O::PRINT_EXPR:
        case O::IMPORT_NAME:
        case O::IMPORT_STAR:
        case O::PRINT_ITEM:
        case O::PRINT_NEWLINE_TO:
        case O::POP_EXCEPT:
        case O::RERAISE:
        case O::RESTORE_CELL:
        case O::WITH_EXIT: return -1;
        case O::COPY:
        case O::LOAD_CONST:
        case O::LOAD_SMALL_INT:
        case O::LOAD_NAME:
        case O::LOAD_GLOBAL:
        case O::LOAD_FAST:
        case O::LOAD_FAST_BORROW:
        case O::LOAD_FAST_AND_CLEAR:
        case O::LOAD_DEREF:
        case O::LOAD_CLOSURE:
        case O::LOAD_CLASSDEREF:
        case O::SAVE_CELL:
        case O::LOAD_METHOD:
        case O::PUSH_NULL:
        case O::LOAD_BUILD_CLASS:
        case O::LOAD_LOCALS:
        case O::IMPORT_FROM:
        case O::PUSH_EXC_INFO:
        case O::LOAD_ASSERTION_ERROR:
        case O::LOAD_COMMON_CONSTANT:
        case O::BEFORE_WITH:
        case O::WITH_EXCEPT_START: return 1;
        case O::STORE_ATTR:
        case O::DELETE_SUBSCR:
        case O::MAP_ADD:
        case O::PRINT_ITEM_TO: return -2;
        case O::STORE_SUBSCR: return -3;
        case O::LOAD_SUPER_ATTR: return (arg & 1) != 0 ? -1 : -2;
        case O::CALL: return -(arg + 1);
        case O::CALL_KW_PAIRS: return -((arg & 0xff) + 2 * (arg >> 8) + 1);
        case O::CALL_FUNCTION_EX: return -2 - (arg & 1);
        case O::BUILD_SLICE: return 1 - arg;
        case O::BUILD_TUPLE:
        case O::BUILD_LIST:
        case O::BUILD_SET:
        case O::BUILD_STRING: return 1 - arg;
        case O::BUILD_MAP: return 1 - 2 * arg;
        case O::BUILD_CONST_KEY_MAP: return -arg;
        case O::FORMAT_VALUE: return (arg & 4) ? -1 : 0;
        case O::UNPACK_SEQUENCE: return arg - 1;
        case O::UNPACK_EX: return (arg & 0xFF) + (arg >> 8);
        case O::JUMP_IF_FALSE_OR_POP:
        case O::JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
        case O::FOR_ITER: return jump ? -1 : 1;
        case O::MAKE_FUNCTION: return -make_function_extra_items(arg);
        case O::RAISE_VARARGS: return -arg;
        // The handler starts at the recorded depth with the exception pushed (SETUP_WITH's
        // depth leaves out the __enter__ result on top).
        case O::SETUP_FINALLY: return jump ? 1 : 0;
        case O::SETUP_WITH: return 0;
    }
    return 0;
}

// stackdepth(): the deepest the stack gets on any path, walking every reachable instruction
// once with the depth it is entered at. The depth is CPython's for the profile (`model`), though
// the lab's call sequence and handlers are 3.11's in shape. Where one of the lab's items stands
// for more or fewer of CPython's, an Item says so (its `extra` counts while it lies below the
// depth):
//   - up to 3.10 a call's NULL is no item, nor, in any version, a generator expression's (its
//     function is called with the iterator in that place);
//   - up to 3.10 a handler's exception is six items (the exception and the state it saved, three
//     each) until PUSH_EXC_INFO splits them; 3.6/3.8's `with` exit result is two.
// Where CPython's stack is deeper than any of the lab's instructions take it: a keyword call's
// names tuple (3.6-3.10, 3.13+), up to 3.10 the match's DUP_TOP, 3.8's BEGIN_FINALLY on leaving a
// `with` (counted as six items), from 3.11 each handler's cleanup
// block (lasti and the exception pushed, then a copy), 3.11/3.12's NULL pushed before its callable
// (after the walk), 3.14's `with` (its __exit__ and self two items; four while __enter__ is
// got). 3.12's RETURN_CONST pushes nothing.
int compute_stacksize(const std::vector<Instr>& instrs, const StackModel& model) {
    struct Item {
        int pos;
        int extra;
    };
    const size_t n = instrs.size();
    std::vector<int> depth(n, -1);
    std::vector<std::vector<Item>> items_at(n);  // the live items with an extra at entry
    std::vector<size_t> work;
    int max_depth = 0;
    auto reach = [&](size_t i, int d, const std::vector<Item>& live) {
        if (i >= n || depth[i] >= d) return;
        depth[i] = d;
        items_at[i].clear();
        for (const Item& it : live)
            if (it.pos < d) items_at[i].push_back(it);
        work.push_back(i);
    };
    // CPython's depth for a lab depth with `live` items under it.
    auto cpython = [&](int d, const std::vector<Item>& live) {
        int items = d;
        for (const Item& it : live)
            if (it.pos < d) items += it.extra;
        return items;
    };
    auto calls_comprehension = [&](size_t i) { return i > 0 && instrs[i - 1].op == Opcode::MAKE_FUNCTION; };
    reach(0, 0, {});
    std::vector<Item> live;
    std::vector<Item> handler_live;
    while (!work.empty()) {
        const size_t i = work.back();
        work.pop_back();
        const Instr& in = instrs[i];
        const int d = depth[i];
        live = items_at[i];
        const Opcode next_op = i + 1 < n ? instrs[i + 1].op : Opcode::NOP;
        switch (in.op) {
            case Opcode::YIELD_FROM: max_depth = std::max(max_depth, cpython(d, live) + model.yield_from_extra); break;
            case Opcode::KW_NAMES:
                if (model.kw_names_slot) max_depth = std::max(max_depth, cpython(d, live) + 1);
                break;
            case Opcode::PUSH_NULL:
                // A comprehension's function is called with its iterator in the NULL's place.
                if (model.null_is_free || calls_comprehension(i)) live.push_back({d, -1});
                break;
            case Opcode::PUSH_EXC_INFO:
                // From 3.11: the cleanup block (COPY 3, POP_EXCEPT, RERAISE 1) at the handler's
                // depth with lasti and the exception pushed, then a copy; a with statement's
                // handler is entered with lasti too.
                if (model.entry_cleanup)
                    max_depth = std::max(max_depth, cpython(d, live) + (next_op == Opcode::WITH_EXCEPT_START ? 4 : 3));
                // Up to 3.10: the saved state and the exception, three items each.
                if (model.exc_items > 1) {
                    for (Item& it : live)
                        if (it.pos == d - 1) it.extra = model.exc_items - 1;
                    live.push_back({d, model.exc_items - 1});
                }
                break;
            case Opcode::BEFORE_WITH:  // obj -> exit enter_result
                if (model.special_method_pairs) {
                    max_depth = std::max(max_depth, cpython(d, live) + 3);
                    live.push_back({d - 1, 1});
                }
                break;
            case Opcode::WITH_EXCEPT_START:
                if (model.with_exit_items > 1) live.push_back({d, model.with_exit_items - 1});
                break;
            case Opcode::WITH_EXIT:  // 3.8: BEGIN_FINALLY (counted 6) and WITH_CLEANUP_START (2)
                if (model.begin_finally) max_depth = std::max(max_depth, cpython(d, live) + 8);
                break;
            case Opcode::CHECK_EXC_MATCH:  // up to 3.10 the match works on a copy (DUP_TOP)
                if (model.exc_items > 1) max_depth = std::max(max_depth, cpython(d, live) + 1);
                break;
            default: break;
        }
        if (is_jump(in.op)) {
            const int target_depth = d + stack_effect(in.op, in.arg, true);
            const bool handler = in.op == Opcode::SETUP_FINALLY || in.op == Opcode::SETUP_WITH;
            handler_live = live;
            if (handler && model.exc_items > 1) handler_live.push_back({target_depth - 1, 2 * model.exc_items - 1});
            max_depth = std::max(max_depth, cpython(target_depth, handler_live));
            reach(static_cast<size_t>(in.arg), target_depth, handler_live);
        }
        const int next = d + stack_effect(in.op, in.arg, false);
        // 3.12's RETURN_CONST returns a constant without pushing it.
        if (!(model.return_const && in.op == Opcode::LOAD_CONST && next_op == Opcode::RETURN_VALUE))
            max_depth = std::max(max_depth, cpython(next, live));
        if (!is_terminator(in.op)) reach(i + 1, next, live);
    }
    // 3.11 and 3.12 push a call's NULL before its callable (the lab's PUSH_NULL follows it): one
    // item more under each instruction that computes the callable, back to the one that began it.
    if (model.null_before_callable) {
        for (size_t i = 0; i < n; ++i) {
            if (instrs[i].op != Opcode::PUSH_NULL || depth[i] < 1 || calls_comprehension(i)) continue;
            int deepest = depth[i];
            for (size_t j = i; j-- > 0 && depth[j] >= depth[i];) deepest = std::max(deepest, depth[j]);
            max_depth = std::max(max_depth, deepest + 1);
        }
    }
    return max_depth;
}

// ==== the peephole passes =======================================================================

int Compiler::append_const(Unit& u, PyObject* o) {
    if (at_least(3, 8)) {
        o = pool_.merge(o);
        if (o == nullptr) {
            memory_error();
            return -1;
        }
    }
    // 3.10+'s add_const reuses an entry holding the same object; the older peepholes append.
    if (at_least(3, 10)) {
        for (size_t k = 0; k < u.consts.size(); ++k) {
            if (u.consts[k] == o) {
                rt_.decref(o);
                return static_cast<int>(k);
            }
        }
    }
    u.consts.push_back(o);
    return static_cast<int>(u.consts.size()) - 1;
}

// One walk over the instructions with a stack of the LOAD_CONSTs just seen (3.6's CONST_STACK;
// 2.7 counts only the constants right before, and a fold leaves just its result). A fold turns
// the operands into dead instructions and the operation into LOAD_CONST of a new constant, so
// later folds can use it. `targets_upto[i]` counts jump targets at or before i: a fold may not
// span one (ISBASICBLOCK).
void Compiler::peephole(Unit& u, std::vector<uint8_t>& live, const std::vector<int>& targets_upto) {
    const size_t n = u.instrs.size();
    const bool p27 = is27();
    const bool p36 = !p27 && !at_least(3, 8);
    const bool old = p27 || p36;
    auto same_block = [&](size_t a, size_t b) { return targets_upto[b] == targets_upto[a]; };
    auto next_live = [&](size_t i) -> size_t {
        for (size_t j = i + 1; j < n; ++j)
            if (live[j]) return j;
        return n;
    };
    std::vector<size_t> cstack;
    auto const_at = [&](size_t i) { return u.consts[static_cast<size_t>(u.instrs[i].arg)]; };
    // Replaces the k constants on top of cstack and instruction i by LOAD_CONST of `value`.
    auto fold = [&](size_t i, size_t k, PyObject* value) {
        const int idx = append_const(u, value);
        if (idx < 0) return;
        for (size_t j = cstack.size() - k; j < cstack.size(); ++j) live[cstack[j]] = false;
        cstack.resize(cstack.size() - k);
        if (p27) cstack.clear();
        u.instrs[i].op = Opcode::LOAD_CONST;
        u.instrs[i].arg = idx;
        cstack.push_back(i);
    };
    for (size_t i = 0; i < n && !failed_; ++i) {
        if (!live[i]) continue;
        Instr& in = u.instrs[i];
        bool keep = false;
        switch (in.op) {
            case Opcode::LOAD_CONST:
                cstack.push_back(i);
                keep = true;
                break;
            case Opcode::LOAD_NAME:
            case Opcode::LOAD_GLOBAL:
                // 2.7's peephole loads None by constant, adding it to co_consts if need be.
                if (p27 && u.names.list[static_cast<size_t>(in.arg)] == "None") {
                    PyObject* none = rt_.builtins().singletons.none;
                    int idx = -1;
                    for (size_t k = 0; k < u.consts.size() && idx < 0; ++k)
                        if (u.consts[k] == none) idx = static_cast<int>(k);
                    if (idx < 0) {
                        rt_.incref(none);
                        idx = append_const(u, none);
                    }
                    in.op = Opcode::LOAD_CONST;
                    in.arg = idx;
                    cstack.push_back(i);
                    keep = true;
                }
                break;
            case Opcode::BUILD_TUPLE:
            case Opcode::BUILD_LIST:
            case Opcode::BUILD_SET: {
                const size_t j = static_cast<size_t>(in.arg);
                const size_t next = next_live(i);
                const Opcode next_op = next < n ? u.instrs[next].op : Opcode::NOP;
                // An empty tuple folds in 2.7 and from 3.10 (f(**k) builds one).
                bool eligible = !(u.iflags[i] & kInstrNoFold) && cstack.size() >= j &&
                                (j > 0 || (in.op == Opcode::BUILD_TUPLE && (p27 || at_least(3, 10))));
                if (in.op == Opcode::BUILD_LIST) {
                    eligible = eligible && old &&
                               (next_op == Opcode::CONTAINS_OP || (p36 && next_op == Opcode::GET_ITER)) && next < n &&
                               same_block(i, next);
                } else if (in.op == Opcode::BUILD_SET) {
                    eligible = eligible && p36 && (next_op == Opcode::CONTAINS_OP || next_op == Opcode::GET_ITER) &&
                               next < n && same_block(i, next);
                }
                const size_t first = j > 0 && cstack.size() >= j ? cstack[cstack.size() - j] : i;
                if (eligible && same_block(first, i)) {
                    std::vector<PyObject*> items;
                    for (size_t k = cstack.size() - j; k < cstack.size(); ++k) items.push_back(const_at(cstack[k]));
                    PyObject* v = in.op == Opcode::BUILD_SET ? pool_.make_frozenset(items) : pool_.make_tuple(items);
                    if (v != nullptr) {
                        fold(i, j, v);
                        keep = true;
                        break;
                    }
                }
                // BUILD_TUPLE n; UNPACK_SEQUENCE n (a, b = b, a) needs no tuple: SWAP.
                if (in.op != Opcode::BUILD_SET && next < n && next_op == Opcode::UNPACK_SEQUENCE &&
                    u.instrs[next].arg == in.arg && j >= 1 && j <= 3 && same_block(i, next)) {
                    live[next] = false;
                    if (j == 1) {
                        live[i] = false;
                    } else {
                        in.op = Opcode::SWAP;
                        in.arg = static_cast<int32_t>(j);
                    }
                }
                break;
            }
            case Opcode::BINARY_OP: {
                if (!old || in.arg >= kBinaryOpInplaceOffset || cstack.size() < 2) break;
                const auto op = static_cast<ast::Operator>(in.arg);
                if (op == ast::Operator::MatMult || (p27 && op == ast::Operator::Div && !future_division_)) break;
                if (!same_block(cstack[cstack.size() - 2], i)) break;
                PyObject* a = const_at(cstack[cstack.size() - 2]);
                PyObject* b = const_at(cstack.back());
                if (PyObject* v = pool_.fold_binop(op, a, b, p27 ? kPeephole27Limits : kPeephole36Limits)) {
                    fold(i, 2, v);
                    keep = true;
                }
                break;
            }
            case Opcode::BINARY_SUBSCR: {
                if (!old || cstack.size() < 2 || !same_block(cstack[cstack.size() - 2], i)) break;
                if (PyObject* v = pool_.fold_subscript(const_at(cstack[cstack.size() - 2]), const_at(cstack.back()))) {
                    if (p27 && const_length(rt_, v) > kPeephole27MaxSize) {
                        rt_.decref(v);
                        break;
                    }
                    fold(i, 2, v);
                    keep = true;
                }
                break;
            }
            case Opcode::UNARY_NEGATIVE:
            case Opcode::UNARY_INVERT:
            case Opcode::UNARY_POSITIVE: {
                if (!old || cstack.empty() || !same_block(cstack.back(), i)) break;
                if (p27 && in.op == Opcode::UNARY_POSITIVE) break;
                PyObject* v = const_at(cstack.back());
                // 2.7 leaves -0 alone, so that -0.0 keeps its sign.
                if (p27 && in.op == Opcode::UNARY_NEGATIVE && const_truth(rt_, v) != 1) break;
                const ast::UnaryOp op = in.op == Opcode::UNARY_NEGATIVE ? ast::UnaryOp::USub
                                        : in.op == Opcode::UNARY_INVERT ? ast::UnaryOp::Invert
                                                                        : ast::UnaryOp::UAdd;
                if (PyObject* r = pool_.fold_unaryop(op, v)) {
                    fold(i, 1, r);
                    keep = true;
                }
                break;
            }
            case Opcode::POP_JUMP_IF_FALSE:
            case Opcode::POP_JUMP_IF_TRUE: {
                // 3.10+: a constant test jumps always or never.
                if (!at_least(3, 10) || cstack.empty() || !same_block(cstack.back(), i)) break;
                const size_t prev = cstack.back();
                if (next_live(prev) != i) break;
                const int truth = const_truth(rt_, const_at(prev));
                if (truth < 0) break;
                live[prev] = false;
                if ((truth == 1) == (in.op == Opcode::POP_JUMP_IF_TRUE))
                    in.op = Opcode::JUMP;
                else
                    live[i] = false;
                break;
            }
            default: break;
        }
        if (!keep) cstack.clear();
    }
}

void Compiler::remove_unreachable(Unit& u, std::vector<uint8_t>& live) {
    const size_t n = u.instrs.size();
    auto resolve = [&](size_t p) {
        while (p < n && !live[p]) ++p;
        return p;
    };
    std::vector<uint8_t> reached(n, false);
    std::vector<size_t> work;
    auto reach = [&](size_t p) {
        p = resolve(p);
        if (p < n && !reached[p]) {
            reached[p] = true;
            work.push_back(p);
        }
    };
    reach(0);
    while (!work.empty()) {
        const size_t i = work.back();
        work.pop_back();
        const Instr& in = u.instrs[i];
        if (is_jump(in.op)) reach(static_cast<size_t>(u.labels[static_cast<size_t>(in.arg)]));
        if (!is_terminator(in.op)) reach(i + 1);
    }
    for (size_t i = 0; i < n; ++i)
        if (!reached[i]) live[i] = false;
    // A NOP only marks a line; it goes when a neighbour carries the same line (3.10+).
    for (size_t i = 0; i < n; ++i) {
        if (!live[i] || u.instrs[i].op != Opcode::NOP) continue;
        size_t p = i, q = i + 1;
        while (p > 0 && !live[p - 1]) --p;
        q = resolve(q);
        const int line = u.instrs[i].line;
        if ((p > 0 && u.instrs[p - 1].line == line) || (q < n && u.instrs[q].line == line)) live[i] = false;
    }
}

// 3.12's remove_unused_consts: constants no instruction uses go (the first stays: it may be a
// docstring).
void Compiler::remove_unused_consts(Unit& u, std::vector<Instr>& instrs) {
    const size_t n = u.consts.size();
    if (n == 0) return;
    std::vector<uint8_t> used(n, false);
    used[0] = true;
    auto uses_const = [](Opcode op) {
        return op == Opcode::LOAD_CONST || op == Opcode::KW_NAMES || op == Opcode::UNSUPPORTED;
    };
    for (const Instr& in : instrs)
        if (uses_const(in.op)) used[static_cast<size_t>(in.arg)] = true;
    std::vector<int> remap(n, -1);
    std::vector<PyObject*> kept;
    for (size_t k = 0; k < n; ++k) {
        if (used[k]) {
            remap[k] = static_cast<int>(kept.size());
            kept.push_back(u.consts[k]);
        } else {
            rt_.decref(u.consts[k]);
        }
    }
    u.consts = std::move(kept);
    for (Instr& in : instrs)
        if (uses_const(in.op)) in.arg = remap[static_cast<size_t>(in.arg)];
}

PyObject* Compiler::assemble(Unit& u) {
    const size_t n = u.instrs.size();
    for (const Instr& in : u.instrs) {
        if (is_jump(in.op) && u.labels[static_cast<size_t>(in.arg)] < 0) {
            error(loc_, "internal compiler error: a jump to an unbound label");
            return nullptr;
        }
    }
    std::vector<int> targets_upto(n + 1, 0);
    for (const Instr& in : u.instrs)
        if (is_jump(in.op)) ++targets_upto[static_cast<size_t>(u.labels[static_cast<size_t>(in.arg)])];
    for (size_t i = 1; i <= n; ++i) targets_upto[i] += targets_upto[i - 1];
    std::vector<uint8_t> live(n, true);
    peephole(u, live, targets_upto);
    if (failed_) return nullptr;
    remove_unreachable(u, live);
    // Compaction: a label now means the first live instruction at or after it.
    std::vector<int> newpos(n + 1, 0);
    for (size_t i = 0; i < n; ++i) newpos[i + 1] = newpos[i] + (live[i] ? 1 : 0);
    std::vector<Instr> out;
    out.reserve(static_cast<size_t>(newpos[n]));
    for (size_t i = 0; i < n; ++i) {
        if (!live[i]) continue;
        Instr in = u.instrs[i];
        if (is_jump(in.op)) in.arg = newpos[static_cast<size_t>(u.labels[static_cast<size_t>(in.arg)])];
        out.push_back(in);
    }
    if (at_least(3, 11)) order_cells(u, out);
    if (at_least(3, 14)) order_consts_314(u, out);
    if (at_least(3, 12)) remove_unused_consts(u, out);
    if (at_least(3, 14)) {
        const int nparams = u.argcount + u.kwonlyargcount + (u.varargs ? 1 : 0) + (u.varkeywords ? 1 : 0);
        optimize_load_fast(out, nparams, static_cast<int>(u.varnames.list.size()));
    }
    return make_code(u, std::move(out));
}

// 3.14: the constants in CPython's order (Unit::const_order: codegen's, then the optimizer's
// folds), and a small int (0..255) loaded by LOAD_SMALL_INT, which leaves its entry unused.
void Compiler::order_consts_314(Unit& u, std::vector<Instr>& instrs) {
    const size_t n = u.consts.size();
    auto rank = [&](size_t k) {
        return k < u.const_order.size() ? u.const_order[k] : kFoldedConst + static_cast<int64_t>(k);
    };
    const std::vector<size_t> order = stable_order(n, [&](size_t a, size_t b) { return rank(a) < rank(b); });
    std::vector<int> renumber(n);
    std::vector<PyObject*> consts(n);
    for (size_t k = 0; k < n; ++k) {
        renumber[order[k]] = static_cast<int>(k);
        consts[k] = u.consts[order[k]];
    }
    u.consts = std::move(consts);
    u.const_order.clear();
    for (Instr& in : instrs) {
        if (in.op != Opcode::LOAD_CONST && in.op != Opcode::KW_NAMES && in.op != Opcode::UNSUPPORTED) continue;
        in.arg = renumber[static_cast<size_t>(in.arg)];
        const PyObject* v = u.consts[static_cast<size_t>(in.arg)];
        if (in.op == Opcode::LOAD_CONST && Py_TYPE(v) == rt_.builtins().long_type) {
            bool overflow = false;
            const int64_t value = long_as_int64(rt_, v, &overflow);
            if (!overflow && value >= 0 && value < 256) {
                in.op = Opcode::LOAD_SMALL_INT;
                in.arg = static_cast<int>(value);
            }
        }
    }
}

// 3.11+ (compute_localsplus_info): a cell that is also a local (a parameter; 3.12+ an inlined
// comprehension's name) shares the local's slot, so co_cellvars lists those first, in their
// locals' order, then the other cells. Renumbers the cells the instructions name.
void Compiler::order_cells(Unit& u, std::vector<Instr>& instrs) {
    const std::vector<std::string>& old = u.cellvars.list;
    NameTable cells;
    for (const std::string& local : u.varnames.list)
        if (u.cellvars.find(local) >= 0) cells.add(local);
    for (const std::string& cell : old) cells.add(cell);
    std::vector<int> renumber(old.size());
    for (size_t i = 0; i < old.size(); ++i) renumber[i] = cells.find(old[i]);
    for (Instr& in : instrs) {
        switch (in.op) {
            case Opcode::LOAD_DEREF:
            case Opcode::STORE_DEREF:
            case Opcode::DELETE_DEREF:
            case Opcode::LOAD_CLOSURE:
            case Opcode::LOAD_CLASSDEREF:
            case Opcode::LOAD_FROM_DICT_OR_DEREF:
            case Opcode::SAVE_CELL:
            case Opcode::RESTORE_CELL:
            case Opcode::MAKE_CELL:
                if (in.arg < static_cast<int>(old.size())) in.arg = renumber[static_cast<size_t>(in.arg)];
                break;
            default: break;
        }
    }
    u.cellvars = std::move(cells);
}

// ==== the code object ===========================================================================

namespace {

// intern_string_constants: identifier-like strings in co_consts, last first, into nested tuples
// and frozensets from 3.x (2.7: the top level only).
void intern_constants(Runtime& rt, PyObject* tuple, bool recurse, bool* modified) {
    const Builtins& b = rt.builtins();
    PyObject** items = tuple_items(tuple);
    for (int64_t i = Py_SIZE(tuple); i-- > 0;) {
        PyObject* v = items[i];
        if (Py_TYPE(v) == b.str_type) {
            PyObject* before = v;
            if (str_intern_code_constant(rt, &items[i]) && items[i] != before && modified != nullptr) *modified = true;
        } else if (recurse && Py_TYPE(v) == b.tuple_type) {
            intern_constants(rt, v, true, nullptr);
        } else if (recurse && Py_TYPE(v) == b.frozenset_type) {
            std::vector<PyObject*> keys = set_keys(rt, v);
            PyObject* tmp = tuple_new(rt, static_cast<int64_t>(keys.size()));
            if (tmp == nullptr) continue;
            for (size_t k = 0; k < keys.size(); ++k) {
                rt.incref(keys[k]);
                tuple_items(tmp)[k] = keys[k];
            }
            bool changed = false;
            intern_constants(rt, tmp, true, &changed);
            if (changed) {
                std::vector<PyObject*> interned(tuple_items(tmp), tuple_items(tmp) + Py_SIZE(tmp));
                if (PyObject* fs = frozenset_new(rt, &interned)) {
                    items[i] = fs;
                    rt.decref(v);
                    if (modified != nullptr) *modified = true;
                }
            }
            rt.decref(tmp);
        }
    }
}

}  // namespace

PyObject* Compiler::make_code(Unit& u, std::vector<Instr> instrs) {
    auto* body = new CodeBody;
    body->instrs = std::move(instrs);
    body->argcount = u.argcount;
    body->posonlyargcount = u.posonlyargcount;
    body->kwonlyargcount = u.kwonlyargcount;
    body->firstlineno = u.firstlineno;
    StackModel model;
    model.null_is_free = !at_least(3, 11);
    model.entry_cleanup = at_least(3, 11);
    model.special_method_pairs = at_least(3, 14);
    model.null_before_callable = at_least(3, 11) && !at_least(3, 13);
    model.return_const = at_least(3, 12) && !at_least(3, 13);
    if (!is27() && !at_least(3, 11)) model.exc_items = 3;
    if (!is27() && !at_least(3, 9)) model.with_exit_items = 2;
    model.begin_finally = at_least(3, 8) && !at_least(3, 9);
    model.kw_names_slot = (!at_least(3, 11) || at_least(3, 13)) && !is27();
    body->stacksize = compute_stacksize(body->instrs, model);
    int flags = 0;
    if (u.ste->type == BlockType::Function) {
        flags |= CO_OPTIMIZED | CO_NEWLOCALS;
        if (u.ste->nested) flags |= CO_NESTED;
        if (u.ste->generator) flags |= CO_GENERATOR;
        if (u.varargs) flags |= CO_VARARGS;
        if (u.varkeywords) flags |= CO_VARKEYWORDS;
    }
    if (is27() && u.kind == UnitKind::Class) flags |= CO_NEWLOCALS;
    if (u.has_docstring) flags |= CO_HAS_DOCSTRING;
    if (!at_least(3, 11) && u.cellvars.list.empty() && u.freevars.list.empty()) flags |= CO_NOFREE;
    body->flags = flags;
    if ((flags & CO_GENERATOR) && at_least(3, 12)) {
        // 3.12+ wraps a generator's body in a handler that turns StopIteration into RuntimeError
        // (entered with lasti and the exception pushed: two slots at depth 0), and each `yield
        // from` in one that pushes the thrown exception above the iterator and the sent value.
        model.yield_from_extra = 1;
        body->stacksize = std::max(compute_stacksize(body->instrs, model), 2);
    }
    for (const std::string& cell : u.cellvars.list) body->cell2local.push_back(u.varnames.find(cell));

    // co_consts, then the name tuples, as makecode builds them.
    PyObject* consts = tuple_new(rt_, static_cast<int64_t>(u.consts.size()));
    if (consts == nullptr) {
        delete body;
        memory_error();
        return nullptr;
    }
    for (size_t k = 0; k < u.consts.size(); ++k) {
        rt_.incref(u.consts[k]);
        tuple_items(consts)[k] = u.consts[k];
    }
    PyObject* names = str_tuple(u.names.list);
    PyObject* varnames = str_tuple(u.varnames.list);
    PyObject* cellvars = str_tuple(u.cellvars.list);
    PyObject* freevars = str_tuple(u.freevars.list);
    PyObject* name = new_str(u.name);
    // co_qualname arrived in 3.11; before it the qualified name is MAKE_FUNCTION's (make_closure).
    const bool has_qualname = at_least(3, 11);
    PyObject* qualname = nullptr;
    if (name != nullptr) str_intern_code_name(rt_, &name);
    if (name != nullptr && has_qualname) {
        if (u.qualname == u.name) {
            qualname = name;
            rt_.incref(qualname);
        } else {
            qualname = new_str(u.qualname);
        }
    }
    if (names == nullptr || varnames == nullptr || cellvars == nullptr || freevars == nullptr || name == nullptr ||
        (has_qualname && qualname == nullptr)) {
        for (PyObject* o : {consts, names, varnames, cellvars, freevars, name, qualname}) rt_.xdecref(o);
        delete body;
        memory_error();
        return nullptr;
    }
    intern_constants(rt_, consts, !is27(), nullptr);
    if (at_least(3, 8)) {
        // makecode puts the tuples through the compilation's constant cache: equal ones are
        // one object (two functions' co_names, a function's co_varnames and a tuple constant).
        consts = pool_.merge_tuple(consts);
        names = pool_.merge_tuple(names);
        if (!at_least(3, 11)) {
            varnames = pool_.merge_tuple(varnames);
            cellvars = pool_.merge_tuple(cellvars);
            freevars = pool_.merge_tuple(freevars);
        }
    }
    rt_.incref(filename_);
    PyObject* code = code_new(rt_, body, consts, names, varnames, freevars, cellvars, filename_, name, qualname);
    if (code == nullptr) memory_error();
    return code;
}

}  // namespace pymemlab
