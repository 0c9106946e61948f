// Builtins about objects and names: id, len, repr, ascii, hash, isinstance, issubclass,
// callable, getattr/setattr/delattr/hasattr, dir, vars, locals, globals, format, exec, and what
// the lab refuses (eval of a string, open, input). Also super()'s view of the running frame
// (Builtins::super_frame_args).
#include <algorithm>
#include <string>
#include <vector>

#include "interp/bltin_internal.h"
#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/compiler.h"
#include "interp/frame_object.h"
#include "interp/modules.h"
#include "interp/parser.h"
#include "interp/stable_sort.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/class_object27.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/instance_object27.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace bltin {

namespace {

PyObject* b_id(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "id", nargs, kw)) return nullptr;
    return long_from_int64(rt, static_cast<int64_t>(rt.id(args[0])));
}

PyObject* b_len(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "len", nargs, kw)) return nullptr;
    const Py_ssize_t n = object_length(rt, args[0]);
    return n < 0 ? nullptr : long_from_int64(rt, n);
}

PyObject* b_repr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "repr", nargs, kw)) return nullptr;
    return object_repr(rt, args[0]);
}

PyObject* b_ascii(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "ascii", nargs, kw)) return nullptr;
    return object_ascii(rt, args[0]);
}

PyObject* b_hash(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "hash", nargs, kw)) return nullptr;
    const Py_hash_t h = object_hash_value(rt, args[0]);
    return h == -1 && err_occurred(rt) ? nullptr : long_from_int64(rt, h);
}

PyObject* b_isinstance(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "isinstance", kw) || !positional(rt, "isinstance", nargs, 2, 2)) return nullptr;
    const int r = object_isinstance(rt, args[0], args[1]);
    return r < 0 ? nullptr : bool_from(rt, r == 1);
}

PyObject* b_issubclass(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "issubclass", kw) || !positional(rt, "issubclass", nargs, 2, 2)) return nullptr;
    const int r = object_issubclass(rt, args[0], args[1]);
    return r < 0 ? nullptr : bool_from(rt, r == 1);
}

PyObject* b_callable(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_arg(rt, "callable", nargs, kw)) return nullptr;
    return bool_from(rt, object_callable(rt, args[0]));
}

// getattr(o, name[, default]): name must be a str ("attribute name must be string", 3.x adds the
// type from 3.10? no: CPython says "getattr(): attribute name must be string").
bool name_is_str(Runtime& rt, const char* fname, PyObject* name) {
    if (str_check(rt, name)) return true;
    if (rt.profile().major == 2 && object_type_check(name, rt.builtins().unicode_type)) return true;
    if (rt.profile().major == 2)
        err_format(rt, rt.builtins().exc.TypeError, "%s(): attribute name must be string", fname);
    else
        err_format(rt, rt.builtins().exc.TypeError, "%s(): attribute name must be string", fname);
    return false;
}

PyObject* b_getattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "getattr", kw) || !positional(rt, "getattr", nargs, 2, 3)) return nullptr;
    if (!name_is_str(rt, "getattr", args[1])) return nullptr;
    PyObject* v = object_getattr(rt, args[0], args[1]);
    if (v == nullptr && nargs == 3 && err_matches(rt, rt.builtins().exc.AttributeError)) {
        err_clear(rt);
        return new_ref(rt, args[2]);
    }
    return v;
}

PyObject* b_setattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "setattr", kw) || !positional(rt, "setattr", nargs, 3, 3)) return nullptr;
    if (!name_is_str(rt, "setattr", args[1])) return nullptr;
    return object_setattr(rt, args[0], args[1], args[2]) < 0 ? nullptr : none(rt);
}

PyObject* b_delattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "delattr", kw) || !positional(rt, "delattr", nargs, 2, 2)) return nullptr;
    if (!name_is_str(rt, "delattr", args[1])) return nullptr;
    return object_setattr(rt, args[0], args[1], nullptr) < 0 ? nullptr : none(rt);
}

// hasattr: 3.x swallows only AttributeError; 2.7 any Exception.
PyObject* b_hasattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "hasattr", kw) || !positional(rt, "hasattr", nargs, 2, 2)) return nullptr;
    if (!name_is_str(rt, "hasattr", args[1])) return nullptr;
    PyObject* v = object_getattr(rt, args[0], args[1]);
    if (v == nullptr) {
        PyTypeObject* swallowed = rt.profile().major == 2 ? rt.builtins().exc.Exception : rt.builtins().exc.AttributeError;
        if (!err_matches(rt, swallowed)) return nullptr;
        err_clear(rt);
        return bool_from(rt, false);
    }
    rt.decref(v);
    return bool_from(rt, true);
}

// format(value, format_spec=''): value.__format__(spec).
PyObject* b_format(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "format", kw)) return nullptr;
    if (rt.profile().major == 2 || !rt.profile().at_least(3, 7)) {
        if (nargs < 1 || nargs > 2) {
            err_format(rt, rt.builtins().exc.TypeError, "format() takes at %s 1 argument (%d given)",
                       nargs < 1 ? "least" : "most", static_cast<int>(nargs));
            return nullptr;
        }
    } else if (!positional(rt, "format", nargs, 1, 2)) {
        return nullptr;
    }
    PyObject* spec = nargs > 1 ? args[1] : nullptr;
    if (spec != nullptr && !str_check(rt, spec)) {
        if (rt.profile().major == 2)
            return err_format(rt, rt.builtins().exc.TypeError, "format expects arg 2 to be string or unicode, not %s",
                              type_name_of(spec).c_str());
        return err_format(rt, rt.builtins().exc.TypeError, "format() argument 2 must be str, not %s",
                          type_name_of(spec).c_str());
    }
    return object_format(rt, args[0], spec);
}

// ---- frames: locals, globals, vars, dir ----------------------------------------------------------

Frame* current_frame(Runtime& rt) { return interp_of(rt).frame; }

PyObject* b_locals(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "locals", nargs, kw)) return nullptr;
    Frame* f = current_frame(rt);
    if (f == nullptr) return err_set_string(rt, rt.builtins().exc.SystemError, "frame does not exist");
    return frame_locals(interp_of(rt), f);
}

PyObject* b_globals(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "globals", nargs, kw)) return nullptr;
    Frame* f = current_frame(rt);
    if (f == nullptr) return none(rt);
    return new_ref(rt, f->globals);
}

PyObject* b_vars(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "vars", kw) || !positional(rt, "vars", nargs, 0, 1)) return nullptr;
    if (nargs == 0) return b_locals(rt, nullptr, args, 0, nullptr);
    PyObject* d = object_getattr_string(rt, args[0], "__dict__");
    if (d == nullptr && err_matches(rt, rt.builtins().exc.AttributeError)) {
        err_clear(rt);
        return err_set_string(rt, rt.builtins().exc.TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

// The names dir(o) lists without a __dir__ of o's class: object.__dir__ (the instance __dict__,
// then its class and the class's bases), type.__dir__ (the class and its bases), a module's dict.
void merge_class_names(Runtime& rt, PyTypeObject* t, std::vector<PyObject*>* names) {
    if (t->tp_dict != nullptr)
        for (PyObject* k : dict_keys(rt, t->tp_dict)) names->push_back(k);
    PyObject* bases = t->tp_bases;
    for (Py_ssize_t i = 0; bases != nullptr && i < Py_SIZE(bases); ++i)
        merge_class_names(rt, reinterpret_cast<PyTypeObject*>(tuple_items(bases)[i]), names);
}

// 2.7's merge_class_dict for a classic class: its dict, then its bases'.
void merge_classic_names(Runtime& rt, PyObject* cls, std::vector<PyObject*>* names) {
    for (PyObject* k : dict_keys(rt, as_class27(cls)->cl_dict.p)) names->push_back(k);
    PyObject* bases = as_class27(cls)->cl_bases.p;
    for (Py_ssize_t i = 0; i < Py_SIZE(bases); ++i) merge_classic_names(rt, tuple_items(bases)[i], names);
}

// A sorted list of the distinct names (str objects compared by their text, as list.sort does).
PyObject* sorted_names(Runtime& rt, std::vector<PyObject*> names) {
    std::vector<std::pair<std::string, PyObject*>> keyed;
    for (PyObject* n : names)
        if (str_check(rt, n)) keyed.emplace_back(str_as_utf8(rt, n), n);
    stable_sort_small(keyed, [](const auto& a, const auto& b) { return a.first < b.first; });
    keyed.erase(std::unique(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                keyed.end());
    PyObject* list = list_new(rt, static_cast<int64_t>(keyed.size()));
    if (list == nullptr) return err_no_memory(rt);
    for (size_t i = 0; i < keyed.size(); ++i) list_items(list)[i] = new_ref(rt, keyed[i].second);
    return list;
}

PyObject* dir_of(Runtime& rt, PyObject* o) {
    // A class's own __dir__ (found on its type) decides; its result is sorted.
    if (PyObject* meth = lookup_special(rt, o, "__dir__"); meth != nullptr && is_heap_type(Py_TYPE(o))) {
        PyObject* bound = Py_TYPE(meth)->tp_descr_get != nullptr
                              ? Py_TYPE(meth)->tp_descr_get(rt, meth, o, reinterpret_cast<PyObject*>(Py_TYPE(o)))
                              : new_ref(rt, meth);
        if (bound == nullptr) return nullptr;
        PyObject* r = object_call_noargs(rt, bound);
        rt.decref(bound);
        if (r == nullptr) return nullptr;
        PyObject* list = sequence_list(rt, r);
        rt.decref(r);
        if (list == nullptr) return nullptr;
        if (!list_sort(rt, list, nullptr, false)) {
            rt.decref(list);
            return nullptr;
        }
        return list;
    }
    if (err_occurred(rt)) return nullptr;
    std::vector<PyObject*> names;
    dir_names(rt, o, &names);
    return sorted_names(rt, names);
}

PyObject* b_dir(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "dir", kw) || !positional(rt, "dir", nargs, 0, 1)) return nullptr;
    if (nargs == 1) return dir_of(rt, args[0]);
    // dir(): the sorted keys of locals().
    PyObject* locals = b_locals(rt, nullptr, args, 0, nullptr);
    if (locals == nullptr) return nullptr;
    PyObject* r = sorted_names(rt, dict_keys(rt, locals));
    rt.decref(locals);
    return r;
}

// ---- exec, eval, and what the lab refuses ---------------------------------------------------------

// A SyntaxError from compiling a string, raised as CPython raises it: args (msg, (filename,
// lineno, offset, text[, end_lineno, end_offset])).
PyObject* raise_syntax_error(Runtime& rt, const SyntaxErrorInfo& e, const char* filename) {
    if (e.type == "MemoryError") return err_occurred(rt) ? nullptr : err_no_memory(rt);
    // The compiler's recursion limit (2.7's RuntimeError) has no location.
    if (e.type == "RecursionError" || e.type == "RuntimeError")
        return err_set_string(rt, rt.builtins().exc.RecursionError, e.msg);
    const ExceptionTypes& t = rt.builtins().exc;
    PyTypeObject* type = e.type == "IndentationError" ? t.IndentationError : e.type == "TabError" ? t.TabError : t.SyntaxError;
    const bool ends = rt.profile().at_least(3, 10);
    PyObject* info = tuple_new(rt, ends ? 6 : 4);
    PyObject* args = tuple_new(rt, 2);
    if (info == nullptr || args == nullptr) {
        rt.xdecref(info);
        rt.xdecref(args);
        return err_no_memory(rt);
    }
    tuple_items(info)[0] = str_from_utf8(rt, e.filename.empty() ? filename : e.filename.c_str());
    tuple_items(info)[1] = long_from_int64(rt, e.line);
    tuple_items(info)[2] = long_from_int64(rt, e.offset);
    tuple_items(info)[3] = str_from_utf8(rt, e.text + "\n");
    if (ends) {
        tuple_items(info)[4] = long_from_int64(rt, e.end_line);
        tuple_items(info)[5] = long_from_int64(rt, e.end_offset);
    }
    tuple_items(args)[0] = str_from_utf8(rt, e.msg);
    tuple_items(args)[1] = info;
    for (Py_ssize_t i = 0; i < Py_SIZE(info); ++i)
        if (tuple_items(info)[i] == nullptr) {
            rt.decref(args);
            return err_no_memory(rt);
        }
    err_set_object(rt, type, args);
    rt.decref(args);
    return nullptr;
}

// run_string's work, inside its nesting count: parse, compile and run.
PyObject* compile_and_run(Runtime& rt, std::string_view text, PyObject* globals, PyObject* locals, bool eval_input) {
    Interp& in = interp_of(rt);
    PyObject* owned_locals = nullptr;
    if (globals == nullptr) {
        Frame* f = in.frame;
        if (f == nullptr) return err_set_string(rt, rt.builtins().exc.SystemError, "globals and locals cannot be NULL");
        globals = f->globals;
        if (locals == nullptr) {
            if ((owned_locals = frame_locals(in, f)) == nullptr) return nullptr;
            locals = owned_locals;
        }
    } else if (locals == nullptr) {
        locals = globals;
    }
    PyObject* key = str_intern_ascii(rt, "__builtins__");
    bool ok = key != nullptr;
    if (ok && dict_getitem(rt, globals, key) == nullptr && !err_occurred(rt))
        ok = dict_setitem(rt, globals, key, in.builtins_module);
    rt.xdecref(key);
    if (!ok) {
        rt.xdecref(owned_locals);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    const Profile& p = rt.profile();
    ast::Module module;
    SyntaxErrorInfo error;
    PyObject* code = nullptr;
    std::vector<PyObject*> arena;  // PyRun_StringFlags keeps the AST's objects while the code runs
    const bool parsed = parse_module(text, ParseOptions{p.major, p.minor}, module, &error);
    // eval's grammar is one expression: the module grammar reads it too, but words its errors
    // for other input otherwise, so other input is refused by name rather than worded wrongly.
    if (parsed && eval_input && (module.body.size() != 1 || module.body[0]->kind != ast::StmtKind::Expr)) {
        rt.xdecref(owned_locals);
        return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                              "eval() of anything but one expression is not supported by the lab "
                              "(CPython raises SyntaxError)");
    }
    if (parsed) {
        PyObject* filename = str_anon_string(rt);  // nullptr in 2.7
        if (filename == nullptr && p.major != 2) {
            rt.xdecref(owned_locals);
            return err_no_memory(rt);
        }
        CompileOptions options{&p};
        options.filename = "<string>";
        options.filename_object = filename;
        options.source = text;
        options.arena = &arena;
        options.eval_input = eval_input;
        code = compile_module(rt, module, options, &error);
        rt.xdecref(filename);
    }
    if (code == nullptr) {
        rt.xdecref(owned_locals);
        return raise_syntax_error(rt, error, "<string>");
    }
    PyObject* r = eval_code(in, code, globals, locals);
    rt.decref(code);
    release_arena(rt, &arena);
    rt.xdecref(owned_locals);
    return r;
}

// exec and eval of a source text: compiled as "<string>" and run with the caller's namespaces,
// or the given ones (a globals dict without __builtins__ gets it, as PyRun_String's do). eval
// compiles one expression and returns its value; exec returns None. A new reference, or nullptr.
PyObject* run_string(Runtime& rt, std::string_view text, PyObject* globals, PyObject* locals, bool eval_input) {
    // The parser and the compiler recurse with checks of their own (their nesting limits) but no
    // word with the stack guards: room for 16 levels' worth (object/engine_stack.h) is asked.
    constexpr int kSourceRunNesting = 16;
    if (rt.tstate().native_stack_exhausted(kSourceRunNesting)) return set_recursion_error(rt);
    return compile_and_run(rt, text, globals, locals, eval_input);
}

// The namespaces exec and eval were given (None: not given); false with TypeError when globals
// is not a dict or locals not a mapping.
bool namespaces(Runtime& rt, PyObject* given_globals, PyObject* given_locals, const char* globals_error,
                PyObject** globals, PyObject** locals) {
    *globals = given_globals != nullptr && !is_none(rt, given_globals) ? given_globals : nullptr;
    *locals = given_locals != nullptr && !is_none(rt, given_locals) ? given_locals : nullptr;
    if (*globals != nullptr && !object_type_check(*globals, rt.builtins().dict_type)) {
        err_format(rt, rt.builtins().exc.TypeError, globals_error, type_name_of(*globals).c_str());
        return false;
    }
    if (*locals != nullptr && Py_TYPE(*locals)->tp_as_mapping.mp_subscript == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "locals must be a mapping");
        return false;
    }
    return true;
}

// exec(source, globals=None, locals=None) for a source string.
PyObject* b_exec(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* given[3] = {nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr};
    PyObject* kw[2] = {};
    if (!keywords(rt, "exec", args + nargs, kwnames, {"globals", "locals"}, kw)) return nullptr;
    if (kw[0] != nullptr) given[1] = kw[0];
    if (kw[1] != nullptr) given[2] = kw[1];
    if (nargs < 1) return missing_argument(rt, "exec", "source", 1);
    if (!check_positional(rt, "exec", nargs, 1, 3)) return nullptr;
    PyObject *globals, *locals;
    if (!namespaces(rt, given[1], given[2],
                    rt.profile().at_least(3, 10) ? "exec() globals must be a dict, not %s" : "exec() arg 2 must be a dict, not %s",
                    &globals, &locals))
        return nullptr;
    if (!str_check(rt, given[0]))
        return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                              "exec() of anything but a source string is not supported by the lab");
    PyObject* r = run_string(rt, str_as_utf8(rt, given[0]), globals, locals, false);
    if (r == nullptr) return nullptr;
    rt.decref(r);
    return none(rt);
}

// eval(source, globals=None, locals=None) for a str or bytes source of one expression, its
// leading spaces and tabs skipped. Positional only before 3.13.
PyObject* b_eval(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const bool v313 = rt.profile().at_least(3, 13);
    PyObject* given[3] = {nargs > 0 ? args[0] : nullptr, nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr};
    if (!v313 && count_keywords(kwnames) > 0)
        return err_set_string(rt, rt.builtins().exc.TypeError, "eval() takes no keyword arguments");
    PyObject* kw[2] = {};
    if (!keywords(rt, "eval", args + nargs, kwnames, {"globals", "locals"}, kw)) return nullptr;
    if (v313 && (nargs < 1 || nargs + count_keywords(kwnames) > 3))
        return nargs < 1 ? err_format(rt, rt.builtins().exc.TypeError, "eval() takes at least 1 positional argument (%d given)",
                                      static_cast<int>(nargs))
                         : err_format(rt, rt.builtins().exc.TypeError, "eval() takes at most 3 arguments (%d given)",
                                      static_cast<int>(nargs + count_keywords(kwnames)));
    if (!positional(rt, "eval", nargs, 1, 3)) return nullptr;
    if (kw[0] != nullptr) given[1] = kw[0];
    if (kw[1] != nullptr) given[2] = kw[1];
    PyObject *globals, *locals;
    if (!namespaces(rt, given[1], given[2], "globals must be a dict", &globals, &locals)) return nullptr;
    std::string text;
    if (str_check(rt, given[0]))
        text = str_as_utf8(rt, given[0]);
    else if (object_type_check(given[0], rt.builtins().bytes_type))
        text = std::string(bytes_view(rt, given[0]));
    else
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              rt.profile().major == 2 ? "eval() arg 1 must be a string or code object"
                                                      : "eval() arg 1 must be a string, bytes or code object");
    const size_t start = text.find_first_not_of(" \t");
    return run_string(rt, start == std::string::npos ? std::string_view() : std::string_view(text).substr(start), globals,
                      locals, true);
}

PyObject* b_open(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                          "open() is not supported by the lab: snippets have no file system");
}

PyObject* b_input(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                          "input() is not supported by the lab: snippets have no standard input");
}

// __import__(name, globals=None, locals=None, fromlist=(), level=0): the built-in modules only.
PyObject* b_import(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* kw[5] = {};
    if (!keywords(rt, "__import__", args + nargs, kwnames, {"name", "globals", "locals", "fromlist", "level"}, kw))
        return nullptr;
    PyObject* name = nargs > 0 ? args[0] : kw[0];
    if (name == nullptr) return missing_argument(rt, "__import__", "name", 1);
    if (!str_check(rt, name))
        return err_format(rt, rt.builtins().exc.TypeError, "__import__() argument 1 must be str, not %s",
                          type_name_of(name).c_str());
    PyObject* fromlist = nargs > 3 ? args[3] : kw[3];
    return import_name(interp_of(rt), name, fromlist != nullptr ? fromlist : rt.builtins().singletons.none);
}

// 2.7's intern(s): sys.intern's builtin twin.
PyObject* b_intern27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "intern", kw)) return nullptr;
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "intern() takes exactly 1 argument (%d given)",
                          static_cast<int>(nargs));
    if (Py_TYPE(args[0]) != rt.builtins().str_type)
        return err_format(rt, rt.builtins().exc.TypeError, "intern() argument 1 must be string, not %s",
                          type_name_of(args[0]).c_str());
    PyObject* s = new_ref(rt, args[0]);
    str_intern_in_place(rt, &s);
    return s;
}

}  // namespace

void dir_names(Runtime& rt, PyObject* o, std::vector<PyObject*>* names) {
    if (object_type_check(o, rt.builtins().type_type)) {
        merge_class_names(rt, reinterpret_cast<PyTypeObject*>(o), names);
    } else if (class27_check(rt, o)) {
        merge_classic_names(rt, o, names);
    } else if (instance27_check(rt, o)) {
        for (PyObject* k : dict_keys(rt, as_instance27(o)->in_dict.p)) names->push_back(k);
        merge_classic_names(rt, as_instance27(o)->in_class.p, names);
    } else if (module_check(rt, o)) {
        for (PyObject* k : dict_keys(rt, module_dict(o))) names->push_back(k);
    } else {
        if (PyObject* dict = object_instance_dict(rt, o))
            for (PyObject* k : dict_keys(rt, dict)) names->push_back(k);
        merge_class_names(rt, Py_TYPE(o), names);
    }
}

// super(): the running function's first argument (or its cell) and its __class__ cell
// (super_init_without_args), with CPython's RuntimeErrors.
bool super_frame_args(Runtime& rt, PyTypeObject** type, PyObject** obj) {
    PyTypeObject* runtime_error = rt.builtins().exc.RuntimeError;
    Frame* f = current_frame(rt);
    if (f == nullptr) return err_set_string(rt, runtime_error, "super(): no current frame"), false;
    const CodeBody& body = code_body(f->code);
    if (body.argcount == 0) return err_set_string(rt, runtime_error, "super(): no arguments"), false;
    const int64_t nlocals = code_nlocals(f->code), ncells = code_ncells(f->code), nfrees = code_nfrees(f->code);
    PyObject* first = f->localsplus.empty() ? nullptr : f->localsplus[0];
    for (int64_t j = 0; first == nullptr && j < ncells; ++j)
        if (j < static_cast<int64_t>(body.cell2local.size()) && body.cell2local[static_cast<size_t>(j)] == 0)
            first = cell_get(f->localsplus[static_cast<size_t>(nlocals + j)]);
    if (first == nullptr) return err_set_string(rt, runtime_error, "super(): arg[0] deleted"), false;
    PyObject* freevars = as_code(f->code)->co_freevars.p;
    for (int64_t i = 0; i < nfrees; ++i) {
        if (str_as_utf8(rt, tuple_items(freevars)[i]) != "__class__") continue;
        PyObject* cls = cell_get(f->localsplus[static_cast<size_t>(nlocals + ncells + i)]);
        if (cls == nullptr) return err_set_string(rt, runtime_error, "super(): empty __class__ cell"), false;
        if (!object_type_check(cls, rt.builtins().type_type)) {
            err_format(rt, runtime_error, "super(): __class__ is not a type (%s)", type_name_of(cls).c_str());
            return false;
        }
        *type = reinterpret_cast<PyTypeObject*>(cls);
        *obj = first;
        return true;
    }
    err_set_string(rt, runtime_error, "super(): __class__ cell not found");
    return false;
}

const PyMethodDef kNameFunctions[] = {
    {"__import__", b_import, 0},
    {"id", b_id, METH_O},
    {"len", b_len, 0},
    {"repr", b_repr, METH_O},
    {"ascii", b_ascii, METH_O},
    {"hash", b_hash, METH_O},
    {"isinstance", b_isinstance, 0},
    {"issubclass", b_issubclass, 0},
    {"callable", b_callable, METH_O},
    {"getattr", b_getattr, 0},
    {"setattr", b_setattr, 0},
    {"delattr", b_delattr, 0},
    {"hasattr", b_hasattr, 0},
    {"format", b_format, 0},
    {"dir", b_dir, 0},
    {"vars", b_vars, 0},
    {"locals", b_locals, METH_NOARGS},
    {"globals", b_globals, METH_NOARGS},
    {"exec", b_exec, 0},
    {"eval", b_eval, 0},
    {"open", b_open, 0},
    {"input", b_input, 0},
    {nullptr, nullptr, 0},
};

const PyMethodDef kNameFunctions27[] = {
    {"intern", b_intern27, METH_O},
    {"raw_input", b_input, 0},
    {nullptr, nullptr, 0},
};

}  // namespace bltin

}  // namespace pymemlab
