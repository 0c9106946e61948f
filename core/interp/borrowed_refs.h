// 3.14's borrowed stack items (CPython's _PyStackRef without a reference of its own): a
// LOAD_FAST_BORROW pushes a local's object without an incref; an instruction that takes the item
// lets it go without a decref, or gives it a reference when it keeps it
// (PyStackRef_AsPyObjectSteal). Which loads borrow: borrow_loads.cpp. The loop: ceval.cpp.
#pragma once

#include <cstddef>

#include "interp/frame.h"
#include "interp/opcode.h"

namespace pymemlab {

class Runtime;

// Pushes v without a reference and marks its slot borrowed.
void frame_push_borrowed(Frame* f, PyObject* v);
// Whether stack[index] is borrowed; frame_untag_stack also clears the mark.
bool frame_stack_borrowed(const Frame* f, size_t index);
bool frame_untag_stack(Frame* f, size_t index);
// Moves a borrowed mark along with its item (SWAP, LOAD_METHOD's self).
void frame_swap_tags(Frame* f, size_t a, size_t b);
// Gives every borrowed item at index `from` or above a reference of its own.
void frame_strengthen_stack(Runtime& rt, Frame* f, size_t from);
// The instructions that let every operand go once they are done with it (PyStackRef_CLOSE), which
// the loop runs on borrowed operands without giving them a reference; they take at most
// kMaxReleasedOperands operands.
constexpr int kMaxReleasedOperands = 3;
bool instruction_releases_operands(Opcode op);
// Run before each instruction while the frame has borrowed items: the items the instruction takes
// get a reference first, unless the loop runs the instruction on borrowed items as CPython does
// (CALL, LOAD_METHOD, SWAP, COPY, the fast-local loads and the instructions above).
void borrow_before_instruction(Runtime& rt, Frame* f, const Instr& ins);
// Fast locals that a call bound to a borrowed item (3.14 moves the caller's item as it is).
bool frame_local_borrowed(const Frame* f, size_t i);
void frame_set_local_borrowed(Frame* f, size_t i, bool borrowed);

}  // namespace pymemlab
