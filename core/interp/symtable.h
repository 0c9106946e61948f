// The symbol table (Python/symtable.c): a first pass over the AST that makes one entry per scope
// — module, function (lambdas and comprehensions are functions too), class — records how each
// name is used there, then resolves every name to local, global, free or cell, as CPython's
// analyze_block does. The compiler (compiler_internal.h) reads the result; symtable.cpp holds
// the visitor and the analysis, and the compile-time errors CPython reports from this pass.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interp/ast.h"
#include "interp/syntax_error.h"
#include "profile/profile.h"

namespace pymemlab {

// _Py_block_ty. A lambda, a comprehension and a generator expression are FunctionBlocks.
enum class BlockType : uint8_t { Module, Function, Class };

// Symbol flags (Include/internal/pycore_symtable.h): how a name is used in one scope.
constexpr int DEF_GLOBAL = 1;       // `global` statement
constexpr int DEF_LOCAL = 2;        // bound in the block: assignment, def, for target, del, ...
constexpr int DEF_PARAM = 4;        // formal parameter
constexpr int DEF_NONLOCAL = 8;     // `nonlocal` statement
constexpr int USE = 16;             // read
constexpr int DEF_FREE_CLASS = 64;  // a class-scope name that a method uses as a free variable
constexpr int DEF_IMPORT = 128;     // bound by an import
constexpr int DEF_ANNOT = 256;      // annotated (x: int)
constexpr int DEF_COMP_ITER = 512;  // a comprehension's iteration variable
// 3.12+: an inlined comprehension's own name that is a cell there (a closure inside captures it):
// a cell of this block's code too, whatever its scope here (a class body's name, a free or
// global one), for the comprehension to make its fresh cells in.
constexpr int DEF_COMP_CELL = 1024;
constexpr int DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
// A comprehension's own name, which an inlined one sets aside and puts back (3.12+): one it
// binds, but for `.0` and a walrus target (which binds in the enclosing function or module).
inline bool comprehension_binds(int flags) {
    return (flags & DEF_LOCAL) != 0 && (flags & (DEF_PARAM | DEF_NONLOCAL | DEF_GLOBAL)) == 0;
}

// Where a name lives once analysis is done (the SCOPE bits of CPython's flags).
enum class Scope : uint8_t { Unknown, Local, GlobalExplicit, GlobalImplicit, Free, Cell };

struct Symbol {
    int flags = 0;
    Scope scope = Scope::Unknown;
};

// _symtable_entry: one scope. Names are stored mangled (mangle() below), as CPython stores them.
struct SymtableEntry {
    BlockType type = BlockType::Module;
    std::string name;           // "top", the def/class name, "lambda", "listcomp", ...
    const void* key = nullptr;  // the Stmt or Expr that opened the block; null for the module
    ast::Pos pos;               // where the block starts (errors of older versions point here)
    std::unordered_map<std::string, Symbol> symbols;
    std::vector<std::string> symbol_order;  // first-seen order (CPython's dict order)
    std::vector<std::string> varnames;      // the parameters, in order (ste_varnames)
    std::vector<SymtableEntry*> children;
    bool nested = false;               // inside a function, at any depth (CO_NESTED)
    bool generator = false;            // contains yield (CO_GENERATOR)
    bool has_free = false;             // ste_free: has free variables
    bool child_free = false;           // a nested block has free variables
    bool needs_class_closure = false;  // class: a method uses __class__ or super()
    bool comprehension = false;
    // 3.12+ (PEP 709): a list, set or dict comprehension whose code runs inside its parent's:
    // its own names (but `.0`) are the parent's fast locals while it runs, saved and restored
    // around it (its cells: the parent's cells, DEF_COMP_CELL), and the names it uses from the
    // parent are the parent's own (no cell for them).
    bool comp_inlined = false;
    bool returns_value = false;  // 2.7: `return x` seen (illegal with yield)
    bool lambda = false;
    // An annotation scope directly in a class body: the class's names come first, through the
    // class namespace (the __classdict__ cell: LOAD_FROM_DICT_OR_GLOBALS/_OR_DEREF).
    bool can_see_class_scope = false;
    bool needs_classdict = false;  // class: an annotation scope reads its namespace (__classdict__)
    // 3.14, module or class: the scope its annotated assignments' annotations are evaluated in
    // (one for all of them; the compiler makes its __annotate__ at the end of the body). Keyed
    // on annotation_key of the class statement, or of null for the module.
    SymtableEntry* annotation_block = nullptr;
    // 3.14: some annotated assignment may not run (in a module, any: a module can stop part
    // way), so the body records which ran in a set, __conditional_annotations__ (a class's
    // is a cell its __annotate__ reads).
    bool has_conditional_annotations = false;
    int in_conditional_block = 0;  // visiting a loop's, if's, with's or try's body
    int comp_iter_target = 0;  // visiting a comprehension's target (binds DEF_COMP_ITER)
    int comp_iter_expr = 0;    // visiting a comprehension's iterable (no walrus allowed)

    int flags_of(const std::string& mangled) const {
        auto it = symbols.find(mangled);
        return it == symbols.end() ? 0 : it->second.flags;
    }
    Scope scope_of(const std::string& mangled) const {
        auto it = symbols.find(mangled);
        return it == symbols.end() ? Scope::Unknown : it->second.scope;
    }
};

// _Py_Mangle: inside class C, `__spam` becomes `_C__spam` (not dunder names, not dotted names,
// not when the class name is all underscores). `private_name` empty: outside any class.
std::string mangle(std::string_view private_name, const std::string& name);

// The key of a function definition's or class body's annotation scope (3.14): an address no AST
// node has; the module's is module_annotation_key().
inline const void* annotation_key(const ast::Stmt* def) { return reinterpret_cast<const char*>(def) + 1; }
const void* module_annotation_key();
// How a compilation treats annotations. 3.14 evaluates them lazily (PEP 649): a def makes an
// __annotate__ function, a module or class body one for its annotated names, and notes which of
// those ran (__conditional_annotations__). `from __future__ import annotations` (PEP 563, 3.7+)
// makes each the string of its source, a constant, which from 3.10 the symbol table does not look
// into; in 3.14 a def's __annotate__ then returns the strings, and a body stores them in
// __annotations__ as it runs, as before 3.14 (its set of conditional ones stays empty).
struct AnnotationMode {
    bool pep649 = false;     // 3.14: defs' __annotate__, bodies' __conditional_annotations__
    bool strings = false;    // PEP 563
    bool unvisited = false;  // PEP 563 from 3.10
    // A module's or class's own __annotate__ (3.14 without PEP 563).
    bool lazy_bodies() const { return pep649 && !strings; }
};
inline AnnotationMode annotation_mode(const Profile& p, bool future_annotations) {
    const bool strings = future_annotations && p.at_least(3, 7);
    return {p.at_least(3, 14), strings, strings && p.at_least(3, 10)};
}

// Reports a SyntaxError at a node, with the offsets each version prints: none in 2.7, the
// 0-based column in 3.6, column + 1 from 3.8, and the end position from 3.10.
void syntax_error_at(const Profile& profile, SyntaxErrorInfo* err, const ast::Pos& pos, std::string msg);

class Symtable {
public:
    explicit Symtable(const Profile& profile) : profile_(profile) {}
    // Builds the table of a module (or of one interactive statement). false with *err filled
    // with the first error in source order of the passes (visit, then analysis). `nesting`:
    // the statements and expressions it may enter one inside another before RecursionError
    // (object/recursion.h's compiler_nesting_budget), within the lab's own bound.
    bool build(const std::vector<ast::Stmt*>& body, SyntaxErrorInfo* err, int nesting);
    void set_annotation_mode(AnnotationMode mode) { annotations_ = mode; }
    SymtableEntry* top() const { return top_; }
    // The block a FunctionDef/ClassDef statement or a Lambda/comprehension expression opened.
    SymtableEntry* lookup(const void* key) const;

private:
    const Profile& profile_;
    SyntaxErrorInfo* err_ = nullptr;
    bool failed_ = false;
    std::vector<std::unique_ptr<SymtableEntry>> entries_;
    std::unordered_map<const void*, SymtableEntry*> by_key_;
    SymtableEntry* top_ = nullptr;
    SymtableEntry* cur_ = nullptr;
    std::vector<SymtableEntry*> stack_;
    std::string private_;  // st_private: the innermost class name, for mangling
    const ast::Stmt* class_stmt_ = nullptr;  // the innermost class statement being visited
    AnnotationMode annotations_;
    int depth_ = 0;        // recursion guard (the WebAssembly stack is small)
    int max_depth_ = 0;

    // ---- the visitor (symtable.cpp) ----
    void enter_block(std::string name, BlockType type, const void* key, const ast::Pos& pos);
    void enter_existing_block(SymtableEntry* ste);
    void exit_block();
    void add_def(const std::string& name, int flag, const ast::Pos& pos);
    void add_def_in(SymtableEntry* ste, const std::string& name, int flag, const ast::Pos& pos);
    void visit_stmt(const ast::Stmt* s);
    void visit_stmts(const std::vector<ast::Stmt*>& body);
    void visit_expr(const ast::Expr* e);
    void visit_exprs(const std::vector<ast::Expr*>& es);
    void visit_arguments(const ast::Arguments* a);
    void visit_defaults(const ast::Arguments* a);
    void visit_annotations(const ast::Arguments* a, const ast::Expr* returns);
    void enter_annotation_block(const void* key, const ast::Pos& pos, bool sees_class);
    void visit_annotation_scope(const ast::Stmt* def);
    void visit_annassign_annotation(const ast::Stmt* s);
    void visit_params(const std::vector<ast::Arg>& params);
    void visit_comprehension(const ast::Expr* e, const char* scope_name, const ast::Expr* elt, const ast::Expr* value);
    void visit_inline_listcomp27(const ast::Expr* e);
    void visit_namedexpr(const ast::Expr* e);
    bool extend_namedexpr_scope(const ast::Expr* target);
    void visit_global_or_nonlocal(const ast::Stmt* s, bool global);
    void error(const ast::Pos& pos, std::string msg);
    bool enter_recursion(const ast::Pos& pos);

    // ---- the analysis ----
    using NameSet = std::unordered_set<std::string>;
    // Where each block's global/nonlocal directives (and walrus targets) stand: the analysis
    // reports its errors there (error_at_directive).
    std::unordered_map<const SymtableEntry*, std::unordered_map<std::string, ast::Pos>> directives_;
    bool analyze();
    // class_entry: the class an annotation scope can see (can_see_class_scope), else null.
    bool analyze_block(SymtableEntry* ste, NameSet* bound, NameSet& free, NameSet& global,
                       const SymtableEntry* class_entry);
    // inline_comprehension (3.12+): merges an analysed comprehension into its parent's names,
    // `scopes` being the parent's; a name it uses freely that the parent binds leaves `child_free`.
    static void inline_comprehension(SymtableEntry* parent, SymtableEntry* comp,
                                     std::unordered_map<std::string, Scope>& scopes, NameSet& child_free);
    bool analyze_name(SymtableEntry* ste, std::unordered_map<std::string, Scope>& scopes, const std::string& name,
                      int flags, NameSet* bound, NameSet& local, NameSet& free, NameSet& global,
                      const SymtableEntry* class_entry);
};

}  // namespace pymemlab
