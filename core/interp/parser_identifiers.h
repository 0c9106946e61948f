// The identifiers CPython's parser makes for a module: one str for every identifier the AST
// holds, each interned and added to the AST's arena (Python/ast.c's new_identifier up to 3.8,
// the PEG parser's _PyPegen_new_identifier from 3.9), so that while the arena lives (a script
// runs with it: CompileOptions::arena) every occurrence holds one reference to its name.
#pragma once

#include <string_view>
#include <vector>

#include "interp/ast.h"

namespace pymemlab {

struct Profile;

struct ParserIdentifier {
    ast::Pos pos;           // where it stands, for ordering it among the literals
    std::string_view text;  // borrowed from the AST
};

// In the order the walk meets them (callers sort by position). Up to 3.8 these are exactly
// ast.c's: a Name (2.7: None, True and False too), an attribute, a def's or a class's name (3.x:
// twice for a class with a base or keyword list, whose name ast_for_classdef also makes for a
// dummy call), every parameter, a call's or class's keyword, global and nonlocal names, an except
// clause's name, an imported name and its `as` name (a dotted name as the one joined str,
// `a.b.c`, none for its parts), a from-import's module and `*`. From 3.9 the PEG parser makes an
// identifier again each time it retries a token (backtracking), which these do not count:
// tests/cpydiff/peg_parser_identifier_refs.md.
std::vector<ParserIdentifier> parser_identifiers(const std::vector<ast::Stmt*>& body, const Profile& profile);

// The name a Constant node is to the profile's parser: 2.7's None, True and False are names
// (identifiers, not literals); empty for every other constant.
std::string_view constant_as_name(const ast::Expr* e, const Profile& profile);

}  // namespace pymemlab
