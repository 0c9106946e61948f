// Runtime: object allocation in the allocator's blocks, the data segment for static objects,
// reference-count rules per profile, deallocation dispatch, and the GC list links.
#include "object/runtime.h"

#include "gc/collect.h"
#include "gc/gc_list.h"

#include <cstring>
#include <new>

namespace pymemlab {

namespace {

// The data segment of a statically linked python3 (as Debian's is): just above the binary's
// text, below the brk heap that AddressSpace starts at 0x55d03e6b2000.
constexpr uint64_t kStaticBase = 0x55d03c8a4000;
constexpr size_t kStaticCapacity = 512 * 1024;

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
    init_builtins(*this);
}

Runtime::~Runtime() {
    for (auto [o, release] : host_owners_) release(*this, o);
}

PyObject* Runtime::alloc_object(PyTypeObject* type, size_t request) {
    auto* o = static_cast<PyObject*>(obj_malloc(request));
    if (o == nullptr) return nullptr;
    o->ob_refcnt = 1;
    o->ob_type = type;
    note_alive(o);
    return o;
}

PyObject* Runtime::alloc_gc_object(PyTypeObject* type, size_t request) {
    const uint32_t head = profile_.gc_head_size;
    auto* block = static_cast<unsigned char*>(obj_malloc(head + request));
    if (block == nullptr) return nullptr;
    std::memset(block, 0, head);
    auto* o = reinterpret_cast<PyObject*>(block + head);
    o->ob_refcnt = 1;
    o->ob_type = type;
    note_alive(o);
    // _PyObject_GC_Link: count the allocation; past threshold 0 a collection runs now, before
    // the new object is tracked (up to 3.11), or at the next eval-breaker check (3.12+).
    ++gc_.count[0];
    if (gc_.count[0] > gc_.threshold[0] && gc_.enabled && gc_.threshold[0] != 0 && !gc_.collecting &&
        tstate_.curexc == nullptr) {
        if (profile_.at_least(3, 12))
            gc_.scheduled = true;
        else
            gc_collect_generations(*this);
    }
    return o;
}

void* Runtime::block_of(const PyObject* o) const {
    if (Py_TYPE(o)->is_gc()) return as_gc(o);
    return const_cast<PyObject*>(o);
}

void Runtime::free_object(PyObject* o) {
    if (Py_TYPE(o)->is_gc() && gc_.count[0] > 0) --gc_.count[0];
    obj_free(block_of(o));
}

void* Runtime::obj_malloc(size_t n) { return traced(allocator_.malloc(n), n); }

void* Runtime::obj_realloc(void* p, size_t n) {
    if (tracing_ && p != nullptr) traced_.erase(p);
    return traced(allocator_.realloc(p, n), n);
}

void Runtime::obj_free(void* p) {
    if (tracing_ && p != nullptr) traced_.erase(p);
    allocator_.free(p);
}

void* Runtime::mem_malloc(size_t n) {
    return traced(profile_.major == 2 ? allocator_.raw_alloc(n) : allocator_.malloc(n), n);
}

void* Runtime::mem_realloc(void* p, size_t n) {
    if (p == nullptr) return mem_malloc(n);
    return obj_realloc(p, n);
}

PyObject* Runtime::static_object(PyTypeObject* type, size_t size, bool gc) {
    const size_t head = gc ? profile_.gc_head_size : 0;
    const size_t total = (head + size + 15) & ~size_t{15};
    if (static_used_ + total > kStaticCapacity) throw std::bad_alloc();
    unsigned char* block = static_memory_[0].bytes + static_used_;
    static_used_ += total;
    std::memset(block, 0, total);
    auto* o = reinterpret_cast<PyObject*>(block + head);
    o->ob_refcnt = 1;
    o->ob_type = type;
    return o;
}

bool Runtime::is_static(const PyObject* o) const {
    auto p = reinterpret_cast<uintptr_t>(o), base = reinterpret_cast<uintptr_t>(static_memory_.get());
    return p - base < kStaticCapacity;
}

void Runtime::make_static_refcount(PyObject* o, bool runtime_singleton) {
    if (immortal_)
        o->ob_refcnt = profile_.immortal_refcnt;
    else if (runtime_singleton && profile_.static_refcnt_base != 0)
        o->ob_refcnt = profile_.static_refcnt_base;
}

void Runtime::dealloc(PyObject* o) {
    if (track_objects_) live_.erase(o);
    Py_TYPE(o)->tp_dealloc(*this, o);
}

uint64_t Runtime::id(const PyObject* o) const {
    if (is_static(o))
        return kStaticBase + (reinterpret_cast<uintptr_t>(o) - reinterpret_cast<uintptr_t>(static_memory_.get()));
    const void* block = block_of(o);
    return allocator_.address_of(block) + (reinterpret_cast<uintptr_t>(o) - reinterpret_cast<uintptr_t>(block));
}

void Runtime::gc_track(PyObject* o) {
    PyGC_Head* g = as_gc(o);
    if (g->_gc_next != 0) return;
    g->_gc_prev &= gc::kPrevMaskFinalized;
    gc::gc_list_append(g, &gc_.generations[0]);
}

void Runtime::gc_untrack(PyObject* o) {
    PyGC_Head* g = as_gc(o);
    if (g->_gc_next == 0) return;
    gc::gc_list_remove(g);
    g->_gc_prev &= gc::kPrevMaskFinalized;
}

}  // namespace pymemlab
