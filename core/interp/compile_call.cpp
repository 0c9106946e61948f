// Code generation for calls (compiler_call, maybe_optimize_method_call, compiler_call_helper:
// PUSH_NULL/KW_NAMES/CALL, LOAD_METHOD from 3.7, CALL_FUNCTION_EX for * and ** arguments) and
// comprehensions: nested functions taking the outermost iterator as `.0`, except 2.7's list
// comprehension, which runs inline, and from 3.12 list, set and dict comprehensions, which run
// inside their parent with their names set aside (PEP 709; symtable.h says which).
#include "interp/compiler_internal.h"
#include "object/builtins.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

// validate_keywords: f(a=1, a=2) is a SyntaxError at the second keyword.
bool Compiler::validate_keywords(const std::vector<ast::Keyword>& keywords) {
    for (size_t i = 0; i < keywords.size(); ++i) {
        if (keywords[i].arg.empty()) continue;
        for (size_t j = i + 1; j < keywords.size(); ++j) {
            if (keywords[j].arg != keywords[i].arg) continue;
            error(keywords[j].pos, at_least(3, 9) ? "keyword argument repeated: " + keywords[i].arg
                                                  : std::string("keyword argument repeated"));
            return false;
        }
    }
    return true;
}

// A keyword's name as a constant (interned, as the parser's identifiers are). False on MemoryError.
bool Compiler::load_name_const(const std::string& name) {
    PyObject* key = new_str(name);
    if (key == nullptr) return false;
    str_intern_code_name(rt_, &key);
    const int k = add_const(key);
    if (k >= 0) emit(Opcode::LOAD_CONST, k);
    return true;
}

void Compiler::call(const ast::Expr* e) {
    if (method_call(e)) return;
    check_caller(e->left);
    visit_expr(e->left);
    loc_ = e->pos;
    emit(Opcode::PUSH_NULL);
    call_helper(0, e->elts, e->keywords, e->pos);
}

// o.m(args): LOAD_METHOD keeps o as the method's self instead of making a bound method
// (3.7+; keyword arguments allowed from 3.10; never with * or ** arguments).
bool Compiler::method_call(const ast::Expr* e) {
    if (!at_least(3, 7)) return false;
    const ast::Expr* f = e->left;
    if (f->kind != ast::ExprKind::Attribute || f->ctx != ast::ExprContext::Load) return false;
    for (const ast::Expr* a : e->elts)
        if (a->kind == ast::ExprKind::Starred) return false;
    const size_t nkw = e->keywords.size();
    if (nkw > 0 && !at_least(3, 10)) return false;
    for (const ast::Keyword& k : e->keywords)
        if (k.arg.empty()) return false;
    // 3.11+ (is_import_originated): not on a name the module binds by an import, as in
    // `sys.getrefcount(x)`, which is an attribute load and a plain call.
    if (at_least(3, 11) && f->left->kind == ast::ExprKind::Name &&
        (symtable_.top()->flags_of(f->left->id) & DEF_IMPORT) != 0)
        return false;
    const size_t nargs = e->elts.size();
    if (at_least(3, 10) && nargs + nkw + (nkw != 0 ? 1 : 0) >= kStackUseGuideline) return false;
    if (!validate_keywords(e->keywords)) return true;
    if (!super_attr(f, true)) {
        visit_expr(f->left);
        loc_ = attr_loc(f->pos, f);
        emit_name(Opcode::LOAD_METHOD, f->id);
    }
    visit_exprs(e->elts);
    std::vector<std::string> names;
    for (const ast::Keyword& k : e->keywords) {
        visit_expr(k.value);
        names.push_back(k.arg);
    }
    loc_ = attr_loc(e->pos, f);
    if (!names.empty()) {
        PyObject* t = str_tuple(names);
        if (t == nullptr) return true;
        const int i = add_const(t);
        if (i >= 0) emit(Opcode::KW_NAMES, i);
    }
    emit(Opcode::CALL, static_cast<int>(nargs + nkw));
    return true;
}

bool Compiler::super_attr(const ast::Expr* attr, bool method) {
    const ast::Expr* call = attr->left;
    if (!at_least(3, 12) || call->kind != ast::ExprKind::Call || call->left->kind != ast::ExprKind::Name ||
        call->left->id != "super" || attr->id == "__class__" || !call->keywords.empty())
        return false;
    // `super` must be a global nothing at module level binds (no shadowing the compiler can see).
    if (u_->ste->scope_of("super") != Scope::GlobalImplicit || symtable_.top()->scope_of("super") != Scope::Unknown)
        return false;
    const size_t nargs = call->elts.size();
    if (nargs == 2) {
        for (const ast::Expr* a : call->elts)
            if (a->kind == ast::ExprKind::Starred) return false;
    } else if (nargs != 0 || u_->argcount + u_->posonlyargcount == 0 || u_->ste->scope_of("__class__") != Scope::Free ||
               u_->varnames.list.empty()) {
        return false;  // super() needs the first argument and the __class__ cell
    }
    loc_ = call->left->pos;
    name_op("super", ast::ExprContext::Load);
    loc_ = call->pos;
    if (nargs == 2) {
        visit_expr(call->elts[0]);
        visit_expr(call->elts[1]);
    } else {
        name_op("__class__", ast::ExprContext::Load);
        name_op(u_->varnames.list[0], ast::ExprContext::Load);
    }
    loc_ = attr_loc(attr->pos, attr);
    if (failed_ || u_->no_emit > 0) return true;
    emit(Opcode::LOAD_SUPER_ATTR, add_name(mangled(attr->id)) << 2 | (nargs == 2 ? 2 : 0) | (method ? 1 : 0));
    return true;
}

// compiler_subkwargs: a run of name=value keywords as one dict (constant keys 3.6-3.13).
void Compiler::subkwargs(const std::vector<ast::Keyword>& keywords, size_t begin, size_t end) {
    const size_t n = end - begin;
    const bool big = at_least(3, 10) && n * 2 > kStackUseGuideline;
    if (n > 1 && !big && at_least(3, 6) && !at_least(3, 14)) {  // 3.14 has no BUILD_CONST_KEY_MAP
        std::vector<std::string> keys;
        for (size_t i = begin; i < end; ++i) {
            visit_expr(keywords[i].value);
            keys.push_back(keywords[i].arg);
        }
        PyObject* t = str_tuple(keys);
        if (t == nullptr) return;
        const int i = add_const(t);
        if (i >= 0) emit(Opcode::LOAD_CONST, i);
        emit(Opcode::BUILD_CONST_KEY_MAP, static_cast<int>(n));
        return;
    }
    if (big) emit(Opcode::BUILD_MAP, 0);
    for (size_t i = begin; i < end; ++i) {
        if (!load_name_const(keywords[i].arg)) return;
        visit_expr(keywords[i].value);
        if (big) emit(Opcode::MAP_ADD, 1);
    }
    if (!big) emit(Opcode::BUILD_MAP, static_cast<int>(n));
}

// compiler_call_helper: the arguments of a call whose callable and NULL (and `pushed` more
// positional arguments) are on the stack.
void Compiler::call_helper(int pushed, const std::vector<ast::Expr*>& args, const std::vector<ast::Keyword>& keywords,
                           const ast::Pos& pos) {
    if (!validate_keywords(keywords)) return;
    const int nelts = static_cast<int>(args.size());
    const int nkw = static_cast<int>(keywords.size());
    bool ex_call = at_least(3, 10) && nelts + nkw * 2 > kStackUseGuideline;
    for (const ast::Expr* a : args)
        if (a->kind == ast::ExprKind::Starred) ex_call = true;
    for (const ast::Keyword& k : keywords)
        if (k.arg.empty()) ex_call = true;
    if (!ex_call && is27() && nkw > 0) {
        // compiler_visit_keyword: each name a constant, pushed under its value.
        visit_exprs(args);
        for (const ast::Keyword& k : keywords) {
            if (!load_name_const(k.arg)) return;
            visit_expr(k.value);
        }
        loc_ = pos;
        emit(Opcode::CALL_KW_PAIRS, (pushed + nelts) | nkw << 8);
        return;
    }
    if (!ex_call) {
        visit_exprs(args);
        std::vector<std::string> names;
        for (const ast::Keyword& k : keywords) {
            visit_expr(k.value);
            names.push_back(k.arg);
        }
        loc_ = pos;
        if (!names.empty()) {
            PyObject* t = str_tuple(names);
            if (t == nullptr) return;
            const int i = add_const(t);
            if (i >= 0) emit(Opcode::KW_NAMES, i);
        }
        emit(Opcode::CALL, pushed + nelts + nkw);
        return;
    }
    // The positional arguments as one tuple: f(*a) passes a itself (CALL_FUNCTION_EX makes
    // a tuple of it when it is not one).
    if (pushed == 0 && nelts == 1 && args[0]->kind == ast::ExprKind::Starred) {
        visit_expr(args[0]->left);
    } else {
        starunpack(args, pushed, Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND, true, nullptr);
    }
    if (nkw > 0) {
        bool have_dict = false;
        size_t seen = 0;
        for (size_t i = 0; i < keywords.size(); ++i) {
            if (!keywords[i].arg.empty()) {
                ++seen;
                continue;
            }
            if (seen > 0) {
                subkwargs(keywords, i - seen, i);
                if (have_dict) emit(Opcode::DICT_MERGE, 1);
                have_dict = true;
                seen = 0;
            }
            if (!have_dict) {
                emit(Opcode::BUILD_MAP, 0);
                have_dict = true;
            }
            visit_expr(keywords[i].value);
            emit(Opcode::DICT_MERGE, 1);
        }
        if (seen > 0) {
            subkwargs(keywords, keywords.size() - seen, keywords.size());
            if (have_dict) emit(Opcode::DICT_MERGE, 1);
        }
    }
    loc_ = pos;
    emit(Opcode::CALL_FUNCTION_EX, nkw > 0 ? 1 : 0);
}

// ==== comprehensions =============================================================================

void Compiler::comprehension_element(const ast::Expr* e, int depth) {
    switch (e->kind) {
        case ast::ExprKind::GeneratorExp:
            visit_expr(e->left);
            emit(Opcode::YIELD_VALUE);
            emit(Opcode::POP_TOP);
            break;
        case ast::ExprKind::ListComp:
            visit_expr(e->left);
            emit(Opcode::LIST_APPEND, depth + 1);
            break;
        case ast::ExprKind::SetComp:
            visit_expr(e->left);
            emit(Opcode::SET_ADD, depth + 1);
            break;
        default:
            // {k: v}: the key first from 3.8; the value first before.
            if (at_least(3, 8)) {
                visit_expr(e->left);
                visit_expr(e->right);
            } else {
                visit_expr(e->right);
                visit_expr(e->left);
                emit(Opcode::SWAP, 2);
            }
            emit(Opcode::MAP_ADD, depth + 1);
            break;
    }
}

// compiler_sync_comprehension_generator: one `for ... in ... if ...` level. `depth` counts the
// iterators on the stack above the result container.
void Compiler::comprehension_generator(const ast::Expr* e, size_t gen_index, int depth, bool inlined) {
    const ast::Comprehension& gen = e->generators[gen_index];
    int start = new_label();
    const int if_cleanup = new_label();
    const int anchor = new_label();
    if (gen_index == 0) {
        if (!inlined) emit(Opcode::LOAD_FAST, u_->varnames.add(".0"));
    } else {
        // 3.9+: `for y in [f(x)]` just binds y = f(x).
        const bool single = at_least(3, 9) && pool_.value_of(gen.iter) == nullptr &&
                            (gen.iter->kind == ast::ExprKind::List || gen.iter->kind == ast::ExprKind::Tuple) &&
                            gen.iter->elts.size() == 1 && gen.iter->elts[0]->kind != ast::ExprKind::Starred;
        if (single) {
            visit_expr(gen.iter->elts[0]);
            start = -1;
        } else {
            visit_expr(gen.iter);
            loc_ = at_least(3, 13) ? gen.iter->pos : e->pos;
            emit(Opcode::GET_ITER);
        }
    }
    if (start >= 0) {
        ++depth;
        bind(start);
        emit(Opcode::FOR_ITER, anchor);
    }
    visit_expr(gen.target);
    for (const ast::Expr* cond : gen.ifs) jump_if(cond, if_cleanup, false);
    if (gen_index + 1 < e->generators.size())
        comprehension_generator(e, gen_index + 1, depth, inlined);
    else
        comprehension_element(e, depth);
    bind(if_cleanup);
    if (start >= 0) {
        loc_ = e->pos;
        emit(Opcode::JUMP, start);
        bind(anchor);
    }
}

void Compiler::comprehension(const ast::Expr* e) {
    for (const ast::Comprehension& g : e->generators) {
        if (!g.is_async) continue;
        // An async generator expression is legal in any function; the lab has no async
        // generators. Other async comprehensions need an async function, which cannot exist.
        if (e->kind == ast::ExprKind::GeneratorExp)
            error(e->pos, "the lab does not support asynchronous generator expressions yet");
        else
            error(at_least(3, 10) ? e->pos : ast::Pos{},
                  "asynchronous comprehension outside of an asynchronous function");
        return;
    }
    const char* name = "<genexpr>";
    Opcode build = Opcode::NOP;
    switch (e->kind) {
        case ast::ExprKind::ListComp:
            name = "<listcomp>";
            build = Opcode::BUILD_LIST;
            break;
        case ast::ExprKind::SetComp:
            name = "<setcomp>";
            build = Opcode::BUILD_SET;
            break;
        case ast::ExprKind::DictComp:
            name = "<dictcomp>";
            build = Opcode::BUILD_MAP;
            break;
        default: break;
    }
    const SymtableEntry* ste = symtable_.lookup(e);
    if (ste != nullptr && ste->comp_inlined) {
        inlined_comprehension(e, ste, build);
        return;
    }
    enter_scope(UnitKind::Comprehension, name, e, e->pos.line);
    u_->argcount = 1;
    if (build != Opcode::NOP) emit(build, 0);
    comprehension_generator(e, 0, 0);
    loc_ = e->pos;
    if (build == Opcode::NOP) load_none();
    emit(Opcode::RETURN_VALUE);
    PyObject* code = exit_scope();
    loc_ = e->pos;
    make_closure(code, 0);
    emit(Opcode::PUSH_NULL);
    visit_expr(e->generators[0].iter);
    loc_ = at_least(3, 13) ? e->generators[0].iter->pos : e->pos;
    emit(Opcode::GET_ITER);
    loc_ = e->pos;
    emit(Opcode::CALL, 1);
}

// 3.12+ (PEP 709, push_inlined_comprehension_state): the comprehension runs here. After the
// outermost iterator, each name it binds has its outer value set aside on the stack
// (LOAD_FAST_AND_CLEAR) and is a fast local of this code while it runs; afterwards, and on an
// exception leaving it, the values are put back:
//   iter; LOAD_FAST_AND_CLEAR n1..nk; SWAP k+1; BUILD 0; SWAP 2    -> saved.. container iter
//   SETUP_FINALLY cleanup; the loop; POP_BLOCK                    -> saved.. container
//   SWAP k+1; STORE_FAST nk..n1                                   -> container
//   cleanup: SWAP 2; POP_TOP; SWAP 2; POP_TOP; SWAP k+1; STORE_FAST nk..n1; RERAISE
// A name a closure inside captures is a cell of this code (DEF_COMP_CELL): its cell is set aside
// and a new one made (SAVE_CELL), then put back (RESTORE_CELL). Where the name is free here,
// CPython 3.12 to 3.14 make the new cell in the free variable's slot and never put the
// closure's cell back (MAKE_CELL): after the comprehension the name is its last value here.
void Compiler::inlined_comprehension(const ast::Expr* e, const SymtableEntry* ste, Opcode build) {
    // The names set aside: those the comprehension binds (comprehension_binds); directly in a
    // class body every name it has (3.14: but `.0`).
    const bool in_class = u_->ste->type == BlockType::Class && u_->in_inlined_comp == 0;
    enum Aside : uint8_t { kValue, kCell, kFreeCell };
    std::vector<std::string> pushed;
    std::vector<uint8_t> aside;  // how each is set aside
    std::vector<std::pair<std::string, Scope>> scopes;  // where the comprehension's scope differs from ours
    for (const std::string& name : ste->symbol_order) {
        const Symbol& sym = ste->symbols.at(name);
        const bool own = comprehension_binds(sym.flags);
        const bool cell = own && sym.scope == Scope::Cell;
        const bool free_here = cell && scope_here(name) == Scope::Free;
        // 3.14 leaves out the comprehension's argument `.0`, which no code reads.
        const bool set_aside = own || (in_class && !(at_least(3, 14) && (sym.flags & DEF_PARAM) != 0));
        if (set_aside) {
            pushed.push_back(name);
            aside.push_back(free_here ? kFreeCell : cell ? kCell : kValue);
        }
        const bool differs =
            in_class || (own && (u_->ste->type != BlockType::Function || u_->ste->scope_of(name) != Scope::Local));
        if (differs && !free_here && (sym.flags & DEF_PARAM) == 0)
            scopes.emplace_back(name, cell ? Scope::Cell : own ? Scope::Local : sym.scope);
    }
    // The outermost iterable is evaluated in our scope, the rest in the comprehension's.
    visit_expr(e->generators[0].iter);
    loc_ = at_least(3, 13) ? e->generators[0].iter->pos : e->pos;
    emit(Opcode::GET_ITER);
    loc_ = e->pos;
    std::vector<std::string> overridden;  // the inlined_scopes entries made here, to be unmade after
    for (const auto& [name, scope] : scopes)
        if (u_->inlined_scopes.emplace(name, scope).second) overridden.push_back(name);
    const int k = static_cast<int>(pushed.size());
    const int ncells = static_cast<int>(u_->cellvars.list.size());
    for (size_t i = 0; i < pushed.size(); ++i) {
        // A cell's name is a local too, as CPython lists it (its slot is both).
        const int local = u_->varnames.add(pushed[i]);
        if (aside[i] == kCell) {
            emit(Opcode::SAVE_CELL, u_->cellvars.find(pushed[i]));
        } else {
            emit(Opcode::LOAD_FAST_AND_CLEAR, local);
            if (aside[i] == kFreeCell) emit(Opcode::MAKE_CELL, ncells + u_->freevars.find(pushed[i]));
        }
    }
    if (k > 0) emit(Opcode::SWAP, k + 1);
    emit(build, 0);
    emit(Opcode::SWAP, 2);
    const int cleanup = new_label();
    const int end = new_label();
    if (k > 0) emit(Opcode::SETUP_FINALLY, cleanup);
    ++u_->in_inlined_comp;
    comprehension_generator(e, 0, 0, true);
    --u_->in_inlined_comp;
    loc_ = e->pos;
    auto restore = [&]() {
        emit(Opcode::SWAP, k + 1);
        for (size_t i = pushed.size(); i-- > 0;) {
            if (aside[i] == kCell)
                emit(Opcode::RESTORE_CELL, u_->cellvars.find(pushed[i]));
            else
                emit(Opcode::STORE_FAST, u_->varnames.find(pushed[i]));
        }
    };
    if (k > 0) {
        emit(Opcode::POP_BLOCK);
        restore();
        emit(Opcode::JUMP, end);
        bind(cleanup);  // saved.. container iter exc
        emit(Opcode::SWAP, 2);
        emit(Opcode::POP_TOP);
        emit(Opcode::SWAP, 2);
        emit(Opcode::POP_TOP);
        restore();
        emit(Opcode::RERAISE);
        bind(end);
    }
    for (const std::string& name : overridden) u_->inlined_scopes.erase(name);
}

// 2.7's list comprehension, inline in the enclosing code: its variables leak, as they did.
void Compiler::listcomp27(const ast::Expr* e, size_t gen_index) {
    const ast::Comprehension& gen = e->generators[gen_index];
    const int start = new_label();
    const int if_cleanup = new_label();
    const int anchor = new_label();
    visit_expr(gen.iter);
    loc_ = e->pos;
    emit(Opcode::GET_ITER);
    bind(start);
    emit(Opcode::FOR_ITER, anchor);
    visit_expr(gen.target);
    for (const ast::Expr* cond : gen.ifs) jump_if(cond, if_cleanup, false);
    if (gen_index + 1 < e->generators.size()) {
        listcomp27(e, gen_index + 1);
    } else {
        visit_expr(e->left);
        emit(Opcode::LIST_APPEND, static_cast<int>(e->generators.size()) + 1);
    }
    bind(if_cleanup);
    emit(Opcode::JUMP, start);
    bind(anchor);
}

}  // namespace pymemlab
