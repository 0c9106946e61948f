// The lab's bytecode: what the compiler (compiler.h) emits and the VM (ceval.h) executes. It is
// CPython 3.10's instruction set with 3.11's call sequence (PUSH_NULL/KW_NAMES/CALL) and a block
// stack for exception handling (3.10's SETUP_FINALLY/POP_BLOCK/POP_EXCEPT). Opcodes differ from
// CPython's numbering; what matters is that every reference CPython's stack and frames hold,
// these hold too. Stack effects are written `before -> after`, top of stack rightmost.
#pragma once

#include <cstdint>

namespace pymemlab {

enum class Opcode : uint8_t {
    NOP,
    POP_TOP,  // v ->
    COPY,     // arg n>=1:  ... x (x is the n-th item from the top) -> ... x x   (a new reference)
    SWAP,     // arg n>=2:  swaps the top with the n-th item from the top

    // ---- names --------------------------------------------------------------------------------
    LOAD_CONST,      // -> co_consts[arg]
    LOAD_SMALL_INT,  // 3.14: -> the cached int arg (0..255), which co_consts need not hold
    // co_names[arg]: the frame's locals mapping (module level: the globals dict; class bodies:
    // the class namespace), then globals, then builtins. NameError "name 'x' is not defined".
    LOAD_NAME,
    STORE_NAME,   // v ->
    DELETE_NAME,  //
    LOAD_GLOBAL,  // co_names[arg] in globals then builtins
    STORE_GLOBAL,
    DELETE_GLOBAL,
    // co_varnames[arg], a fast local. UnboundLocalError "cannot access local variable 'x' where
    // it is not associated with a value" (3.11+ wording; "local variable 'x' referenced before
    // assignment" before 3.11).
    LOAD_FAST,
    STORE_FAST,
    DELETE_FAST,
    // 3.14: a LOAD_FAST whose reference the compiler proved is consumed before the local can
    // change (borrow_loads.cpp): it pushes the local's object without a reference of its own.
    LOAD_FAST_BORROW,
    // 3.12+ (PEP 709): -> the local's object, or NULL when unbound, leaving the local unbound;
    // the reference moves to the stack. An inlined comprehension sets its names' outer values
    // aside with it and puts them back with STORE_FAST.
    LOAD_FAST_AND_CLEAR,
    // Cell variables: arg indexes cellvars then freevars (arg < len(co_cellvars) is a cell
    // variable, otherwise freevars[arg - len(co_cellvars)]).
    LOAD_DEREF,
    STORE_DEREF,
    DELETE_DEREF,
    LOAD_CLOSURE,     // -> the cell object itself (to build a closure tuple)
    LOAD_CLASSDEREF,  // class bodies: the class namespace first, then the cell
    // 3.14 annotation scopes in a class body (the class namespace from the __classdict__ cell):
    // mapping -> mapping[co_names[arg]], else the global or builtin of that name;
    LOAD_FROM_DICT_OR_GLOBALS,
    // mapping -> mapping[name], else the cell's value (arg indexes cells then free variables).
    LOAD_FROM_DICT_OR_DEREF,
    // 3.12+ (PEP 709), an inlined comprehension whose own name is a cell: -> the cell variable's
    // cell object itself, which an empty new cell replaces (CPython's LOAD_FAST_AND_CLEAR and
    // MAKE_CELL on the merged slot); RESTORE_CELL (cell ->) puts it back after.
    SAVE_CELL,
    RESTORE_CELL,
    // 3.12+, the same when the name is free in the enclosing function: the slot's cell is wrapped
    // in a new cell, which the comprehension's stores then fill (CPython's MAKE_CELL on the free
    // slot; nothing puts the closure's cell back, as in CPython 3.12 to 3.14).
    MAKE_CELL,

    // ---- attributes and calls --------------------------------------------------------------------
    LOAD_ATTR,    // obj -> obj.co_names[arg]
    STORE_ATTR,   // v obj ->         (obj.name = v)
    DELETE_ATTR,  // obj ->
    // obj -> meth obj   when type(obj) has a plain function `name` and obj has no instance
    //                   attribute shadowing it (no bound method is made: 3.7+'s LOAD_METHOD)
    // obj -> attr NULL  otherwise
    LOAD_METHOD,
    // 3.12+: super cls self -> attr             super(cls, self).co_names[arg >> 2], without a
    //        super cls self -> meth self | attr NULL   super object (arg & 1: LOAD_METHOD's form;
    // arg & 2: super(C, x) rather than super(); a `super` that is not the builtin is called).
    LOAD_SUPER_ATTR,
    PUSH_NULL,  // -> NULL   (before the arguments of a call that has no self)
    // The keyword names of the next CALL: co_consts[arg] is a tuple of str.
    KW_NAMES,
    // callable self_or_null a1 .. an -> result. With self: callable(self, a1..an). After
    // KW_NAMES(t), the last len(t) arguments are keyword arguments named by t.
    CALL,
    // 2.7's CALL_FUNCTION with keyword arguments, each name a constant pushed under its value:
    // callable NULL a1 .. an k1 v1 .. km vm -> result;  arg = n | m << 8.
    CALL_KW_PAIRS,
    // callable NULL args_tuple [kwargs_dict] -> result;  arg & 1: a kwargs dict is present.
    CALL_FUNCTION_EX,

    // ---- operators -----------------------------------------------------------------------------
    BINARY_OP,  // a b -> a op b; arg = BinaryOp (object/abstract.h), +13 for the in-place form
    UNARY_NEGATIVE,
    UNARY_POSITIVE,
    UNARY_NOT,
    UNARY_INVERT,
    COMPARE_OP,   // a b -> result; arg = CompareOp (object/type.h: Py_LT..Py_GE)
    IS_OP,        // a b -> bool(a is b), negated when arg == 1
    CONTAINS_OP,  // a b -> bool(a in b), negated when arg == 1

    // ---- subscripts and displays ------------------------------------------------------------------
    BINARY_SUBSCR,  // container key -> container[key]
    STORE_SUBSCR,   // v container key ->
    DELETE_SUBSCR,  // container key ->
    BUILD_SLICE,    // arg 2: start stop -> slice; arg 3: start stop step -> slice
    BUILD_TUPLE,    // arg n items -> tuple
    BUILD_LIST,
    BUILD_SET,
    BUILD_MAP,     // k1 v1 .. kn vn -> dict   (arg = n)
    // v1 .. vn keys -> dict   (arg = n; keys is a constant tuple of n keys: {'a': x, 'b': y},
    // keyword-only defaults, and the annotations dict up to 3.9 — CPython 3.6+'s opcode)
    BUILD_CONST_KEY_MAP,
    BUILD_STRING,  // s1 .. sn -> the concatenation (f-strings)
    // After popping v (and for MAP_ADD the key under it), the container is the arg-th item from
    // the top: LIST_APPEND(1) appends to the item now on top.
    LIST_APPEND,  // v ->
    SET_ADD,      // v ->
    MAP_ADD,      // k v ->
    LIST_EXTEND,  // iterable ->
    SET_UPDATE,   // iterable ->
    DICT_UPDATE,  // mapping ->
    DICT_MERGE,   // mapping ->   (like DICT_UPDATE, but a repeated key is a TypeError: f(**a, **b))
    LIST_TO_TUPLE,  // list -> tuple
    // arg & 3: conversion (0 none, 1 str, 2 repr, 3 ascii); arg & 4: a format spec is on top.
    FORMAT_VALUE,  // value [spec] -> str
    UNPACK_SEQUENCE,  // seq -> item_{n-1} .. item_0   (item_0 on top; arg = n)
    UNPACK_EX,        // seq -> ... (arg = before | after << 8; the starred list between)

    // ---- control flow -----------------------------------------------------------------------------
    // Jump targets are absolute instruction indexes.
    JUMP,
    POP_JUMP_IF_FALSE,    // v ->
    POP_JUMP_IF_TRUE,     // v ->
    JUMP_IF_FALSE_OR_POP, // v -> v (jumps) | -> (falls through)
    JUMP_IF_TRUE_OR_POP,
    GET_ITER,  // iterable -> iterator
    FOR_ITER,  // iterator -> iterator next;  when exhausted: iterator -> (and jump to arg)
    RETURN_VALUE,  // v -> (the frame returns v)
    // Generators: v -> sent (the value send() passed in; None for next()).
    YIELD_VALUE,
    GET_YIELD_FROM_ITER,  // iterable -> iterator
    // iterator sent -> iterator sent   (suspends yielding the sub-iterator's value; re-runs
    // itself on resume until the sub-iterator finishes)
    // iterator sent -> result           (when it finishes: StopIteration.value)
    YIELD_FROM,
    // Run in REPL mode after an expression statement: v -> ; prints repr(v) unless v is None
    // and binds builtins._ (sys.displayhook).
    PRINT_EXPR,

    // ---- functions, classes, modules -------------------------------------------------------------
    // [defaults tuple (arg&1)] [kwdefaults dict (arg&2)] [annotations dict (arg&4)] [closure tuple (arg&8)]
    // code -> function   (pushed in that order, code on top; qualname is code.co_qualname)
    // With kMakeFunctionQualname (3.x up to 3.10): code qualname -> function, the qualified name
    // a constant of its own, as CPython's compiler_make_closure loads it.
    MAKE_FUNCTION,
    LOAD_BUILD_CLASS,  // -> builtins.__build_class__
    LOAD_LOCALS,       // -> the frame's locals mapping (3.12+; a class body's namespace)
    IMPORT_NAME,       // level fromlist -> module   (co_names[arg] is the dotted name)
    IMPORT_FROM,       // module -> module module.co_names[arg]  (ImportError "cannot import name")
    IMPORT_STAR,       // module ->
    // 2.7's print statement: PRINT_ITEM (v ->) writes str(v) with softspace rules, PRINT_NEWLINE.
    PRINT_ITEM,
    PRINT_NEWLINE,
    // `print >>f, v`: PRINT_ITEM_TO (v f ->) and PRINT_NEWLINE_TO (f ->) write to f (None: sys.stdout).
    PRINT_ITEM_TO,
    PRINT_NEWLINE_TO,
    // At the start of a module or class body that has annotated assignments: makes
    // __annotations__ = {} in the frame's locals mapping unless it is already there. ->
    SETUP_ANNOTATIONS,

    // ---- exceptions ---------------------------------------------------------------------------------
    // The block stack. SETUP_FINALLY(target) pushes a handler block recording the stack depth.
    // When an exception is raised while it is the innermost block, the VM pops it, pops the value
    // stack down to the recorded depth, pushes the exception and jumps to target.
    SETUP_FINALLY,
    POP_BLOCK,  // pops the innermost block (leaving a try body normally)
    // exc -> prev_exc exc : makes exc the exception being handled (sys.exc_info()) and pushes an
    // except-handler block at the depth below prev_exc. When an exception leaves such a block,
    // the VM pops the stack to that depth + 1, pops prev_exc and restores it as the handled
    // exception — so a handler left by an exception restores the outer state by itself.
    // Arg (≤3.10) kPushExcInfoFinally or kPushExcInfoWith for a finally or with handler, which
    // keeps exc on the stack through its body: the block holds its type and traceback as
    // CPython's stack does (frame.h's Block); a finally handler in 2.7 leaves the handled
    // exception as it was (2.7 sets it for except and with only). 2.7 pushes None for prev_exc
    // (its frame sets the state aside).
    PUSH_EXC_INFO,
    POP_EXCEPT,        // prev_exc -> ; pops the except-handler block and restores prev_exc
    CHECK_EXC_MATCH,   // exc type -> exc bool   (type may be a tuple of types)
    RERAISE,           // exc -> (raises exc again, with its traceback unchanged)
    LOAD_ASSERTION_ERROR,  // -> AssertionError (the builtin type, whatever the name is bound to)
    LOAD_COMMON_CONSTANT,  // 3.14: -> the builtin arg names (kCommonNotImplementedError)
    RAISE_VARARGS,     // arg 0: re-raise the handled exception; 1: exc ->; 2: exc cause ->
    // mgr -> exit enter_result : looks up __enter__/__exit__ on type(mgr), calls __enter__.
    BEFORE_WITH,
    // Right after BEFORE_WITH: like SETUP_FINALLY, but the recorded depth leaves out the
    // __enter__ result on top (it is stored or popped next, inside the block), so the handler
    // sees `exit exc` — CPython 3.10's SETUP_WITH block, 3.11's SETUP_WITH pseudo-instruction.
    SETUP_WITH,
    WITH_EXIT,  // exit -> : leaving a with body normally: calls exit(None, None, None)
    // exit prev_exc exc -> exit prev_exc exc result : calls exit(type(exc), exc, tb)
    WITH_EXCEPT_START,
    // Model-only: raised when a construct the lab does not support is executed; co_consts[arg]
    // is the message (a NotImplementedError naming the construct).
    UNSUPPORTED,
};

constexpr int kPushExcInfoFinally = 1;
constexpr int kPushExcInfoWith = 2;
constexpr int kBinaryOpInplaceOffset = 13;
// BINARY_OP's arg for 2.7's true division under `from __future__ import division` (the model's
// BinaryOp::Div is classic there); +1 for its in-place form.
constexpr int kBinaryOpTrueDivide27 = 2 * kBinaryOpInplaceOffset;
// MAKE_FUNCTION's flag for a qualified name on the stack, above the code (besides CPython's 1, 2,
// 4 and 8 for the defaults, keyword defaults, annotations and closure).
constexpr int kMakeFunctionQualname = 16;
// 3.14: the function's __annotate__ function, where the annotations dict would be (CPython's 16).
constexpr int kMakeFunctionAnnotate = 32;
// CPython's SET_FUNCTION_ATTRIBUTE flags (3.13+: one instruction each).
constexpr int kMakeFunctionAttributes = 15 | kMakeFunctionAnnotate;
// The items MAKE_FUNCTION pops besides the code: one for each flag of `arg`.
constexpr int make_function_extra_items(int arg) {
    return __builtin_popcount(static_cast<unsigned>(arg) & (kMakeFunctionAttributes | kMakeFunctionQualname));
}
// LOAD_COMMON_CONSTANT's arg (CPython's CONSTANT_NOTIMPLEMENTEDERROR).
constexpr int kCommonNotImplementedError = 1;

// One instruction. `line` is the source line it came from (tracebacks, line stepping); with
// end_line, col and end_col it is the instruction's source range as co_positions() gives it
// (columns in UTF-8 bytes from 0, -1 where there is none), which 3.11+'s tracebacks underline.
struct Instr {
    Opcode op;
    int32_t arg;
    int32_t line;
    int32_t end_line = 0;
    int32_t col = -1;
    int32_t end_col = -1;
};

// co_flags bits (Include/cpython/code.h).
constexpr int CO_OPTIMIZED = 0x0001;
constexpr int CO_NEWLOCALS = 0x0002;
constexpr int CO_VARARGS = 0x0004;
constexpr int CO_VARKEYWORDS = 0x0008;
constexpr int CO_NESTED = 0x0010;
constexpr int CO_GENERATOR = 0x0020;
constexpr int CO_NOFREE = 0x0040;
constexpr int CO_HAS_DOCSTRING = 0x4000000;  // 3.14: co_consts[0] is the docstring

// The name of an opcode, for disassembly and traces.
const char* opcode_name(Opcode op);
// How many stack items the instruction takes off the stack (borrow_loads.cpp): the rest of
// stack_effect is what it pushes.
int stack_inputs(Opcode op, int arg);

}  // namespace pymemlab
