// 3.14's borrowed stack items and locals: the marks a frame keeps and what each instruction does
// with them (borrowed_refs.h).
#include "interp/borrowed_refs.h"

#include <algorithm>

#include "object/runtime.h"

namespace pymemlab {

void frame_push_borrowed(Frame* f, PyObject* v) {
    f->stack.push_back(v);
    f->borrowed_stack.push_back(static_cast<int32_t>(f->stack.size() - 1));
}

bool frame_stack_borrowed(const Frame* f, size_t index) {
    return std::binary_search(f->borrowed_stack.begin(), f->borrowed_stack.end(), static_cast<int32_t>(index));
}

bool frame_untag_stack(Frame* f, size_t index) {
    auto it = std::lower_bound(f->borrowed_stack.begin(), f->borrowed_stack.end(), static_cast<int32_t>(index));
    if (it == f->borrowed_stack.end() || *it != static_cast<int32_t>(index)) return false;
    f->borrowed_stack.erase(it);
    return true;
}

void frame_swap_tags(Frame* f, size_t a, size_t b) {
    const bool at_a = frame_untag_stack(f, a);
    const bool at_b = frame_untag_stack(f, b);
    auto mark = [&](size_t i) {
        auto it = std::lower_bound(f->borrowed_stack.begin(), f->borrowed_stack.end(), static_cast<int32_t>(i));
        f->borrowed_stack.insert(it, static_cast<int32_t>(i));
    };
    if (at_a) mark(b);
    if (at_b) mark(a);
}

void frame_strengthen_stack(Runtime& rt, Frame* f, size_t from) {
    while (!f->borrowed_stack.empty() && static_cast<size_t>(f->borrowed_stack.back()) >= from) {
        const size_t i = static_cast<size_t>(f->borrowed_stack.back());
        f->borrowed_stack.pop_back();
        if (i < f->stack.size() && f->stack[i] != nullptr) rt.incref(f->stack[i]);
    }
}

bool instruction_releases_operands(Opcode op) {
    switch (op) {
        case Opcode::POP_TOP:
        case Opcode::LOAD_ATTR:
        case Opcode::STORE_ATTR:
        case Opcode::DELETE_ATTR:
        case Opcode::BINARY_OP:
        case Opcode::UNARY_NEGATIVE:
        case Opcode::UNARY_POSITIVE:
        case Opcode::UNARY_INVERT:
        case Opcode::UNARY_NOT:
        case Opcode::COMPARE_OP:
        case Opcode::IS_OP:
        case Opcode::CONTAINS_OP:
        case Opcode::BINARY_SUBSCR:
        case Opcode::STORE_SUBSCR:
        case Opcode::POP_JUMP_IF_FALSE:
        case Opcode::POP_JUMP_IF_TRUE:
        case Opcode::GET_ITER:
        case Opcode::GET_YIELD_FROM_ITER: return true;
        default: return false;
    }
}

void borrow_before_instruction(Runtime& rt, Frame* f, const Instr& ins) {
    if (instruction_releases_operands(ins.op)) return;
    switch (ins.op) {
        case Opcode::CALL:
        case Opcode::LOAD_METHOD:
        case Opcode::LOAD_SUPER_ATTR:
        case Opcode::SWAP:
        case Opcode::COPY:
        case Opcode::LOAD_FAST:
        case Opcode::LOAD_FAST_BORROW:
            return;
        default:
            break;
    }
    const size_t taken = static_cast<size_t>(stack_inputs(ins.op, ins.arg));
    const size_t size = f->stack.size();
    frame_strengthen_stack(rt, f, size >= taken ? size - taken : 0);
}

bool frame_local_borrowed(const Frame* f, size_t i) { return i < f->borrowed_locals.size() && f->borrowed_locals[i]; }

void frame_set_local_borrowed(Frame* f, size_t i, bool borrowed) {
    if (!borrowed && i >= f->borrowed_locals.size()) return;
    if (i >= f->borrowed_locals.size()) f->borrowed_locals.resize(f->localsplus.size(), false);
    f->borrowed_locals[i] = borrowed;
}

}  // namespace pymemlab
