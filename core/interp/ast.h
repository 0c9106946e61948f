// The abstract syntax tree the parser builds and the compiler reads: CPython's node kinds and
// field names (Parser/Python.asdl), held in host memory, not in the modelled heap. A Module
// owns every node of one parse; nodes point at each other with plain pointers into it.
// Read parser.h for how a tree is made and compiler.h for how it becomes code objects.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace pymemlab::ast {

// Positions as CPython reports them: lines from 1, columns from 0 in UTF-8 bytes (col_offset);
// SyntaxError's printed offset is col + 1.
struct Pos {
    int line = 0;
    int col = 0;
    int end_line = 0;
    int end_col = 0;
};

struct Expr;
struct Stmt;

enum class ExprContext : uint8_t { Load, Store, Del };

enum class ConstKind : uint8_t { None, True, False, Ellipsis, Int, Float, Complex, Str, Bytes };

// A literal. Int holds the value's decimal digits with an optional leading '-' (literals are
// never negative, but constant folding makes them so) — arbitrary precision, converted by the
// compiler. Float and Complex (the imaginary part) hold the double; Str holds UTF-8 (surrogates
// as CESU-style WTF-8), Bytes the raw bytes.
struct Constant {
    ConstKind kind = ConstKind::None;
    std::string text;
    double number = 0;
    bool long27 = false;  // 2.7's 5L: a long even where the value fits an int
};

enum class Operator : uint8_t { Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv };
enum class UnaryOp : uint8_t { Invert, Not, UAdd, USub };
enum class BoolOp : uint8_t { And, Or };
enum class CmpOp : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

struct Keyword {
    std::string arg;  // empty for **mapping
    Expr* value = nullptr;
    Pos pos;
};

struct Arg {
    std::string arg;
    Expr* annotation = nullptr;
    Pos pos;
};

// Function parameters (ast.arguments): posonlyargs / args / vararg / kwonlyargs / kwarg, with
// defaults for the last len(defaults) of posonlyargs+args and kw_defaults per kwonly arg (null
// where there is none).
struct Arguments {
    std::vector<Arg> posonlyargs;
    std::vector<Arg> args;
    Arg* vararg = nullptr;
    std::vector<Arg> kwonlyargs;
    std::vector<Expr*> kw_defaults;
    Arg* kwarg = nullptr;
    std::vector<Expr*> defaults;
};

struct Comprehension {
    Expr* target = nullptr;
    Expr* iter = nullptr;
    std::vector<Expr*> ifs;
    bool is_async = false;
};

enum class ExprKind : uint8_t {
    BoolOp,         // op, values
    NamedExpr,      // target (Name), value
    BinOp,          // left, op, right
    UnaryOp,        // unary, operand (in `left`)
    Lambda,         // args, body (in `left`)
    IfExp,          // test, body (left), orelse (right)
    Dict,           // keys (null key = **unpacking), values
    Set,            // elts
    ListComp,       // elt (left), generators
    SetComp,        // elt (left), generators
    DictComp,       // key (left), value (right), generators
    GeneratorExp,   // elt (left), generators
    Await,          // value (left)
    Yield,          // value (left, may be null)
    YieldFrom,      // value (left)
    Compare,        // left, ops, comparators (values)
    Call,           // func (left), args (elts), keywords
    FormattedValue, // value (left), conversion ('s', 'r', 'a' or 0), format_spec (right, JoinedStr or null)
    JoinedStr,      // values (Constant Str and FormattedValue)
    Constant,       // constant
    Attribute,      // value (left), attr (id), ctx
    Subscript,      // value (left), slice (right), ctx
    Starred,        // value (left), ctx
    Name,           // id, ctx
    List,           // elts, ctx
    Tuple,          // elts, ctx
    Slice,          // lower (left), upper (right), step (test) — each may be null
};

// One node type for every expression; which fields are used depends on kind (see ExprKind).
struct Expr {
    ExprKind kind;
    Pos pos;
    ExprContext ctx = ExprContext::Load;
    Operator op = Operator::Add;
    UnaryOp unary = UnaryOp::Not;
    BoolOp boolop = BoolOp::And;
    int conversion = 0;
    Expr* left = nullptr;
    Expr* right = nullptr;
    Expr* test = nullptr;
    std::string id;  // Name.id, Attribute.attr
    Constant constant;
    std::vector<Expr*> elts;    // Set/List/Tuple/Call args
    std::vector<Expr*> keys;    // Dict keys
    std::vector<Expr*> values;  // Dict values, BoolOp values, Compare comparators, JoinedStr values
    std::vector<CmpOp> ops;     // Compare
    std::vector<Keyword> keywords;
    std::vector<Comprehension> generators;
    Arguments* args = nullptr;  // Lambda
};

struct ExceptHandler {
    Expr* type = nullptr;  // null for a bare `except:`
    std::string name;      // empty without `as`
    std::vector<Stmt*> body;
    Pos pos;
};

struct WithItem {
    Expr* context_expr = nullptr;
    Expr* optional_vars = nullptr;
};

struct Alias {
    std::string name;    // dotted for `import a.b`
    std::string asname;  // empty without `as`
    Pos pos;
};

enum class StmtKind : uint8_t {
    FunctionDef,  // name, args, body, decorator_list, returns (value)
    ClassDef,     // name, bases (targets), keywords, body, decorator_list
    Return,       // value (may be null)
    Delete,       // targets
    Assign,       // targets (a = b = value: two targets), value
    AugAssign,    // target (targets[0]), op, value
    AnnAssign,    // target (targets[0]), annotation (test), value (may be null), simple
    For,          // target (targets[0]), iter (value), body, orelse
    While,        // test, body, orelse
    If,           // test, body, orelse
    With,         // items, body
    Raise,        // exc (value, may be null), cause (test, may be null); 2.7: value, tb (targets[0])
    Try,          // body, handlers, orelse, finalbody
    Assert,       // test, msg (value, may be null)
    Import,       // names
    ImportFrom,   // module (name), names, level
    Global,       // names (identifiers in `identifiers`)
    Nonlocal,     // identifiers
    Expr,         // value
    Pass,
    Break,
    Continue,
    Print27,      // 2.7's print statement: values (targets), dest (value, `>>f`), nl (simple)
};

struct Stmt {
    StmtKind kind;
    Pos pos;
    std::string name;
    Arguments* args = nullptr;
    std::vector<Stmt*> body;
    std::vector<Stmt*> orelse;
    std::vector<Stmt*> finalbody;
    std::vector<Expr*> decorator_list;
    std::vector<Expr*> targets;
    std::vector<Keyword> keywords;
    Expr* value = nullptr;
    Expr* test = nullptr;
    Operator op = Operator::Add;
    bool simple = false;
    int level = 0;
    std::vector<ExceptHandler> handlers;
    std::vector<WithItem> items;
    std::vector<Alias> names;
    std::vector<std::string> identifiers;
};

// One parse: the module's statements and the storage for every node they reach.
struct Module {
    std::vector<Stmt*> body;

    Expr* new_expr(ExprKind kind, Pos pos) {
        Expr& e = exprs_.emplace_back();
        e.kind = kind;
        e.pos = pos;
        return &e;
    }
    Stmt* new_stmt(StmtKind kind, Pos pos) {
        Stmt& s = stmts_.emplace_back();
        s.kind = kind;
        s.pos = pos;
        return &s;
    }
    Arguments* new_arguments() { return &arguments_.emplace_back(); }
    Arg* new_arg() { return &args_.emplace_back(); }

private:
    // deques: growing them never moves a node, so the pointers above stay valid.
    std::deque<Expr> exprs_;
    std::deque<Stmt> stmts_;
    std::deque<Arguments> arguments_;
    std::deque<Arg> args_;
};

}  // namespace pymemlab::ast
