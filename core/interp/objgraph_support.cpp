// The helpers objgraph_module.cpp and objgraph_dot.cpp share (objgraph_internal.h): a Python
// function's argument parsing and TypeErrors, objgraph's type names, calls into the gc module,
// and writing to a file object or sys.stdout.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
#include "interp/ceval_internal.h"
#include "interp/modules.h"
#include "interp/objgraph_internal.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"

namespace pymemlab::objgraph {

bool absent(Runtime& rt, PyObject* o) { return o == nullptr || o == rt.builtins().singletons.none; }

int flag(Runtime& rt, PyObject* o, bool fallback) { return o == nullptr ? fallback : object_is_true(rt, o); }

bool parse_params(Runtime& rt, const char* fname, const std::vector<const char*>& names, size_t required,
                  PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PyObject** out) {
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    const size_t n = names.size();
    for (size_t i = 0; i < n; ++i) out[i] = nullptr;
    if (static_cast<size_t>(nargs) > n) {
        if (required == n)
            err_format(rt, type_error, "%s() takes %d positional argument%s but %d were given", fname,
                       static_cast<int>(n), n == 1 ? "" : "s", static_cast<int>(nargs));
        else
            err_format(rt, type_error, "%s() takes from %d to %d positional arguments but %d were given", fname,
                       static_cast<int>(required), static_cast<int>(n), static_cast<int>(nargs));
        return false;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) out[i] = args[i];
    const Py_ssize_t nkw = kwnames == nullptr ? 0 : Py_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        size_t i = 0;
        while (i < n && key != names[i]) ++i;
        if (i == n) {
            err_format(rt, type_error, "%s() got an unexpected keyword argument '%s'", fname, key.c_str());
            return false;
        }
        if (out[i] != nullptr) {
            err_format(rt, type_error, "%s() got multiple values for argument '%s'", fname, key.c_str());
            return false;
        }
        out[i] = args[nargs + k];
    }
    std::vector<const char*> missing;
    for (size_t i = 0; i < required; ++i)
        if (out[i] == nullptr) missing.push_back(names[i]);
    if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size(); ++i) {
            if (i > 0) list += missing.size() == 2 ? " and " : (i + 1 == missing.size() ? ", and " : ", ");
            list += std::string("'") + missing[i] + "'";
        }
        err_format(rt, type_error, "%s() missing %d required positional argument%s: %s", fname,
                   static_cast<int>(missing.size()), missing.size() == 1 ? "" : "s", list.c_str());
        return false;
    }
    return true;
}

bool TypeNames::get(PyObject* o, bool shortnames, std::string* out) {
    const PyTypeObject* t = Py_TYPE(o);
    auto& cache = shortnames ? short_ : long_;
    if (auto it = cache.find(t); it != cache.end()) {
        *out = it->second;
        return true;
    }
    PyObject* type = reinterpret_cast<PyObject*>(const_cast<PyTypeObject*>(t));
    std::string name;
    PyObject* n = object_getattr_string(rt_, type, "__name__");
    if (n == nullptr || !object_str_utf8(rt_, n, &name)) {
        rt_.xdecref(n);
        return false;
    }
    rt_.decref(n);
    if (!shortnames) {
        PyObject* key = str_from_utf8(rt_, "__module__");
        PyObject* module = key != nullptr ? object_lookup_attr(rt_, type, key) : nullptr;
        rt_.xdecref(key);
        if (err_occurred(rt_)) return false;
        const int truth = module != nullptr ? object_is_true(rt_, module) : 0;
        std::string prefix;
        const bool ok = truth >= 0 && (truth == 0 || object_str_utf8(rt_, module, &prefix));
        rt_.xdecref(module);
        if (!ok) return false;
        if (truth > 0) name = prefix + "." + name;
    }
    cache.emplace(t, name);
    *out = std::move(name);
    return true;
}

PyObject* gc_call(Runtime& rt, PyObject* module, const char* name, PyObject* arg) {
    PyObject* gc = dict_get_ascii(rt, module_dict(module), "gc");
    if (gc == nullptr) return err_set_string(rt, rt.builtins().exc.NameError, "name 'gc' is not defined");
    PyObject* f = object_getattr_string(rt, gc, name);
    if (f == nullptr) return nullptr;
    PyObject* r = arg != nullptr ? object_call_one(rt, f, arg) : object_call_noargs(rt, f);
    rt.decref(f);
    return r;
}

bool collect_items(Runtime& rt, PyObject* iterable, std::vector<PyObject*>* out) {
    PyObject* it = object_get_iter(rt, iterable);
    if (it == nullptr) return false;
    while (PyObject* x = iter_next(rt, it)) out->push_back(x);
    rt.decref(it);
    if (err_occurred(rt)) {
        release_items(rt, *out);
        return false;
    }
    return true;
}

void release_items(Runtime& rt, std::vector<PyObject*>& items) {
    for (PyObject* o : items) rt.decref(o);
    items.clear();
}

bool ignore_ids(Runtime& rt, PyObject* extra_ignore, std::unordered_set<uint64_t>* out) {
    if (extra_ignore == nullptr) {
        // The default is the () singleton: objgraph ignores its id, so () is never drawn.
        PyObject* empty = tuple_new(rt, 0);
        if (empty == nullptr) return err_no_memory(rt), false;
        out->insert(rt.id(empty));
        rt.decref(empty);
        return true;
    }
    out->insert(rt.id(extra_ignore));
    std::vector<PyObject*> items;
    if (!collect_items(rt, extra_ignore, &items)) return false;
    for (PyObject* x : items) {
        bool overflow = false;
        if (long_check(x)) {
            const int64_t v = long_as_int64(rt, x, &overflow);
            if (!overflow) out->insert(static_cast<uint64_t>(v));
        }
    }
    release_items(rt, items);
    return true;
}

int call_predicate(Runtime& rt, PyObject* predicate, PyObject* o) {
    PyObject* r = object_call_one(rt, predicate, o);
    if (r == nullptr) return -1;
    const int truth = object_is_true(rt, r);
    rt.decref(r);
    return truth;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string utf8_prefix(std::string_view s, size_t n) {
    size_t count = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (count == n) break;
            ++count;
        }
    }
    return std::string(s.substr(0, i));
}

bool write_to(Runtime& rt, PyObject* file, std::string_view text) {
    Interp& in = interp_of(rt);
    if (absent(rt, file)) file = sys_stream(in, "stdout");
    if (file == nullptr) {
        err_set_string(rt, rt.builtins().exc.RuntimeError, "lost sys.stdout");
        return false;
    }
    return file_write_text(in, file, text);
}

bool is_proper_module(Runtime& rt, PyObject* o) {
    if (!module_check(rt, o)) return false;
    PyObject* name = object_getattr_string(rt, o, "__name__");
    if (name == nullptr) {
        err_clear(rt);
        return false;
    }
    PyObject* m = dict_getitem(rt, interp_of(rt).modules, name);
    if (m == nullptr) err_clear(rt);
    rt.decref(name);
    return m == o;
}

}  // namespace pymemlab::objgraph
