// The sys module's data and streams (Python/sysmodule.c, Objects/structseq.c): version_info as
// a struct sequence, version, hexversion, maxsize (2.7's maxint), byteorder, argv, path,
// float_info, int_info, stdout/stderr objects with write() and flush(), and exit(). The
// functions about objects (getrefcount, getsizeof, intern, ...) are sysmodule.cpp.
#include <array>
#include <cfloat>
#include <cstdio>
#include <map>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/float_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {


// The micro version of each profile's reference build (the pyenv builds the oracle runs; 3.14 the
// Pyodide build's CPython).
int micro_version(const Profile& p) {
    struct Row {
        int major, minor, micro;
    };
    for (Row r : {Row{2, 7, 18}, Row{3, 6, 15}, Row{3, 8, 18}, Row{3, 10, 13}, Row{3, 11, 7}, Row{3, 12, 1},
                  Row{3, 13, 0}, Row{3, 14, 2}})
        if (r.major == p.major && r.minor == p.minor) return r.micro;
    return 0;
}

// ---- struct sequences ----------------------------------------------------------------------------
// A struct sequence is a tuple whose type names its items (sys.version_info.major). Its type
// derives from tuple and keeps the tuple's layout; the names live in a layout per kind of struct.

constexpr int kMaxStructFields = 11;

template <int I>
PyObject* struct_item(Runtime& rt, PyObject* self) {
    return new_ref(rt, tuple_items(self)[I]);
}
template <int... I>
constexpr std::array<getter, sizeof...(I)> struct_getters(std::integer_sequence<int, I...>) {
    return {struct_item<I>...};
}
constexpr auto kStructGetters = struct_getters(std::make_integer_sequence<int, kMaxStructFields>());

// The field names and getset table of one kind of struct sequence under one profile. Every
// runtime's type of that name shares it, so a process that makes runtime after runtime (the
// page, the fuzzer) keeps one layout per kind and profile, never one per runtime.
struct StructLayout {
    std::vector<const char*> fields;
    std::vector<PyGetSetDef> getset;  // ends with a null name; descriptors point into it
};

// The layout of `name` under rt's profile; `fields` makes it the first time it is asked for.
const StructLayout& struct_layout(const Runtime& rt, const char* name, const std::vector<const char*>& fields = {}) {
    static std::map<std::pair<std::string_view, std::string>, StructLayout> layouts;
    auto [it, made] = layouts.try_emplace({rt.profile().name, name});
    StructLayout& layout = it->second;
    if (made) {
        layout.fields = fields;
        for (size_t i = 0; i < fields.size() && i < kStructGetters.size(); ++i)
            layout.getset.push_back({fields[i], kStructGetters[i], nullptr});
        layout.getset.push_back({nullptr, nullptr, nullptr});
    }
    return layout;
}

// structseq_repr: name(field=repr, ...).
PyObject* struct_repr(Runtime& rt, PyObject* self) {
    const auto& names = struct_layout(rt, Py_TYPE(self)->tp_name).fields;
    std::string text = std::string(Py_TYPE(self)->tp_name) + "(";
    for (Py_ssize_t i = 0; i < Py_SIZE(self) && i < static_cast<Py_ssize_t>(names.size()); ++i) {
        std::string r;
        if (!object_repr_utf8(rt, tuple_items(self)[i], &r)) return nullptr;
        text += (i > 0 ? ", " : "") + std::string(names[static_cast<size_t>(i)]) + "=" + r;
    }
    return str_from_utf8(rt, text + ")");
}

// A struct sequence type named `name` ("sys.version_info") with the given field names.
PyTypeObject* struct_type(Runtime& rt, const char* name) {
    PyTypeObject* tuple = rt.builtins().tuple_type;
    PyTypeObject* t = new_static_type(rt, name, tuple->tp_basicsize, tuple->tp_itemsize,
                                      {.dealloc = tuple->tp_dealloc, .traverse = tuple->tp_traverse});
    t->tp_base = tuple;
    t->tp_repr = struct_repr;
    t->tp_flags |= Py_TPFLAGS_TUPLE_SUBCLASS;
    type_ready(rt, t);
    return t;
}

// An instance holding `values` (references stolen).
PyObject* struct_new(Runtime& rt, PyTypeObject* type, const std::vector<PyObject*>& values) {
    for (PyObject* v : values)
        if (v == nullptr) {
            for (PyObject* o : values) rt.xdecref(o);
            return err_no_memory(rt);
        }
    PyObject* t = tuple_new(rt, static_cast<int64_t>(values.size()));
    if (t == nullptr) {
        for (PyObject* o : values) rt.decref(o);
        return err_no_memory(rt);
    }
    for (size_t i = 0; i < values.size(); ++i) tuple_items(t)[i] = values[i];
    t->ob_type = type;
    rt.note_retyped(t);
    return t;
}

PyObject* make_struct(Runtime& rt, const char* name, std::vector<const char*> fields, std::vector<PyObject*> values) {
    const StructLayout& layout = struct_layout(rt, name, fields);
    PyTypeObject* type = struct_type(rt, name);
    for (const PyGetSetDef& d : layout.getset)
        if (d.name != nullptr) type_add_to_dict(rt, type, d.name, getset_descriptor_new(rt, type, &d));
    return struct_new(rt, type, values);
}

// ---- stdout and stderr ---------------------------------------------------------------------------
// The lab's standard streams: objects of a type of their own (3.x: _io.TextIOWrapper, 2.7: file)
// in the data segment, which write to the interpreter's output (fd 1 or 2).

struct StreamObject {
    PyObject ob_base;
    int64_t fd;
};

bool is_stream(const Runtime& rt, const PyObject* o) {
    return rt.builtins().textio_type != nullptr && Py_TYPE(o) == rt.builtins().textio_type;
}

PyObject* stream_write(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (kw != nullptr && Py_SIZE(kw) > 0)
        return err_set_string(rt, rt.builtins().exc.TypeError, "write() takes no keyword arguments");
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "write() takes exactly one argument (%d given)",
                          static_cast<int>(nargs));
    PyObject* s = args[0];
    const bool py2 = rt.profile().major == 2;
    if (!str_check(rt, s) && !(py2 && object_type_check(s, rt.builtins().unicode_type))) {
        if (py2)
            return err_format(rt, rt.builtins().exc.TypeError, "expected a string or other character buffer object");
        return err_format(rt, rt.builtins().exc.TypeError, "write() argument must be str, not %s",
                          type_name(Py_TYPE(s)).c_str());
    }
    std::string text;
    if (!object_str_utf8(rt, s, &text)) return nullptr;
    interp_of(rt).write(static_cast<int>(reinterpret_cast<StreamObject*>(self)->fd), text);
    if (py2) return none(rt);
    return long_from_int64(rt, object_length(rt, s));
}

PyObject* stream_flush(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) { return none(rt); }

PyObject* stream_repr(Runtime& rt, PyObject* self) {
    const bool err = reinterpret_cast<StreamObject*>(self)->fd == 2;
    const char* name = err ? "<stderr>" : "<stdout>";
    if (rt.profile().major == 2) {
        return str_from_utf8(rt, std::string("<open file '") + name + "', mode 'w' at " + object_address(rt, self) + ">");
    }
    return str_from_utf8(rt, std::string("<_io.TextIOWrapper name='") + name + "' mode='w' encoding='utf-8'>");
}

PyObject* stream_name(Runtime& rt, PyObject* self) {
    return str_from_utf8(rt, reinterpret_cast<StreamObject*>(self)->fd == 2 ? "<stderr>" : "<stdout>");
}
PyObject* stream_mode(Runtime& rt, PyObject*) { return str_from_utf8(rt, "w"); }
PyObject* stream_encoding(Runtime& rt, PyObject*) { return str_from_utf8(rt, "utf-8"); }
// 2.7's file.softspace: stdout's is the print statement's flag (Interp::softspace).
PyObject* stream_softspace(Runtime& rt, PyObject* self) {
    const bool on = reinterpret_cast<StreamObject*>(self)->fd == 1 && interp_of(rt).softspace;
    return long_from_int64(rt, on ? 1 : 0);
}
int stream_set_softspace(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    const int truth = object_is_true(rt, value);
    if (truth < 0) return -1;
    if (reinterpret_cast<StreamObject*>(self)->fd == 1) interp_of(rt).softspace = truth != 0;
    return 0;
}

const PyMethodDef kStreamMethods[] = {{"write", stream_write, 0}, {"flush", stream_flush, 0}, {nullptr, nullptr, 0}};
const PyGetSetDef kStreamGetSet[] = {{"name", stream_name, nullptr},
                                     {"mode", stream_mode, nullptr},
                                     {"encoding", stream_encoding, nullptr},
                                     {nullptr, nullptr, nullptr}};
const PyGetSetDef kStreamSoftspace = {"softspace", stream_softspace, stream_set_softspace};

PyObject* make_stream(Runtime& rt, int fd) {
    Builtins& b = rt.builtins();
    if (b.textio_type == nullptr) {
        PyTypeObject* t = new_static_type(rt, rt.profile().major == 2 ? "file" : "_io.TextIOWrapper",
                                          sizeof(StreamObject), 0);
        t->tp_repr = stream_repr;
        t->tp_methods = kStreamMethods;
        b.textio_type = t;
        type_ready(rt, t);
        for (const PyGetSetDef* d = kStreamGetSet; d->name != nullptr; ++d)
            type_add_to_dict(rt, t, d->name, getset_descriptor_new(rt, t, d));
        if (rt.profile().major == 2) type_add_to_dict(rt, t, "softspace", getset_descriptor_new(rt, t, &kStreamSoftspace));
    }
    PyObject* o = rt.static_object(b.textio_type, sizeof(StreamObject));
    reinterpret_cast<StreamObject*>(o)->fd = fd;
    return o;
}

// ---- exit ---------------------------------------------------------------------------------------

// sys.exit(status=None): raises SystemExit(status) (a tuple status gives its items as args).
PyObject* sys_exit(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (kw != nullptr && Py_SIZE(kw) > 0)
        return err_set_string(rt, rt.builtins().exc.TypeError, "exit() takes no keyword arguments");
    if (!check_positional(rt, "exit", nargs, 0, 1, 7)) return nullptr;
    return err_set_object(rt, rt.builtins().exc.SystemExit, nargs > 0 ? args[0] : nullptr);
}

const PyMethodDef kSysDataMethods[] = {{"exit", sys_exit, 0}, {nullptr, nullptr, 0}};

PyObject* str_list(Runtime& rt, std::initializer_list<const char*> items) {
    PyObject* list = list_new(rt, 0);
    if (list == nullptr) return nullptr;
    for (const char* s : items) {
        PyObject* o = str_from_utf8(rt, s);
        const bool ok = o != nullptr && list_append(rt, list, o);
        rt.xdecref(o);
        if (!ok) {
            rt.decref(list);
            return nullptr;
        }
    }
    return list;
}

PyObject* version_info(Runtime& rt) {
    const Profile& p = rt.profile();
    return make_struct(rt, "sys.version_info", {"major", "minor", "micro", "releaselevel", "serial"},
                       {long_from_int64(rt, p.major), long_from_int64(rt, p.minor), long_from_int64(rt, micro_version(p)),
                        str_from_utf8(rt, "final"), long_from_int64(rt, 0)});
}

PyObject* float_info(Runtime& rt) {
    return make_struct(rt, "sys.float_info",
                       {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon",
                        "radix", "rounds"},
                       {float_from_double(rt, DBL_MAX), long_from_int64(rt, DBL_MAX_EXP),
                        long_from_int64(rt, DBL_MAX_10_EXP), float_from_double(rt, DBL_MIN),
                        long_from_int64(rt, DBL_MIN_EXP), long_from_int64(rt, DBL_MIN_10_EXP),
                        long_from_int64(rt, DBL_DIG), long_from_int64(rt, DBL_MANT_DIG),
                        float_from_double(rt, DBL_EPSILON), long_from_int64(rt, FLT_RADIX), long_from_int64(rt, 1)});
}

// sys.int_info: 30-bit digits in 4-byte words (3.x; 3.11 adds the str-digits limits).
PyObject* int_info(Runtime& rt) {
    if (rt.profile().at_least(3, 11))
        return make_struct(rt, "sys.int_info",
                           {"bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"},
                           {long_from_int64(rt, 30), long_from_int64(rt, 4), long_from_int64(rt, 4300),
                            long_from_int64(rt, 640)});
    return make_struct(rt, rt.profile().major == 2 ? "sys.long_info" : "sys.int_info", {"bits_per_digit", "sizeof_digit"},
                       {long_from_int64(rt, 30), long_from_int64(rt, 4)});
}

}  // namespace

PyObject* sys_stream(Interp& in, const char* name) {
    if (in.sys_module == nullptr) return nullptr;
    PyObject* d = module_dict(in.sys_module);
    for (PyObject* key : dict_keys(in.rt, d))
        if (str_check(in.rt, key) && str_as_utf8(in.rt, key) == name) return dict_getitem(in.rt, d, key);
    return nullptr;
}

bool file_write_text(Interp& in, PyObject* file, std::string_view text) {
    Runtime& rt = in.rt;
    if (is_stream(rt, file)) {
        in.write(static_cast<int>(reinterpret_cast<StreamObject*>(file)->fd), text);
        return true;
    }
    PyObject* s = str_from_utf8(rt, text);
    if (s == nullptr) return err_no_memory(rt), false;
    const bool ok = file_write_object(in, file, s);
    rt.decref(s);
    return ok;
}

bool file_write_object(Interp& in, PyObject* file, PyObject* text) {
    Runtime& rt = in.rt;
    if (is_stream(rt, file)) {
        std::string s;
        if (!object_str_utf8(rt, text, &s)) return false;
        in.write(static_cast<int>(reinterpret_cast<StreamObject*>(file)->fd), s);
        return true;
    }
    PyObject* r = object_call_method(rt, file, "write", &text, 1);
    if (r == nullptr) return false;
    rt.decref(r);
    return true;
}

bool file_flush(Interp& in, PyObject* file) {
    if (is_stream(in.rt, file)) return true;
    PyObject* r = object_call_method(in.rt, file, "flush", nullptr, 0);
    if (r == nullptr) return false;
    in.rt.decref(r);
    return true;
}

bool sys_add_attributes(Interp& in, PyObject* m) {
    Runtime& rt = in.rt;
    const Profile& p = rt.profile();
    const int micro = micro_version(p);
    char version[64];
    std::snprintf(version, sizeof version, "%d.%d.%d (pymemlab)", p.major, p.minor, micro);
    const int64_t hexversion = (static_cast<int64_t>(p.major) << 24) | (p.minor << 16) | (micro << 8) | 0xf0;
    PyObject* out = make_stream(rt, 1);
    PyObject* err = make_stream(rt, 2);
    bool ok = module_add_functions(rt, m, kSysDataMethods) && module_add_object(rt, m, "version_info", version_info(rt)) &&
              module_add_object(rt, m, "version", str_from_utf8(rt, version)) &&
              module_add_object(rt, m, "hexversion", long_from_int64(rt, hexversion)) &&
              module_add_object(rt, m, "byteorder", str_from_utf8(rt, "little")) &&
              module_add_object(rt, m, "argv", str_list(rt, {"<snippet>"})) &&
              module_add_object(rt, m, "path", str_list(rt, {""})) &&
              module_add_object(rt, m, "float_info", float_info(rt)) &&
              module_add_object(rt, m, p.major == 2 ? "long_info" : "int_info", int_info(rt)) &&
              module_add_object(rt, m, "stdout", new_ref(rt, out)) && module_add_object(rt, m, "stderr", new_ref(rt, err)) &&
              module_add_object(rt, m, "__stdout__", new_ref(rt, out)) &&
              module_add_object(rt, m, "__stderr__", new_ref(rt, err));
    if (ok && p.major == 2) ok = module_add_object(rt, m, "maxint", long_from_int64(rt, INT64_MAX));
    return ok;
}

}  // namespace pymemlab
