// Runtime: object allocation in the allocator's blocks, the data segment for static objects,
// reference-count rules per profile, deallocation dispatch, and the GC list links.
#include "object/runtime.h"

#include "gc/collect.h"
#include "gc/gc_list.h"
#include "gc/incremental.h"

#include <cstring>
#include <new>

namespace pymemlab {

namespace {

void link_ring(PyGC_Head* head) {
    head->_gc_next = reinterpret_cast<uintptr_t>(head);
    head->_gc_prev = reinterpret_cast<uintptr_t>(head);
}

}  // namespace

Runtime::Runtime(const Profile& profile, RuntimeOptions options)
    : profile_(profile),
      immortal_(profile.has_immortal_objects()),
      allocator_(profile, options.allocator),
      static_memory_(new StaticChunk[kStaticCapacity / sizeof(StaticChunk)]),
      track_objects_(options.track_objects) {
    for (PyGC_Head& g : gc_.generations) link_ring(&g);
    link_ring(&gc_.permanent);
    for (int g = 0; g < kGenerations; ++g) gc_.threshold[g] = profile.gc_threshold[g];
    trace_ = options.trace;
    // Every block starts at a multiple of ALIGNMENT and every object at a multiple of it within
    // its block, except 2.7's ints and floats, carved 24 bytes apart from their own blocks.
    if (trace_ != nullptr) trace_->set_granule_bits(profile.major == 2 ? 3 : profile.alignment_shift);
    init_builtins(*this);
}

Runtime::~Runtime() {
    for (auto [o, release] : host_owners_) release(*this, o);
}

PyObject* Runtime::alloc_object(PyTypeObject* type, size_t request) {
    // obj_malloc, with record_alloc called only when someone watches (the usual case is not).
    void* block = allocator_.malloc(request);
    if (trace_ != nullptr || tracing_) block = record_alloc(block, request, false);
    auto* o = static_cast<PyObject*>(block);
    if (o == nullptr) return nullptr;
    o->ob_refcnt = 1;
    o->ob_type = type;
    note_born(o);
    return o;
}

PyObject* Runtime::alloc_gc_object(PyTypeObject* type, size_t request) {
    const size_t head = profile_.gc_head_size + preheader_size(type);
    auto* block = static_cast<unsigned char*>(record_alloc(allocator_.malloc(head + request), head + request, true));
    if (block == nullptr) return nullptr;
    std::memset(block, 0, head);
    auto* o = reinterpret_cast<PyObject*>(block + head);
    o->ob_refcnt = 1;
    o->ob_type = type;
    note_born(o);
    // _PyObject_GC_Link: count the allocation; past threshold 0 a collection runs now, before
    // the new object is tracked (up to 3.11), or at the next eval-breaker check (3.12+).
    if (profile_.at_least(3, 14)) return o;  // 3.14.1+ counts tracked objects (gc/incremental.h)
    ++gc_.count[0];
    if (gc_.count[0] > gc_.threshold[0] && gc_.enabled && gc_.threshold[0] != 0 && !gc_.collecting &&
        tstate_.curexc == nullptr) {
        if (profile_.at_least(3, 12)) {
            gc_.scheduled = true;
        } else {
            tstate_.hold(block);  // the new object's fields are not set yet: the heap checker skips it
            gc_collect_generations(*this);
            tstate_.let_go(block);
        }
    }
    return o;
}

void* Runtime::block_of(const PyObject* o) const {
    if (Py_TYPE(o)->is_gc()) return reinterpret_cast<char*>(as_gc(o)) - preheader_size(Py_TYPE(o));
    return const_cast<PyObject*>(o);
}

void Runtime::free_object(PyObject* o) {
    const bool gc = Py_TYPE(o)->is_gc();
    if (!gc && trace_ == nullptr && !tracing_) {  // the usual case: PyObject_Free, nobody watching
        allocator_.free(o);
        return;
    }
    const bool counted = gc && gc_.count[0] > 0 && !profile_.at_least(3, 14);
    if (counted) --gc_.count[0];
    if (trace_ != nullptr) trace_object(o, trace::EventKind::ObjectDead);
    free_block(block_of(o), counted);
}

void* Runtime::record_alloc(void* block, size_t n, bool gen_zero) {
    if (trace_ != nullptr && block != nullptr) {
        trace_arenas(0, block);
        trace_->push_block(trace::EventKind::Alloc, allocator_.address_of(block), n, gen_zero);
    }
    return traced(block, n);
}

void Runtime::free_block(void* p, bool gen_zero) {
    if (p == nullptr) return;
    if (tracing_) untrace(p);
    if (trace_ == nullptr) {
        allocator_.free(p);
        return;
    }
    const uint64_t arena = allocator_.arena_address_of(p);
    trace_->push(trace::EventKind::Free, allocator_.address_of(p), gen_zero ? trace::kGenZeroFlag : 0);
    allocator_.free(p);
    trace_arenas(arena, nullptr);
}

void Runtime::trace_arenas(uint64_t released_from, const void* allocated) {
    const AllocatorCounters& c = allocator_.counters();
    const uint64_t released = c.ntimes_arena_allocated - c.narenas_currently_allocated;
    if (released != arenas_released_ && released_from != 0) {
        arenas_released_ = released;
        trace_->push(trace::EventKind::ArenaFree, released_from);
    }
    if (c.ntimes_arena_allocated != arenas_made_ && allocated != nullptr) {
        arenas_made_ = c.ntimes_arena_allocated;
        trace_->push(trace::EventKind::ArenaNew, allocator_.arena_address_of(allocated));
    }
}

// Flattened: every step of it (id, address_of's last arena, the push) inlined, even where the
// WebAssembly module is compiled for size; it runs for every reference count a trace records.
[[gnu::flatten]] void Runtime::trace_refcount(const PyObject* o, trace::EventKind kind) { trace_->push(kind, id(o)); }

void Runtime::trace_object(const PyObject* o, trace::EventKind kind) {
    const PyTypeObject* type = Py_TYPE(o);
    const bool typed = kind == trace::EventKind::ObjectNew || kind == trace::EventKind::Retype;
    trace_->push(kind, id(o), typed ? trace_->type_index(type, type->tp_name) : 0);
}

void* Runtime::obj_malloc(size_t n) { return record_alloc(allocator_.malloc(n), n, false); }

void* Runtime::obj_realloc(void* p, size_t n) {
    if (p == nullptr) return obj_malloc(n);
    const uint64_t old = trace_ != nullptr ? allocator_.address_of(p) : 0;
    const uint64_t old_arena = trace_ != nullptr ? allocator_.arena_address_of(p) : 0;
    if (tracing_) untrace(p);
    void* q = allocator_.realloc(p, n);
    if (q == nullptr) {
        traced(p, n);  // the old block stays
        return nullptr;
    }
    if (trace_ != nullptr) {
        trace_->push(trace::EventKind::Free, old);
        trace_arenas(old_arena, nullptr);
    }
    return record_alloc(q, n, false);
}

void Runtime::obj_free(void* p) { free_block(p, false); }

void* Runtime::mem_malloc(size_t n) {
    return record_alloc(profile_.major == 2 ? allocator_.raw_alloc(n) : allocator_.malloc(n), n, false);
}

void* Runtime::mem_realloc(void* p, size_t n) {
    if (p == nullptr) return mem_malloc(n);
    return obj_realloc(p, n);
}

PyObject* Runtime::static_object(PyTypeObject* type, size_t size, bool gc) {
    const size_t head = gc ? profile_.gc_head_size : 0;
    const size_t total = (head + size + 15) & ~size_t{15};
    if (static_used_ + total > kStaticCapacity) throw std::bad_alloc();
    // Addressed from the start of the whole array: bytes[16] is one chunk's, not the block's bound.
    unsigned char* block = reinterpret_cast<unsigned char*>(static_memory_.get()) + static_used_;
    static_used_ += total;
    std::memset(block, 0, total);
    auto* o = reinterpret_cast<PyObject*>(block + head);
    o->ob_refcnt = 1;
    o->ob_type = type;
    return o;
}

std::pair<uint64_t, uint64_t> Runtime::static_ids() const { return {kStaticBase, kStaticBase + static_used_}; }

PyObject* Runtime::static_at(uint64_t id) const {
    if (id < kStaticBase || id - kStaticBase >= static_used_) return nullptr;
    return reinterpret_cast<PyObject*>(reinterpret_cast<uintptr_t>(static_memory_.get()) + (id - kStaticBase));
}

void Runtime::make_static_refcount(PyObject* o, bool runtime_singleton) {
    if (immortal_)
        o->ob_refcnt = profile_.immortal_refcnt;
    else if (runtime_singleton && profile_.static_refcnt_base != 0)
        o->ob_refcnt = profile_.static_refcnt_base;
}

void Runtime::dealloc(PyObject* o) {
    PyTypeObject* type = Py_TYPE(o);
    if (type->tp_model_no_refs && !track_objects_) {
        type->tp_dealloc(*this, o);
        return;
    }
    ThreadState& ts = tstate_;
    if (ts.trash_delete_nesting >= ThreadState::kTrashUnwindLevel) {
        if (object_is_gc(o)) gc_untrack(o);
        ts.trash_delete_later.push_back(o);
        return;
    }
    auto run_dealloc = [this, &ts](PyObject* dying) {
        if (track_objects_) {
            live_.erase(dying);
            dying_.push_back(dying);
        }
        ++ts.trash_delete_nesting;
        Py_TYPE(dying)->tp_dealloc(*this, dying);
        --ts.trash_delete_nesting;
        if (track_objects_) dying_.pop_back();
    };
    run_dealloc(o);
    if (ts.trash_delete_nesting > 0) return;
    while (!ts.trash_delete_later.empty()) {
        PyObject* later = ts.trash_delete_later.back();
        ts.trash_delete_later.pop_back();
        run_dealloc(later);
    }
}

void Runtime::gc_track(PyObject* o) {
    PyGC_Head* g = as_gc(o);
    if (g->_gc_next != 0) return;
    g->_gc_prev &= gc::kPrevMaskFinalized;
    gc::gc_list_append(g, &gc_.generations[0]);
    if (profile_.at_least(3, 14)) gc::incremental_on_track(*this, g);
    if (trace_ != nullptr) trace_->push(trace::EventKind::Track, id(o));
}

void Runtime::gc_untrack(PyObject* o) {
    PyGC_Head* g = as_gc(o);
    if (g->_gc_next == 0) return;
    gc::gc_list_remove(g);
    g->_gc_prev &= gc::kPrevMaskFinalized;
    if (profile_.at_least(3, 14)) gc::incremental_on_untrack(*this);
    if (trace_ != nullptr) trace_->push(trace::EventKind::Untrack, id(o));
}

}  // namespace pymemlab
