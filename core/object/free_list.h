// A free list of dead objects whose blocks are kept for the next object of their type, as
// CPython's bound-method, C-function (≤3.8) and frame (≤3.10) free lists keep them: an object
// taken back is no new GC allocation (gc.get_count() does not move), and one kept is no
// deallocation. Types with a layout of their own (float, tuple, list, dict) have theirs.
#pragma once

#include <cstddef>
#include <vector>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// Invariant: every item is a dead object of one type, untracked, its references released, its
// block still allocated; newest last.
struct FreeList {
    std::vector<PyObject*> items;
    // How many it keeps under the profile, set when its type is made; 0 where the version has no
    // such list (it stays empty: take() gives nullptr).
    size_t limit = 0;

    // Keeps `o` if fewer than `limit` are kept; false: the caller frees it.
    bool keep(PyObject* o) {
        if (items.size() >= limit) return false;
        items.push_back(o);
        return true;
    }
    // The newest kept object, revived (count 1, alive again: Runtime::note_alive), or nullptr.
    PyObject* take(Runtime& rt);
    // Frees every kept object (clear_freelists in a full collection). Returns how many.
    size_t clear(Runtime& rt);
};

}  // namespace pymemlab
