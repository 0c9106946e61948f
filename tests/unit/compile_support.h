// Compiling Python source in the unit tests, as the CLI does, without running it.
#pragma once

#include <string>

#include "interp/compiler.h"
#include "interp/parser.h"
#include "object/runtime.h"

namespace pymemlab {

// Parses and compiles `source` under the runtime's profile: the module's code object (a new
// reference), or nullptr with *err set.
inline PyObject* compile_for_test(Runtime& rt, const std::string& source, SyntaxErrorInfo* err,
                                  bool interactive = false) {
    ast::Module module;
    const Profile& p = rt.profile();
    if (!parse_module(source, ParseOptions{p.major, p.minor}, module, err)) return nullptr;
    CompileOptions options{&p};
    options.interactive = interactive;
    options.source = source;
    return compile_module(rt, module, options, err);
}

}  // namespace pymemlab
