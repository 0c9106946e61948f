// ConstantPool: the constant objects of one compilation — the objects the parser makes for the
// literals and identifiers (CPython's AST arena, freed when compilation ends), the results of the AST optimizer
// (Python/ast_opt.c, 3.7+), the compilation-wide constant cache that makes equal constants one
// object across code objects (3.8+), constant keys (_PyCode_ConstantKey) and the folding
// primitives the peephole optimizers of 2.7 and 3.6 use too. const_fold.cpp holds the folding.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interp/ast.h"
#include "interp/syntax_error.h"
#include "object/abstract.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;

// The size limits a folding result must respect (ast_opt.c's safe_multiply, safe_power,
// safe_lshift; 3.6's peephole.c carries the same checks with smaller collections).
struct FoldLimits {
    int64_t max_int_bits;     // MAX_INT_SIZE
    int64_t max_collection;   // MAX_COLLECTION_SIZE
    int64_t max_str;          // MAX_STR_SIZE
    int64_t max_total_items;  // MAX_TOTAL_ITEMS
    bool size_20_rule;        // 2.7: no safe_* checks, but a result with len() > 20 is dropped
    bool fold_mod_of_str;     // 3.7+ refuses str % x (safe_mod)
};
constexpr FoldLimits kAstOptLimits{128, 256, 4096, 1024, false, false};
constexpr FoldLimits kPeephole36Limits{128, 20, 20, 1024, false, true};
// 2.7 folds ints of any size; the lab stops at this many bits so that `2**10**8` cannot hang
// the compiler (a documented difference).
constexpr FoldLimits kPeephole27Limits{1 << 16, 0, 0, 0, true, true};
constexpr int64_t kPeephole27MaxSize = 20;

class ConstantPool {
public:
    explicit ConstantPool(Runtime& rt) : rt_(rt) {}
    ~ConstantPool();
    ConstantPool(const ConstantPool&) = delete;
    ConstantPool& operator=(const ConstantPool&) = delete;

    // The parser's objects: one for every literal and a reference to the interned str of every
    // identifier (parser_identifiers.h), made in source order and kept until the compilation
    // ends (or the code has run: hand_over_arena). 2.7's parser also makes `-5` one literal.
    // false with *err filled (a literal the lab cannot represent, or MemoryError).
    bool make_literals(const std::vector<ast::Stmt*>& body, SyntaxErrorInfo* err);
    // The AST optimizer (3.7+): folds constant expressions bottom-up, recording the results.
    // Never fails: a fold that raises is left undone. `optimize` is sys.flags.optimize (0).
    void fold_ast(const std::vector<ast::Stmt*>& body);

    // The constant an expression is (a literal) or was folded into; borrowed, or nullptr.
    PyObject* value_of(const ast::Expr* e) const {
        auto it = value_.find(e);
        return it == value_.end() ? nullptr : it->second;
    }
    // fold_iter turned this list display into a tuple display (`for x in [a, b]`).
    bool list_is_tuple(const ast::Expr* e) const { return list_as_tuple_.count(e) != 0; }
    // fold_unaryop turned `not (a is b)` into `a is not b`: compile the Compare inverted.
    bool inverts_compare(const ast::Expr* e) const { return inverted_not_.count(e) != 0; }
    bool out_of_memory() const { return oom_; }
    // Moves the arena's references to `out` (CompileOptions::arena): the caller releases them.
    void hand_over_arena(std::vector<PyObject*>* out) {
        out->insert(out->end(), arena_.begin(), arena_.end());
        arena_.clear();
    }

    // _PyCode_ConstantKey as host text: equal for constants the compiler may share (same type
    // and value; 0.0 and -0.0 differ; tuples and frozensets by their items' keys).
    std::string key(const PyObject* o) const;
    // merge_consts_recursive (3.8+): the one object of o's key in this compilation, o's items
    // merged too. Steals o; returns a new reference, or nullptr on MemoryError.
    PyObject* merge(PyObject* o);
    // merge_const_tuple / merge_const_one (3.8+): a code object's tuple (co_consts, co_names,
    // and up to 3.10 co_varnames, co_cellvars, co_freevars) as one constant, its items as they
    // are. Steals t; returns a new reference (the cached equal tuple, or t, now cached).
    PyObject* merge_tuple(PyObject* t);

    // ---- folding primitives (const_fold.cpp): new references, or nullptr (error cleared) ----
    PyObject* fold_binop(ast::Operator op, PyObject* a, PyObject* b, const FoldLimits& limits);
    PyObject* fold_unaryop(ast::UnaryOp op, PyObject* v);
    PyObject* fold_subscript(PyObject* container, PyObject* index);
    PyObject* make_tuple(const std::vector<PyObject*>& items);  // items borrowed
    // frozenset(tuple(items)), with the temporary tuple CPython builds.
    PyObject* make_frozenset(const std::vector<PyObject*>& items);

private:
    Runtime& rt_;
    std::vector<PyObject*> arena_;  // owned; released last-in first-out, as a list dealloc does
    std::unordered_map<const ast::Expr*, PyObject*> value_;
    std::unordered_set<const ast::Expr*> list_as_tuple_;
    std::unordered_set<const ast::Expr*> inverted_not_;
    // The constant cache (c_const_cache): each object once by its key; released in the order it
    // was added, as CPython's dict releases its values (the keys hold host addresses, so the
    // map's own order would follow the host's memory layout).
    std::unordered_map<std::string, PyObject*> cache_;
    std::vector<PyObject*> cache_order_;  // owned
    bool oom_ = false;

    PyObject* literal_object(const ast::Expr* e, bool negate, SyntaxErrorInfo* err);
    PyObject* identifier_object(std::string_view text, SyntaxErrorInfo* err);  // interned; new reference
    void keep(const ast::Expr* e, PyObject* o);  // takes o into the arena as e's value
    void no_memory(SyntaxErrorInfo* err);
    void fold_stmt(const ast::Stmt* s);
    void fold_stmts(const std::vector<ast::Stmt*>& body);
    void fold_expr(const ast::Expr* e);
    void fold_iter(const ast::Expr* e);
    void fold_arguments(const ast::Arguments* a);
    bool safe_to_fold(ast::Operator op, PyObject* a, PyObject* b, const FoldLimits& limits) const;
    int64_t complexity_left(PyObject* o, int64_t limit) const;
};

// Helpers on constant objects the compiler and the folding share.
bool const_is_int(const Runtime& rt, const PyObject* o);       // int or bool
int64_t const_int_bits(const Runtime& rt, const PyObject* o);  // _PyLong_NumBits
bool const_is_str(const Runtime& rt, const PyObject* o);
int64_t const_length(const Runtime& rt, const PyObject* o);  // str/bytes/tuple/frozenset, else -1
int const_truth(Runtime& rt, PyObject* o);                   // 1, 0, or -1 when unknown

}  // namespace pymemlab
