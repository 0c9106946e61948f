// 2.7's statements at run time that 3.x has no instruction for: `print >>f, v` (PRINT_ITEM_TO,
// PRINT_NEWLINE_TO, with the file's softspace flag), `raise E, V` (RAISE_VARARGS 2 meaning
// type and value) and `/` under `from __future__ import division` (BINARY_TRUE_DIVIDE). Plain `print v` is interp.cpp's print_item_27; the parser and compiler are
// parser_stmt.cpp and compile_stmt.cpp.
#include <cctype>
#include <string>

#include "interp/ceval_internal.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/class_object27.h"
#include "object/instance_object27.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/float_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

// PyFile_SoftSpace(f, flag): the object's softspace attribute (0 when it has none), then set to
// flag; errors on the way are swallowed, as 2.7 does.
bool soft_space(Interp& in, PyObject* f, bool flag) {
    Runtime& rt = in.rt;
    PyObject* name = str_from_utf8(rt, "softspace");
    if (name == nullptr) {
        err_clear(rt);
        return false;
    }
    str_intern_in_place(rt, &name);
    bool old = false;
    if (PyObject* v = object_lookup_attr(rt, f, name)) {
        bool overflow = false;
        old = object_type_check(v, rt.builtins().long_type) ? long_as_int64(rt, v, &overflow) != 0 : object_is_true(rt, v) > 0;
        rt.decref(v);
    }
    err_clear(rt);
    PyObject* value = long_from_int64(rt, flag ? 1 : 0);
    if (value == nullptr || object_setattr(rt, f, name, value) < 0) err_clear(rt);
    rt.xdecref(value);
    rt.decref(name);
    return old;
}

// The file a PRINT_*_TO writes to: the stream, or sys.stdout for None.
PyObject* stream_or_stdout(Interp& in, PyObject* stream) {
    if (stream != in.rt.builtins().singletons.none) return stream;
    PyObject* w = sys_stream(in, "stdout");
    if (w == nullptr) err_set_string(in.rt, in.rt.builtins().exc.RuntimeError, "lost sys.stdout");
    return w;
}

// The text's last character leaves softspace off when it is whitespace other than ' '.
bool ends_in_space(const std::string& text) {
    if (text.empty()) return false;
    const unsigned char c = static_cast<unsigned char>(text.back());
    return std::isspace(c) != 0 && c != ' ';
}

PyObject* instantiate(Interp& in, PyObject* type, PyObject* value) {
    Runtime& rt = in.rt;
    if (value == nullptr || value == rt.builtins().singletons.none) return object_call_noargs(rt, type);
    if (Py_TYPE(value) == rt.builtins().tuple_type) return object_call(rt, type, value, nullptr);
    return object_call_one(rt, type, value);
}

}  // namespace

bool print_item_to_27(Interp& in, PyObject* stream, PyObject* value) {
    Runtime& rt = in.rt;
    PyObject* w = stream_or_stdout(in, stream);
    if (w == nullptr) return false;
    rt.incref(w);
    bool ok = true;
    if (soft_space(in, w, false)) ok = file_write_text(in, w, " ");
    PyObject* text = ok ? object_str(rt, value) : nullptr;
    ok = text != nullptr && file_write_object(in, w, text);
    if (ok) {
        const bool is_text = str_check(rt, text);
        soft_space(in, w, !(is_text && ends_in_space(str_as_utf8(rt, text))));
    }
    rt.xdecref(text);
    rt.decref(w);
    return ok;
}

bool print_newline_to_27(Interp& in, PyObject* stream) {
    Runtime& rt = in.rt;
    PyObject* w = stream_or_stdout(in, stream);
    if (w == nullptr) return false;
    rt.incref(w);
    const bool ok = file_write_text(in, w, "\n");
    if (ok) soft_space(in, w, false);
    rt.decref(w);
    return ok;
}

// 2.7's do_raise: a class is instantiated with the value (PyErr_NormalizeException: the value
// itself when it is already an instance, else the class called with it); an instance must come
// without a value.
bool raise_27(Interp& in, PyObject* type, PyObject* value) {
    Runtime& rt = in.rt;
    const Builtins& b = rt.builtins();
    PyObject* instance = nullptr;
    if (object_type_check(type, b.type_type) &&
        type_is_subtype(reinterpret_cast<PyTypeObject*>(type), b.exc.BaseException)) {
        if (value != nullptr && object_type_check(value, reinterpret_cast<PyTypeObject*>(type))) {
            rt.incref(value);
            instance = value;
        } else if ((instance = instantiate(in, type, value)) == nullptr) {
            return false;
        }
        if (!exception_check(rt, instance)) {
            err_format(rt, b.exc.TypeError, "calling %s() should have returned an instance of BaseException, not %s",
                       reinterpret_cast<PyTypeObject*>(type)->tp_name, Py_TYPE(instance)->tp_name);
            rt.decref(instance);
            return false;
        }
    } else if (exception_check(rt, type)) {
        if (value != nullptr && value != b.singletons.none) {
            err_set_string(rt, b.exc.TypeError, "instance exception may not have a separate value");
            return false;
        }
        rt.incref(type);
        instance = type;
    } else if (class27_check(rt, type) || instance27_check(rt, type)) {
        err_set_string(rt, b.exc.NotImplementedError,
                       "the lab does not model raising classic instances yet: derive the class from Exception");
        return false;
    } else {
        err_format(rt, b.exc.TypeError, "exceptions must be old-style classes or derived from BaseException, not %s",
                   Py_TYPE(type)->tp_name);
        return false;
    }
    err_set_instance(rt, instance);
    exception_set_traceback(rt, instance, nullptr);  // raised anew: a traceback of its own
    return true;
}

bool raise_with_traceback_27(Interp& in, PyObject* type, PyObject* value, PyObject* tb) {
    Runtime& rt = in.rt;
    if (tb == rt.builtins().singletons.none) return raise_27(in, type, value);
    if (!object_type_check(tb, rt.builtins().traceback_type)) {
        err_set_string(rt, rt.builtins().exc.TypeError, "raise: arg 3 must be a traceback or None");
        return false;
    }
    if (!raise_27(in, type, value)) return false;
    exception_set_traceback(rt, err_current(rt), tb);
    return true;
}

// int_true_divide / long_true_divide: two ints divide as floats (each converted exactly when it
// fits a double, which covers what the lab's snippets divide); anything else is the model's /,
// whose float and class slots already divide truly.
PyObject* true_divide_27(Interp& in, PyObject* a, PyObject* b, bool inplace) {
    Runtime& rt = in.rt;
    const Builtins& bt = rt.builtins();
    auto is_int = [&](PyObject* o) {
        return object_type_check(o, bt.long_type) || (bt.long27_type != nullptr && object_type_check(o, bt.long27_type));
    };
    if (!is_int(a) || !is_int(b)) return number_binary_op(rt, a, b, BinaryOp::Div, inplace);
    PyObject* fa = number_float(rt, a);
    if (fa == nullptr) return nullptr;
    PyObject* fb = number_float(rt, b);
    if (fb == nullptr) {
        rt.decref(fa);
        return nullptr;
    }
    PyObject* r = float_value(fb) == 0.0
                      ? err_set_string(rt, bt.exc.ZeroDivisionError, "division by zero")
                      : number_binary_op(rt, fa, fb, BinaryOp::Div, false);
    rt.decref(fa);
    rt.decref(fb);
    return r;
}

}  // namespace pymemlab
