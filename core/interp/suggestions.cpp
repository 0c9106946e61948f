// "Did you mean": CPython's edit distance and its choice of candidates for a NameError: the
// names of the frame the traceback ends in, then its globals, then the builtins.
#include "interp/suggestions.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

#include "interp/bltin_internal.h"
#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/interp.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/abstract.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

constexpr size_t kMoveCost = 2;            // MOVE_COST
constexpr size_t kCaseCost = 1;            // CASE_COST
constexpr size_t kMaxCandidateItems = 750;  // MAX_CANDIDATE_ITEMS
constexpr size_t kMaxStringSize = 40;      // MAX_STRING_SIZE

size_t substitution_cost(char a, char b) {
    if (a == b) return 0;
    if (std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b))) return kCaseCost;
    return kMoveCost;
}

void add_names(const Runtime& rt, PyObject* tuple, std::vector<std::string>* out) {
    for (Py_ssize_t i = 0; tuple != nullptr && i < Py_SIZE(tuple); ++i) out->push_back(str_as_utf8(rt, tuple_items(tuple)[i]));
}

void add_keys(const Runtime& rt, PyObject* dict, std::vector<std::string>* out) {
    if (dict == nullptr) return;
    for (PyObject* k : dict_keys(rt, dict))
        if (str_check(rt, k)) out->push_back(str_as_utf8(rt, k));
}

}  // namespace

size_t suggestion_distance(std::string_view a, std::string_view b, size_t max_cost) {
    if (a == b) return 0;
    // Common affixes cost nothing.
    while (!a.empty() && !b.empty() && a.front() == b.front()) {
        a.remove_prefix(1);
        b.remove_prefix(1);
    }
    while (!a.empty() && !b.empty() && a.back() == b.back()) {
        a.remove_suffix(1);
        b.remove_suffix(1);
    }
    if (a.empty() || b.empty()) return (a.size() + b.size()) * kMoveCost;
    if (a.size() > kMaxStringSize || b.size() > kMaxStringSize) return max_cost + 1;
    if (b.size() < a.size()) std::swap(a, b);
    if ((b.size() - a.size()) * kMoveCost > max_cost) return max_cost + 1;
    // One row of the matrix, updated in place: row[i] = cost(b[:bi], a[:i+1]).
    std::vector<size_t> row(a.size());
    for (size_t i = 0; i < a.size(); ++i) row[i] = (i + 1) * kMoveCost;
    size_t result = 0;
    for (size_t bi = 0; bi < b.size(); ++bi) {
        size_t distance = result = bi * kMoveCost;
        size_t minimum = SIZE_MAX;
        for (size_t i = 0; i < a.size(); ++i) {
            const size_t substitute = distance + substitution_cost(b[bi], a[i]);
            distance = row[i];
            const size_t insert_delete = std::min(result, distance) + kMoveCost;
            result = std::min(insert_delete, substitute);
            row[i] = result;
            minimum = std::min(minimum, result);
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

std::string best_suggestion(std::string_view name, const std::vector<std::vector<std::string>>& lists, bool combined) {
    if (combined) {
        // traceback._compute_suggestion_error: one list, the best distance starting at len(name).
        size_t total = 0;
        for (const auto& l : lists) total += l.size();
        if (total > kMaxCandidateItems || name.size() > kMaxStringSize) return "";
        size_t best = name.size();
        std::string suggestion;
        bool found = false;
        for (const auto& l : lists) {
            for (const std::string& item : l) {
                if (item == name) continue;
                size_t max_distance = (item.size() + name.size() + 3) * kMoveCost / 6;
                max_distance = std::min(max_distance, best - 1);
                const size_t d = suggestion_distance(name, item, max_distance);
                if (d > max_distance) continue;
                if (!found || d < best) {
                    suggestion = item;
                    best = d;
                    found = true;
                }
            }
        }
        return suggestion;
    }
    // calculate_suggestions over each list in turn; the first list with a match decides.
    for (const auto& l : lists) {
        if (l.size() >= kMaxCandidateItems) continue;
        size_t best = SIZE_MAX;
        const std::string* suggestion = nullptr;
        for (const std::string& item : l) {
            if (item == name) continue;
            size_t max_distance = (name.size() + item.size() + 3) * kMoveCost / 6;
            max_distance = std::min(max_distance, best - 1);
            const size_t d = suggestion_distance(name, item, max_distance);
            if (d > max_distance) continue;
            if (suggestion == nullptr || d < best) {
                suggestion = &item;
                best = d;
            }
        }
        if (suggestion != nullptr) return *suggestion;
    }
    return "";
}

namespace {

// frame.f_locals['self'] for a function frame: its `self` local (a closure's cell read through),
// borrowed, or nullptr when it has none or it is unbound.
PyObject* local_self(Runtime& rt, const Frame* f) {
    if ((code_body(f->code).flags & CO_OPTIMIZED) == 0) return nullptr;
    PyObject* varnames = as_code(f->code)->co_varnames.p;
    for (int64_t i = 0; i < Py_SIZE(varnames) && i < static_cast<int64_t>(f->localsplus.size()); ++i) {
        if (str_as_utf8(rt, tuple_items(varnames)[i]) != "self") continue;
        PyObject* self = f->localsplus[static_cast<size_t>(i)];
        return self != nullptr && Py_TYPE(self) == rt.builtins().cell_type ? cell_get(self) : self;
    }
    return nullptr;
}

}  // namespace

void note_self_suggestion(Interp& in, PyObject* exc, PyObject* name) {
    Runtime& rt = in.rt;
    in.self_suggestion_exc = nullptr;
    if (!rt.profile().at_least(3, 12) || in.frame == nullptr || exc == nullptr) return;
    PyObject* self = local_self(rt, in.frame);
    if (self == nullptr) return;
    // PyObject_HasAttr, with the NameError set aside while the attribute is looked up.
    PyObject* saved = err_fetch(rt);
    PyObject* attr = object_getattr(rt, self, name);
    err_clear(rt);
    if (saved != nullptr) err_set_instance(rt, saved);
    if (attr == nullptr) return;
    rt.decref(attr);
    in.self_suggestion_exc = exc;
    in.self_suggestion = "self." + str_as_utf8(rt, name);
}

std::string name_error_suggestion(Interp& in, PyObject* exc) {
    Runtime& rt = in.rt;
    if (exc == in.self_suggestion_exc && rt.profile().at_least(3, 12)) return in.self_suggestion;
    PyObject* name = exception_name(rt, exc);
    PyObject* tb = exception_traceback(rt, exc);
    if (name == nullptr || !str_check(rt, name) || tb == nullptr) return "";
    PyObject* code = frame_object_code(traceback_innermost_frame(tb));
    // The frame is gone by now: its names are the code's (3.10 reads co_varnames too); its
    // globals are __main__'s.
    std::vector<std::vector<std::string>> lists(3);
    const bool function = (code_body(code).flags & CO_OPTIMIZED) != 0;
    PyObject* main = nullptr;
    if (in.modules != nullptr) {
        PyObject* key = str_intern_ascii(rt, "__main__");
        if (key != nullptr) main = dict_getitem(rt, in.modules, key);
        rt.xdecref(key);
    }
    PyObject* globals = main != nullptr ? module_dict(main) : nullptr;
    if (function) {
        add_names(rt, as_code(code)->co_varnames.p, &lists[0]);
        if (rt.profile().at_least(3, 11)) {
            add_names(rt, as_code(code)->co_cellvars.p, &lists[0]);
            add_names(rt, as_code(code)->co_freevars.p, &lists[0]);
        }
    } else {
        add_keys(rt, globals, &lists[0]);
    }
    add_keys(rt, globals, &lists[1]);
    add_keys(rt, in.builtins_dict, &lists[2]);
    return best_suggestion(str_as_utf8(rt, name), lists, rt.profile().at_least(3, 12));
}

namespace {

// _compute_suggestion_error's answer for a name missing from `obj`: the closest of dir(obj)'s
// names (3.13+ without underscored ones unless the missing name is underscored itself).
std::string closest_in_dir(Runtime& rt, PyObject* obj, PyObject* name, bool on_self = false) {
    std::vector<PyObject*> found;
    bltin::dir_names(rt, obj, &found);
    if (err_occurred(rt)) {
        err_clear(rt);
        return "";
    }
    std::set<std::string> sorted;  // dir()'s order: by code point, which UTF-8 bytes keep
    for (PyObject* n : found)
        if (str_check(rt, n)) sorted.insert(str_as_utf8(rt, n));
    const std::string wrong = str_as_utf8(rt, name);
    const bool hide_underscored = rt.profile().at_least(3, 13) && wrong.compare(0, 1, "_") != 0 && !on_self;
    std::vector<std::vector<std::string>> lists(1);
    for (const std::string& n : sorted)
        if (!hide_underscored || n.compare(0, 1, "_") != 0) lists[0].push_back(n);
    return best_suggestion(wrong, lists, rt.profile().at_least(3, 12));
}

}  // namespace

std::string attribute_error_suggestion(Interp& in, PyObject* exc) {
    Runtime& rt = in.rt;
    PyObject* name = exception_name(rt, exc);
    PyObject* obj = exception_attribute_obj(rt, exc);
    if (name == nullptr || obj == nullptr || !str_check(rt, name)) return "";
    return closest_in_dir(rt, obj, name, exc == in.self_attribute_exc);
}

void note_self_attribute_error(Interp& in, PyObject* exc, const Frame* f) {
    Runtime& rt = in.rt;
    if (!rt.profile().at_least(3, 13) || exc == nullptr || f == nullptr ||
        !object_type_check(exc, rt.builtins().exc.AttributeError))
        return;
    in.self_attribute_exc = nullptr;
    // 'self' in frame.f_locals and frame.f_locals['self'] is obj
    PyObject* obj = exception_attribute_obj(rt, exc);
    if (obj != nullptr && local_self(rt, f) == obj) in.self_attribute_exc = exc;
}

std::string import_error_suggestion(Interp& in, PyObject* exc) {
    Runtime& rt = in.rt;
    PyObject* wrong = exception_import_name_from(rt, exc);
    PyObject* module_name = exception_import_name(rt, exc);
    if (wrong == nullptr || module_name == nullptr || !str_check(rt, wrong) || !str_check(rt, module_name)) return "";
    // __import__(exc.name): the module an IMPORT_FROM failed on is imported already.
    PyObject* module = dict_getitem(rt, in.modules, module_name);
    if (module == nullptr) {
        err_clear(rt);
        return "";
    }
    return closest_in_dir(rt, module, wrong);
}

}  // namespace pymemlab
