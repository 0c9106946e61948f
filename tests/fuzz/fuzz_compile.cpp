// Fuzz target: the compiler (interp/compiler.h) on whatever parses: a module, or (flag bit 0)
// each line as the interactive prompt compiles it. Every tree the parser accepts must compile to
// a code object or end in a SyntaxErrorInfo, with the runtime's refcounts intact.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_input.h"
#include "interp/ast.h"
#include "interp/compiler.h"
#include "interp/parser.h"
#include "object/errors.h"
#include "object/runtime.h"

namespace {

using namespace pymemlab;

// A code object, or an error that names its type; the runtime's error indicator is left clear.
void check_result(Runtime& rt, PyObject* code, const SyntaxErrorInfo& error) {
    if (code != nullptr) {
        rt.decref(code);
    } else if (error.type.empty()) {
        __builtin_trap();
    }
    err_clear(rt);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fuzz::Input input = fuzz::split_input(data, size);
    ast::Module module;
    SyntaxErrorInfo error;
    if (!parse_module(input.source, ParseOptions{input.profile->major, input.profile->minor}, module, &error)) return 0;
    RuntimeOptions runtime_options;
    runtime_options.allocator.heap_limit = 64u << 20;
    Runtime rt(*input.profile, runtime_options);
    CompileOptions options{input.profile};
    options.source = input.source;
    if ((input.flags & 1) == 0) {
        check_result(rt, compile_module(rt, module, options, &error), error);
        return 0;
    }
    options.interactive = true;
    for (size_t i = 0; i < module.body.size();) {
        // As run.cpp does: the statements that start on one line are compiled together.
        std::vector<ast::Stmt*> line{module.body[i++]};
        while (i < module.body.size() && module.body[i]->pos.line == line.front()->pos.line)
            line.push_back(module.body[i++]);
        SyntaxErrorInfo line_error;
        check_result(rt, compile_interactive(rt, line, options, &line_error), line_error);
    }
    return 0;
}
