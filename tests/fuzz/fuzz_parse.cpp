// Fuzz target: the parser (interp/parser.h). Source bytes, NUL bytes and invalid UTF-8 included,
// must end in a tree or a SyntaxErrorInfo under every profile, in bounded time and stack.
// The first byte picks the profile; the rest is the source. README.md tells how to run it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.h"
#include "interp/ast.h"
#include "interp/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pymemlab;
    const fuzz::Input input = fuzz::split_input(data, size);
    ast::Module module;
    SyntaxErrorInfo error;
    const bool ok = parse_module(input.source, ParseOptions{input.profile->major, input.profile->minor}, module, &error);
    // A failure always names its error: the run prints it as CPython would.
    if (!ok && error.type.empty()) __builtin_trap();
    return 0;
}
