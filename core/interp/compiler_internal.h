// The Compiler behind compiler.h, shared by its phase files: compiler.cpp (units, names,
// constants, emission, errors), compile_stmt.cpp (simple statements, def, class, import),
// compile_flow.cpp (if/while/for/try/with, break/continue/return through blocks),
// compile_expr.cpp and compile_call.cpp (expressions, calls, comprehensions) and assemble.cpp
// (peephole passes, stack depth, the code object). CPython's names throughout: units, fblocks.
#pragma once

#include <memory>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "interp/ast.h"
#include "interp/compiler.h"
#include "interp/const_pool.h"
#include "interp/opcode.h"
#include "interp/symtable.h"

namespace pymemlab {

struct CodeBody;

// CO_MAXBLOCKS: how deeply loops, try, with and handlers may nest in one code object; the
// next one is "too many statically nested blocks". 3.13 allows one more.
constexpr int kMaxBlocks = 20;
constexpr int kMaxBlocks313 = 21;
// STACK_USE_GUIDELINE (3.10+): displays and calls with more items than this are built
// incrementally (and calls go through CALL_FUNCTION_EX) so the stack stays small.
constexpr int kStackUseGuideline = 30;
// The compiler's own recursion guard (statements and expressions nested this deep).
constexpr int kMaxCompileDepth = 1000;

// compiler_scope: what kind of code object a unit becomes.
enum class UnitKind : uint8_t { Module, Class, Function, Lambda, Comprehension };

// fblocktype: the frame blocks the compiler tracks to unwind break, continue and return.
enum class FBlockKind : uint8_t {
    WhileLoop,
    ForLoop,           // the iterator is on the stack
    TryExcept,         // a SETUP_FINALLY block to pop
    FinallyTry,        // a finally body to run on the way out
    FinallyEnd,        // in the exceptional copy of a finally body: prev exc on the stack
    FinallyNormal,     // up to 3.7, the normal-path finally body also forbids `continue`
    With,              // an exit function on the stack, a SETUP_WITH block to pop
    HandlerCleanup,    // in an except body: prev on the stack (and a cleanup block if named)
    PopValue,          // a return value parked under a finally body
    ExceptionHandler,  // between PUSH_EXC_INFO and the handler body
};

struct FBlock {
    FBlockKind kind = FBlockKind::WhileLoop;
    int start = -1;  // loops: the label `continue` jumps to
    int exit = -1;   // loops: the label `break` jumps to
    const std::vector<ast::Stmt*>* finalbody = nullptr;
    std::string name;  // HandlerCleanup: the `as` name ("" without one)
};

// 3.14: Unit::const_order of a constant the CFG optimizer makes: after every codegen one.
constexpr int64_t kFoldedConst = int64_t{1} << 40;

// An ordered name table (co_names, co_varnames, ...): index of each name.
struct NameTable {
    std::vector<std::string> list;
    std::unordered_map<std::string, int> index;
    int add(const std::string& name) {
        auto it = index.find(name);
        if (it != index.end()) return it->second;
        int i = static_cast<int>(list.size());
        list.push_back(name);
        index.emplace(name, i);
        return i;
    }
    int find(const std::string& name) const {
        auto it = index.find(name);
        return it == index.end() ? -1 : it->second;
    }
};

// Per-instruction flags the assembler reads.
constexpr uint8_t kInstrNoFold = 1;    // 2.7: a defaults tuple the real bytecode never builds
constexpr uint8_t kInstrNoneName = 2;  // 2.7: LOAD_CONST None the peephole made of a name

// compiler_unit: one code object being built.
struct Unit {
    UnitKind kind = UnitKind::Module;
    SymtableEntry* ste = nullptr;
    std::string name;               // co_name
    std::string qualname;           // co_qualname
    std::string private_name;       // u_private: the class name for mangling
    std::vector<PyObject*> consts;  // owned
    std::unordered_map<std::string, int> const_index;
    // 3.14: where each constant stands in co_consts before the unused ones go: CPython's codegen
    // adds constants in its order, and its CFG optimizer, which folds what the lab's AST
    // optimizer folds, appends each result after them (kFoldedConst + the order of folding).
    std::vector<int64_t> const_order;
    int64_t const_seq = 0;
    NameTable names, varnames, cellvars, freevars;
    std::vector<Instr> instrs;  // jump arguments are label ids until assembly
    std::vector<uint8_t> iflags;
    std::vector<int> labels;  // label id -> instruction index (-1: not bound yet)
    int block_start = 0;      // first instruction of the current basic block
    int argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
    bool varargs = false, varkeywords = false;
    int firstlineno = 1;
    // ≤3.7's u_lineno: set by each statement, raised (never lowered) by each expression within
    // it; every instruction takes it. 0 until the first statement.
    int lineno = 0;
    std::vector<FBlock> fblocks;
    int no_emit = 0;                          // 3.8: compiling dead code (names only)
    std::set<std::string> static_attributes;  // 3.13: self.x stores in a class's methods
    // 3.12+: the scope an inlined comprehension being compiled gives its names where it differs
    // from this unit's (CPython's u_fasthidden and temp_symbols): its own names are fast locals
    // here while it runs (a module's or class's "fast hidden" names), and in a class body the
    // names it reads are resolved as in a function (the class's names are not visible).
    std::map<std::string, Scope> inlined_scopes;
    int in_inlined_comp = 0;  // 3.12+: compiling an inlined comprehension (u_in_inlined_comp)
    bool has_docstring = false;  // 3.14: CO_HAS_DOCSTRING
    // 3.14, a module or class body: its annotated assignments (of a simple name), in order, each
    // with its index in __conditional_annotations__ (-1: unconditional), for its __annotate__.
    std::vector<std::pair<const ast::Stmt*, int>> deferred_annotations;
    int next_conditional_annotation = 0;
    int in_conditional_block = 0;  // compiling a loop's, if's, with's or try's body
};

bool is_jump(Opcode op);

class Compiler {
public:
    Compiler(Runtime& rt, const CompileOptions& options, SyntaxErrorInfo* err);
    ~Compiler();
    Compiler(const Compiler&) = delete;
    Compiler& operator=(const Compiler&) = delete;

    PyObject* compile_module(const ast::Module& module);
    PyObject* compile_interactive(const std::vector<ast::Stmt*>& stmts);

    // ---- shared state and helpers (compiler.cpp) -------------------------------------------
    Runtime& rt_;
    const Profile& p_;
    CompileOptions options_;
    SyntaxErrorInfo* err_;
    bool failed_ = false;
    ConstantPool pool_;
    Symtable symtable_;
    std::vector<std::unique_ptr<Unit>> stack_;  // enclosing units
    std::unique_ptr<Unit> u_;                   // the unit being compiled
    PyObject* filename_ = nullptr;              // one str shared by every code object
    ast::Pos loc_;                              // what instructions and errors are attributed to
    ast::Pos last_stmt_pos_;
    int depth_ = 0;
    bool interactive_ = false;
    std::vector<std::string> last_freevars_;  // co_freevars of the unit exit_scope just closed
    std::string last_name_, last_qualname_;   // its co_name, and its qualified name
    bool future_division_ = false;            // 2.7: from __future__ import division
    AnnotationMode annotations_;              // 3.14's lazy ones; 3.7+'s `from __future__ import annotations`
    bool future_absolute_import_ = false;     // 2.7: from __future__ import absolute_import

    bool at_least(int major, int minor) const { return p_.at_least(major, minor); }
    bool is27() const { return p_.major == 2; }
    void error(const ast::Pos& pos, std::string msg);
    void memory_error();
    bool enter_recursion(const ast::Pos& pos);
    void enter_recursion_failed(const ast::Pos& pos);
    PyObject* run(const std::vector<ast::Stmt*>& body, bool interactive);

    void enter_scope(UnitKind kind, std::string name, const void* key, int firstlineno);
    PyObject* exit_scope();  // assembles the unit: a new reference to its code object
    void set_qualname();

    void emit(Opcode op, int arg = 0);
    void emit_flagged(Opcode op, int arg, uint8_t flags);
    // From 3.11 the return a function or module ends with when it has none of its own has no
    // position: it takes the last instruction's (the scope's first line, column 0, when there is none).
    void locate_implicit_return();
    int new_label();
    void bind(int label);
    bool ends_with_return() const;
    // Steals o. `folded`: 3.14's optimizer makes it (Unit::const_order), not codegen.
    int add_const(PyObject* o, bool folded = false);
    // 3.14: a folded expression's constant (borrowed), after the constants codegen adds for its
    // operands; its index.
    int add_folded_const(const ast::Expr* e, PyObject* value);
    void load_folded_const(const ast::Expr* e, PyObject* value);
    void add_operand_consts(const ast::Expr* e);
    void load_const(PyObject* o);  // borrowed
    void load_none();
    void load_int(int64_t value);
    void move_to_start(size_t from);
    void note_none_const();  // None in co_consts where CPython loads it and the lab does not
    void note_exit_nones();
    int add_name(const std::string& name);  // co_names
    std::string mangled(const std::string& name) const { return mangle(u_->private_name, name); }
    void name_op(const std::string& name, ast::ExprContext ctx);
    void emit_name(Opcode op, const std::string& name);  // mangled into co_names
    // A name's scope in the code being compiled: an inlined comprehension's (Unit::inlined_scopes)
    // while one is compiled, else the symbol table's.
    Scope scope_here(const std::string& mangled) const;
    // A free variable's LOAD_DEREF index: after the cells.
    int free_slot(const std::string& name) const;
    PyObject* new_str(const std::string& text);          // nullptr after reporting MemoryError
    PyObject* str_tuple(const std::vector<std::string>& items);

    bool push_fblock(FBlockKind kind, const ast::Pos& pos, int start = -1, int exit = -1,
                     const std::vector<ast::Stmt*>* finalbody = nullptr, std::string name = {});
    void pop_fblock() { u_->fblocks.pop_back(); }
    void unwind_fblock(const FBlock& b, bool preserve_tos);
    bool unwind_fblock_stack(bool preserve_tos, FBlock* loop);

    // ---- statements (compile_stmt.cpp) ------------------------------------------------------
    void visit_body(const std::vector<ast::Stmt*>& body, bool module_or_class);
    void visit_stmts(const std::vector<ast::Stmt*>& body);
    void visit_stmt(const ast::Stmt* s);
    void function_def(const ast::Stmt* s);
    void class_def(const ast::Stmt* s);
    void class_body(const ast::Stmt* s);
    void assign(const ast::Stmt* s);
    void aug_assign(const ast::Stmt* s);
    void ann_assign(const ast::Stmt* s);
    void import(const ast::Stmt* s);
    void import_from(const ast::Stmt* s);
    void assert_stmt(const ast::Stmt* s);
    void return_stmt(const ast::Stmt* s);
    void expr_stmt(const ast::Stmt* s);
    void print27(const ast::Stmt* s);
    void unsupported(const std::string& message);
    int make_defaults(const ast::Arguments* a);
    bool make_annotations(const ast::Arguments* a, const ast::Expr* returns);
    int make_annotate(const ast::Stmt* def);
    void annotation_value(const ast::Expr* annotation);
    void annotate_format_check(const void* key, const ast::Pos& pos);
    void make_annotate_closure(const ast::Pos& pos);
    void make_deferred_annotate(const void* key, const ast::Pos& pos);
    void defer_annotation(const ast::Stmt* s);
    void conditional_annotations_set();
    // qualname_const: what CPython up to 3.10 adds beside the code (a class's plain name).
    void make_closure(PyObject* code, int flags, const std::string* qualname_const = nullptr);
    void apply_decorators(const std::vector<ast::Expr*>& decorators);
    const ast::Constant* docstring(const std::vector<ast::Stmt*>& body) const;

    // ---- control flow (compile_flow.cpp) ------------------------------------------------------
    int expr_constant(const ast::Expr* e);
    void if_stmt(const ast::Stmt* s);
    void while_stmt(const ast::Stmt* s);
    void for_stmt(const ast::Stmt* s);
    void try_stmt(const ast::Stmt* s);
    void try_except(const ast::Stmt* s);
    void push_exc_info_kept(int kind);
    void try_finally(const ast::Stmt* s);
    void with_stmt(const ast::Stmt* s, size_t item);
    void break_stmt(const ast::Stmt* s);
    void continue_stmt(const ast::Stmt* s);
    void jump_if(const ast::Expr* e, int label, bool cond);

    // ---- expressions (compile_expr.cpp, compile_call.cpp) ------------------------------------
    void visit_expr(const ast::Expr* e);
    void visit_exprs(const std::vector<ast::Expr*>& es);
    void visit_expr_inner(const ast::Expr* e);
    void store_target(const ast::Expr* e);  // compiles e with ctx Store (value on the stack)
    void unpack_helper(const std::vector<ast::Expr*>& elts, const ast::Pos& pos);
    void compare(const ast::Expr* e);
    // ---- SyntaxWarnings (compile_warnings.cpp) ------------------------------------------------
    void warn(const ast::Expr* e, const std::string& message);
    bool is_literal_operand(const ast::Expr* e) const;
    // `inverted`: the Compare of a `not (a is b)` the optimizer made `a is not b`.
    void check_compare(const ast::Expr* e, bool inverted = false);
    void check_caller(const ast::Expr* func);
    void check_subscripter(const ast::Expr* value);
    void compare_op(ast::CmpOp op);
    void bool_op(const ast::Expr* e);
    void if_exp(const ast::Expr* e);
    void dict(const ast::Expr* e);
    void subdict(const ast::Expr* e, size_t begin, size_t end);
    void starunpack(const std::vector<ast::Expr*>& elts, int pushed, Opcode build, Opcode add, Opcode extend,
                    bool tuple, const ast::Expr* container);
    void slice(const ast::Expr* e);
    void subscript(const ast::Expr* e);
    void attribute(const ast::Expr* e);
    // update_start_location_to_match_attr: an attribute's instruction, when the attribute ends on
    // a later line than `loc` starts, is placed at the name after the dot (3.10: its line only).
    ast::Pos attr_loc(ast::Pos loc, const ast::Expr* attr) const;
    void joined_str(const ast::Expr* e);
    void formatted_value(const ast::Expr* e);
    void lambda(const ast::Expr* e);
    void named_expr(const ast::Expr* e);
    void yield_expr(const ast::Expr* e);
    void call(const ast::Expr* e);
    bool method_call(const ast::Expr* e);
    // 3.12+ (can_optimize_super_call, load_args_for_super): `super().name` or `super(C, x).name`,
    // with `super` the builtin as far as the compiler can see, loads super, the class and the
    // object and then the attribute with LOAD_SUPER_ATTR. False when attr is not such an access.
    bool super_attr(const ast::Expr* attr, bool method);
    void call_helper(int pushed, const std::vector<ast::Expr*>& args, const std::vector<ast::Keyword>& keywords,
                     const ast::Pos& pos);
    bool load_name_const(const std::string& name);
    bool validate_keywords(const std::vector<ast::Keyword>& keywords);
    void subkwargs(const std::vector<ast::Keyword>& keywords, size_t begin, size_t end);
    void comprehension(const ast::Expr* e);
    void inlined_comprehension(const ast::Expr* e, const SymtableEntry* ste, Opcode build);
    // `inlined`: the outermost iterator is on the stack already (not the parameter `.0`).
    void comprehension_generator(const ast::Expr* e, size_t gen_index, int depth, bool inlined = false);
    void comprehension_element(const ast::Expr* e, int depth);
    void listcomp27(const ast::Expr* e, size_t gen_index);

    // ---- assembly (assemble.cpp) -------------------------------------------------------------
    void order_cells(Unit& u, std::vector<Instr>& instrs);
    void order_consts_314(Unit& u, std::vector<Instr>& instrs);
    PyObject* assemble(Unit& u);
    void peephole(Unit& u, std::vector<uint8_t>& live, const std::vector<int>& targets_upto);
    int append_const(Unit& u, PyObject* o);  // steals o; the peephole's constants
    void remove_unreachable(Unit& u, std::vector<uint8_t>& live);
    void remove_unused_consts(Unit& u, std::vector<Instr>& instrs);
    PyObject* make_code(Unit& u, std::vector<Instr> instrs);
};

int stack_effect(Opcode op, int arg, bool jump);
// How CPython's stack for the profile differs from the lab's (assemble.cpp's compute_stacksize).
struct StackModel {
    bool null_is_free = false;  // ≤3.10: PUSH_NULL's NULL is no stack item in CPython
    // 3.x up to 3.10: a handler's exception is 3 items (type, value, traceback) with 3 more
    // under it for the state it saved, until PUSH_EXC_INFO splits them (1: the lab's own count).
    // 3.6's stackdepth() counts more (tests/cpydiff/stack_depth_before_38.md).
    int exc_items = 1;
    int with_exit_items = 1;  // ≤3.8: WITH_CLEANUP_START pushes 2 where WITH_EXCEPT_START pushes 1
    bool begin_finally = false;  // 3.8: leaving a with statement pushes BEGIN_FINALLY's six
    // 3.14: LOAD_SPECIAL pushes a method and its self, so a with statement keeps __exit__ as two
    // items, and getting __enter__ holds four at once (exit, self, enter, self).
    bool special_method_pairs = false;
    bool entry_cleanup = false;  // 3.11+: a handler's cleanup block (PUSH_EXC_INFO's)
    bool null_before_callable = false;  // 3.11, 3.12: a call's NULL lies under its callable
    bool return_const = false;  // 3.12: LOAD_CONST and RETURN_VALUE are RETURN_CONST, which pushes nothing
    // A keyword call's names tuple is a stack item at KW_NAMES (3.6-3.10 and 3.13+; 3.11 and
    // 3.12 keep it aside, and 2.7 pushes each name, as the lab's CALL_KW_PAIRS does).
    bool kw_names_slot = false;
    // Items a `yield from` adds above its iterator and sent value (3.12+'s handler around SEND
    // pushes the thrown exception there).
    int yield_from_extra = 0;
};
int compute_stacksize(const std::vector<Instr>& instrs, const StackModel& model = {});
// 3.14's optimize_load_fast (borrow_loads.cpp): turns the LOAD_FASTs whose item is consumed in
// its basic block before the local can change, and is not stored as a local, into
// LOAD_FAST_BORROW. Jump arguments are instruction indexes.
void optimize_load_fast(std::vector<Instr>& instrs, int nparams, int nlocals);

}  // namespace pymemlab
