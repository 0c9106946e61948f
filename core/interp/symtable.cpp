// The symbol table pass (Python/symtable.c), in two phases: the visitor records each name's
// flags per block, then analyze_block resolves scopes top-down, passing the names bound in
// enclosing functions down and the free names of nested blocks back up, exactly as CPython's
// analyze_block / analyze_name / analyze_cells / update_symbols do.
#include "interp/symtable.h"

#include <algorithm>

#include <unordered_set>
#include <utility>

namespace pymemlab {

namespace {

// Deep nesting is bounded by the parser; this guards the host stack regardless.
constexpr int kMaxRecursion = 1000;

}  // namespace

std::string mangle(std::string_view private_name, const std::string& name) {
    if (private_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
    if ((name[name.size() - 1] == '_' && name[name.size() - 2] == '_') || name.find('.') != std::string::npos)
        return name;
    size_t strip = 0;
    while (strip < private_name.size() && private_name[strip] == '_') ++strip;
    if (strip == private_name.size()) return name;
    std::string out = "_";
    out += private_name.substr(strip);
    out += name;
    return out;
}

void syntax_error_at(const Profile& profile, SyntaxErrorInfo* err, const ast::Pos& pos, std::string msg) {
    if (err == nullptr) return;
    err->type = "SyntaxError";
    err->msg = std::move(msg);
    err->line = pos.line;
    err->offset = 0;
    err->end_line = 0;
    err->end_offset = 0;
    if (profile.major == 2 || pos.line == 0) return;  // 2.7 reports the line only; line 0: no location
    err->offset = profile.at_least(3, 8) ? pos.col + 1 : pos.col;
    if (profile.at_least(3, 10) && pos.end_line > 0) {
        err->end_line = pos.end_line;
        err->end_offset = pos.end_col + 1;
    }
}

// ==== the visitor =============================================================================

void Symtable::error(const ast::Pos& pos, std::string msg) {
    if (failed_) return;
    failed_ = true;
    syntax_error_at(profile_, err_, pos, std::move(msg));
}

bool Symtable::enter_recursion(const ast::Pos& pos) {
    if (depth_ < max_depth_) return true;
    if (!failed_) {
        failed_ = true;
        if (err_ != nullptr) {
            err_->type = profile_.major == 2 ? "RuntimeError" : "RecursionError";
            err_->msg = "maximum recursion depth exceeded during compilation";
            err_->line = pos.line;
        }
    }
    return false;
}

SymtableEntry* Symtable::lookup(const void* key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? nullptr : it->second;
}

void Symtable::enter_block(std::string name, BlockType type, const void* key, const ast::Pos& pos) {
    auto ste = std::make_unique<SymtableEntry>();
    ste->type = type;
    ste->name = std::move(name);
    ste->key = key;
    ste->pos = pos;
    if (cur_ != nullptr && (cur_->nested || cur_->type == BlockType::Function)) ste->nested = true;
    SymtableEntry* raw = ste.get();
    entries_.push_back(std::move(ste));
    if (key != nullptr) by_key_[key] = raw;
    if (cur_ != nullptr) {
        cur_->children.push_back(raw);
        stack_.push_back(cur_);
    }
    cur_ = raw;
}

void Symtable::enter_existing_block(SymtableEntry* ste) {
    stack_.push_back(cur_);
    cur_ = ste;
}

const void* module_annotation_key() {
    static const char key = 0;
    return &key;
}

void Symtable::exit_block() {
    if (stack_.empty()) {
        cur_ = nullptr;
        return;
    }
    cur_ = stack_.back();
    stack_.pop_back();
}

void Symtable::add_def(const std::string& name, int flag, const ast::Pos& pos) { add_def_in(cur_, name, flag, pos); }

// symtable_add_def_helper: merges the flag into the block's entry for the mangled name;
// parameters also go to varnames, and `global` also marks the module's entry (st_global).
void Symtable::add_def_in(SymtableEntry* ste, const std::string& name, int flag, const ast::Pos& pos) {
    const std::string mangled = mangle(private_, name);
    auto it = ste->symbols.find(mangled);
    int val = flag;
    if (it != ste->symbols.end()) {
        if ((flag & DEF_PARAM) && (it->second.flags & DEF_PARAM)) {
            error(profile_.at_least(3, 10) ? pos : ste->pos,
                  "duplicate argument '" + name + "' in function definition");
            return;
        }
        val |= it->second.flags;
    }
    if (ste->comp_iter_target > 0) {
        if (val & (DEF_GLOBAL | DEF_NONLOCAL)) {
            error(pos, "comprehension inner loop cannot rebind assignment expression target '" + name + "'");
            return;
        }
        val |= DEF_COMP_ITER;
    }
    if (it == ste->symbols.end()) {
        ste->symbol_order.push_back(mangled);
        ste->symbols[mangled].flags = val;
    } else {
        it->second.flags = val;
    }
    if (flag & DEF_PARAM) {
        ste->varnames.push_back(mangled);
    } else if ((flag & DEF_GLOBAL) && ste != top_) {
        auto g = top_->symbols.find(mangled);
        if (g == top_->symbols.end()) {
            top_->symbol_order.push_back(mangled);
            top_->symbols[mangled].flags = flag;
        } else {
            g->second.flags |= flag;
        }
    }
}

bool Symtable::build(const std::vector<ast::Stmt*>& body, SyntaxErrorInfo* err, int nesting) {
    err_ = err;
    max_depth_ = std::min(kMaxRecursion, nesting);
    enter_block("top", BlockType::Module, nullptr, ast::Pos{});
    top_ = cur_;
    visit_stmts(body);
    exit_block();
    if (failed_) return false;
    return analyze();
}

void Symtable::visit_stmts(const std::vector<ast::Stmt*>& body) {
    for (const ast::Stmt* s : body) {
        if (failed_) return;
        visit_stmt(s);
    }
}

void Symtable::visit_exprs(const std::vector<ast::Expr*>& es) {
    for (const ast::Expr* e : es)
        if (e != nullptr) visit_expr(e);
}

void Symtable::visit_defaults(const ast::Arguments* a) {
    if (a == nullptr) return;
    visit_exprs(a->defaults);
    visit_exprs(a->kw_defaults);
}

void Symtable::visit_annotations(const ast::Arguments* a, const ast::Expr* returns) {
    if (a != nullptr) {
        auto each = [&](const std::vector<ast::Arg>& params) {
            for (const ast::Arg& p : params)
                if (p.annotation != nullptr) visit_expr(p.annotation);
        };
        each(a->posonlyargs);
        each(a->args);
        if (a->vararg != nullptr && a->vararg->annotation != nullptr) visit_expr(a->vararg->annotation);
        each(a->kwonlyargs);
        if (a->kwarg != nullptr && a->kwarg->annotation != nullptr) visit_expr(a->kwarg->annotation);
    }
    if (returns != nullptr) visit_expr(returns);
}

namespace {

bool has_annotations(const ast::Stmt* def) {
    if (def->value != nullptr) return true;
    const ast::Arguments* a = def->args;
    if (a == nullptr) return false;
    for (const auto* params : {&a->posonlyargs, &a->args, &a->kwonlyargs})
        for (const ast::Arg& p : *params)
            if (p.annotation != nullptr) return true;
    return (a->vararg != nullptr && a->vararg->annotation != nullptr) ||
           (a->kwarg != nullptr && a->kwarg->annotation != nullptr);
}

}  // namespace

// A new annotation scope (3.14, CPython's AnnotationBlock), keyed on annotation_key: a function
// of `.format`, which the compiler makes an `__annotate__` of, and which in a class body reads
// the class namespace through __classdict__.
void Symtable::enter_annotation_block(const void* key, const ast::Pos& pos, bool sees_class) {
    enter_block("__annotate__", BlockType::Function, key, pos);
    add_def(".format", DEF_PARAM, pos);
    add_def(".format", USE, pos);
    if (sees_class) {
        cur_->can_see_class_scope = true;
        add_def("__classdict__", USE, pos);
    }
}

// symtable_visit_annotations, 3.14: a function's annotations go into a scope of their own.
// Under `from __future__ import annotations` the scope only returns strings: no names in it.
void Symtable::visit_annotation_scope(const ast::Stmt* def) {
    if (!has_annotations(def)) return;
    const bool sees_class = cur_->type == BlockType::Class || cur_->can_see_class_scope;
    enter_annotation_block(annotation_key(def), def->pos, sees_class && !annotations_.strings);
    if (!annotations_.strings) visit_annotations(def->args, def->value);
    exit_block();
}

// symtable_visit_annotation, 3.14: an annotated assignment's annotation is not evaluated in a
// function; in a module or class it goes into the scope's one annotation block, which a class's
// can see the class from. A module's annotations are all conditional (as Pyodide 3.14.2
// compiles them), a class's when under a loop, if, with or try.
void Symtable::visit_annassign_annotation(const ast::Stmt* s) {
    SymtableEntry* scope = cur_;
    if (scope->type == BlockType::Function) return;
    if ((scope->type == BlockType::Module || scope->in_conditional_block > 0) && !scope->has_conditional_annotations) {
        scope->has_conditional_annotations = true;
        add_def("__conditional_annotations__", USE, s->test->pos);
    }
    if (annotations_.strings) return;  // stored as strings as the body runs: no annotation scope
    if (scope->annotation_block == nullptr) {
        const void* key = scope == top_ ? module_annotation_key() : annotation_key(class_stmt_);
        enter_annotation_block(key, s->test->pos, scope->type == BlockType::Class);
        scope->annotation_block = cur_;
    } else {
        enter_existing_block(scope->annotation_block);
    }
    if (scope->has_conditional_annotations) add_def("__conditional_annotations__", USE, s->test->pos);
    visit_expr(s->test);
    exit_block();
}

void Symtable::visit_params(const std::vector<ast::Arg>& params) {
    for (const ast::Arg& p : params) add_def(p.arg, DEF_PARAM, p.pos);
}

void Symtable::visit_arguments(const ast::Arguments* a) {
    if (a == nullptr) return;
    visit_params(a->posonlyargs);
    visit_params(a->args);
    visit_params(a->kwonlyargs);
    if (a->vararg != nullptr) add_def(a->vararg->arg, DEF_PARAM, a->vararg->pos);
    if (a->kwarg != nullptr) add_def(a->kwarg->arg, DEF_PARAM, a->kwarg->pos);
}

void Symtable::visit_global_or_nonlocal(const ast::Stmt* s, bool global) {
    const char* what = global ? "global" : "nonlocal";
    for (const std::string& name : s->identifiers) {
        const int cur = cur_->flags_of(mangle(private_, name));
        if (profile_.major == 2) {
            // 2.7 only warns about a use or assignment before `global`; a parameter is an error,
            // reported at the function (analyze_name).
            if (cur & DEF_PARAM) {
                error(cur_->pos, "name '" + name + "' is local and global");
                return;
            }
        } else if (cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT)) {
            std::string msg;
            if (cur & DEF_PARAM)
                msg = "name '" + name + "' is parameter and " + what;
            else if (cur & USE)
                msg = "name '" + name + "' is used prior to " + what + " declaration";
            else if (cur & DEF_ANNOT)
                msg = "annotated name '" + name + "' can't be " + what;
            else
                msg = "name '" + name + "' is assigned to before " + what + " declaration";
            error(s->pos, msg);
            return;
        }
        add_def(name, global ? DEF_GLOBAL : DEF_NONLOCAL, s->pos);
        directives_[cur_].emplace(mangle(private_, name), s->pos);
    }
}

void Symtable::visit_stmt(const ast::Stmt* s) {
    if (failed_ || !enter_recursion(s->pos)) return;
    ++depth_;
    using K = ast::StmtKind;
    switch (s->kind) {
        case K::FunctionDef: {
            add_def(s->name, DEF_LOCAL, s->pos);
            visit_defaults(s->args);
            if (annotations_.pep649) {
                visit_exprs(s->decorator_list);
                visit_annotation_scope(s);
            } else {
                if (profile_.major >= 3 && !annotations_.unvisited) visit_annotations(s->args, s->value);
                visit_exprs(s->decorator_list);
            }
            enter_block(s->name, BlockType::Function, s, s->pos);
            visit_arguments(s->args);
            visit_stmts(s->body);
            exit_block();
            break;
        }
        case K::ClassDef: {
            add_def(s->name, DEF_LOCAL, s->pos);
            visit_exprs(s->targets);
            for (const ast::Keyword& k : s->keywords) visit_expr(k.value);
            visit_exprs(s->decorator_list);
            enter_block(s->name, BlockType::Class, s, s->pos);
            std::string saved = std::exchange(private_, s->name);
            const ast::Stmt* saved_class = std::exchange(class_stmt_, s);
            visit_stmts(s->body);
            class_stmt_ = saved_class;
            private_ = std::move(saved);
            exit_block();
            break;
        }
        case K::Return:
            if (s->value != nullptr) {
                visit_expr(s->value);
                cur_->returns_value = true;
                if (profile_.major == 2 && cur_->generator) error(s->pos, "'return' with argument inside generator");
            }
            break;
        case K::Delete: visit_exprs(s->targets); break;
        case K::Assign:
            visit_exprs(s->targets);
            visit_expr(s->value);
            break;
        case K::AnnAssign: {
            const ast::Expr* target = s->targets[0];
            if (target->kind == ast::ExprKind::Name) {
                const int cur = cur_->flags_of(mangle(private_, target->id));
                if ((cur & (DEF_GLOBAL | DEF_NONLOCAL)) && cur_ != top_ && s->simple) {
                    error(s->pos, "annotated name '" + target->id + "' can't be " +
                                      ((cur & DEF_GLOBAL) ? "global" : "nonlocal"));
                    break;
                }
                if (s->simple)
                    add_def(target->id, DEF_ANNOT | DEF_LOCAL, target->pos);
                else if (s->value != nullptr)
                    add_def(target->id, DEF_LOCAL, target->pos);
            } else {
                visit_expr(target);
            }
            if (annotations_.pep649)
                visit_annassign_annotation(s);
            else if (!annotations_.unvisited)
                visit_expr(s->test);
            if (s->value != nullptr) visit_expr(s->value);
            break;
        }
        case K::AugAssign:
            visit_expr(s->targets[0]);
            visit_expr(s->value);
            break;
        case K::For:
            visit_expr(s->targets[0]);
            visit_expr(s->value);
            ++cur_->in_conditional_block;
            visit_stmts(s->body);
            visit_stmts(s->orelse);
            --cur_->in_conditional_block;
            break;
        case K::While:
        case K::If:
            visit_expr(s->test);
            ++cur_->in_conditional_block;
            visit_stmts(s->body);
            visit_stmts(s->orelse);
            --cur_->in_conditional_block;
            break;
        case K::With:
            ++cur_->in_conditional_block;
            for (const ast::WithItem& item : s->items) {
                visit_expr(item.context_expr);
                if (item.optional_vars != nullptr) visit_expr(item.optional_vars);
            }
            visit_stmts(s->body);
            --cur_->in_conditional_block;
            break;
        case K::Raise:
            if (s->value != nullptr) visit_expr(s->value);
            if (s->test != nullptr) visit_expr(s->test);
            break;
        case K::Try:
            ++cur_->in_conditional_block;
            visit_stmts(s->body);
            visit_stmts(s->orelse);
            for (const ast::ExceptHandler& h : s->handlers) {
                if (h.type != nullptr) visit_expr(h.type);
                if (!h.name.empty()) add_def(h.name, DEF_LOCAL, h.pos);
                visit_stmts(h.body);
            }
            visit_stmts(s->finalbody);
            --cur_->in_conditional_block;
            break;
        case K::Assert:
            visit_expr(s->test);
            if (s->value != nullptr) visit_expr(s->value);
            break;
        case K::Import:
        case K::ImportFrom:
            for (const ast::Alias& a : s->names) {
                const std::string& bound = a.asname.empty() ? a.name : a.asname;
                if (bound == "*") {
                    // 2.7 compiles `import *` in a function (unoptimized) with a warning; the
                    // compiler turns it into an UNSUPPORTED instruction there.
                    if (cur_->type != BlockType::Module && profile_.major >= 3) {
                        error(profile_.at_least(3, 10) ? a.pos : cur_->pos, "import * only allowed at module level");
                    }
                    continue;
                }
                add_def(bound.substr(0, bound.find('.')), DEF_IMPORT, a.pos);
            }
            break;
        case K::Global: visit_global_or_nonlocal(s, true); break;
        case K::Nonlocal: visit_global_or_nonlocal(s, false); break;
        case K::Expr: visit_expr(s->value); break;
        case K::Pass:
        case K::Break:
        case K::Continue: break;
        case K::Print27:
            visit_exprs(s->targets);
            if (s->value != nullptr) visit_expr(s->value);
            break;
    }
    --depth_;
}

// A comprehension's own block: the outermost iterable is evaluated outside it (and passed in
// as the implicit parameter `.0`); everything else is inside.
void Symtable::visit_comprehension(const ast::Expr* e, const char* scope_name, const ast::Expr* elt,
                                   const ast::Expr* value) {
    const ast::Comprehension& outermost = e->generators[0];
    ++cur_->comp_iter_expr;
    visit_expr(outermost.iter);
    --cur_->comp_iter_expr;
    if (failed_) return;
    enter_block(scope_name, BlockType::Function, e, e->pos);
    cur_->comprehension = true;
    const bool is_generator = e->kind == ast::ExprKind::GeneratorExp;
    add_def(".0", DEF_PARAM, e->pos);
    ++cur_->comp_iter_target;
    visit_expr(outermost.target);
    --cur_->comp_iter_target;
    visit_exprs(outermost.ifs);
    for (size_t i = 1; i < e->generators.size(); ++i) {
        const ast::Comprehension& g = e->generators[i];
        ++cur_->comp_iter_target;
        visit_expr(g.target);
        --cur_->comp_iter_target;
        ++cur_->comp_iter_expr;
        visit_expr(g.iter);
        --cur_->comp_iter_expr;
        visit_exprs(g.ifs);
    }
    if (value != nullptr) visit_expr(value);
    visit_expr(elt);
    // 3.8 reports a yield inside a comprehension at the comprehension (3.10 at the yield, in
    // visit_expr; 3.6 accepts it).
    if (cur_->generator && profile_.at_least(3, 8) && !profile_.at_least(3, 10)) {
        const char* what = e->kind == ast::ExprKind::ListComp   ? "list comprehension"
                           : e->kind == ast::ExprKind::SetComp  ? "set comprehension"
                           : e->kind == ast::ExprKind::DictComp ? "dict comprehension"
                                                                : "generator expression";
        error(e->pos, std::string("'yield' inside ") + what);
    }
    cur_->generator = is_generator || cur_->generator;
    exit_block();
}

// 2.7's list comprehension runs in the enclosing scope: its targets bind there.
void Symtable::visit_inline_listcomp27(const ast::Expr* e) {
    visit_expr(e->left);
    for (const ast::Comprehension& g : e->generators) {
        visit_expr(g.target);
        visit_expr(g.iter);
        visit_exprs(g.ifs);
    }
}

// PEP 572: a walrus inside a comprehension binds in the nearest enclosing function (or the
// module), never in the comprehension itself nor in a class.
bool Symtable::extend_namedexpr_scope(const ast::Expr* target) {
    const std::string& name = target->id;
    const std::string mangled = mangle(private_, name);
    std::vector<SymtableEntry*> chain = stack_;
    chain.push_back(cur_);
    for (size_t i = chain.size(); i-- > 0;) {
        SymtableEntry* ste = chain[i];
        if (ste->comprehension) {
            if (ste->flags_of(mangled) & DEF_COMP_ITER) {
                error(target->pos,
                      "assignment expression cannot rebind comprehension iteration variable '" + name + "'");
                return false;
            }
            continue;
        }
        if (ste->type == BlockType::Function) {
            const bool global = (ste->flags_of(mangled) & DEF_GLOBAL) != 0;
            add_def(name, global ? DEF_GLOBAL : DEF_NONLOCAL, target->pos);
            directives_[cur_].emplace(mangled, target->pos);
            add_def_in(ste, name, DEF_LOCAL, target->pos);
            return !failed_;
        }
        if (ste->type == BlockType::Module) {
            add_def(name, DEF_GLOBAL, target->pos);
            directives_[cur_].emplace(mangled, target->pos);
            add_def_in(ste, name, DEF_GLOBAL, target->pos);
            return !failed_;
        }
        error(target->pos, "assignment expression within a comprehension cannot be used in a class body");
        return false;
    }
    return true;
}

void Symtable::visit_namedexpr(const ast::Expr* e) {
    if (cur_->comp_iter_expr > 0) {
        error(e->pos, "assignment expression cannot be used in a comprehension iterable expression");
        return;
    }
    if (cur_->comprehension && !extend_namedexpr_scope(e->left)) return;
    visit_expr(e->right);
    visit_expr(e->left);
}

void Symtable::visit_expr(const ast::Expr* e) {
    if (failed_ || !enter_recursion(e->pos)) return;
    ++depth_;
    using K = ast::ExprKind;
    switch (e->kind) {
        case K::BoolOp: visit_exprs(e->values); break;
        case K::NamedExpr: visit_namedexpr(e); break;
        case K::BinOp:
            visit_expr(e->left);
            visit_expr(e->right);
            break;
        case K::UnaryOp: visit_expr(e->left); break;
        case K::Lambda:
            visit_defaults(e->args);
            enter_block("lambda", BlockType::Function, e, e->pos);
            cur_->lambda = true;
            visit_arguments(e->args);
            visit_expr(e->left);
            exit_block();
            break;
        case K::IfExp:
            visit_expr(e->test);
            visit_expr(e->left);
            visit_expr(e->right);
            break;
        case K::Dict:
            visit_exprs(e->keys);
            visit_exprs(e->values);
            break;
        case K::Set: visit_exprs(e->elts); break;
        case K::GeneratorExp: visit_comprehension(e, "genexpr", e->left, nullptr); break;
        case K::ListComp:
            if (profile_.major == 2)
                visit_inline_listcomp27(e);
            else
                visit_comprehension(e, "listcomp", e->left, nullptr);
            break;
        case K::SetComp: visit_comprehension(e, "setcomp", e->left, nullptr); break;
        case K::DictComp: visit_comprehension(e, "dictcomp", e->left, e->right); break;
        case K::Await: visit_expr(e->left); break;  // the compiler reports it (no async def here)
        case K::Yield:
        case K::YieldFrom:
            if (e->left != nullptr) visit_expr(e->left);
            if (cur_->comprehension && profile_.at_least(3, 10)) {
                const char* what = cur_->name == "listcomp"   ? "list comprehension"
                                   : cur_->name == "setcomp"  ? "set comprehension"
                                   : cur_->name == "dictcomp" ? "dict comprehension"
                                                              : "generator expression";
                error(e->pos, std::string("'yield' inside ") + what);
                break;
            }
            cur_->generator = true;
            if (profile_.major == 2 && cur_->returns_value) error(e->pos, "'return' with argument inside generator");
            break;
        case K::Compare:
            visit_expr(e->left);
            visit_exprs(e->values);
            break;
        case K::Call:
            visit_expr(e->left);
            visit_exprs(e->elts);
            for (const ast::Keyword& k : e->keywords) visit_expr(k.value);
            break;
        case K::FormattedValue:
            visit_expr(e->left);
            if (e->right != nullptr) visit_expr(e->right);
            break;
        case K::JoinedStr: visit_exprs(e->values); break;
        case K::Constant: break;
        case K::Attribute: visit_expr(e->left); break;
        case K::Subscript:
            visit_expr(e->left);
            visit_expr(e->right);
            break;
        case K::Starred: visit_expr(e->left); break;
        case K::Slice:
            if (e->left != nullptr) visit_expr(e->left);
            if (e->right != nullptr) visit_expr(e->right);
            if (e->test != nullptr) visit_expr(e->test);
            break;
        case K::Name:
            add_def(e->id, e->ctx == ast::ExprContext::Load ? USE : DEF_LOCAL, e->pos);
            // A function that says super() gets __class__ as a free variable (3.x).
            if (e->ctx == ast::ExprContext::Load && profile_.major >= 3 && cur_->type == BlockType::Function &&
                e->id == "super")
                add_def("__class__", USE, e->pos);
            break;
        case K::List:
        case K::Tuple: visit_exprs(e->elts); break;
    }
    --depth_;
}

// ==== the analysis ============================================================================
// analyze_block walks the tree top-down with three sets: `bound` (names bound in enclosing
// function scopes), `global` (names known global) and, coming back up, `free` (names nested
// blocks need from outside). Class scopes do not bind for their nested blocks.

namespace {

bool contains(const std::unordered_set<std::string>* s, const std::string& name) {
    return s != nullptr && s->count(name) != 0;
}

}  // namespace

bool Symtable::analyze_name(SymtableEntry* ste, std::unordered_map<std::string, Scope>& scopes, const std::string& name,
                            int flags, NameSet* bound, NameSet& local, NameSet& free, NameSet& global,
                            const SymtableEntry* class_entry) {
    auto directive = [&]() {
        auto d = directives_.find(ste);
        if (d != directives_.end()) {
            auto it = d->second.find(name);
            if (it != d->second.end()) return it->second;
        }
        return ste->pos;
    };
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL) {
            error(directive(), "name '" + name + "' is nonlocal and global");
            return false;
        }
        scopes[name] = Scope::GlobalExplicit;
        global.insert(name);
        if (bound != nullptr) bound->erase(name);
        return true;
    }
    if (flags & DEF_NONLOCAL) {
        if (bound == nullptr) {
            error(directive(), "nonlocal declaration not allowed at module level");
            return false;
        }
        if (!contains(bound, name)) {
            error(directive(), "no binding for nonlocal '" + name + "' found");
            return false;
        }
        scopes[name] = Scope::Free;
        ste->has_free = true;
        free.insert(name);
        return true;
    }
    if (flags & DEF_BOUND) {
        scopes[name] = Scope::Local;
        local.insert(name);
        global.erase(name);
        return true;
    }
    // An annotation scope that sees a class: a name the class binds (or declares global) is
    // looked up in the class namespace, then the globals, not in an enclosing function.
    if (class_entry != nullptr) {
        const int class_flags = class_entry->flags_of(name);
        if (class_flags & DEF_GLOBAL) {
            scopes[name] = Scope::GlobalExplicit;
            return true;
        }
        if ((class_flags & DEF_BOUND) && !(class_flags & DEF_NONLOCAL)) {
            scopes[name] = Scope::GlobalImplicit;
            return true;
        }
    }
    // Implicit: free if an enclosing function binds it, else global.
    if (contains(bound, name)) {
        scopes[name] = Scope::Free;
        ste->has_free = true;
        free.insert(name);
        return true;
    }
    if (global.count(name) == 0 && ste->nested) ste->has_free = true;
    scopes[name] = Scope::GlobalImplicit;
    return true;
}

bool Symtable::analyze_block(SymtableEntry* ste, NameSet* bound, NameSet& free, NameSet& global,
                             const SymtableEntry* class_entry) {
    std::unordered_map<std::string, Scope> scopes;
    NameSet local, newglobal, newfree, newbound;
    if (ste->type == BlockType::Class) {
        newglobal = global;
        if (bound != nullptr) newbound = *bound;
    }
    for (const std::string& name : ste->symbol_order) {
        if (!analyze_name(ste, scopes, name, ste->symbols[name].flags, bound, local, free, global, class_entry))
            return false;
    }
    if (ste->type != BlockType::Class) {
        if (ste->type == BlockType::Function) newbound.insert(local.begin(), local.end());
        if (bound != nullptr) newbound.insert(bound->begin(), bound->end());
        newglobal.insert(global.begin(), global.end());
    } else {
        newbound.insert("__class__");  // the implicit cells methods and annotation scopes refer to
        if (annotations_.pep649) newbound.insert({"__classdict__", "__conditional_annotations__"});
    }
    NameSet allfree;
    std::vector<NameSet> child_frees(ste->children.size());
    for (size_t i = 0; i < ste->children.size(); ++i) {
        SymtableEntry* child = ste->children[i];
        NameSet child_bound = newbound, child_global = newglobal;
        const SymtableEntry* child_class = !child->can_see_class_scope ? nullptr
                                           : ste->type == BlockType::Class ? ste
                                                                           : class_entry;
        if (!analyze_block(child, &child_bound, child_frees[i], child_global, child_class)) return false;
    }
    NameSet inlined_cells;  // the inlined comprehensions' own names that are cells
    for (size_t i = 0; i < ste->children.size(); ++i) {
        SymtableEntry* child = ste->children[i];
        if (profile_.at_least(3, 12) && child->comprehension && child->name != "genexpr") {
            inline_comprehension(ste, child, scopes, child_frees[i]);
            child->comp_inlined = true;
            for (const auto& [name, sym] : child->symbols)
                if (comprehension_binds(sym.flags) && sym.scope == Scope::Cell) inlined_cells.insert(name);
        }
        allfree.insert(child_frees[i].begin(), child_frees[i].end());
        if (child->has_free || child->child_free) ste->child_free = true;
    }
    newfree.insert(allfree.begin(), allfree.end());
    if (ste->type == BlockType::Function) {
        // analyze_cells: a local that a nested block needs, or that an inlined comprehension
        // makes a cell of, becomes a cell.
        for (auto& [name, scope] : scopes) {
            if (scope == Scope::Local && (newfree.count(name) != 0 || inlined_cells.count(name) != 0)) {
                scope = Scope::Cell;
                newfree.erase(name);
            }
        }
    } else if (ste->type == BlockType::Class) {
        // drop_class_free
        if (newfree.erase("__class__") != 0) ste->needs_class_closure = true;
        if (newfree.erase("__classdict__") != 0) ste->needs_classdict = true;
        if (newfree.erase("__conditional_annotations__") != 0) ste->has_conditional_annotations = true;
    }
    // update_symbols: record the scopes, then the free names nested blocks pass through here.
    for (auto& [name, sym] : ste->symbols) {
        sym.scope = scopes[name];
        if (inlined_cells.count(name) != 0) sym.flags |= DEF_COMP_CELL;
    }
    for (const std::string& name : newfree) {
        auto it = ste->symbols.find(name);
        if (it != ste->symbols.end()) {
            if (ste->type == BlockType::Class && (it->second.flags & (DEF_BOUND | DEF_GLOBAL)))
                it->second.flags |= DEF_FREE_CLASS;
            continue;  // a cell, or already free here
        }
        if (bound != nullptr && bound->count(name) == 0) continue;  // a global
        ste->symbol_order.push_back(name);
        ste->symbols[name] = Symbol{0, Scope::Free};
    }
    free.insert(newfree.begin(), newfree.end());
    return true;
}

void Symtable::inline_comprehension(SymtableEntry* parent, SymtableEntry* comp,
                                    std::unordered_map<std::string, Scope>& scopes, NameSet& child_free) {
    for (const std::string& name : comp->symbol_order) {
        const Symbol& sym = comp->symbols[name];
        if ((sym.flags & DEF_PARAM) != 0) continue;  // `.0`
        auto existing = parent->symbols.find(name);
        if (existing == parent->symbols.end()) {
            parent->symbol_order.push_back(name);
            parent->symbols[name] = Symbol{sym.flags, Scope::Unknown};
            scopes[name] = sym.scope;
            continue;
        }
        // A name of the parent's the comprehension used freely is now used right here (a class
        // body's names are not the comprehension's to use).
        if ((existing->second.flags & DEF_BOUND) != 0 && parent->type != BlockType::Class) {
            bool free_below = false;
            for (const SymtableEntry* c : comp->children) free_below = free_below || c->scope_of(name) == Scope::Free;
            if (!free_below) child_free.erase(name);
        }
    }
}

bool Symtable::analyze() {
    NameSet free, global;
    return analyze_block(top_, nullptr, free, global, nullptr);
}

}  // namespace pymemlab
