// Runtime: one modelled CPython process — its allocator, its statically allocated objects (the
// data segment: type objects, singletons), reference counting by the profile's rules, and the
// GC-header bookkeeping every container needs. Object types build on it (core/object/*);
// the collector (core/gc) walks the generation lists kept here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "alloc/allocator.h"
#include "gc/gc_state.h"
#include "object/builtins.h"
#include "object/engine_stack.h"
#include "object/gc_head.h"
#include "object/object.h"
#include "object/type.h"
#include "profile/profile.h"
#include "profile/startup_refs.h"
#include "trace/trace_log.h"

namespace pymemlab {

struct RuntimeOptions {
    AllocatorOptions allocator;
    // Keep a registry of live objects (like CPython's Py_TRACE_REFS) for the heap checker.
    // On by default in debug builds; it costs a hash-set update per allocation.
#ifdef NDEBUG
    bool track_objects = false;
#else
    bool track_objects = true;
#endif
    // Record every memory event from the first (the Lab's trace); nullptr: no trace.
    trace::TraceLog* trace = nullptr;
};

// The interpreter state CPython keeps per thread (PyThreadState): the error indicator and the
// recursion guard. The model runs one thread.
struct ThreadState {
    PyObject* curexc = nullptr;  // the exception being raised (errors.h), owned
    // 2.7 keeps an exception a C function raised as its type and bare value (the message, or
    // what PyErr_SetObject was given) until something normalizes it (an except clause, a
    // printed traceback); only PyErr_WriteUnraisable shows it, printing the value's repr. Here:
    // curexc while it is such an exception (errors.cpp marks it), and what its value is.
    enum class RawValue { None, FirstArg, Args };
    const PyObject* unnormalized27 = nullptr;
    RawValue unnormalized27_value = RawValue::None;
    // 2.7 keeps a traceback outside its exception (curexc_traceback, then the value stack of the
    // handler that receives it): here, each raised exception (borrowed) with its traceback
    // (owned), from the first frame it leaves until a handler takes it (exception_take_traceback),
    // the error indicator drops it (err_clear, or another exception set over it) or it dies.
    // At most one entry per exception. 3.x keeps the traceback on the exception.
    std::vector<std::pair<const PyObject*, PyObject*>> raised_tracebacks27;
    int recursion_depth = 0;     // Python frames (and C calls that count) now active
    int recursion_limit = 1000;  // sys.getrecursionlimit()
    int c_depth = 0;             // C recursion checks under way (object/recursion.h)
    // 3.12+: the Python frame about to start is one the evaluation loop pushes itself, not one C
    // code enters (object/recursion.h's CEntry takes it back).
    bool frame_pushed_inline = false;
    // The nesting at which the evaluation loop's LOAD_ATTR or BINARY_SUBSCR is under way, or -1:
    // a property's getter, a __getattribute__ or a __getitem__ called at that very nesting is the
    // loop's own call, which 3.12+ specializes into a frame it pushes itself (recursion.h).
    int eval_access_nesting = -1;
    // Python frames the evaluation loop runs in place of their caller's (a CALL of a Python
    // function: interp/ceval.cpp), which hold host memory but no native stack. At most
    // kMaxLoopFrames, whatever the recursion limit, so that a raised limit cannot exhaust the
    // host's memory (RecursionError past it, as the stack guards give).
    int loop_frames = 0;
    static constexpr int kMaxLoopFrames = 100'000;
    // How deep the native stack is nested, in Python frames and C recursions.
    int nesting() const { return recursion_depth - loop_frames + c_depth + uncounted_depth; }
    int uncounted_depth = 0;     // C recursion CPython does not count (object/stack_depth.h)
    // The native stack guard (CPython 3.12's C stack protection, counted in bytes): where the
    // stack stood when the interpreter started (it grows down) and how much of it below that a
    // Python call or a C recursion (repr, comparison, call) may use before RecursionError.
    // start_stack_guard sets both; a stack_base of 0 means no guard. In WebAssembly that stack
    // is the shadow stack in linear memory, and the engine's own call stack, which holds the
    // frames, is guarded as well (engine_stack.h), by the nesting of Python frames and C calls.
    uintptr_t stack_base = 0;
    uintptr_t stack_budget = 0;
    EngineStack engine_stack;
    void start_stack_guard(uintptr_t budget);
    // `extra_nesting`: levels the caller is about to take without checks of their own (exec's
    // parse and compilation).
    bool native_stack_exhausted(int extra_nesting = 0) {
        char here = 0;
        const auto sp = reinterpret_cast<uintptr_t>(&here);
        return (stack_base != 0 && sp < stack_base && stack_base - sp > stack_budget) ||
               engine_stack.exhausted(nesting() + extra_nesting);
    }
    void* interp = nullptr;      // the core/interp state running on this runtime, if any
    // The interpreter's instruction budget seen from native code: work done inside one
    // instruction (items a builtin takes from an iterator, digit operations on huge ints) is
    // charged to it, counted in instructions, so that `sum(range(10**12))` or `2 ** 10**9` stops
    // like a loop that long. False: the budget is spent and its error set. The interpreter
    // installs it; without one nothing is charged.
    std::function<bool(uint64_t instructions)> charge;
    bool charge_work(uint64_t instructions) { return !charge || charge(instructions); }
    // The trashcan (Py_TRASHCAN_BEGIN/END): deallocations nested this deep (a list holding a
    // list ... 100,000 deep) are put aside, untracked, and run, last first, once the outermost
    // one returns, so freeing a deep chain never overflows the native stack. CPython's
    // PyTrash_UNWIND_LEVEL, applied here to every type.
    static constexpr int kTrashUnwindLevel = 50;
    int trash_delete_nesting = 0;
    std::vector<PyObject*> trash_delete_later;
    // Blocks native code holds outside any object while it may call back into Python — a list's
    // item array and the keys while the list sorts — so the heap checker, which runs between
    // statements, knows their owner. hold(nullptr) and let_go(nullptr) do nothing.
    std::vector<const void*> held_blocks;
    void hold(const void* block) {
        if (block != nullptr) held_blocks.push_back(block);
    }
    void let_go(const void* block) {
        for (size_t i = held_blocks.size(); block != nullptr && i-- > 0;)
            if (held_blocks[i] == block) {
                held_blocks.erase(held_blocks.begin() + static_cast<std::ptrdiff_t>(i));
                return;
            }
    }
    // Where the runtime writes to stderr (unraisable exceptions, gc debug output): the
    // interpreter installs its stream; without one the text collects in stderr_text.
    std::function<void(std::string_view)> stderr_sink;
    std::string stderr_text;
    void write_stderr(std::string_view text) {
        if (stderr_sink)
            stderr_sink(text);
        else
            stderr_text += text;
    }
    // Where unraisable exceptions go (PyErr_WriteUnraisable): `header` ("Exception ignored in:
    // ...\n"), the traceback of `exc` when it has one, as the interpreter prints tracebacks,
    // and `last_line` ("Type: message\n"). CPython writes them to sys.stderr, and nothing while
    // that is None or missing (the interpreter's exit sets it to None before its last
    // collections). Unset: `header` and `last_line` to stderr as above.
    std::function<void(std::string_view header, PyObject* exc, std::string_view last_line)> unraisable_sink;
    void write_unraisable(std::string_view header, PyObject* exc, std::string_view last_line) {
        if (unraisable_sink) {
            unraisable_sink(header, exc, last_line);
        } else {
            write_stderr(header);
            write_stderr(last_line);
        }
    }
};

class Runtime {
public:
    static constexpr int kGenerations = GCState::kGenerations;

    explicit Runtime(const Profile& profile, RuntimeOptions options = {});
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    const Profile& profile() const { return profile_; }
    Builtins& builtins() { return builtins_; }
    const Builtins& builtins() const { return builtins_; }
    Allocator& allocator() { return allocator_; }
    const Allocator& allocator() const { return allocator_; }
    ThreadState& tstate() { return tstate_; }
    const ThreadState& tstate() const { return tstate_; }

    // ---- allocation (Objects/object.c, Python/gc.c) ----------------------------------------
    // PyObject_Malloc(request) and PyObject_Init: refcount 1, type set. nullptr when the heap
    // is exhausted (the caller raises MemoryError).
    PyObject* alloc_object(PyTypeObject* type, size_t request);
    // _PyObject_GC_Malloc: the profile's GC header, then the object; untracked; counts toward
    // generation 0's allocation count, as CPython counts GC allocations.
    PyObject* alloc_gc_object(PyTypeObject* type, size_t request);
    // PyObject_Free / PyObject_GC_Del: gives the block back (a GC object must be untracked).
    void free_object(PyObject* o);
    // _PyType_PreHeaderSize beyond the GC header: 3.11+ classes whose instances keep the __dict__
    // (and from 3.12 the weakref list) in two words before the GC header (instance_values.h).
    // alloc_gc_object allocates them, zeroed, at the start of the block.
    static size_t preheader_size(const PyTypeObject* type) {
        return (type->tp_flags & (Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MANAGED_WEAKREF)) != 0 ? 2 * sizeof(Slot<PyObject>) : 0;  // two 8-byte words on every host
    }
    // PyObject_Malloc / Realloc / Free: objects, and buffers CPython takes from the object
    // allocator (dict keys tables, 2.7's unicode buffers). Every object-layer allocation goes
    // through these or the mem_ family, so tracing (below) sees it.
    void* obj_malloc(size_t n);
    void* obj_realloc(void* p, size_t n);
    void obj_free(void* p);
    // PyMem_Malloc / Realloc / Free, for buffers objects own (list items): pymalloc from 3.x;
    // plain malloc in 2.7, where PyMem_MALLOC was malloc.
    void* mem_malloc(size_t n);
    void* mem_realloc(void* p, size_t n);
    void mem_free(void* p) { obj_free(p); }

    // ---- tracing (what tracemalloc sees) ----------------------------------------------------
    // While on, every live block the object layer allocated is recorded with its request size.
    void start_tracing() {
        tracing_ = true;
        traced_.clear();
        traced_where_.clear();
        traced_bytes_ = traced_peak_ = 0;
    }
    void stop_tracing() {
        start_tracing();
        tracing_ = false;
    }
    bool is_tracing() const { return tracing_; }
    // tracemalloc's set_reentrant: while set, new blocks are not traced (freeing a traced block
    // still forgets it). _get_traces builds its result so.
    void set_trace_reentrant(bool on) { trace_reentrant_ = on; }
    // The bytes of the traced blocks now, and the most they have been since tracing started or
    // the peak was reset (tracemalloc.get_traced_memory(), reset_peak()).
    size_t traced_bytes() const { return traced_bytes_; }
    size_t traced_peak() const { return traced_peak_; }
    void reset_traced_peak() { traced_peak_ = traced_bytes_; }
    const std::unordered_map<const void*, size_t>& traced_blocks() const { return traced_; }
    // Where each traced block was allocated, when trace_where is set (tracemalloc_module.cpp):
    // what trace_where returned at its allocation (the index of a traceback in tracemalloc's
    // table). Reallocation counts as a new allocation, as in CPython's tracemalloc_realloc.
    std::function<uint32_t()> trace_where;
    // What trace_where reads (tracemalloc's traceback table), kept beside it so that it can be
    // found again without RTTI (std::function::target).
    std::shared_ptr<void> trace_where_state;
    const std::unordered_map<const void*, uint32_t>& traced_where() const { return traced_where_; }
    // An object in the data segment (static types, singletons, and per profile the small ints
    // or the empty tuple): never freed, never in an arena.
    PyObject* static_object(PyTypeObject* type, size_t size, bool gc = false);
    // The block an object occupies: where its GC header starts, or the object itself.
    void* block_of(const PyObject* o) const;

    // ---- reference counts (Include/object.h) ------------------------------------------------
    // The profile decides: ordinary counts; 3.11's static objects (counted up from 999999999);
    // 3.12+'s immortal objects, whose count neither rises nor falls.
    void incref(PyObject* o) {
        if (immortal_ && static_cast<int32_t>(o->ob_refcnt) < 0) return;
        ++o->ob_refcnt;
        if (trace_ != nullptr) trace_refcount(o, trace::EventKind::Incref);
    }
    void decref(PyObject* o) {
        if (immortal_ && static_cast<int32_t>(o->ob_refcnt) < 0) return;
        if (trace_ != nullptr) trace_refcount(o, trace::EventKind::Decref);
        if (--o->ob_refcnt == 0) dealloc(o);
    }
    // Drops the reference a dealloc took to run __del__ (or a generator's close), without
    // deallocating: the count left, 0 when the object really dies.
    Py_ssize_t drop_finalizer_ref(PyObject* o) {
        if (trace_ != nullptr) trace_refcount(o, trace::EventKind::Decref);
        return --o->ob_refcnt;
    }
    void xdecref(PyObject* o) {
        if (o != nullptr) decref(o);
    }
    // Py_XSETREF(slot, Py_XNewRef(v)): the field takes a reference to v (or holds null); its old
    // value is released after the field changed, since that release may run code that reads it.
    void replace_ref(Slot<PyObject>& slot, PyObject* v) {
        if (v != nullptr) incref(v);
        PyObject* old = slot.p;
        slot.p = v;
        xdecref(old);
    }
    bool is_immortal(const PyObject* o) const {
        return immortal_ && static_cast<int32_t>(o->ob_refcnt) < 0;
    }
    // Sets a static object's count as the profile does: immortal from 3.12; in 3.11 the
    // runtime singletons (_Py_SINGLETON: small ints, (), '', one-character strings and bytes)
    // count up from 999999999 while other static objects (types, None, True) count from 1.
    void make_static_refcount(PyObject* o, bool runtime_singleton);
    // Called when a count reaches zero: the type's tp_dealloc.
    void dealloc(PyObject* o);

    // ---- the live-object registry (RuntimeOptions::track_objects) ---------------------------
    // alloc_object/alloc_gc_object register new objects and dealloc unregisters them; code that
    // revives an object from a free list calls note_alive, which is _Py_NewReference: from 3.8
    // it also gives a traced block the traceback of where it is revived
    // (_PyTraceMalloc_NewReference).
    void note_alive(PyObject* o) {
        note_born(o);
        if (tracing_ && trace_where && profile_.at_least(3, 8)) {
            if (auto it = traced_where_.find(block_of(o)); it != traced_where_.end()) it->second = trace_where();
        }
    }
    // An object whose type was set after it was made (a struct sequence made as a tuple).
    void note_retyped(PyObject* o) {
        if (trace_ != nullptr) trace_object(o, trace::EventKind::Retype);
    }
    // _Py_SetImmortal (3.12+): the count becomes the profile's immortal value.
    void make_immortal(PyObject* o) {
        o->ob_refcnt = profile_.immortal_refcnt;
        if (trace_ != nullptr) trace_object(o, trace::EventKind::Immortalize);
    }
    // References held outside the model (CPython's start-up: profile/startup_refs.h) added to
    // o's count at once, or taken back (n < 0); one trace event.
    void add_external_refs(PyObject* o, int32_t n) {
        o->ob_refcnt += n;
        if (trace_ != nullptr)
            trace_->push(trace::EventKind::ExternalRefs, id(o), static_cast<uint32_t>(n + trace::kGcRefsBias));
    }
    // The start-up references the interpreter holds now (interp.cpp), or null: a one-character
    // str the lab makes on first use gets CPython's start-up count for it (its latin1 entry) as
    // it is made (note_char_made), as the ones that exist got theirs when they were taken.
    const StartupRefs* held_startup_refs = nullptr;
    void note_char_made(PyObject* o, uint8_t ch) {
        if (held_startup_refs != nullptr && ch < StartupRefs::kChars && held_startup_refs->latin1[ch] != 0)
            add_external_refs(o, held_startup_refs->latin1[ch]);
    }
    // _Py_ForgetReference: an object about to move (a resized tuple's block) leaves the registry.
    void note_forgotten(PyObject* o) {
        if (track_objects_) live_.erase(o);
        if (trace_ != nullptr) trace_object(o, trace::EventKind::ObjectDead);
    }
    bool tracks_objects() const { return track_objects_; }
    const std::unordered_set<PyObject*>& live_objects() const { return live_; }
    // Objects whose tp_dealloc is running, innermost last: out of the registry, their blocks not
    // yet freed, while __del__, weakref callbacks or the releases of what they held run Python
    // code (the heap checker counts their blocks as owned).
    const std::vector<PyObject*>& dying_objects() const { return dying_; }

    // ---- host storage ------------------------------------------------------------------------
    // Some objects own host memory (a code object's instructions, a class's name). The owner
    // registers its release function; its dealloc calls release_host_storage, and the runtime
    // releases what is left when it ends (objects in cycles outlive a run without a collection).
    void own_host_storage(PyObject* o, destructor release) { host_owners_[o] = release; }
    void release_host_storage(PyObject* o) {
        auto it = host_owners_.find(o);
        if (it == host_owners_.end()) return;
        destructor release = it->second;
        host_owners_.erase(it);
        release(*this, o);
    }

    // ---- the event trace (core/trace) -------------------------------------------------------
    // While a log is set, every block allocated and freed, object made and freed, reference
    // count change and GC (un)tracking is appended to it, with modelled addresses; the Lab sets
    // it. Off (nullptr), tracing costs one predictable branch per event site.
    void set_trace(trace::TraceLog* log) {
        trace_ = log;
        arenas_made_ = allocator_.counters().ntimes_arena_allocated;
        arenas_released_ = arenas_made_ - allocator_.counters().narenas_currently_allocated;
    }
    trace::TraceLog* trace() const { return trace_; }

    // ---- identity ---------------------------------------------------------------------------
    // id(o): the modelled address of the object (after its GC header, as in CPython).
    uint64_t id(const PyObject* o) const {
        const uintptr_t offset = reinterpret_cast<uintptr_t>(o) - reinterpret_cast<uintptr_t>(static_memory_.get());
        // An object lies in its block's first bytes (after its GC header and pre-header): in the
        // block's pool, or within a raw block's first POOL_SIZE bytes, where address_of finds it.
        return offset < kStaticCapacity ? kStaticBase + offset : allocator_.address_of(o);
    }
    bool is_static(const PyObject* o) const {
        return reinterpret_cast<uintptr_t>(o) - reinterpret_cast<uintptr_t>(static_memory_.get()) < kStaticCapacity;
    }
    // The static object whose id() is `id`, or nullptr when `id` is not in the data segment.
    PyObject* static_at(uint64_t id) const;
    // The ids the data segment spans so far, [first, second): a range test for code that asks
    // of every object whether it is static (a snapshot).
    std::pair<uint64_t, uint64_t> static_ids() const;

    // ---- the host's type lookup cache --------------------------------------------------------
    // type_lookup's answers for classes, host memory only: CPython's method cache keeps strong
    // references from 3.12, which the model leaves out (tests/cpydiff/type_attribute_cache_refs.md),
    // so this one changes no count and no block. An entry is a class's version tag (unique to
    // one state of one class: type_modified makes a new one before a class changes), an interned
    // name, the epoch it was filled in and what the lookup found (borrowed, or null). A mortal
    // interned name's death starts a new epoch, which no entry filled before matches, so no
    // entry outlives its name; the dealloc pays one increment, not a sweep of the table.
    struct TypeLookupEntry {
        uint32_t version = 0;
        uint32_t epoch = 0;
        const PyObject* name = nullptr;
        PyObject* value = nullptr;
    };
    static constexpr size_t kTypeLookupEntries = 1024;
    TypeLookupEntry& type_lookup_entry(uint32_t version, const PyObject* name) {
        const auto h = static_cast<size_t>(version * 2654435761u) ^ (reinterpret_cast<uintptr_t>(name) >> 4);
        return type_lookup_cache_[h & (kTypeLookupEntries - 1)];
    }
    bool type_lookup_hit(const TypeLookupEntry& e, uint32_t version, const PyObject* name) const {
        return e.version == version && e.name == name && e.epoch == type_lookup_epoch_;
    }
    void type_lookup_fill(TypeLookupEntry& e, uint32_t version, const PyObject* name, PyObject* value) const {
        e = {version, type_lookup_epoch_, name, value};
    }
    void type_lookup_cache_clear() {
        if (++type_lookup_epoch_ != 0) return;
        // After 2^32 epochs: entries from the epoch that came round again are swept out.
        type_lookup_cache_.assign(kTypeLookupEntries, TypeLookupEntry{});
        type_lookup_epoch_ = 1;
    }

    // ---- GC lists (the collector itself is core/gc) ------------------------------------------
    static PyGC_Head* as_gc(const PyObject* o, uint32_t gc_head_size) {
        return reinterpret_cast<PyGC_Head*>(reinterpret_cast<uintptr_t>(o) - gc_head_size);
    }
    PyGC_Head* as_gc(const PyObject* o) const { return as_gc(o, profile_.gc_head_size); }
    PyObject* from_gc(const PyGC_Head* g) const {
        return reinterpret_cast<PyObject*>(reinterpret_cast<uintptr_t>(g) + profile_.gc_head_size);
    }
    // PyObject_GC_Track / Untrack: links the object at the end of generation 0, or unlinks it
    // (from whichever list holds it, a collection's included). Both keep the finalized bit.
    void gc_track(PyObject* o);
    void gc_untrack(PyObject* o);
    // _PyObject_IS_GC: a GC type's object with a header; static objects never are (CPython's
    // type_is_gc keeps static types away from the collector).
    bool object_is_gc(const PyObject* o) const { return Py_TYPE(o)->is_gc() && !is_static(o); }
    GCState& gc_state() { return gc_; }
    const GCState& gc_state() const { return gc_; }
    bool gc_is_tracked(const PyObject* o) const { return as_gc(o)->_gc_next != 0; }
    // The list head of generation `g` (a sentinel whose links form a ring).
    PyGC_Head* generation(int g) { return &gc_.generations[g]; }
    // gc.get_count()[g]: allocations minus deallocations of GC objects for generation 0.
    int64_t& gc_count(int g) { return gc_.count[g]; }

private:
    const Profile& profile_;
    const bool immortal_;
    Allocator allocator_;
    GCState gc_;

    // The data segment: host memory for static objects, at modelled addresses from kStaticBase:
    // those of a statically linked python3 (as Debian's is), just above the binary's text, below
    // the brk heap that AddressSpace starts at 0x55d03e6b2000.
    static constexpr uint64_t kStaticBase = 0x55d03c8a4000;
    static constexpr size_t kStaticCapacity = 512 * 1024;
    struct alignas(16) StaticChunk {
        unsigned char bytes[16];
    };
    std::unique_ptr<StaticChunk[]> static_memory_;
    size_t static_used_ = 0;
    Builtins builtins_;
    ThreadState tstate_;
    const bool track_objects_;
    std::unordered_set<PyObject*> live_;
    std::vector<PyObject*> dying_;
    std::unordered_map<PyObject*, destructor> host_owners_;
    trace::TraceLog* trace_ = nullptr;
    // The allocator's arena counters as the trace last reported them: ArenaNew and ArenaFree are
    // written when they move.
    uint64_t arenas_made_ = 0;
    uint64_t arenas_released_ = 0;
    bool tracing_ = false;
    std::vector<TypeLookupEntry> type_lookup_cache_ = std::vector<TypeLookupEntry>(kTypeLookupEntries);
    uint32_t type_lookup_epoch_ = 1;  // a zeroed entry belongs to no epoch
    std::unordered_map<const void*, size_t> traced_;
    std::unordered_map<const void*, uint32_t> traced_where_;
    bool trace_reentrant_ = false;
    size_t traced_bytes_ = 0;
    size_t traced_peak_ = 0;

    // An object just made: in the registry and the trace.
    void note_born(PyObject* o) {
        if (track_objects_) live_.insert(o);
        if (trace_ != nullptr) trace_object(o, trace::EventKind::ObjectNew);
    }
    void* traced(void* block, size_t n) {
        if (tracing_ && block != nullptr) {
            untrace(block);
            if (trace_reentrant_) return block;
            traced_[block] = n;
            traced_bytes_ += n;
            if (traced_bytes_ > traced_peak_) traced_peak_ = traced_bytes_;
            if (trace_where) traced_where_[block] = trace_where();
        }
        return block;
    }
    void untrace(const void* block) {
        if (auto it = traced_.find(block); it != traced_.end()) {
            traced_bytes_ -= it->second;
            traced_.erase(it);
        }
        traced_where_.erase(block);
    }
    // The allocator's calls with what tracing records (gen_zero: the block counts in gc.get_count()).
    void* record_alloc(void* block, size_t n, bool gen_zero);
    void free_block(void* p, bool gen_zero);
    // Writes ArenaFree(released_from) if the last call released an arena, and ArenaNew for the
    // arena holding `allocated` if it made one.
    void trace_arenas(uint64_t released_from, const void* allocated);
    // Out of line: every incref and decref calls it when tracing, and inlined it would crowd
    // eval_frame's untraced paths.
    void trace_refcount(const PyObject* o, trace::EventKind kind);
    void trace_object(const PyObject* o, trace::EventKind kind);
};

// Py_NewRef: `o` with one reference more, as a function returning a new reference hands it out.
inline PyObject* new_ref(Runtime& rt, PyObject* o) {
    rt.incref(o);
    return o;
}
// Py_RETURN_NONE: a new reference to None; new_ref_or_none: `o`'s, or None's for a null `o`.
inline PyObject* none(Runtime& rt) { return new_ref(rt, rt.builtins().singletons.none); }
inline PyObject* new_ref_or_none(Runtime& rt, PyObject* o) {
    return new_ref(rt, o != nullptr ? o : rt.builtins().singletons.none);
}

}  // namespace pymemlab
