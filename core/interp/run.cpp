// run_source: the snippet's whole life — parse, compile, execute, report.
#include "interp/run.h"

#include <string>
#include <utility>
#include <vector>

#include "interp/ast.h"
#include "interp/compiler.h"
#include "interp/modules.h"
#include "interp/parser.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/long_object.h"
#include "object/abstract.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

// CPython's print of a SyntaxError: the location, the line, a caret, the message.
void print_syntax_error(Interp& in, const SyntaxErrorInfo& e) {
    // The parser's and compiler's own limits raise MemoryError or RecursionError, which print
    // without a location (and an empty message as the bare type); the old LL(1) parser (up to
    // 3.8) first wrote its complaint to stderr.
    if (e.type != "SyntaxError" && e.type != "IndentationError" && e.type != "TabError") {
        std::string text;
        if (e.type == "MemoryError" && e.msg.empty() && !in.rt.profile().at_least(3, 9))
            text = "s_push: parser stack overflow\n";
        text += e.msg.empty() ? e.type + "\n" : e.type + ": " + e.msg + "\n";
        in.err(text);
        return;
    }
    in.err(format_syntax_error(in.rt.profile(), e));
}

// _Py_HandleSystemExit: the status SystemExit asks for — 0 for no code or None, an int code
// itself (as the process sees it, modulo 256), else 1 after writing str(code) to sys.stderr.
int exit_status(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* exc = err_fetch(rt);
    PyObject* code = exception_system_exit_code(rt, exc);
    int status = 0;
    if (code == nullptr || code == rt.builtins().singletons.none) {
        status = 0;
    } else if (object_type_check(code, rt.builtins().long_type)) {
        bool overflow = false;
        const int64_t v = long_as_int64(rt, code, &overflow);
        status = overflow ? -1 : static_cast<int>(v);
    } else {
        PyObject* err = sys_stream(in, "stderr");
        bool ok = true;
        if (err != nullptr && err != rt.builtins().singletons.none) {
            PyObject* text = object_str(rt, code);
            ok = text != nullptr && file_write_object(in, err, text) && file_write_text(in, err, "\n");
            rt.xdecref(text);
        } else {
            std::string text;
            ok = object_str_utf8(rt, code, &text);
            in.err(text + "\n");
        }
        if (!ok) err_clear(rt);
        status = 1;
    }
    rt.decref(exc);
    return status & 0xff;
}

// PyErr_Print keeps the last uncaught exception in sys.last_type, last_value, last_traceback
// (3.12+: also last_exc), so it stays alive, with its traceback's frames, until the next one
// replaces it or the interpreter's exit clears them (pylifecycle.h): in a script as at the
// prompt.
void set_sys_last(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* exc = err_current(rt);
    if (exc == nullptr || in.sys_module == nullptr) return;
    PyObject* tb = exception_traceback(rt, exc);
    PyObject* none = rt.builtins().singletons.none;
    std::vector<std::pair<const char*, PyObject*>> items;
    if (rt.profile().at_least(3, 12)) items.emplace_back("last_exc", exc);
    items.emplace_back("last_type", reinterpret_cast<PyObject*>(Py_TYPE(exc)));
    items.emplace_back("last_value", exc);
    items.emplace_back("last_traceback", tb != nullptr ? tb : none);
    for (auto [name, value] : items) {
        rt.incref(value);
        if (!module_add_object(rt, in.sys_module, name, value)) err_clear(rt);
    }
}

// Runs one code object. The outcome: the status so far (0, or 1 after an exception was printed)
// and whether the run ends here (SystemExit, with the status it asks for).
struct Outcome {
    int status;
    bool exit;
};

// Runs a compiled module or REPL statement, then (run_mod, then _PyArena_Free) releases the
// code and the parser's objects, before an uncaught exception is printed.
Outcome run_code(Interp& in, PyObject* code, PyObject* globals, std::vector<PyObject*>* arena) {
    Runtime& rt = in.rt;
    PyObject* r = eval_code(in, code, globals, globals);
    rt.decref(code);
    release_arena(rt, arena);
    if (r != nullptr) {
        rt.decref(r);
        return {0, false};
    }
    bool exits = false;
    const int status = err_print(in, &exits);
    return {status, exits};
}

}  // namespace

int err_print(Interp& in, bool* exits) {
    *exits = err_matches(in.rt, in.rt.builtins().exc.SystemExit) && !in.budget_exhausted;
    if (*exits) return exit_status(in);
    set_sys_last(in);
    print_exception(in);
    return 1;
}

namespace {

// The compiler's SyntaxWarnings as the warnings module shows them: "<snippet>:2: SyntaxWarning:
// ...", then the line, stripped.
void print_compile_warnings(Interp& in, std::vector<CompileWarning>& warnings, std::string_view source) {
    for (const CompileWarning& w : warnings) {
        std::string text = "<snippet>:" + std::to_string(w.line) + ": SyntaxWarning: " + w.message + "\n";
        std::string_view line = source;
        for (int n = 1; n < w.line && !line.empty(); ++n) {
            const size_t end = line.find('\n');
            line = end == std::string_view::npos ? std::string_view{} : line.substr(end + 1);
        }
        line = line.substr(0, line.find('\n'));
        const size_t first = line.find_first_not_of(" \t\f\r");
        if (first != std::string_view::npos) {
            line = line.substr(first, line.find_last_not_of(" \t\f\r") - first + 1);
            text += "  " + std::string(line) + "\n";
        }
        in.err(text);
    }
    warnings.clear();
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
    in.main_dict = globals;
    PyObject* key = str_from_utf8(rt, "__builtins__");
    dict_setitem(rt, globals, key, in.builtins_module);
    rt.decref(key);
    PyObject* main_name = str_from_utf8(rt, "__main__");
    dict_setitem(rt, in.modules, main_name, main);
    rt.decref(main_name);
    CompileOptions options{&p};
    std::vector<CompileWarning> warnings;
    options.warnings = &warnings;
    std::vector<PyObject*> arena;
    options.arena = &arena;
    int status = 0;
    if (mode == RunMode::Script) {
        in.script_source.assign(source);
        PyObject* code = compile_module(rt, module, options, &error);
        print_compile_warnings(in, warnings, source);
        if (code == nullptr) {
            print_syntax_error(in, error);
            status = 1;
        } else {
            status = run_code(in, code, globals, &arena).status;
        }
    } else {
        options.interactive = true;
        for (size_t i = 0; i < module.body.size();) {
            // The statements that start on one line are typed, and compiled, together.
            std::vector<ast::Stmt*> line{module.body[i++]};
            while (i < module.body.size() && module.body[i]->pos.line == line.front()->pos.line)
                line.push_back(module.body[i++]);
            PyObject* code = compile_interactive(rt, line, options, &error);
            print_compile_warnings(in, warnings, source);
            if (code == nullptr) {
                print_syntax_error(in, error);
                status = 1;
                continue;
            }
            const Outcome outcome = run_code(in, code, globals, &arena);
            // The session's status: 1 once any statement raised, or what SystemExit asks for.
            if (outcome.exit) {
                status = outcome.status;
                break;
            }
            if (outcome.status != 0) status = 1;
            if (in.budget_exhausted) break;
        }
    }
    rt.decref(main);
    return status;
}

}  // namespace pymemlab
