// The compiler's driver and shared machinery (Python/compile.c): the passes in CPython's order
// (the parser's literal objects, the AST optimizer, the symbol table, code generation), compiler
// units with their qualified names, constants and name tables, name resolution (compiler_nameop),
// frame blocks and how break/continue/return unwind them, and error reporting.
#include "interp/compiler.h"

#include <algorithm>
#include <utility>

#include "interp/code_object.h"
#include "interp/compiler_internal.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

bool is_jump(Opcode op) {
    switch (op) {
        case Opcode::JUMP:
        case Opcode::POP_JUMP_IF_FALSE:
        case Opcode::POP_JUMP_IF_TRUE:
        case Opcode::JUMP_IF_FALSE_OR_POP:
        case Opcode::JUMP_IF_TRUE_OR_POP:
        case Opcode::FOR_ITER:
        case Opcode::SETUP_FINALLY:
        case Opcode::SETUP_WITH: return true;
        default: return false;
    }
}

namespace {

// Whether statements and expressions nest deeper than `limit` anywhere in the tree (the
// outermost statement is level 1), found without recursion; *where is the first node past it.
// The passes after the parser (literals, the AST optimizer, the symbol table, code generation)
// each recurse once per level, so a tree this deep is refused before any of them runs: the
// native stack (small in WebAssembly) never sees more than `limit` levels. A chain the parser
// reads in a loop (`a+a+...`, `f()()...`, `x[0][0]...`, 2.7-3.8's elif) can be 100,000 deep.
bool nesting_exceeds(const std::vector<ast::Stmt*>& body, int limit, ast::Pos* where) {
    struct Item {
        const ast::Stmt* s;
        const ast::Expr* e;
        int depth;
    };
    std::vector<Item> todo;
    auto stmts = [&](const std::vector<ast::Stmt*>& ss, int depth) {
        for (const ast::Stmt* s : ss) todo.push_back({s, nullptr, depth});
    };
    auto expr = [&](const ast::Expr* e, int depth) {
        if (e != nullptr) todo.push_back({nullptr, e, depth});
    };
    auto exprs = [&](const std::vector<ast::Expr*>& es, int depth) {
        for (const ast::Expr* e : es) expr(e, depth);
    };
    auto arguments = [&](const ast::Arguments* a, int depth) {
        if (a == nullptr) return;
        for (const auto* ps : {&a->posonlyargs, &a->args, &a->kwonlyargs})
            for (const ast::Arg& p : *ps) expr(p.annotation, depth);
        for (const ast::Arg* p : {a->vararg, a->kwarg})
            if (p != nullptr) expr(p->annotation, depth);
        exprs(a->kw_defaults, depth);
        exprs(a->defaults, depth);
    };
    stmts(body, 1);
    while (!todo.empty()) {
        const Item item = todo.back();
        todo.pop_back();
        if (item.depth > limit) {
            *where = item.s != nullptr ? item.s->pos : item.e->pos;
            return true;
        }
        const int d = item.depth + 1;
        if (const ast::Stmt* s = item.s) {
            exprs(s->decorator_list, d);
            arguments(s->args, d);
            exprs(s->targets, d);
            for (const ast::Keyword& k : s->keywords) expr(k.value, d);
            expr(s->test, d);
            expr(s->value, d);
            for (const ast::WithItem& w : s->items) {
                expr(w.context_expr, d);
                expr(w.optional_vars, d);
            }
            stmts(s->body, d);
            for (const ast::ExceptHandler& h : s->handlers) {
                expr(h.type, d);
                stmts(h.body, d);
            }
            stmts(s->orelse, d);
            stmts(s->finalbody, d);
            continue;
        }
        const ast::Expr* e = item.e;
        expr(e->left, d);
        expr(e->right, d);
        expr(e->test, d);
        exprs(e->elts, d);
        exprs(e->keys, d);
        exprs(e->values, d);
        for (const ast::Keyword& k : e->keywords) expr(k.value, d);
        for (const ast::Comprehension& g : e->generators) {
            expr(g.target, d);
            expr(g.iter, d);
            exprs(g.ifs, d);
        }
        arguments(e->args, d);
    }
    return false;
}

}  // namespace

Compiler::Compiler(Runtime& rt, const CompileOptions& options, SyntaxErrorInfo* err)
    : rt_(rt), p_(*options.profile), options_(options), err_(err), pool_(rt), symtable_(*options.profile) {}

Compiler::~Compiler() {
    auto release = [&](Unit& u) {
        for (PyObject* o : u.consts) rt_.decref(o);
        u.consts.clear();
    };
    if (u_) release(*u_);
    for (auto& u : stack_) release(*u);
    rt_.xdecref(filename_);
}

// ==== errors ===================================================================================

void Compiler::error(const ast::Pos& pos, std::string msg) {
    if (failed_) return;
    failed_ = true;
    syntax_error_at(p_, err_, pos, std::move(msg));
}

void Compiler::memory_error() {
    if (!failed_ && err_ != nullptr) {
        err_->type = "MemoryError";
        err_->msg.clear();
        err_->line = 0;
    }
    failed_ = true;
    if (!err_occurred(rt_)) err_no_memory(rt_);
}

bool Compiler::enter_recursion(const ast::Pos& pos) {
    if (depth_ < kMaxCompileDepth) return true;
    enter_recursion_failed(pos);
    return false;
}

// CPython's compiler raises RecursionError (3.x); 2.7's has no guard and overflows the C stack,
// so the lab says what 2.7 says for a recursion too deep: RuntimeError.
void Compiler::enter_recursion_failed(const ast::Pos& pos) {
    if (!failed_ && err_ != nullptr) {
        err_->type = p_.major == 2 ? "RuntimeError" : "RecursionError";
        err_->msg = "maximum recursion depth exceeded during compilation";
        err_->line = pos.line;
    }
    failed_ = true;
}

// ==== the driver ===============================================================================

PyObject* Compiler::run(const std::vector<ast::Stmt*>& body, bool interactive) {
    interactive_ = interactive;
    ast::Pos deepest;
    if (nesting_exceeds(body, kMaxCompileDepth, &deepest)) {
        enter_recursion_failed(deepest);
        return nullptr;
    }
    // The parser's objects come first, then the AST optimizer (3.7+), then the symbol table.
    if (!pool_.make_literals(body, err_)) {
        failed_ = true;
        return nullptr;
    }
    if (at_least(3, 7)) pool_.fold_ast(body);
    bool future_annotations = false;
    for (const ast::Stmt* s : body) {
        if (s->kind != ast::StmtKind::ImportFrom || s->name != "__future__") continue;
        for (const ast::Alias& a : s->names) {
            if (a.name == "division") future_division_ = true;
            if (a.name == "absolute_import") future_absolute_import_ = true;
            if (a.name == "annotations") future_annotations = true;
        }
    }
    annotations_ = annotation_mode(p_, future_annotations);
    symtable_.set_annotation_mode(annotations_);
    if (!symtable_.build(body, err_, compiler_nesting_budget(rt_))) {
        failed_ = true;
        return nullptr;
    }
    filename_ = options_.filename_object != nullptr ? new_ref(rt_, options_.filename_object) : new_str(options_.filename);
    if (filename_ == nullptr) return nullptr;
    enter_scope(UnitKind::Module, "<module>", nullptr, 1);
    if (options_.eval_input) {  // the caller checked that body is one expression statement
        visit_expr(body[0]->value);
        emit(Opcode::RETURN_VALUE);
    } else {
        // 3.14: the module's __annotate__ is made first (codegen's ANNOTATIONS_PLACEHOLDER), then
        // the set of the annotations that ran; it is compiled after the body, then moved.
        const ast::Pos start = body.empty() ? ast::Pos{1, 0, 1, 0} : body[0]->pos;
        loc_ = start;
        conditional_annotations_set();
        if (interactive)
            visit_stmts(body);
        else
            visit_body(body, true);
        const size_t body_end = u_->instrs.size();
        make_deferred_annotate(module_annotation_key(), start);
        move_to_start(body_end);
        locate_implicit_return();
        load_none();
        emit(Opcode::RETURN_VALUE);
    }
    PyObject* code = exit_scope();
    if (failed_) {
        rt_.xdecref(code);
        return nullptr;
    }
    return code;
}

PyObject* Compiler::compile_module(const ast::Module& module) { return run(module.body, options_.interactive); }

PyObject* Compiler::compile_interactive(const std::vector<ast::Stmt*>& stmts) { return run(stmts, true); }

// ==== units ====================================================================================

void Compiler::enter_scope(UnitKind kind, std::string name, const void* key, int firstlineno) {
    auto u = std::make_unique<Unit>();
    u->kind = kind;
    u->name = std::move(name);
    u->ste = key == nullptr ? symtable_.top() : symtable_.lookup(key);
    u->firstlineno = firstlineno;
    for (const std::string& v : u->ste->varnames) u->varnames.add(v);
    std::vector<std::string> cells, frees;
    for (const auto& [n, sym] : u->ste->symbols) {
        if (sym.scope == Scope::Cell || (sym.flags & DEF_COMP_CELL)) cells.push_back(n);
        if (sym.scope == Scope::Free || (sym.flags & DEF_FREE_CLASS)) frees.push_back(n);
    }
    if (u->ste->needs_class_closure) cells.push_back("__class__");
    if (u->ste->needs_classdict) cells.push_back("__classdict__");
    if (u->ste->type == BlockType::Class && u->ste->has_conditional_annotations)
        cells.push_back("__conditional_annotations__");
    std::sort(cells.begin(), cells.end());
    std::sort(frees.begin(), frees.end());
    for (const std::string& c : cells) u->cellvars.add(c);
    for (const std::string& f : frees) u->freevars.add(f);
    if (u_) {
        u->private_name = u_->private_name;
        stack_.push_back(std::move(u_));
    }
    u_ = std::move(u);
    set_qualname();
}

// compiler_set_qualname: `f.<locals>.g` below a function, `C.m` below a class, the bare name
// at the top level or when the name is declared global in the enclosing scope.
void Compiler::set_qualname() {
    Unit& u = *u_;
    if (stack_.size() <= 1) {
        u.qualname = u.name;
        return;
    }
    const Unit& parent = *stack_.back();
    if (u.kind == UnitKind::Function || u.kind == UnitKind::Class) {
        if (parent.ste->scope_of(mangle(parent.private_name, u.name)) == Scope::GlobalExplicit) {
            u.qualname = u.name;
            return;
        }
    }
    std::string base = parent.qualname;
    if (parent.kind == UnitKind::Function || parent.kind == UnitKind::Lambda) base += ".<locals>";
    u.qualname = base + "." + u.name;
}

PyObject* Compiler::exit_scope() {
    PyObject* code = failed_ ? nullptr : assemble(*u_);
    last_freevars_ = u_->freevars.list;
    last_name_ = u_->name;
    last_qualname_ = u_->qualname;
    for (PyObject* o : u_->consts) rt_.decref(o);
    u_->consts.clear();
    if (stack_.empty()) {
        u_.reset();
    } else {
        u_ = std::move(stack_.back());
        stack_.pop_back();
    }
    return code;
}

// ==== emission =================================================================================

void Compiler::emit(Opcode op, int arg) { emit_flagged(op, arg, 0); }

void Compiler::emit_flagged(Opcode op, int arg, uint8_t flags) {
    if (failed_ || u_->no_emit > 0) return;
    // Up to 3.7 the line only grows within a statement (u_lineno): an operation spanning lines
    // is reported on the line of its last operand.
    const int line = !at_least(3, 8) && u_->lineno > 0 ? u_->lineno : loc_.line;
    u_->instrs.push_back(Instr{op, arg, line, loc_.end_line, loc_.col, loc_.end_col});
    u_->iflags.push_back(flags);
}

// Moves the instructions from `from` on to the start of the unit (they hold no label); the
// labels of those before them move along.
void Compiler::move_to_start(size_t from) {
    const size_t moved = u_->instrs.size() - from;
    if (moved == 0) return;
    std::rotate(u_->instrs.begin(), u_->instrs.begin() + static_cast<std::ptrdiff_t>(from), u_->instrs.end());
    std::rotate(u_->iflags.begin(), u_->iflags.begin() + static_cast<std::ptrdiff_t>(from), u_->iflags.end());
    for (int& at : u_->labels)
        if (at >= 0) at += static_cast<int>(moved);
    u_->block_start += static_cast<int>(moved);
}

void Compiler::locate_implicit_return() {
    if (!at_least(3, 11)) return;
    // 3.11 and 3.12 first drop a NOP (a `pass`) on the line of the instruction before it (the
    // scope's first line before the first), so the return takes that instruction's position.
    size_t n = u_->instrs.size();
    if (!at_least(3, 13)) {
        while (n > 0 && u_->instrs[n - 1].op == Opcode::NOP &&
               u_->instrs[n - 1].line == (n > 1 ? u_->instrs[n - 2].line : u_->firstlineno))
            --n;
    }
    if (n == 0) {
        loc_ = ast::Pos{u_->firstlineno, 0, u_->firstlineno, 0};
    } else {
        const Instr& last = u_->instrs[n - 1];
        loc_ = ast::Pos{last.line, last.col, last.end_line, last.end_col};
    }
}

int Compiler::new_label() {
    u_->labels.push_back(-1);
    return static_cast<int>(u_->labels.size()) - 1;
}

void Compiler::bind(int label) {
    u_->labels[static_cast<size_t>(label)] = static_cast<int>(u_->instrs.size());
    u_->block_start = static_cast<int>(u_->instrs.size());
}

bool Compiler::ends_with_return() const {
    return !u_->instrs.empty() && u_->instrs.back().op == Opcode::RETURN_VALUE &&
           u_->block_start < static_cast<int>(u_->instrs.size());
}

// compiler_add_const: one entry per constant key in each code object; from 3.8 every constant
// first goes through the compilation-wide cache, so equal constants are one object everywhere.
int Compiler::add_const(PyObject* o, bool folded) {
    if (u_->no_emit > 0) {
        rt_.decref(o);
        return -1;
    }
    if (at_least(3, 8)) {
        o = pool_.merge(o);
        if (o == nullptr) {
            memory_error();
            return -1;
        }
    }
    const int64_t order = (folded ? kFoldedConst : 0) + u_->const_seq++;
    std::string key = pool_.key(o);
    auto it = u_->const_index.find(key);
    if (it != u_->const_index.end()) {
        rt_.decref(o);
        int64_t& was = u_->const_order[static_cast<size_t>(it->second)];
        if (!folded && was >= kFoldedConst) was = order;  // codegen adds it after all
        return it->second;
    }
    const int i = static_cast<int>(u_->consts.size());
    u_->consts.push_back(o);
    u_->const_order.push_back(order);
    u_->const_index.emplace(std::move(key), i);
    return i;
}

int Compiler::add_folded_const(const ast::Expr* e, PyObject* value) {
    add_operand_consts(e);
    rt_.incref(value);
    return add_const(value, true);
}

void Compiler::load_folded_const(const ast::Expr* e, PyObject* value) {
    if (failed_ || u_->no_emit > 0) return;
    const int i = add_folded_const(e, value);
    if (i >= 0) emit(Opcode::LOAD_CONST, i);
}

// The constants 3.14's codegen loads for an expression its optimizer then folds: the literals in
// evaluation order (`__debug__` is True from the start).
void Compiler::add_operand_consts(const ast::Expr* e) {
    using K = ast::ExprKind;
    if (e == nullptr) return;
    switch (e->kind) {
        case K::Constant:
        case K::Name:
            if (PyObject* v = pool_.value_of(e)) {
                rt_.incref(v);
                add_const(v);
            }
            return;
        case K::BinOp:
        case K::Subscript:
            add_operand_consts(e->left);
            add_operand_consts(e->right);
            return;
        case K::UnaryOp: add_operand_consts(e->left); return;
        case K::Tuple:
        case K::List:
        case K::Set:
            for (const ast::Expr* x : e->elts) add_operand_consts(x);
            return;
        case K::Slice:
            add_operand_consts(e->left);
            add_operand_consts(e->right);
            add_operand_consts(e->test);
            return;
        default: return;
    }
}

void Compiler::load_const(PyObject* o) {
    if (failed_ || u_->no_emit > 0) return;
    rt_.incref(o);
    const int i = add_const(o);
    if (i >= 0) emit(Opcode::LOAD_CONST, i);
}

void Compiler::load_none() { load_const(rt_.builtins().singletons.none); }

void Compiler::load_int(int64_t value) {
    PyObject* o = long_from_int64(rt_, value);
    if (o == nullptr) return memory_error();
    load_const(o);
    rt_.decref(o);
}

void Compiler::note_none_const() {
    if (failed_ || u_->no_emit > 0) return;
    rt_.incref(rt_.builtins().singletons.none);
    add_const(rt_.builtins().singletons.none);
}

// 3.14: __exit__ is called with three Nones (LOAD_CONST None), which the lab's WITH_EXIT needs
// not; the constant still takes its place in co_consts (Unit::const_order).
void Compiler::note_exit_nones() {
    if (at_least(3, 14)) note_none_const();
}

int Compiler::add_name(const std::string& name) { return u_->names.add(name); }

void Compiler::emit_name(Opcode op, const std::string& name) {
    if (failed_ || u_->no_emit > 0) return;  // 3.8's dead code adds no attribute names
    emit(op, add_name(mangled(name)));
}

PyObject* Compiler::new_str(const std::string& text) {
    PyObject* s = str_from_utf8(rt_, text);
    if (s == nullptr) memory_error();
    return s;
}

PyObject* Compiler::str_tuple(const std::vector<std::string>& items) {
    PyObject* t = tuple_new(rt_, static_cast<int64_t>(items.size()));
    if (t == nullptr) {
        memory_error();
        return nullptr;
    }
    for (size_t i = 0; i < items.size(); ++i) {
        PyObject* s = new_str(items[i]);
        if (s == nullptr) {
            rt_.decref(t);
            return nullptr;
        }
        str_intern_code_name(rt_, &s);  // the parser's identifiers are interned
        tuple_items(t)[i] = s;
    }
    return t;
}

int Compiler::free_slot(const std::string& name) const {
    return static_cast<int>(u_->cellvars.list.size()) + u_->freevars.find(name);
}

Scope Compiler::scope_here(const std::string& mangled) const {
    auto inlined = u_->inlined_scopes.find(mangled);
    return inlined != u_->inlined_scopes.end() ? inlined->second : u_->ste->scope_of(mangled);
}

// compiler_nameop: fast locals in functions, cells and free variables by LOAD_DEREF (class
// bodies: LOAD_CLASSDEREF), globals by LOAD_GLOBAL, everything else by name. An annotation
// scope that sees a class looks in the class namespace first (its __classdict__ cell).
void Compiler::name_op(const std::string& name, ast::ExprContext ctx) {
    if (failed_) return;
    const std::string m = mangled(name);
    const bool override = u_->inlined_scopes.count(m) != 0;
    const Scope scope = scope_here(m);
    const bool function = u_->ste->type == BlockType::Function || override;
    enum class Kind { Fast, Global, Deref, Name } kind = Kind::Name;
    int deref_index = 0;
    switch (scope) {
        case Scope::Free:
            kind = Kind::Deref;
            deref_index = free_slot(m);
            break;
        case Scope::Cell:
            kind = Kind::Deref;
            deref_index = u_->cellvars.find(m);
            break;
        case Scope::Local:
            if (function) kind = Kind::Fast;
            break;
        case Scope::GlobalImplicit:
            if (function) kind = Kind::Global;
            break;
        case Scope::GlobalExplicit: kind = Kind::Global; break;
        default: break;
    }
    using C = ast::ExprContext;
    const bool class_first = ctx == C::Load && u_->ste->can_see_class_scope;
    if (class_first && (kind == Kind::Deref || (kind == Kind::Global && scope == Scope::GlobalImplicit))) {
        emit(Opcode::LOAD_DEREF, free_slot("__classdict__"));
        if (kind == Kind::Deref)
            emit(Opcode::LOAD_FROM_DICT_OR_DEREF, deref_index);
        else
            emit(Opcode::LOAD_FROM_DICT_OR_GLOBALS, add_name(m));
        return;
    }
    switch (kind) {
        case Kind::Deref:
            if (ctx == C::Del && is27()) {
                error(loc_, "can not delete variable '" + name + "' referenced in nested scope");
                return;
            }
            emit(ctx == C::Load
                     ? (u_->ste->type == BlockType::Class && !is27() && u_->in_inlined_comp == 0
                            ? Opcode::LOAD_CLASSDEREF
                            : Opcode::LOAD_DEREF)
                 : ctx == C::Store ? Opcode::STORE_DEREF
                                   : Opcode::DELETE_DEREF,
                 deref_index);
            return;
        case Kind::Fast:
            if (u_->no_emit > 0) return;  // 3.8's dead code adds names, but not fast locals
            emit(ctx == C::Load    ? Opcode::LOAD_FAST
                 : ctx == C::Store ? Opcode::STORE_FAST
                                   : Opcode::DELETE_FAST,
                 u_->varnames.add(m));
            return;
        case Kind::Global:
            emit(ctx == C::Load    ? Opcode::LOAD_GLOBAL
                 : ctx == C::Store ? Opcode::STORE_GLOBAL
                                   : Opcode::DELETE_GLOBAL,
                 add_name(m));
            return;
        case Kind::Name:
            emit(ctx == C::Load    ? Opcode::LOAD_NAME
                 : ctx == C::Store ? Opcode::STORE_NAME
                                   : Opcode::DELETE_NAME,
                 add_name(m));
            return;
    }
}

// ==== frame blocks =============================================================================

bool Compiler::push_fblock(FBlockKind kind, const ast::Pos& pos, int start, int exit,
                           const std::vector<ast::Stmt*>* finalbody, std::string name) {
    const size_t limit = at_least(3, 13) ? kMaxBlocks313 : kMaxBlocks;
    if (u_->fblocks.size() >= limit) {
        // Before 3.10 the error carries no location (PyErr_SetString).
        error(at_least(3, 10) ? pos : ast::Pos{}, "too many statically nested blocks");
        return false;
    }
    u_->fblocks.push_back(FBlock{kind, start, exit, finalbody, std::move(name)});
    return true;
}

// compiler_unwind_fblock: what leaving one block early takes. With preserve_tos a return
// value sits on top and is kept there (SWAP) while the block's own items are dropped.
void Compiler::unwind_fblock(const FBlock& b, bool preserve_tos) {
    switch (b.kind) {
        case FBlockKind::WhileLoop:
        case FBlockKind::ExceptionHandler:
        case FBlockKind::FinallyNormal: return;
        case FBlockKind::ForLoop:
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);  // the iterator
            return;
        case FBlockKind::TryExcept: emit(Opcode::POP_BLOCK); return;
        case FBlockKind::FinallyTry:
            emit(Opcode::POP_BLOCK);
            if (preserve_tos && !push_fblock(FBlockKind::PopValue, loc_)) return;
            visit_stmts(*b.finalbody);
            if (preserve_tos) pop_fblock();
            return;
        case FBlockKind::FinallyEnd:
            // stack: prev exc [value]
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_EXCEPT);
            return;
        case FBlockKind::With:
            emit(Opcode::POP_BLOCK);
            if (preserve_tos) emit(Opcode::SWAP, 2);
            note_exit_nones();
            emit(Opcode::WITH_EXIT);
            return;
        case FBlockKind::HandlerCleanup: {
            const bool named = !b.name.empty();
            if (named) emit(Opcode::POP_BLOCK);
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_EXCEPT);
            if (named && !is27()) {
                load_none();
                name_op(b.name, ast::ExprContext::Store);
                name_op(b.name, ast::ExprContext::Del);
            }
            return;
        }
        case FBlockKind::PopValue:
            if (preserve_tos) emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);
            return;
    }
}

// compiler_unwind_fblock_stack: unwinds every block up to the innermost loop (when `loop` is
// given, which receives it) or all of them (return). The blocks are put back afterwards: the
// statement only leaves them at run time.
bool Compiler::unwind_fblock_stack(bool preserve_tos, FBlock* loop) {
    if (u_->fblocks.empty() || failed_) return false;
    FBlock top = u_->fblocks.back();
    if (loop != nullptr && (top.kind == FBlockKind::WhileLoop || top.kind == FBlockKind::ForLoop)) {
        *loop = top;
        return true;
    }
    u_->fblocks.pop_back();
    unwind_fblock(top, preserve_tos);
    const bool found = unwind_fblock_stack(preserve_tos, loop);
    u_->fblocks.push_back(std::move(top));
    return found;
}

// ==== entry points =============================================================================

namespace {

void fill_text(const CompileOptions& options, SyntaxErrorInfo* err) {
    if (err == nullptr || options.source.empty() || err->line <= 0 || err->type == "MemoryError") return;
    size_t start = 0;
    for (int line = 1; line < err->line; ++line) {
        start = options.source.find('\n', start);
        if (start == std::string_view::npos) return;
        ++start;
    }
    size_t end = options.source.find('\n', start);
    err->text = std::string(options.source.substr(start, end == std::string_view::npos ? end : end - start));
}

}  // namespace

PyObject* compile_module(Runtime& rt, const ast::Module& module, const CompileOptions& options, SyntaxErrorInfo* err) {
    Compiler c(rt, options, err);
    PyObject* code = c.compile_module(module);
    if (code == nullptr) fill_text(options, err);
    else if (options.arena != nullptr) c.pool_.hand_over_arena(options.arena);
    return code;
}

PyObject* compile_interactive(Runtime& rt, const std::vector<ast::Stmt*>& stmts, const CompileOptions& options,
                              SyntaxErrorInfo* err) {
    Compiler c(rt, options, err);
    PyObject* code = c.compile_interactive(stmts);
    if (code == nullptr) fill_text(options, err);
    else if (options.arena != nullptr) c.pool_.hand_over_arena(options.arena);
    return code;
}

void release_arena(Runtime& rt, std::vector<PyObject*>* arena) {
    for (size_t i = arena->size(); i-- > 0;) rt.decref((*arena)[i]);
    arena->clear();
}

}  // namespace pymemlab
