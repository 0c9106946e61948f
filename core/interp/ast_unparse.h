// _PyAST_ExprAsUnicode (Python/ast_unparse.c): an expression's source text as CPython writes it
// back from the AST, for `from __future__ import annotations` (PEP 563), which keeps each
// annotation as that string: operators spaced, parentheses only where precedence needs them,
// constants by their repr.
#pragma once

#include <string>

#include "interp/ast.h"

namespace pymemlab {

class ConstantPool;
class Runtime;

// The text of `e`, into *out. `pool` holds the constants' objects and, when `folded` (3.7-3.9,
// whose AST optimizer folds annotations too), what it folded, written as that constant; from
// 3.10 an infinite float or complex part is written 1e309. false for a form the lab does not
// write back (f-strings, yield, await, :=), or when a repr fails (its error set).
bool unparse_expr(Runtime& rt, const ConstantPool& pool, const ast::Expr* e, bool folded, std::string* out);

}  // namespace pymemlab
