// Collection: one run of the cycle collector over a generation, as CPython's gc_collect_main
// (Python/gc.c, Modules/gcmodule.c) runs it, one phase per step so the lab's UI and tests can
// watch gc_refs fall and objects move between lists. What starts a collection, and the stats,
// debug output and callbacks around it, is collect.h; the algorithm's state is in the headers
// of the objects themselves (gc_list.h).
#pragma once

#include <cstdint>
#include <vector>

#include "object/gc_head.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;

namespace gc {

// The phases in CPython's order. A phase's name is the CPython function that does it.
enum class Phase : uint8_t {
    kStart,                // nothing done yet; younger generations not merged
    kUpdateRefs,           // gc_refs = refcount for each object of the young list
    kSubtractRefs,         // tp_traverse drops gc_refs by each reference from inside the list
    kMoveUnreachable,      // gc_refs > 0 and all it reaches stays; the rest goes to unreachable
    kUntrack,              // untrack_tuples (and untrack_dicts on full collections); survivors
                           // merged into the next generation
    kMoveLegacyFinalizers, // objects with tp_del (2.7's __del__) and all they reach: uncollectable
    kHandleWeakrefs,       // weakrefs to unreachable objects cleared; callbacks of live weakrefs run
    kFinalizeGarbage,      // PEP 442 (3.4+): tp_finalize (__del__) once per object
    kHandleResurrected,    // 3.9+: what __del__ made reachable again leaves; 3.4-3.8: any
                           // resurrection aborts, everything survives
    kDeleteGarbage,        // tp_clear on each remaining object, so refcounting frees the cycles
    kDone,                 // uncollectables to gc.garbage; counts final
};
const char* phase_name(Phase p);

class Collection;
// The trace's view of a collection (gc_trace.cpp): GcStart before the first phase; after each,
// the gc_refs of the objects being collected (after update_refs and subtract_refs) then GcPhase,
// and at the end GcDone and the generations' counts.
void trace_start(Runtime& rt, const Collection& c);
void trace_phase(Runtime& rt, const Collection& c);

// Which of the collection's lists an object is on.
enum class ListId : uint8_t { kYoung, kOld, kUnreachable, kFinalizers };

struct ObjectState {
    PyObject* op;
    ListId list;
    int64_t gc_refs;  // meaningful while collecting (update_refs .. move_unreachable)
    bool collecting;  // PREV_MASK_COLLECTING
};

class Collection {
public:
    // Prepares a collection of `generation` (0..2): nothing runs until step(). Under 3.14, 0 is
    // a young collection, 1 an increment (young plus part of the pending old space), 2 a full
    // collection (gc/incremental.h); young_ and old_ are then the region and the visited space.
    Collection(Runtime& rt, int generation);
    ~Collection();
    Collection(const Collection&) = delete;
    Collection& operator=(const Collection&) = delete;

    // Runs the next phase; false once the collection is done.
    bool step();
    // Runs every remaining phase.
    void run();
    Phase phase() const { return phase_; }
    int generation() const { return generation_; }
    // The objects on each of the collection's lists, in list order, with their header state.
    std::vector<ObjectState> snapshot() const;
    // gc.collect()'s figures once done: unreachable objects found (n + m) and uncollectable (n).
    int64_t collected() const { return collected_; }
    int64_t uncollectable() const { return uncollectable_; }

private:
    Runtime& rt_;
    const int generation_;
    Phase phase_ = Phase::kStart;
    PyGC_Head* young_ = nullptr;
    PyGC_Head* old_ = nullptr;
    PyGC_Head unreachable_;
    PyGC_Head finalizers_;
    PyGC_Head region_;            // 3.14: the objects of a young collection or an increment
    int64_t increment_size_ = 0;  // 3.14: gc_collect_increment's increment_size
    int64_t collected_ = 0;      // m: what was freed (or saved by DEBUG_SAVEALL)
    int64_t uncollectable_ = 0;  // n

    bool run_phase();  // step() without the trace
    void start();
    void update_refs(PyGC_Head* containers);
    void subtract_refs(PyGC_Head* containers);
    void move_unreachable(PyGC_Head* young, PyGC_Head* unreachable);
    void untrack();
    void move_legacy_finalizers();
    void handle_weakrefs();
    void finalize_garbage();
    void handle_resurrected();
    void delete_garbage();
    void finish();
    bool has_legacy_finalizer(PyObject* op) const;
    void list_snapshot(const PyGC_Head* list, ListId id, std::vector<ObjectState>& out) const;
};

}  // namespace gc
}  // namespace pymemlab
