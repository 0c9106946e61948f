// What objgraph_module.cpp (the counting and chain functions) and objgraph_dot.cpp (show_refs,
// show_backrefs and show_chain drawing objgraph's DOT text) share, defined in objgraph_support.cpp: argument parsing with a Python
// function's TypeErrors, type names as objgraph spells them, and calls into the gc module.
// The module is objgraph 3.6 (objgraph.py by Marius Gedminas) rewritten over the model.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interp/interp.h"
#include "object/object.h"

namespace pymemlab::objgraph {

// A def's parameters: `names` in order, the first `required` without a default. Fills out[i]
// with the borrowed argument or nullptr; false with the TypeError a Python function raises.
bool parse_params(Runtime& rt, const char* fname, const std::vector<const char*>& names, size_t required,
                  PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PyObject** out);
// An argument that is None or missing.
bool absent(Runtime& rt, PyObject* o);
// bool(o) for an optional flag argument; `fallback` when missing. -1 with an exception set.
int flag(Runtime& rt, PyObject* o, bool fallback);

// _short_typename (type(o).__name__) and _long_typename ('module.name'), cached per type for
// one call; false with an exception set.
class TypeNames {
public:
    explicit TypeNames(Runtime& rt) : rt_(rt) {}
    bool get(PyObject* o, bool shortnames, std::string* out);

private:
    Runtime& rt_;
    std::unordered_map<const PyTypeObject*, std::string> short_, long_;
};

// gc.<name>(arg) through objgraph's own `gc` global, as objgraph.py calls it (a new reference).
PyObject* gc_call(Runtime& rt, PyObject* module, const char* name, PyObject* arg = nullptr);
// The items of an iterable as new references (objgraph's `for o in objects`).
bool collect_items(Runtime& rt, PyObject* iterable, std::vector<PyObject*>* out);
void release_items(Runtime& rt, std::vector<PyObject*>& items);
// The ids listed by an `extra_ignore` argument, plus the id of the argument itself.
bool ignore_ids(Runtime& rt, PyObject* extra_ignore, std::unordered_set<uint64_t>* out);
// A predicate argument applied to o: 1, 0, or -1 with an exception set.
int call_predicate(Runtime& rt, PyObject* predicate, PyObject* o);
// Code points in a UTF-8 string (Python's len of the str).
size_t utf8_length(std::string_view s);
// The first n code points of a UTF-8 string (Python's s[:n]).
std::string utf8_prefix(std::string_view s, size_t n);
// Writes text to `file` (sys.stdout when file is null or None); false with an exception set.
bool write_to(Runtime& rt, PyObject* file, std::string_view text);
// is_proper_module(o): a module that sys.modules holds under its __name__.
bool is_proper_module(Runtime& rt, PyObject* o);

// ---- objgraph_dot.cpp --------------------------------------------------------------------------
PyObject* show_refs(Runtime& rt, PyObject* module, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
PyObject* show_backrefs(Runtime& rt, PyObject* module, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
PyObject* show_chain(Runtime& rt, PyObject* module, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);

}  // namespace pymemlab::objgraph
