// walk_stmts: a module's statements and every expression they reach, for the passes that look
// at the whole tree before compiling it (the parser's objects: const_pool.cpp,
// parser_identifiers.cpp).
#pragma once

#include <functional>
#include <vector>

#include "interp/ast.h"

namespace pymemlab::ast {

// Calls on_stmt on every statement and on_expr on every expression, parents before children, in
// field order (source order for all but a few kinds: callers that need source order sort by
// position). on_expr returns false to skip an expression's children. on_stmt may be empty.
void walk_stmts(const std::vector<Stmt*>& body, const std::function<bool(const Expr*)>& on_expr,
                const std::function<void(const Stmt*)>& on_stmt = {});

}  // namespace pymemlab::ast
