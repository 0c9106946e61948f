// Code generation for simple statements, def and class (compiler_function, compiler_class,
// compiler_make_closure), imports, assert, return and the module/class body prologue
// (compiler_body: SETUP_ANNOTATIONS, the docstring). Loops, try and with are compile_flow.cpp.
#include <algorithm>

#include "interp/ast_unparse.h"
#include "interp/code_object.h"
#include "interp/compiler_internal.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// find_ann: does a body (not counting nested defs and classes) hold an annotated assignment?
bool find_ann(const std::vector<ast::Stmt*>& body) {
    for (const ast::Stmt* s : body) {
        switch (s->kind) {
            case ast::StmtKind::AnnAssign: return true;
            case ast::StmtKind::For:
            case ast::StmtKind::While:
            case ast::StmtKind::If:
                if (find_ann(s->body) || find_ann(s->orelse)) return true;
                break;
            case ast::StmtKind::With:
                if (find_ann(s->body)) return true;
                break;
            case ast::StmtKind::Try:
                for (const ast::ExceptHandler& h : s->handlers)
                    if (find_ann(h.body)) return true;
                if (find_ann(s->body) || find_ann(s->finalbody) || find_ann(s->orelse)) return true;
                break;
            default: break;
        }
    }
    return false;
}

}  // namespace

// _PyAST_GetDocString: a first statement that is a string literal (in the source, not one the
// optimizer folded: astfold_body keeps those from becoming docstrings).
const ast::Constant* Compiler::docstring(const std::vector<ast::Stmt*>& body) const {
    if (body.empty() || body[0]->kind != ast::StmtKind::Expr) return nullptr;
    const ast::Expr* e = body[0]->value;
    if (e->kind != ast::ExprKind::Constant) return nullptr;
    // 3.x: a str; 2.7: a str (Bytes in the AST) or a unicode literal.
    if (e->constant.kind != ast::ConstKind::Str && !(is27() && e->constant.kind == ast::ConstKind::Bytes))
        return nullptr;
    return &e->constant;
}

void Compiler::visit_body(const std::vector<ast::Stmt*>& body, bool module_or_class) {
    if (!body.empty()) loc_ = body[0]->pos;
    if (!is27() && !annotations_.lazy_bodies() && module_or_class && find_ann(body)) emit(Opcode::SETUP_ANNOTATIONS);
    size_t i = 0;
    if (docstring(body) != nullptr) {
        loc_ = body[0]->pos;
        visit_expr(body[0]->value);
        name_op("__doc__", ast::ExprContext::Store);
        i = 1;
    }
    for (; i < body.size() && !failed_; ++i) visit_stmt(body[i]);
}

void Compiler::visit_stmts(const std::vector<ast::Stmt*>& body) {
    for (const ast::Stmt* s : body) {
        if (failed_) return;
        visit_stmt(s);
    }
}

void Compiler::unsupported(const std::string& message) {
    PyObject* msg = new_str(message);
    if (msg == nullptr) return;
    const int i = add_const(msg);
    if (i >= 0) emit(Opcode::UNSUPPORTED, i);
}

void Compiler::visit_stmt(const ast::Stmt* s) {
    if (failed_ || !enter_recursion(s->pos)) return;
    ++depth_;
    loc_ = s->pos;
    last_stmt_pos_ = s->pos;
    u_->lineno = s->pos.line;
    using K = ast::StmtKind;
    switch (s->kind) {
        case K::FunctionDef: function_def(s); break;
        case K::ClassDef: class_def(s); break;
        case K::Return: return_stmt(s); break;
        case K::Delete: visit_exprs(s->targets); break;
        case K::Assign: assign(s); break;
        case K::AugAssign: aug_assign(s); break;
        case K::AnnAssign: ann_assign(s); break;
        case K::For:
        case K::While:
        case K::If:
        case K::With:
        case K::Try: {
            // codegen's conditional blocks: an annotation in one may not run (3.14).
            ++u_->in_conditional_block;
            if (s->kind == K::For) for_stmt(s);
            else if (s->kind == K::While) while_stmt(s);
            else if (s->kind == K::If) if_stmt(s);
            else if (s->kind == K::With) with_stmt(s, 0);
            else try_stmt(s);
            --u_->in_conditional_block;
            break;
        }
        case K::Raise: {
            int n = 0;
            if (s->value != nullptr) {
                visit_expr(s->value);
                ++n;
                if (s->test != nullptr) {
                    visit_expr(s->test);
                    ++n;
                }
                if (!s->targets.empty()) {
                    visit_expr(s->targets[0]);
                    ++n;
                }
            }
            loc_ = s->pos;
            emit(Opcode::RAISE_VARARGS, n);
            break;
        }
        case K::Assert: assert_stmt(s); break;
        case K::Import: import(s); break;
        case K::ImportFrom: import_from(s); break;
        case K::Global:
        case K::Nonlocal: break;
        case K::Expr: expr_stmt(s); break;
        case K::Pass:
            if (at_least(3, 10)) emit(Opcode::NOP);  // a line event for `pass`
            break;
        case K::Break: break_stmt(s); break;
        case K::Continue: continue_stmt(s); break;
        case K::Print27: print27(s); break;
    }
    --depth_;
}

// ==== expression statements, assignments ======================================================

void Compiler::expr_stmt(const ast::Stmt* s) {
    const ast::Expr* v = s->value;
    if (interactive_ && stack_.empty()) {
        visit_expr(v);
        loc_ = s->pos;
        emit(Opcode::PRINT_EXPR);
        return;
    }
    // A constant statement (a string in the middle of a body, `...`) compiles to nothing: in
    // 3.8+ anything the optimizer folded; before, literals only (2.7: numbers and strings).
    bool constant = false;
    if (at_least(3, 14) && v->kind != ast::ExprKind::Constant) {
        // 3.14 compiles it, then its optimizer folds it and drops the unused value: only the
        // constants codegen loaded for it remain (the first one as co_consts[0]).
        if (PyObject* folded = pool_.value_of(v)) {
            add_folded_const(v, folded);
            emit(Opcode::NOP);
            return;
        }
    } else if (at_least(3, 8)) {
        constant = pool_.value_of(v) != nullptr;
    } else if (v->kind == ast::ExprKind::Constant) {
        const ast::ConstKind k = v->constant.kind;
        constant = !is27() || (k != ast::ConstKind::None && k != ast::ConstKind::True && k != ast::ConstKind::False &&
                               k != ast::ConstKind::Ellipsis);
    }
    if (constant) {
        if (at_least(3, 10)) emit(Opcode::NOP);
        return;
    }
    visit_expr(v);
    loc_ = s->pos;
    emit(Opcode::POP_TOP);
}

void Compiler::assign(const ast::Stmt* s) {
    visit_expr(s->value);
    for (size_t i = 0; i < s->targets.size(); ++i) {
        if (i + 1 < s->targets.size()) emit(Opcode::COPY, 1);
        visit_expr(s->targets[i]);
    }
}

void Compiler::aug_assign(const ast::Stmt* s) {
    const ast::Expr* t = s->targets[0];
    const ast::Pos saved = loc_;
    switch (t->kind) {
        case ast::ExprKind::Attribute:
            visit_expr(t->left);
            loc_ = attr_loc(t->pos, t);
            emit(Opcode::COPY, 1);
            emit_name(Opcode::LOAD_ATTR, t->id);
            break;
        case ast::ExprKind::Subscript:
            visit_expr(t->left);
            if (t->right->kind == ast::ExprKind::Slice)
                slice(t->right);
            else
                visit_expr(t->right);
            loc_ = t->pos;
            emit(Opcode::COPY, 2);
            emit(Opcode::COPY, 2);
            emit(Opcode::BINARY_SUBSCR);
            break;
        case ast::ExprKind::Name: name_op(t->id, ast::ExprContext::Load); break;
        default: error(t->pos, "illegal expression for augmented assignment"); return;
    }
    visit_expr(s->value);
    loc_ = saved;
    emit(Opcode::BINARY_OP, is27() && future_division_ && s->op == ast::Operator::Div
                                ? kBinaryOpTrueDivide27 + 1
                                : static_cast<int>(s->op) + kBinaryOpInplaceOffset);
    loc_ = t->kind == ast::ExprKind::Attribute ? attr_loc(t->pos, t) : t->pos;
    switch (t->kind) {
        case ast::ExprKind::Attribute:
            emit(Opcode::SWAP, 2);
            emit_name(Opcode::STORE_ATTR, t->id);
            break;
        case ast::ExprKind::Subscript:
            emit(Opcode::SWAP, 3);
            emit(Opcode::SWAP, 2);
            emit(Opcode::STORE_SUBSCR);
            break;
        default: name_op(t->id, ast::ExprContext::Store); break;
    }
}

// compiler_annassign: the value is assigned first; in a module or class a simple name's
// annotation then goes into __annotations__, other targets only have their parts evaluated.
void Compiler::ann_assign(const ast::Stmt* s) {
    const ast::Expr* t = s->targets[0];
    if (s->value != nullptr) {
        visit_expr(s->value);
        visit_expr(t);
    }
    const bool module_or_class = u_->kind == UnitKind::Module || u_->kind == UnitKind::Class;
    auto evaluate_and_pop = [&](const ast::Expr* e) {
        visit_expr(e);
        emit(Opcode::POP_TOP);
    };
    const bool lazy = annotations_.lazy_bodies();
    switch (t->kind) {
        case ast::ExprKind::Name:
            if (s->simple && module_or_class && lazy) {
                defer_annotation(s);
            } else if (s->simple && module_or_class) {
                annotation_value(s->test);
                loc_ = s->pos;
                emit(Opcode::LOAD_NAME, add_name("__annotations__"));
                if (!load_name_const(mangled(t->id))) return;
                emit(Opcode::STORE_SUBSCR);
            }
            break;
        case ast::ExprKind::Attribute:
            if (s->value == nullptr) evaluate_and_pop(t->left);
            break;
        case ast::ExprKind::Subscript:
            if (s->value == nullptr) {
                evaluate_and_pop(t->left);
                if (t->right->kind == ast::ExprKind::Slice) {
                    for (const ast::Expr* part : {t->right->left, t->right->right, t->right->test})
                        if (part != nullptr) evaluate_and_pop(part);
                } else {
                    evaluate_and_pop(t->right);
                }
            }
            break;
        default: break;
    }
    // Up to 3.13 a module or class evaluates the annotation of any other target (not a string's).
    if (!s->simple && module_or_class && !lazy && !annotations_.strings) evaluate_and_pop(s->test);
}

// An annotation's value, evaluated; under `from __future__ import annotations` (PEP 563) the
// string of its source, a constant (ast_unparse.h; 3.7-3.9 write what their optimizer folded).
void Compiler::annotation_value(const ast::Expr* annotation) {
    if (!annotations_.strings) return visit_expr(annotation);
    std::string text;
    if (!unparse_expr(rt_, pool_, annotation, !at_least(3, 10), &text)) {
        if (err_occurred(rt_)) {
            err_clear(rt_);  // a repr that failed: only MemoryError can
            return memory_error();
        }
        error(annotation->pos, "PyMemLab does not support this annotation under 'from __future__ import annotations'");
        return;
    }
    PyObject* str = new_str(text);
    if (str == nullptr) return;
    load_const(str);
    rt_.decref(str);
}

// codegen_annassign, 3.14: a simple name's annotation waits for the body's __annotate__
// (make_deferred_annotate); where the assignment may not run, the body notes that it did.
void Compiler::defer_annotation(const ast::Stmt* s) {
    const bool conditional = u_->kind == UnitKind::Module || u_->in_conditional_block > 0;
    const int index = conditional ? u_->next_conditional_annotation++ : -1;
    u_->deferred_annotations.emplace_back(s, index);
    if (!conditional) return;
    loc_ = s->pos;
    if (u_->kind == UnitKind::Class)
        emit(Opcode::LOAD_DEREF, u_->cellvars.find("__conditional_annotations__"));
    else
        emit(Opcode::LOAD_NAME, add_name("__conditional_annotations__"));
    load_int(index);
    emit(Opcode::SET_ADD, 1);
    emit(Opcode::POP_TOP);
}

// 2.7's compiler_print: with `>>f` the file is evaluated once and kept under each value
// (COPY 1; value; SWAP 2; PRINT_ITEM_TO), then consumed by PRINT_NEWLINE_TO or POP_TOP.
void Compiler::print27(const ast::Stmt* s) {
    const bool dest = s->value != nullptr;
    if (dest) visit_expr(s->value);
    for (const ast::Expr* v : s->targets) {
        if (dest) {
            loc_ = s->pos;
            emit(Opcode::COPY, 1);
        }
        visit_expr(v);
        loc_ = s->pos;
        if (dest) emit(Opcode::SWAP, 2);
        emit(dest ? Opcode::PRINT_ITEM_TO : Opcode::PRINT_ITEM);
    }
    loc_ = s->pos;
    if (s->simple || s->targets.empty())
        emit(dest ? Opcode::PRINT_NEWLINE_TO : Opcode::PRINT_NEWLINE);
    else if (dest)
        emit(Opcode::POP_TOP);
}

// ==== return, assert ============================================================================

void Compiler::return_stmt(const ast::Stmt* s) {
    if (u_->ste->type != BlockType::Function) {
        error(s->pos, "'return' outside function");
        return;
    }
    // A constant return value is loaded after the finally blocks ran; anything else is
    // evaluated first and kept on the stack through them.
    // (Up to 3.7 the value is always evaluated first: the block stack ran finally bodies.)
    // (3.14, which folds later, sees a literal only.)
    const bool literal = !at_least(3, 14) || (s->value != nullptr && s->value->kind == ast::ExprKind::Constant);
    PyObject* constant = s->value != nullptr && at_least(3, 8) && literal ? pool_.value_of(s->value) : nullptr;
    const bool preserve_tos = s->value != nullptr && constant == nullptr;
    if (preserve_tos) visit_expr(s->value);
    loc_ = s->pos;
    unwind_fblock_stack(preserve_tos, nullptr);
    // 3.10+: a finally body that returned itself leaves nothing more to compile (the value's
    // constant never reaches co_consts; 3.8 ran one shared finally body and kept it).
    if (at_least(3, 10) && !u_->fblocks.empty() && ends_with_return()) return;
    loc_ = s->pos;
    if (s->value == nullptr)
        load_none();
    else if (!preserve_tos)
        load_const(constant);
    emit(Opcode::RETURN_VALUE);
}

void Compiler::assert_stmt(const ast::Stmt* s) {
    const int end = new_label();
    jump_if(s->test, end, true);
    // What the raise is attributed to (a 3.11+ traceback's markers): 3.11 keeps where a
    // comparison's jump left it, 3.12 the statement, 3.13+ raises at the test.
    const bool at_compare = at_least(3, 11) && !at_least(3, 12) && s->test->kind == ast::ExprKind::Compare;
    loc_ = at_compare ? s->test->pos : s->pos;
    const bool call_msg = s->value != nullptr;
    if (at_least(3, 9)) {
        emit(Opcode::LOAD_ASSERTION_ERROR);
        if (call_msg) {
            visit_expr(s->value);
            loc_ = s->pos;
            emit(Opcode::CALL, 0);  // AssertionError sits where a callable's self would
        }
    } else {
        // Up to 3.8 the name is looked up as a global (rebinding it changes what is raised).
        emit(Opcode::LOAD_GLOBAL, add_name("AssertionError"));
        if (call_msg) {
            emit(Opcode::PUSH_NULL);
            visit_expr(s->value);
            loc_ = s->pos;
            emit(Opcode::CALL, 1);
        }
    }
    if (at_least(3, 13) || at_compare) loc_ = s->test->pos;
    emit(Opcode::RAISE_VARARGS, 1);
    bind(end);
}

// ==== imports ===================================================================================

void Compiler::import(const ast::Stmt* s) {
    for (const ast::Alias& a : s->names) {
        loc_ = s->pos;
        // 2.7 tries a relative import first unless absolute_import is in force (level -1).
        PyObject* level = long_from_int64(rt_, is27() && !future_absolute_import_ ? -1 : 0);
        if (level == nullptr) return memory_error();
        load_const(level);
        rt_.decref(level);
        load_none();
        emit_name(Opcode::IMPORT_NAME, a.name);
        if (a.asname.empty()) {
            name_op(a.name.substr(0, a.name.find('.')), ast::ExprContext::Store);
            continue;
        }
        // `import a.b.c as d` binds the submodule: attribute by attribute up to 3.6, by
        // IMPORT_FROM (which falls back to sys.modules) from 3.7.
        size_t dot = a.name.find('.');
        if (dot == std::string::npos) {
            name_op(a.asname, ast::ExprContext::Store);
            continue;
        }
        if (!at_least(3, 7)) {
            while (dot != std::string::npos) {
                const size_t next = a.name.find('.', dot + 1);
                emit_name(Opcode::LOAD_ATTR, a.name.substr(dot + 1, next == std::string::npos ? next : next - dot - 1));
                dot = next;
            }
            name_op(a.asname, ast::ExprContext::Store);
            continue;
        }
        while (true) {
            const size_t next = a.name.find('.', dot + 1);
            emit_name(Opcode::IMPORT_FROM, a.name.substr(dot + 1, next == std::string::npos ? next : next - dot - 1));
            if (next == std::string::npos) break;
            emit(Opcode::SWAP, 2);
            emit(Opcode::POP_TOP);
            dot = next;
        }
        name_op(a.asname, ast::ExprContext::Store);
        emit(Opcode::POP_TOP);
    }
}

void Compiler::import_from(const ast::Stmt* s) {
    const int level_value = is27() && s->level == 0 && !future_absolute_import_ ? -1 : s->level;
    PyObject* level = long_from_int64(rt_, level_value);
    if (level == nullptr) return memory_error();
    load_const(level);
    rt_.decref(level);
    std::vector<std::string> fromlist;
    for (const ast::Alias& a : s->names) fromlist.push_back(a.name);
    PyObject* names = str_tuple(fromlist);
    if (names == nullptr) return;
    const int i = add_const(names);
    if (i >= 0) emit(Opcode::LOAD_CONST, i);
    emit_name(Opcode::IMPORT_NAME, s->name);
    for (const ast::Alias& a : s->names) {
        if (a.name == "*") {
            if (u_->ste->type != BlockType::Module) {
                emit(Opcode::POP_TOP);
                unsupported("the lab does not support 'import *' inside a function");
                return;
            }
            emit(Opcode::IMPORT_STAR);
            return;
        }
        emit_name(Opcode::IMPORT_FROM, a.name);
        name_op(a.asname.empty() ? a.name : a.asname, ast::ExprContext::Store);
    }
    emit(Opcode::POP_TOP);
}

// ==== functions and classes =====================================================================

// compiler_default_arguments: the defaults tuple (flag 1) and the keyword-only defaults dict
// (flag 2, BUILD_CONST_KEY_MAP from 3.6).
int Compiler::make_defaults(const ast::Arguments* a) {
    if (a == nullptr) return 0;
    int flags = 0;
    if (!a->defaults.empty()) {
        visit_exprs(a->defaults);
        // 2.7 passes defaults one by one: the tuple the lab needs is not a constant there.
        emit_flagged(Opcode::BUILD_TUPLE, static_cast<int>(a->defaults.size()), is27() ? kInstrNoFold : 0);
        flags |= 1;
    }
    // 3.14 has no BUILD_CONST_KEY_MAP: each name is loaded before its value.
    const bool names_loaded = at_least(3, 14);
    std::vector<std::string> keys;
    for (size_t i = 0; i < a->kwonlyargs.size() && i < a->kw_defaults.size(); ++i) {
        if (a->kw_defaults[i] == nullptr) continue;
        keys.push_back(mangled(a->kwonlyargs[i].arg));
        if (names_loaded && !load_name_const(keys.back())) return flags;
        visit_expr(a->kw_defaults[i]);
    }
    if (!keys.empty() && names_loaded) {
        emit(Opcode::BUILD_MAP, static_cast<int>(keys.size()));
        flags |= 2;
    } else if (!keys.empty()) {
        PyObject* t = str_tuple(keys);
        if (t == nullptr) return flags;
        const int i = add_const(t);
        if (i >= 0) emit(Opcode::LOAD_CONST, i);
        emit(Opcode::BUILD_CONST_KEY_MAP, static_cast<int>(keys.size()));
        flags |= 2;
    }
    return flags;
}

// compiler_visit_annotations: the parameters' annotations and 'return'. Up to 3.9 a dict, the
// names one constant tuple; 3.10-3.13 a tuple of (name, value) pairs, each name a constant;
// 3.14's __annotate__ a dict of the same pairs.
bool Compiler::make_annotations(const ast::Arguments* a, const ast::Expr* returns) {
    std::vector<std::string> names;
    auto one = [&](const std::string& name, const ast::Expr* annotation) {
        if (annotation == nullptr) return;
        const std::string m = mangled(name);
        if (at_least(3, 10) && !load_name_const(m)) return;
        annotation_value(annotation);
        names.push_back(m);
    };
    if (a != nullptr) {
        for (const ast::Arg& p : a->args) one(p.arg, p.annotation);
        for (const ast::Arg& p : a->posonlyargs) one(p.arg, p.annotation);
        if (a->vararg != nullptr) one(a->vararg->arg, a->vararg->annotation);
        for (const ast::Arg& p : a->kwonlyargs) one(p.arg, p.annotation);
        if (a->kwarg != nullptr) one(a->kwarg->arg, a->kwarg->annotation);
    }
    one("return", returns);
    if (names.empty()) return false;
    if (annotations_.pep649) {
        emit(Opcode::BUILD_MAP, static_cast<int>(names.size()));  // __annotate__'s result
    } else if (at_least(3, 10)) {
        emit(Opcode::BUILD_TUPLE, static_cast<int>(2 * names.size()));  // made a dict when first read
    } else {
        PyObject* t = str_tuple(names);
        if (t == nullptr) return false;
        const int i = add_const(t);
        if (i >= 0) emit(Opcode::LOAD_CONST, i);
        emit(Opcode::BUILD_CONST_KEY_MAP, static_cast<int>(names.size()));
    }
    return true;
}

// codegen_function_annotations (3.14, PEP 649): the annotations are the body of a function,
// `__annotate__(format, /)`, made before the function and kept in it (MAKE_FUNCTION's
// kMakeFunctionAnnotate flag, which this returns; 0 when the function has no annotations).
// It refuses the formats past VALUE_WITH_FAKE_GLOBALS (2), then builds the dict.
int Compiler::make_annotate(const ast::Stmt* def) {
    const void* key = annotation_key(def);
    if (symtable_.lookup(key) == nullptr) return 0;
    annotate_format_check(key, def->pos);
    make_annotations(def->args, def->value);
    loc_ = def->pos;
    emit(Opcode::RETURN_VALUE);
    make_annotate_closure(def->pos);
    return kMakeFunctionAnnotate;
}

// codegen_setup_annotations_scope: enters the __annotate__(format, /) unit and refuses the
// formats past VALUE_WITH_FAKE_GLOBALS (2) with NotImplementedError.
void Compiler::annotate_format_check(const void* key, const ast::Pos& pos) {
    enter_scope(UnitKind::Function, "__annotate__", key, pos.line);
    u_->argcount = u_->posonlyargcount = 1;
    loc_ = pos;
    emit(Opcode::LOAD_FAST, 0);
    load_int(2);
    emit(Opcode::COMPARE_OP, Py_GT);
    const int body = new_label();
    emit(Opcode::POP_JUMP_IF_FALSE, body);
    emit(Opcode::LOAD_COMMON_CONSTANT, kCommonNotImplementedError);
    emit(Opcode::RAISE_VARARGS, 1);
    bind(body);
}

// codegen_leave_annotations_scope: the unit's parameter is `format` (the symbol table's
// `.format`, which no annotation can name), and the function is made where the unit began.
void Compiler::make_annotate_closure(const ast::Pos& pos) {
    u_->varnames.list[0] = "format";
    PyObject* code = exit_scope();
    loc_ = pos;
    make_closure(code, 0);
}

// codegen_process_deferred_annotations, 3.14: a module's or class's __annotate__, which builds
// the dict of the annotated names that ran, and stores it as __annotate__ (a class's as
// __annotate_func__). `key`: the body's annotation block.
void Compiler::make_deferred_annotate(const void* key, const ast::Pos& pos) {
    if (u_->deferred_annotations.empty()) return;
    const bool in_class = u_->kind == UnitKind::Class;
    const std::vector<std::pair<const ast::Stmt*, int>> deferred = std::move(u_->deferred_annotations);
    annotate_format_check(key, pos);
    emit(Opcode::BUILD_MAP, 0);
    for (const auto& [s, index] : deferred) {
        loc_ = s->pos;
        const int not_set = new_label();
        if (index >= 0) {
            load_int(index);
            if (in_class)
                emit(Opcode::LOAD_DEREF, free_slot("__conditional_annotations__"));
            else
                emit(Opcode::LOAD_GLOBAL, add_name("__conditional_annotations__"));
            emit(Opcode::CONTAINS_OP, 0);
            emit(Opcode::POP_JUMP_IF_FALSE, not_set);
        }
        visit_expr(s->test);
        loc_ = s->pos;
        emit(Opcode::COPY, 2);
        if (!load_name_const(mangled(s->targets[0]->id))) return;
        loc_ = pos;
        emit(Opcode::STORE_SUBSCR);
        bind(not_set);
    }
    loc_ = pos;
    emit(Opcode::RETURN_VALUE);
    make_annotate_closure(pos);
    name_op(in_class ? "__annotate_func__" : "__annotate__", ast::ExprContext::Store);
}

// A body with conditional annotations (3.14) starts with their empty set: a module's in its
// namespace, a class's in its cell.
void Compiler::conditional_annotations_set() {
    if (!u_->ste->has_conditional_annotations) return;
    emit(Opcode::BUILD_SET, 0);
    if (u_->kind == UnitKind::Class)
        emit(Opcode::STORE_DEREF, u_->cellvars.find("__conditional_annotations__"));
    else
        name_op("__conditional_annotations__", ast::ExprContext::Store);
}

namespace {

// get_ref_type: the cells a class body has for its methods and annotation scopes, which are no
// names of its own.
bool is_class_implicit_cell(const std::string& name) {
    return name == "__class__" || name == "__classdict__" || name == "__conditional_annotations__";
}

}  // namespace

// compiler_make_closure: the closure tuple of the cells the new code needs (flag 8), the code
// object, and up to 3.10 the qualified name as a constant beside it.
void Compiler::make_closure(PyObject* code, int flags, const std::string* qualname_const) {
    if (code == nullptr) return;
    const std::vector<std::string> free = std::move(last_freevars_);
    const int nfree = static_cast<int>(free.size());
    if (nfree > 0) {
        for (const std::string& name : free) {
            int arg = -1;
            const bool cell =
                (u_->kind == UnitKind::Class && is_class_implicit_cell(name)) || scope_here(name) == Scope::Cell;
            if (cell) {
                arg = u_->cellvars.find(name);
            } else if (u_->freevars.find(name) >= 0) {
                arg = free_slot(name);
            }
            if (arg < 0) {
                error(loc_, "internal compiler error: no cell for free variable '" + name + "'");
                rt_.decref(code);
                return;
            }
            emit(Opcode::LOAD_CLOSURE, arg);
        }
        emit(Opcode::BUILD_TUPLE, nfree);
        flags |= 8;
    }
    // Up to 3.10 the function takes its __qualname__ from the stack: the class's name, or the
    // unit's qualified name (its name itself, interned, at the top level), a constant of its own.
    PyObject* qualname = nullptr;
    if (!is27() && !at_least(3, 11)) {
        const std::string& text = qualname_const != nullptr ? *qualname_const : last_qualname_;
        qualname = new_str(text);
        if (qualname == nullptr) {
            rt_.decref(code);
            return;
        }
        if (qualname_const != nullptr || text == last_name_) str_intern_code_name(rt_, &qualname);
        flags |= kMakeFunctionQualname;
    }
    const int i = add_const(code);
    if (i >= 0) emit(Opcode::LOAD_CONST, i);
    if (qualname != nullptr) {
        const int q = add_const(qualname);
        if (q >= 0) emit(Opcode::LOAD_CONST, q);
    }
    emit(Opcode::MAKE_FUNCTION, flags);
}

void Compiler::apply_decorators(const std::vector<ast::Expr*>& decorators) {
    // Each decorator sits below the function, where CALL expects a callable and its self.
    for (size_t i = decorators.size(); i-- > 0;) emit(Opcode::CALL, 0);
}

void Compiler::function_def(const ast::Stmt* s) {
    visit_exprs(s->decorator_list);
    loc_ = s->pos;
    const int firstlineno = s->decorator_list.empty() ? s->pos.line : s->decorator_list[0]->pos.line;
    int flags = make_defaults(s->args);
    if (annotations_.pep649) {
        flags |= make_annotate(s);
    } else if (!is27() && make_annotations(s->args, s->value)) {
        flags |= 4;
    }
    loc_ = s->pos;
    enter_scope(UnitKind::Function, s->name, s, firstlineno);
    const ast::Constant* doc = docstring(s->body);
    // co_consts[0] is the docstring, or None for none; 3.14 keeps no slot for a missing one.
    u_->has_docstring = doc != nullptr && at_least(3, 14);
    if (doc != nullptr || !at_least(3, 14)) {
        PyObject* first = doc != nullptr ? pool_.value_of(s->body[0]->value) : rt_.builtins().singletons.none;
        rt_.incref(first);
        add_const(first);
    }
    if (s->args != nullptr) {
        u_->argcount = static_cast<int>(s->args->posonlyargs.size() + s->args->args.size());
        u_->posonlyargcount = static_cast<int>(s->args->posonlyargs.size());
        u_->kwonlyargcount = static_cast<int>(s->args->kwonlyargs.size());
        u_->varargs = s->args->vararg != nullptr;
        u_->varkeywords = s->args->kwarg != nullptr;
    }
    for (size_t i = doc != nullptr ? 1 : 0; i < s->body.size() && !failed_; ++i) visit_stmt(s->body[i]);
    if (!ends_with_return()) {
        locate_implicit_return();
        load_none();
        emit(Opcode::RETURN_VALUE);
    } else if (at_least(3, 14)) {
        note_none_const();  // 3.14's codegen adds the return anyway (and its None): dead code
    }
    PyObject* code = exit_scope();
    loc_ = s->pos;
    make_closure(code, flags);
    apply_decorators(s->decorator_list);
    name_op(s->name, ast::ExprContext::Store);
}

void Compiler::class_body(const ast::Stmt* s) {
    loc_ = s->pos;
    if (at_least(3, 11)) loc_ = ast::Pos{u_->firstlineno, 0, u_->firstlineno, 0};  // the scope's entry position
    name_op("__name__", ast::ExprContext::Load);
    name_op("__module__", ast::ExprContext::Store);
    if (!is27()) {
        PyObject* q = new_str(u_->qualname);
        if (q == nullptr) return;
        load_const(q);
        rt_.decref(q);
        name_op("__qualname__", ast::ExprContext::Store);
    }
    if (at_least(3, 13)) {
        PyObject* line = long_from_int64(rt_, u_->firstlineno);
        if (line == nullptr) return memory_error();
        load_const(line);
        rt_.decref(line);
        name_op("__firstlineno__", ast::ExprContext::Store);
    }
    const int classdict = u_->cellvars.find("__classdict__");
    if (u_->ste->needs_classdict) {
        // 3.14: the annotation scopes read the namespace through this cell (type.__new__ then
        // points it at the class's own dict: __classdictcell__ below).
        emit(Opcode::LOAD_LOCALS);
        emit(Opcode::STORE_DEREF, classdict);
    }
    conditional_annotations_set();
    visit_body(s->body, true);
    make_deferred_annotate(annotation_key(s), s->pos);
    // The body's end has its last statement's line (3.11+: the last instruction's position).
    loc_ = s->body.empty() ? s->pos : s->body.back()->pos;
    if (at_least(3, 11) && !u_->instrs.empty()) {
        const Instr& last = u_->instrs.back();
        loc_ = ast::Pos{last.line, last.col, last.end_line, last.end_col};
    }
    if (at_least(3, 13)) {
        std::vector<std::string> attrs(u_->static_attributes.begin(), u_->static_attributes.end());
        PyObject* t = str_tuple(attrs);
        if (t == nullptr) return;
        const int i = add_const(t);
        if (i >= 0) emit(Opcode::LOAD_CONST, i);
        name_op("__static_attributes__", ast::ExprContext::Store);
    }
    if (u_->ste->needs_classdict) {
        emit(Opcode::LOAD_CLOSURE, classdict);
        name_op("__classdictcell__", ast::ExprContext::Store);
    }
    if (u_->ste->needs_class_closure) {
        // The __class__ cell goes into the namespace as __classcell__ and is the body's
        // result: type.__new__ fills it with the new class.
        emit(Opcode::LOAD_CLOSURE, u_->cellvars.find("__class__"));
        emit(Opcode::COPY, 1);
        name_op("__classcell__", ast::ExprContext::Store);
    } else if (is27()) {
        // 2.7's body returns its locals (LOAD_LOCALS), adding no constant; the lab's class
        // body returns a value __build_class__ ignores, also without one.
        name_op("__module__", ast::ExprContext::Load);
    } else {
        load_none();
    }
    emit(Opcode::RETURN_VALUE);
}

void Compiler::class_def(const ast::Stmt* s) {
    visit_exprs(s->decorator_list);
    loc_ = s->pos;
    const int firstlineno = s->decorator_list.empty() ? s->pos.line : s->decorator_list[0]->pos.line;
    PyObject* name = new_str(s->name);
    if (name == nullptr) return;
    str_intern_code_name(rt_, &name);
    if (is27()) {
        // 2.7 loads the class name before compiling the body: it is the earlier constant.
        rt_.incref(name);
        add_const(name);
    }
    enter_scope(UnitKind::Class, s->name, s, firstlineno);
    u_->private_name = s->name;
    class_body(s);
    PyObject* code = exit_scope();
    loc_ = s->pos;
    emit(Opcode::LOAD_BUILD_CLASS);
    emit(Opcode::PUSH_NULL);
    make_closure(code, 0, &s->name);
    load_const(name);
    rt_.decref(name);
    call_helper(2, s->targets, s->keywords, s->pos);
    loc_ = s->pos;
    apply_decorators(s->decorator_list);
    name_op(s->name, ast::ExprContext::Store);
}

}  // namespace pymemlab
