// What exception instances do (Objects/exceptions.c): BaseException's tp_new and tp_init (args
// kept as a tuple), the fields StopIteration, SystemExit, ImportError, OSError, SyntaxError,
// NameError and AttributeError set from their arguments, str() and repr() as each version prints
// them, the attributes (args, __traceback__, __context__, __cause__, value, code, ...) and the
// methods (with_traceback, add_note). The types and the layout are exceptions.cpp.
#include <array>
#include <set>
#include <string>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_split.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

PyBaseExceptionObject* as_exc(PyObject* o) { return reinterpret_cast<PyBaseExceptionObject*>(o); }

bool is_none(const Runtime& rt, const PyObject* o) { return o == rt.builtins().singletons.none; }

// Replaces *slot by value (a new reference or null), releasing the old one.
void set_slot(Runtime& rt, PyObject** slot, PyObject* value) {
    PyObject* old = *slot;
    *slot = value;
    rt.xdecref(old);
}

PyObject* field(Runtime& rt, PyObject* self, int i) { return *exception_field(rt, self, i); }
void set_field(Runtime& rt, PyObject* self, int i, PyObject* value) {
    if (value != nullptr) rt.incref(value);
    set_slot(rt, exception_field(rt, self, i), value);
}

// The field indexes, per kind (exceptions.h lists the order).
constexpr int kStopValue = 0, kExitCode = 0;
constexpr int kImportMsg = 0, kImportName = 1, kImportPath = 2, kImportNameFrom = 3;  // name_from: 3.12+
constexpr int kOSErrno = 0, kOSStrerror = 1, kOSFilename = 2, kOSFilename2 = 3;
constexpr int kSyntaxMsg = 0, kSyntaxFilename = 1, kSyntaxLineno = 2, kSyntaxOffset = 3;
constexpr int kNameErrorName = 0, kAttributeObj = 0, kAttributeName = 1;
// SyntaxError's text and print_file_and_line come after end_lineno and end_offset from 3.10.
int syntax_text_index(const Runtime& rt) { return rt.profile().at_least(3, 10) ? 6 : 4; }

// ---- arguments ----------------------------------------------------------------------------------

bool same_items(PyObject* tuple, PyObject* const* args, Py_ssize_t nargs) {
    if (tuple == nullptr || Py_SIZE(tuple) != nargs) return false;
    for (Py_ssize_t i = 0; i < nargs; ++i)
        if (tuple_items(tuple)[i] != args[i]) return false;
    return true;
}

Py_ssize_t count_keywords(PyObject* kwnames) { return kwnames != nullptr ? Py_SIZE(kwnames) : 0; }

// _PyArg_NoKeywords as each version words it, naming the type.
bool no_keywords(Runtime& rt, PyTypeObject* type, PyObject* kwnames) {
    if (count_keywords(kwnames) == 0) return true;
    const Profile& p = rt.profile();
    err_format(rt, rt.builtins().exc.TypeError,
               p.at_least(3, 7) ? "%s() takes no keyword arguments" : "%s does not take keyword arguments",
               type->tp_name);
    return false;
}

// PyArg_ParseTupleAndKeywords over keywords only ("|$OO:Name"): fills values[i] for names[i].
bool keyword_only(Runtime& rt, PyObject* self, PyObject* const* values, PyObject* kwnames,
                  std::initializer_list<const char*> names, PyObject** out) {
    const Py_ssize_t nkw = count_keywords(kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        size_t i = 0;
        for (const char* n : names) {
            if (key == n) break;
            ++i;
        }
        if (i < names.size()) {
            out[i] = values[k];
            continue;
        }
        const Profile& p = rt.profile();
        const char* fname = Py_TYPE(self)->tp_name;
        if (p.at_least(3, 13))
            err_format(rt, rt.builtins().exc.TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                       key.c_str());
        else if (p.at_least(3, 7))
            err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for %s()", key.c_str(),
                       fname);
        else
            err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for this function",
                       key.c_str());
        return false;
    }
    return true;
}

// The keywords a kind's __init__ takes (3.x): ImportError's name and path, NameError's name and
// AttributeError's name and obj (3.10+).
bool takes_keywords(const Runtime& rt, ExceptionKind kind) {
    const Profile& p = rt.profile();
    if (kind == ExceptionKind::ImportError) return p.major >= 3;
    if (kind == ExceptionKind::NameError || kind == ExceptionKind::AttributeError) return p.at_least(3, 10);
    return false;
}

// ---- the fields __init__ sets -------------------------------------------------------------------

// OSError(errno, strerror[, filename[, winerror[, filename2]]]) (3.x; 2.7's EnvironmentError takes
// up to 3): the fields, and args cut to (errno, strerror) when a filename is given.
bool init_os_error(Runtime& rt, PyObject* self) {
    PyObject* args = exception_args(self);
    const Py_ssize_t n = Py_SIZE(args);
    const bool py3 = rt.profile().major >= 3;
    if (n < 2 || n > (py3 ? 5 : 3)) return true;
    PyObject* const* a = tuple_items(args);
    set_field(rt, self, kOSErrno, a[0]);
    set_field(rt, self, kOSStrerror, a[1]);
    PyObject* filename = n >= 3 ? a[2] : nullptr;
    if (filename == nullptr || (py3 && is_none(rt, filename))) return true;
    set_field(rt, self, kOSFilename, filename);
    if (n == 5 && !is_none(rt, a[4])) set_field(rt, self, kOSFilename2, a[4]);
    PyObject* cut = tuple_from_array(rt, a, 2);
    if (cut == nullptr) return false;
    set_slot(rt, &as_exc(self)->args.p, cut);
    return true;
}

// SyntaxError(msg[, (filename, lineno, offset, text[, end_lineno, end_offset])]).
bool init_syntax_error(Runtime& rt, PyObject* self) {
    PyObject* args = exception_args(self);
    const Py_ssize_t n = Py_SIZE(args);
    if (n >= 1) set_field(rt, self, kSyntaxMsg, tuple_items(args)[0]);
    if (n != 2) return true;
    PyObject* info = sequence_tuple(rt, tuple_items(args)[1]);
    if (info == nullptr) return false;
    const Py_ssize_t m = Py_SIZE(info);
    const bool ends = rt.profile().at_least(3, 10);
    bool ok = true;
    if (!ends && m < 4) {
        err_set_string(rt, rt.builtins().exc.IndexError, "tuple index out of range");
        ok = false;
    } else if (ends && (m < 4 || m > 6)) {
        err_format(rt, rt.builtins().exc.TypeError, "function takes at %s %d arguments (%d given)",
                   m < 4 ? "least" : "most", m < 4 ? 4 : 6, static_cast<int>(m));
        ok = false;
    } else {
        PyObject* const* items = tuple_items(info);
        set_field(rt, self, kSyntaxFilename, items[0]);
        set_field(rt, self, kSyntaxLineno, items[1]);
        set_field(rt, self, kSyntaxOffset, items[2]);
        set_field(rt, self, syntax_text_index(rt), items[3]);
        if (ends && m >= 5) set_field(rt, self, 4, items[4]);
        if (ends && m >= 6) set_field(rt, self, 5, items[5]);
    }
    rt.decref(info);
    return ok;
}

// The fields a kind's __init__ derives from args (the keywords are set by the caller).
bool init_fields(Runtime& rt, PyObject* self, ExceptionKind kind) {
    PyObject* args = exception_args(self);
    const Py_ssize_t n = Py_SIZE(args);
    // 2.7's BaseException_init: one argument is also the message.
    if (rt.profile().major == 2 && n == 1) set_slot(rt, &as_exc(self)->traceback.p, new_ref(rt, tuple_items(args)[0]));
    switch (kind) {
        case ExceptionKind::StopIteration:
            if (exception_added_fields(rt, kind) > 0)
                set_field(rt, self, kStopValue, n > 0 ? tuple_items(args)[0] : rt.builtins().singletons.none);
            return true;
        case ExceptionKind::SystemExit:
            set_field(rt, self, kExitCode, n == 0 ? nullptr : n == 1 ? tuple_items(args)[0] : args);
            return true;
        case ExceptionKind::ImportError:
            if (exception_added_fields(rt, kind) > 0 && n == 1) set_field(rt, self, kImportMsg, tuple_items(args)[0]);
            return true;
        case ExceptionKind::OSError: return init_os_error(rt, self);
        case ExceptionKind::SyntaxError: return init_syntax_error(rt, self);
        case ExceptionKind::UnicodeError: return exception_unicode_init(rt, self);
        default: return true;
    }
}

// OSError(errno, ...) makes the subclass its errno names (3.3+; Linux's numbers, as the profiles'
// 64-bit Linux builds have them).
PyTypeObject* os_error_subclass(Runtime& rt, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs < 2 || !object_type_check(args[0], rt.builtins().long_type)) return nullptr;
    bool overflow = false;
    const int64_t code = long_as_int64(rt, args[0], &overflow);
    if (overflow) return nullptr;
    const ExceptionTypes& t = rt.builtins().exc;
    switch (code) {
        case 11: case 114: case 115: return t.BlockingIOError;  // EAGAIN, EALREADY, EINPROGRESS
        case 10: return t.ChildProcessError;                      // ECHILD
        case 32: case 108: return t.BrokenPipeError;              // EPIPE, ESHUTDOWN
        case 103: return t.ConnectionAbortedError;                // ECONNABORTED
        case 111: return t.ConnectionRefusedError;                // ECONNREFUSED
        case 104: return t.ConnectionResetError;                  // ECONNRESET
        case 17: return t.FileExistsError;                        // EEXIST
        case 2: return t.FileNotFoundError;                       // ENOENT
        case 21: return t.IsADirectoryError;                      // EISDIR
        case 20: return t.NotADirectoryError;                     // ENOTDIR
        case 4: return t.InterruptedError;                        // EINTR
        case 13: case 1: return t.PermissionError;                // EACCES, EPERM
        case 3: return t.ProcessLookupError;                      // ESRCH
        case 110: return t.TimeoutError;                          // ETIMEDOUT
        default: return nullptr;
    }
}

// ---- tp_new, tp_init ----------------------------------------------------------------------------

// BaseException_new: the instance with the call's positional arguments as args; keywords are
// left to __init__.
PyObject* exception_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    if (type == rt.builtins().exc.OSError && rt.profile().major >= 3)
        if (PyTypeObject* sub = os_error_subclass(rt, args, nargs)) type = sub;
    PyObject* tuple = tuple_from_array(rt, args, nargs);
    if (tuple == nullptr) return nullptr;
    PyObject* o = exception_new(rt, type, tuple);
    rt.decref(tuple);
    if (o == nullptr) return err_no_memory(rt);
    if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
    return o;
}

// BaseException_init and the subclasses' inits: args (the tuple tp_new made, when the arguments
// are the same objects, as CPython passes one tuple to both), then the kind's fields.
int exception_tp_init(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const ExceptionKind kind = exception_kind(rt, Py_TYPE(self));
    std::array<PyObject*, 2> kw{};
    if (takes_keywords(rt, kind)) {
        const bool ok = kind == ExceptionKind::NameError
                            ? keyword_only(rt, self, args + nargs, kwnames, {"name"}, kw.data())
                        : kind == ExceptionKind::AttributeError
                            ? keyword_only(rt, self, args + nargs, kwnames, {"name", "obj"}, kw.data())
                            : keyword_only(rt, self, args + nargs, kwnames, {"name", "path"}, kw.data());
        if (!ok) return -1;
    } else if (!no_keywords(rt, Py_TYPE(self), kwnames)) {
        return -1;
    }
    if (!same_items(exception_args(self), args, nargs)) {
        PyObject* tuple = tuple_from_array(rt, args, nargs);
        if (tuple == nullptr) return -1;
        set_slot(rt, &as_exc(self)->args.p, tuple);
    }
    switch (kind) {
        case ExceptionKind::ImportError:
            if (!takes_keywords(rt, kind)) break;
            set_field(rt, self, kImportName, kw[0]);
            set_field(rt, self, kImportPath, kw[1]);
            break;
        case ExceptionKind::NameError:
            if (takes_keywords(rt, kind)) set_field(rt, self, kNameErrorName, kw[0]);
            break;
        case ExceptionKind::AttributeError:
            if (!takes_keywords(rt, kind)) break;
            set_field(rt, self, kAttributeName, kw[0]);
            set_field(rt, self, kAttributeObj, kw[1]);
            break;
        default: break;
    }
    return init_fields(rt, self, kind) ? 0 : -1;
}

// ---- str, repr ----------------------------------------------------------------------------------

// BaseException_str: '' for no arguments, str of the one argument, else str of the tuple.
PyObject* base_str(Runtime& rt, PyObject* self) {
    PyObject* args = exception_args(self);
    const Py_ssize_t n = args != nullptr ? Py_SIZE(args) : 0;
    if (n == 0) return str_from_utf8(rt, "");
    if (n == 1) return object_str(rt, tuple_items(args)[0]);
    return object_str(rt, args);
}

bool append_str(Runtime& rt, PyObject* o, bool repr, std::string* out) {
    std::string s;
    if (!(repr ? object_repr_utf8(rt, o, &s) : object_str_utf8(rt, o, &s))) return false;
    *out += s;
    return true;
}

// OSError_str: "[Errno 2] strerror: 'filename'" (-> 'filename2'), or "[Errno 2] strerror".
PyObject* os_error_str(Runtime& rt, PyObject* self) {
    PyObject* errno_ = field(rt, self, kOSErrno);
    PyObject* strerror = field(rt, self, kOSStrerror);
    PyObject* filename = field(rt, self, kOSFilename);
    PyObject* filename2 = rt.profile().major >= 3 ? field(rt, self, kOSFilename2) : nullptr;
    if (filename == nullptr && (errno_ == nullptr || strerror == nullptr)) return base_str(rt, self);
    std::string text = "[Errno ";
    bool ok = append_str(rt, errno_ != nullptr ? errno_ : rt.builtins().singletons.none, false, &text);
    text += "] ";
    ok = ok && append_str(rt, strerror != nullptr ? strerror : rt.builtins().singletons.none, false, &text);
    if (ok && filename != nullptr) {
        text += ": ";
        ok = append_str(rt, filename, true, &text);
        if (ok && filename2 != nullptr) {
            text += " -> ";
            ok = append_str(rt, filename2, true, &text);
        }
    }
    return ok ? str_from_utf8(rt, text) : nullptr;
}

// SyntaxError_str: "msg (file.py, line 3)", with the file's base name.
PyObject* syntax_error_str(Runtime& rt, PyObject* self) {
    PyObject* msg = field(rt, self, kSyntaxMsg);
    PyObject* filename = field(rt, self, kSyntaxFilename);
    PyObject* lineno = field(rt, self, kSyntaxLineno);
    std::string base;
    const bool have_filename = filename != nullptr && str_check(rt, filename);
    if (have_filename) {
        base = str_as_utf8(rt, filename);
        if (size_t slash = base.rfind('/'); slash != std::string::npos) base = base.substr(slash + 1);
    }
    const bool have_lineno = lineno != nullptr && Py_TYPE(lineno) == rt.builtins().long_type;
    std::string text;
    if (!append_str(rt, msg != nullptr ? msg : rt.builtins().singletons.none, false, &text)) return nullptr;
    if (!have_filename && !have_lineno) return str_from_utf8(rt, text);
    bool overflow = false;
    const std::string line = have_lineno ? std::to_string(long_as_int64(rt, lineno, &overflow)) : "";
    if (have_filename && have_lineno)
        text += " (" + base + ", line " + line + ")";
    else if (have_filename)
        text += " (" + base + ")";
    else
        text += " (line " + line + ")";
    return str_from_utf8(rt, text);
}

PyObject* exception_tp_str(Runtime& rt, PyObject* self) {
    PyObject* args = exception_args(self);
    const ExceptionTypes& t = rt.builtins().exc;
    // KeyError_str: a lone key prints as its repr, so KeyError('') reads KeyError: ''.
    if (args != nullptr && Py_SIZE(args) == 1 && object_type_check(self, t.KeyError))
        return object_repr(rt, tuple_items(args)[0]);
    switch (exception_kind(rt, Py_TYPE(self))) {
        case ExceptionKind::ImportError:
            if (exception_added_fields(rt, ExceptionKind::ImportError) > 0) {
                PyObject* msg = field(rt, self, kImportMsg);
                if (msg != nullptr && Py_TYPE(msg) == rt.builtins().str_type) return new_ref(rt, msg);
            }
            break;
        case ExceptionKind::OSError: return os_error_str(rt, self);
        case ExceptionKind::SyntaxError: return syntax_error_str(rt, self);
        case ExceptionKind::UnicodeError: {
            bool handled = false;
            PyObject* s = exception_unicode_str(rt, self, &handled);
            if (handled) return s;
            break;
        }
        default: break;
    }
    return base_str(rt, self);
}

// BaseException_repr: Name('x') from 3.7; Name('x',) before, Name(1, 2) always.
PyObject* exception_tp_repr(Runtime& rt, PyObject* self) {
    PyObject* args = exception_args(self);
    std::string text = type_name(Py_TYPE(self));
    if (args != nullptr && Py_SIZE(args) == 1 && rt.profile().at_least(3, 7)) {
        text += "(";
        if (!append_str(rt, tuple_items(args)[0], true, &text)) return nullptr;
        text += ")";
    } else if (args != nullptr) {
        if (!append_str(rt, args, true, &text)) return nullptr;
    } else {
        text += "()";
    }
    return str_from_utf8(rt, text);
}

// ---- attributes ---------------------------------------------------------------------------------

PyObject* get_args(Runtime& rt, PyObject* self) {
    PyObject* a = exception_args(self);
    return a != nullptr ? new_ref(rt, a) : none(rt);
}
int set_args(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "args may not be deleted");
        return -1;
    }
    PyObject* seq = sequence_tuple(rt, value);
    if (seq == nullptr) return -1;
    set_slot(rt, &as_exc(self)->args.p, seq);
    return 0;
}

PyObject* get_traceback(Runtime& rt, PyObject* self) {
    PyObject* tb = exception_traceback(rt, self);
    return tb != nullptr ? new_ref(rt, tb) : none(rt);
}
int set_traceback(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (is_none(rt, value)) {
        exception_set_traceback(rt, self, nullptr);
    } else if (Py_TYPE(value) == rt.builtins().traceback_type) {
        exception_set_traceback(rt, self, value);
    } else {
        err_set_string(rt, rt.builtins().exc.TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    return 0;
}

PyObject* get_context(Runtime& rt, PyObject* self) {
    PyObject* c = exception_context(rt, self);
    return c != nullptr ? new_ref(rt, c) : none(rt);
}
PyObject* get_cause(Runtime& rt, PyObject* self) {
    PyObject* c = exception_cause(rt, self);
    return c != nullptr ? new_ref(rt, c) : none(rt);
}
// __context__ / __cause__ = None or an exception; deleting is refused.
PyObject* chain_value(Runtime& rt, PyObject* value, const char* name, const char* what, bool* ok) {
    *ok = false;
    if (value == nullptr) {
        err_format(rt, rt.builtins().exc.TypeError, "%s may not be deleted", name);
        return nullptr;
    }
    if (is_none(rt, value)) {
        *ok = true;
        return nullptr;
    }
    if (!exception_check(rt, value)) {
        err_format(rt, rt.builtins().exc.TypeError, "exception %s must be None or derive from BaseException", what);
        return nullptr;
    }
    *ok = true;
    return new_ref(rt, value);
}
int set_context(Runtime& rt, PyObject* self, PyObject* value) {
    bool ok = false;
    PyObject* v = chain_value(rt, value, "__context__", "context", &ok);
    if (!ok) return -1;
    exception_set_context(rt, self, v);
    return 0;
}
int set_cause(Runtime& rt, PyObject* self, PyObject* value) {
    bool ok = false;
    PyObject* v = chain_value(rt, value, "__cause__", "cause", &ok);
    if (!ok) return -1;
    exception_set_cause(rt, self, v);
    return 0;
}

PyObject* get_suppress_context(Runtime& rt, PyObject* self) {
    return bool_from(rt, exception_suppress_context(rt, self));
}
// A T_BOOL member: any object's truth.
int set_suppress_context(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    if (Py_TYPE(value) != Py_TYPE(rt.builtins().singletons.true_)) {
        err_set_string(rt, rt.builtins().exc.TypeError, "attribute value type must be bool");
        return -1;
    }
    as_exc(self)->suppress_context = value == rt.builtins().singletons.true_ ? 1 : 0;
    return 0;
}

// 2.7's BaseException.message: one set on the instance (in its __dict__) first, else the field
// (tp_new's '', __init__'s one argument). The DeprecationWarning it gives is ignored by default.
PyObject* get_message(Runtime& rt, PyObject* self) {
    if (PyObject* d = as_exc(self)->dict.p)
        if (PyObject* m = dict_get_ascii(rt, d, "message")) return new_ref(rt, m);
    PyObject* m = as_exc(self)->traceback.p;
    if (m == nullptr) return err_set_string(rt, rt.builtins().exc.AttributeError, "message attribute was deleted");
    return new_ref(rt, m);
}

// Setting it stores into the __dict__; deleting it drops both.
int set_message(Runtime& rt, PyObject* self, PyObject* value) {
    PyObject*& d = as_exc(self)->dict.p;
    PyObject* key = str_intern_ascii(rt, "message");
    if (key == nullptr) {
        err_no_memory(rt);
        return -1;
    }
    bool ok = true;
    if (value == nullptr) {
        if (d != nullptr && dict_contains(rt, d, key) == 1) ok = dict_delitem(rt, d, key);
        if (ok) set_slot(rt, &as_exc(self)->traceback.p, nullptr);
    } else {
        if (d == nullptr && (d = dict_new(rt)) == nullptr) ok = false;
        ok = ok && dict_setitem(rt, d, key, value);
    }
    rt.decref(key);
    return ok ? 0 : -1;
}

PyObject* get_dict(Runtime& rt, PyObject* self) {
    PyObject*& d = as_exc(self)->dict.p;
    if (d == nullptr && (d = object_generic_new_dict(rt, Py_TYPE(self))) == nullptr) return nullptr;  // 3.x: split when shared
    return new_ref(rt, d);
}
int set_dict(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!object_type_check(value, rt.builtins().dict_type)) {
        err_format(rt, rt.builtins().exc.TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   type_name(Py_TYPE(value)).c_str());
        return -1;
    }
    set_slot(rt, &as_exc(self)->dict.p, new_ref(rt, value));
    return 0;
}

// A T_OBJECT member over an added field: None when empty; deleting empties it.
template <int I>
PyObject* get_field(Runtime& rt, PyObject* self) {
    PyObject* v = field(rt, self, I);
    return v != nullptr ? new_ref(rt, v) : none(rt);
}
template <int I>
int set_field_attr(Runtime& rt, PyObject* self, PyObject* value) {
    set_field(rt, self, I, value);
    return 0;
}
#define FIELD(name, i) PyGetSetDef{name, get_field<i>, set_field_attr<i>}

PyObject* get_characters_written(Runtime& rt, PyObject*) {
    return err_set_string(rt, rt.builtins().exc.AttributeError, "characters_written");
}

const PyGetSetDef kBaseGetSet3[] = {{"__suppress_context__", get_suppress_context, set_suppress_context},
                                    {"__dict__", get_dict, set_dict},
                                    {"args", get_args, set_args},
                                    {"__traceback__", get_traceback, set_traceback},
                                    {"__context__", get_context, set_context},
                                    {"__cause__", get_cause, set_cause},
                                    {nullptr, nullptr, nullptr}};
const PyGetSetDef kBaseGetSet27[] = {
    {"__dict__", get_dict, set_dict}, {"args", get_args, set_args}, {"message", get_message, set_message}, {nullptr, nullptr, nullptr}};
const PyGetSetDef kStopIterationGetSet[] = {FIELD("value", kStopValue), {nullptr, nullptr, nullptr}};
const PyGetSetDef kSystemExitGetSet[] = {FIELD("code", kExitCode), {nullptr, nullptr, nullptr}};
const PyGetSetDef kImportErrorGetSet[] = {FIELD("msg", kImportMsg), FIELD("name", kImportName),
                                          FIELD("path", kImportPath), {nullptr, nullptr, nullptr}};
const PyGetSetDef kImportErrorGetSet312[] = {FIELD("msg", kImportMsg), FIELD("name", kImportName),
                                             FIELD("path", kImportPath), FIELD("name_from", kImportNameFrom),
                                             {nullptr, nullptr, nullptr}};
const PyGetSetDef kOSErrorGetSet3[] = {FIELD("errno", kOSErrno),
                                       FIELD("strerror", kOSStrerror),
                                       FIELD("filename", kOSFilename),
                                       FIELD("filename2", kOSFilename2),
                                       {"characters_written", get_characters_written, nullptr},
                                       {nullptr, nullptr, nullptr}};
const PyGetSetDef kOSErrorGetSet27[] = {FIELD("errno", kOSErrno), FIELD("strerror", kOSStrerror),
                                        FIELD("filename", kOSFilename), {nullptr, nullptr, nullptr}};
const PyGetSetDef kSyntaxErrorGetSet310[] = {
    FIELD("msg", kSyntaxMsg),  FIELD("filename", kSyntaxFilename), FIELD("lineno", kSyntaxLineno),
    FIELD("offset", kSyntaxOffset), FIELD("text", 6), FIELD("end_lineno", 4), FIELD("end_offset", 5),
    FIELD("print_file_and_line", 7), {nullptr, nullptr, nullptr}};
const PyGetSetDef kSyntaxErrorGetSet[] = {FIELD("msg", kSyntaxMsg),       FIELD("filename", kSyntaxFilename),
                                          FIELD("lineno", kSyntaxLineno), FIELD("offset", kSyntaxOffset),
                                          FIELD("text", 4),               FIELD("print_file_and_line", 5),
                                          {nullptr, nullptr, nullptr}};
const PyGetSetDef kNameErrorGetSet[] = {FIELD("name", kNameErrorName), {nullptr, nullptr, nullptr}};
const PyGetSetDef kAttributeErrorGetSet[] = {FIELD("name", kAttributeName), FIELD("obj", kAttributeObj),
                                             {nullptr, nullptr, nullptr}};
#undef FIELD

// ---- methods ------------------------------------------------------------------------------------

bool one_argument(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (count_keywords(kwnames) > 0) {
        err_format(rt, rt.builtins().exc.TypeError, "%s() takes no keyword arguments", name);
        return false;
    }
    if (nargs == 1) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes exactly one argument (%d given)", name,
               static_cast<int>(nargs));
    return false;
}

PyObject* exc_with_traceback(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_argument(rt, "with_traceback", nargs, kw) || set_traceback(rt, self, args[0]) < 0) return nullptr;
    return new_ref(rt, self);
}

// add_note(note): appends to the list in __notes__ (an ordinary attribute, in the instance dict),
// making the list on first use.
PyObject* exc_add_note(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!one_argument(rt, "add_note", nargs, kw)) return nullptr;
    if (!str_check(rt, args[0]))
        return err_format(rt, rt.builtins().exc.TypeError, "note must be a str, not '%s'",
                          type_name(Py_TYPE(args[0])).c_str());
    PyObject* name = str_intern_ascii(rt, "__notes__");
    if (name == nullptr) return err_no_memory(rt);
    str_intern_in_place(rt, &name);
    PyObject* notes = object_lookup_attr(rt, self, name);
    if (notes == nullptr && !err_occurred(rt)) {
        notes = list_new(rt, 0);
        if (notes == nullptr) {
            rt.decref(name);
            return err_no_memory(rt);
        }
        if (object_setattr(rt, self, name, notes) < 0) {
            rt.decref(notes);
            notes = nullptr;
        }
    }
    rt.decref(name);
    if (notes == nullptr) return nullptr;
    if (!object_type_check(notes, rt.builtins().list_type)) {
        rt.decref(notes);
        return err_set_string(rt, rt.builtins().exc.TypeError, "Cannot add note: __notes__ is not a list");
    }
    const bool ok = list_append(rt, notes, args[0]);
    rt.decref(notes);
    return ok ? none(rt) : err_no_memory(rt);
}

// __reduce__: (type, args) or (type, args, __dict__).
PyObject* exc_reduce(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject*) {
    if (nargs != 0)
        return err_format(rt, rt.builtins().exc.TypeError, "__reduce__() takes no arguments (%d given)",
                          static_cast<int>(nargs));
    PyObject* dict = as_exc(self)->dict.p;
    PyObject* t = tuple_new(rt, dict != nullptr ? 3 : 2);
    if (t == nullptr) return err_no_memory(rt);
    tuple_items(t)[0] = new_ref(rt, reinterpret_cast<PyObject*>(Py_TYPE(self)));
    tuple_items(t)[1] = get_args(rt, self);
    if (dict != nullptr) tuple_items(t)[2] = new_ref(rt, dict);
    return t;
}

const PyMethodDef kMethods27[] = {{"__reduce__", exc_reduce, 0}, {nullptr, nullptr, 0}};
const PyMethodDef kMethods3[] = {
    {"__reduce__", exc_reduce, 0}, {"with_traceback", exc_with_traceback, 0}, {nullptr, nullptr, 0}};
const PyMethodDef kMethods311[] = {{"__reduce__", exc_reduce, 0},
                                   {"with_traceback", exc_with_traceback, 0},
                                   {"add_note", exc_add_note, 0},
                                   {nullptr, nullptr, 0}};

bool add_getsets(Runtime& rt, PyTypeObject* type, const PyGetSetDef* defs) {
    if (type == nullptr) return true;
    for (const PyGetSetDef* d = defs; d->name != nullptr; ++d)
        if (!type_add_to_dict(rt, type, d->name, getset_descriptor_new(rt, type, d))) return false;
    return true;
}

// 2.7's static exception types are named "exceptions.ValueError" (their repr and the messages
// that print tp_name show it). The names live as long as the process; equal names are shared.
const char* exceptions_module_name(const char* name) {
    static std::set<std::string> names;
    return names.insert(std::string("exceptions.") + name).first->c_str();
}

}  // namespace

void init_exception_slots(Runtime& rt) {
    ExceptionTypes& t = rt.builtins().exc;
    PyTypeObject* base = t.BaseException;
    base->tp_new = exception_tp_new;
    base->tp_init = exception_tp_init;
    base->tp_str = exception_tp_str;
    base->tp_repr = exception_tp_repr;
    const Profile& p = rt.profile();
    base->tp_methods = p.major == 2 ? kMethods27 : p.at_least(3, 11) ? kMethods311 : kMethods3;
    if (p.major == 2) for_each_exception_type(t, [](PyTypeObject* type) { type->tp_name = exceptions_module_name(type->tp_name); });
}

bool init_exception_attributes(Runtime& rt) {
    const ExceptionTypes& t = rt.builtins().exc;
    const Profile& p = rt.profile();
    const bool py3 = p.major >= 3;
    bool ok = add_getsets(rt, t.BaseException, py3 ? kBaseGetSet3 : kBaseGetSet27) &&
              add_getsets(rt, t.SystemExit, kSystemExitGetSet) &&
              add_getsets(rt, t.EnvironmentError, py3 ? kOSErrorGetSet3 : kOSErrorGetSet27) &&
              add_getsets(rt, t.SyntaxError, p.at_least(3, 10) ? kSyntaxErrorGetSet310 : kSyntaxErrorGetSet) &&
              init_unicode_error_attributes(rt);
    if (ok && py3)
        ok = add_getsets(rt, t.StopIteration, kStopIterationGetSet) && add_getsets(rt, t.ImportError, p.at_least(3, 12) ? kImportErrorGetSet312 : kImportErrorGetSet);
    if (ok && p.at_least(3, 10))
        ok = add_getsets(rt, t.NameError, kNameErrorGetSet) && add_getsets(rt, t.AttributeError, kAttributeErrorGetSet);
    return ok;
}

PyObject* exception_create(Runtime& rt, PyTypeObject* type, PyObject* args) {
    PyObject* exc = exception_new(rt, type, args);
    if (exc == nullptr) return nullptr;
    if (!init_fields(rt, exc, exception_kind(rt, type))) {
        rt.decref(exc);
        return nullptr;
    }
    return exc;
}

PyObject* exception_stop_iteration_value(Runtime& rt, PyObject* exc) {
    if (exception_added_fields(rt, ExceptionKind::StopIteration) > 0)
        if (PyObject* v = field(rt, exc, kStopValue)) return v;
    return rt.builtins().singletons.none;
}

PyObject* exception_system_exit_code(Runtime& rt, PyObject* exc) { return field(rt, exc, kExitCode); }

void exception_set_name(Runtime& rt, PyObject* exc, PyObject* name, PyObject* obj) {
    switch (exception_kind(rt, Py_TYPE(exc))) {
        case ExceptionKind::NameError:
            if (exception_added_fields(rt, ExceptionKind::NameError) > 0) set_field(rt, exc, kNameErrorName, name);
            break;
        case ExceptionKind::AttributeError:
            if (exception_added_fields(rt, ExceptionKind::AttributeError) == 0) break;
            set_field(rt, exc, kAttributeName, name);
            set_field(rt, exc, kAttributeObj, obj);
            break;
        default: break;
    }
}

void exception_note_attribute_lookup(Runtime& rt, PyObject* obj, PyObject* name) {
    PyObject* exc = err_current(rt);
    if (exc == nullptr || exception_kind(rt, Py_TYPE(exc)) != ExceptionKind::AttributeError ||
        exception_added_fields(rt, ExceptionKind::AttributeError) == 0)
        return;
    if (rt.profile().at_least(3, 12) && (field(rt, exc, kAttributeName) != nullptr || field(rt, exc, kAttributeObj) != nullptr))
        return;
    exception_set_name(rt, exc, name, obj);
}

PyObject* exception_attribute_obj(Runtime& rt, PyObject* exc) {
    if (exception_kind(rt, Py_TYPE(exc)) != ExceptionKind::AttributeError ||
        exception_added_fields(rt, ExceptionKind::AttributeError) == 0)
        return nullptr;
    return field(rt, exc, kAttributeObj);
}

PyObject* exception_name(Runtime& rt, PyObject* exc) {
    switch (exception_kind(rt, Py_TYPE(exc))) {
        case ExceptionKind::NameError:
            return exception_added_fields(rt, ExceptionKind::NameError) > 0 ? field(rt, exc, kNameErrorName) : nullptr;
        case ExceptionKind::AttributeError:
            return exception_added_fields(rt, ExceptionKind::AttributeError) > 0 ? field(rt, exc, kAttributeName)
                                                                                 : nullptr;
        default: return nullptr;
    }
}

bool err_set_import_error(Runtime& rt, PyTypeObject* type, std::string_view msg, PyObject* name, PyObject* path,
                          PyObject* name_from) {
    PyObject* text = str_from_utf8(rt, msg);
    if (text == nullptr) return false;
    PyObject* args = tuple_from_array(rt, &text, 1);
    rt.decref(text);
    if (args == nullptr) return false;
    PyObject* exc = exception_create(rt, type, args);
    rt.decref(args);
    if (exc == nullptr) return false;
    const int fields = exception_added_fields(rt, ExceptionKind::ImportError);  // 0 in 2.7
    if (fields > kImportPath) {
        set_field(rt, exc, kImportName, name);
        set_field(rt, exc, kImportPath, path);
    }
    if (fields > kImportNameFrom)
        set_field(rt, exc, kImportNameFrom, name_from);
    err_set_instance(rt, exc);
    return true;
}

PyObject* exception_import_name(Runtime& rt, PyObject* exc) {
    if (exception_kind(rt, Py_TYPE(exc)) != ExceptionKind::ImportError ||
        exception_added_fields(rt, ExceptionKind::ImportError) <= kImportName)
        return nullptr;
    return field(rt, exc, kImportName);
}

PyObject* exception_import_name_from(Runtime& rt, PyObject* exc) {
    if (exception_kind(rt, Py_TYPE(exc)) != ExceptionKind::ImportError ||
        exception_added_fields(rt, ExceptionKind::ImportError) <= kImportNameFrom)
        return nullptr;
    return field(rt, exc, kImportNameFrom);
}

bool exception_message(Runtime& rt, PyObject* exc, std::string* out) {
    out->clear();
    return object_str_utf8(rt, exc, out);
}

}  // namespace pymemlab
