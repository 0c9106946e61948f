// run_source: the snippet's whole life — parse, compile, execute, report.
#include "interp/run.h"

#include <string>

#include "interp/ast.h"
#include "interp/compiler.h"
#include "interp/parser.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

// CPython's print of a SyntaxError: the location, the line, a caret, the message.
void print_syntax_error(Interp& in, const SyntaxErrorInfo& e) {
    std::string text = "  File \"<snippet>\", line " + std::to_string(e.line) + "\n";
    if (!e.text.empty()) {
        size_t start = e.text.find_first_not_of(" \t\f");
        if (start == std::string::npos) start = e.text.size();
        std::string line = e.text.substr(start);
        text += "    " + line + "\n";
        int caret = e.offset - 1 - static_cast<int>(start);
        if (caret < 0) caret = 0;
        int width = e.end_line == e.line && e.end_offset > e.offset ? e.end_offset - e.offset : 1;
        if (!in.rt.profile().at_least(3, 10)) width = 1;
        text += "    " + std::string(static_cast<size_t>(caret), ' ') + std::string(static_cast<size_t>(width), '^') + "\n";
    }
    text += e.type + ": " + e.msg + "\n";
    in.err(text);
}

bool run_code(Interp& in, PyObject* code, PyObject* globals) {
    PyObject* r = eval_code(in, code, globals, globals);
    in.rt.decref(code);
    if (r == nullptr) {
        print_exception(in);
        return false;
    }
    in.rt.decref(r);
    return true;
}

}  // namespace

int run_source(Interp& in, std::string_view source, RunMode mode) {
    Runtime& rt = in.rt;
    const Profile& p = rt.profile();
    ast::Module module;
    SyntaxErrorInfo error;
    if (!parse_module(source, ParseOptions{p.major, p.minor}, module, &error)) {
        print_syntax_error(in, error);
        return 1;
    }
    PyObject* main = module_new(rt, "__main__");
    if (main == nullptr) {
        print_exception(in);
        return 1;
    }
    PyObject* globals = module_dict(main);
    PyObject* key = str_from_utf8(rt, "__builtins__");
    dict_setitem(rt, globals, key, in.builtins_module);
    rt.decref(key);
    PyObject* main_name = str_from_utf8(rt, "__main__");
    dict_setitem(rt, in.modules, main_name, main);
    rt.decref(main_name);
    CompileOptions options{&p};
    int status = 0;
    if (mode == RunMode::Script) {
        PyObject* code = compile_module(rt, module, options, &error);
        if (code == nullptr) {
            print_syntax_error(in, error);
            status = 1;
        } else if (!run_code(in, code, globals)) {
            status = 1;
        }
    } else {
        options.interactive = true;
        for (const ast::Stmt* stmt : module.body) {
            PyObject* code = compile_interactive(rt, *stmt, options, &error);
            if (code == nullptr) {
                print_syntax_error(in, error);
                continue;
            }
            run_code(in, code, globals);
            if (in.budget_exhausted) break;
        }
    }
    rt.decref(main);
    return status;
}

}  // namespace pymemlab
