// The live object graph at the end of a run, for the UI's graph panel: an object found by its
// id, what it refers to (gc.get_referents' order), and a short label read from its memory.
// None of these allocate in the modelled heap, so asking changes nothing the lab shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pymemlab {

class Runtime;
struct PyObject;

// The live object with this id, or nullptr when no live object has it. `live` says whether the
// trace's end state holds the id as a live object (a freed block's address is not an object).
PyObject* object_at(const Runtime& rt, uint64_t id, bool live);

// The ids of the objects `o` refers to, in tp_traverse's order (gc.get_referents(o)).
std::vector<uint64_t> referent_ids(const Runtime& rt, PyObject* o);

// A few characters that name the object: `42`, `'abc'`, `None`, `list[3]`, `<class 'A'>`,
// `<function f>`, else the type's name.
std::string object_label(const Runtime& rt, const PyObject* o);

}  // namespace pymemlab
