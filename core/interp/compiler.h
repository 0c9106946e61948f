// The compiler (Python/compile.c): turns a parsed module, or one statement typed at the
// interactive prompt, into code objects (code_object.h) holding the instructions of opcode.h,
// with CPython's constants, names, scopes and folding for the chosen profile, so that `is`,
// id() and sys.getrefcount see what they see in CPython. Read compiler_internal.h next.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interp/ast.h"
#include "interp/syntax_error.h"
#include "object/object.h"
#include "profile/profile.h"

namespace pymemlab {

class Runtime;

struct CompileOptions {
    const Profile* profile;  // profile/profile.h: major/minor decide per-version behaviour
    std::string filename = "<snippet>";
    // The str object for filename every code object made holds, when the caller has one
    // (exec's shared '<string>': str_anon_string); borrowed. Null: the compiler makes its own.
    PyObject* filename_object = nullptr;
    bool interactive = false;  // REPL 'single' mode: expression statements end in PRINT_EXPR
    bool eval_input = false;   // eval()'s 'eval' mode: the module is one expression, whose value the code returns
    // The source text, when the caller has it: a SyntaxError found here then carries the
    // offending line in SyntaxErrorInfo::text, as CPython's does.
    std::string_view source = {};
    // Where the compiler's SyntaxWarnings go (3.8+: `x is 1`, `1()`, ...), when the caller
    // shows them; compile_warnings.cpp.
    std::vector<struct CompileWarning>* warnings = nullptr;
    // Where the parser's objects go when the compilation succeeds (ConstantPool: each literal,
    // each identifier's occurrence and each folded constant, with one reference), when the caller
    // runs the code before releasing them: CPython frees the AST's arena after running the module
    // (pyrun_file, exec, each REPL statement), so while a script runs every literal has that one
    // reference more (`a = 1000; sys.getrefcount(a)` is 4), and a name one for each time the
    // source spells it (`def foo(): pass` holds one on 'foo'). The caller releases them last-in first-out
    // (release_arena). Null: released when the compilation ends.
    std::vector<PyObject*>* arena = nullptr;
};

// Releases what CompileOptions::arena collected, as _PyArena_Free does (its list's items, last
// first), and empties it.
void release_arena(Runtime& rt, std::vector<PyObject*>* arena);

struct CompileWarning {
    int line = 0;
    std::string message;  // without "SyntaxWarning: "
};

// A new reference to the module's code object, or nullptr with *err filled for a compile-time
// SyntaxError. On an allocation failure (MemoryError) it returns nullptr with err->type ==
// "MemoryError" and the runtime's error indicator set.
PyObject* compile_module(Runtime& rt, const ast::Module& module, const CompileOptions& options, SyntaxErrorInfo* err);
// Compiles one line typed at CPython's interactive prompt ('single'): one top-level statement, or
// the simple statements one line holds (`a = 1000; b = 1000` is one code object).
PyObject* compile_interactive(Runtime& rt, const std::vector<ast::Stmt*>& stmts, const CompileOptions& options,
                              SyntaxErrorInfo* err);
// A disassembly like dis.dis (for tests and the CLI's --dis): one line per instruction, nested
// code objects after their parent.
std::string disassemble(const Runtime& rt, const PyObject* code);

}  // namespace pymemlab
