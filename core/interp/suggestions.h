// "Did you mean" (Python/suggestions.c, 3.12's traceback._compute_suggestion_error): the name in
// scope closest to a NameError's missing name by CPython's Levenshtein distance, for the line a
// traceback ends with (3.10+; ImportError's from 3.12). traceback.cpp asks; the tests are tests/unit/test_suggestions.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "object/object.h"

namespace pymemlab {

struct Interp;
struct Frame;

// CPython's levenshtein_distance with its costs (2 for a move, 1 for a change of case only);
// anything above max_cost comes back as max_cost + 1.
size_t suggestion_distance(std::string_view a, std::string_view b, size_t max_cost);
// The best candidate for `name`, or "" (the rules of one version: `combined` is 3.12+'s single
// list with a 750-name cap, otherwise each list is tried in turn).
std::string best_suggestion(std::string_view name, const std::vector<std::vector<std::string>>& lists, bool combined);
// The suggestion for an AttributeError with its name and obj set (3.10+): the closest of the
// names dir(obj) would list (3.13+ without underscored ones unless the name is underscored;
// unless it was raised on the failing frame's `self`; a class's own __dir__ is not consulted),
// or "".
std::string attribute_error_suggestion(Interp& in, PyObject* exc);
// The suggestion for an ImportError from `from module import name` (3.12+, name_from set): the
// closest of dir(module)'s names by the same rules, or "".
std::string import_error_suggestion(Interp& in, PyObject* exc);
// The suggestion for a NameError (with its name set) raised where the traceback ends, or "".
std::string name_error_suggestion(Interp& in, PyObject* exc);
// 3.12+ first asks whether the failing frame's `self` has the missing name as an attribute
// ("Did you mean: 'self.x'?"). The lab's tracebacks do not keep frames alive, so the question is
// asked when the NameError `exc` is raised in the running frame, and the answer kept for it.
void note_self_suggestion(Interp& in, PyObject* exc, PyObject* name);
// 3.13+ offers underscored names for an AttributeError when the innermost frame's `self` is the
// object the lookup failed on. Asked as `exc` gets its first traceback entry, in frame `f`.
void note_self_attribute_error(Interp& in, PyObject* exc, const Frame* f);

}  // namespace pymemlab
