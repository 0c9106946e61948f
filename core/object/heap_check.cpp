// check_heap: claims every block once, then compares claims with the allocator's blocks, then
// counts internal references.
#include "object/heap_check.h"

#include <string>
#include <unordered_map>

#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

struct Claims {
    const Runtime& rt;
    std::unordered_map<const void*, std::string> owner;  // block -> who claimed it
    std::string problem;

    void claim(const void* block, const std::string& who) {
        if (!problem.empty()) return;
        auto [it, fresh] = owner.emplace(block, who);
        if (!fresh) problem = "block claimed by " + it->second + " and by " + who;
    }
};

void claim_object(Claims& c, PyObject* o, const std::string& who) {
    PyTypeObject* type = Py_TYPE(o);
    struct Ctx { Claims* c; const std::string* who; } ctx{&c, &who};
    auto visit = [](const void* block, void* arg) {
        auto* x = static_cast<Ctx*>(arg);
        x->c->claim(block, *x->who);
    };
    if (type->tp_blocks != nullptr)
        type->tp_blocks(c.rt, o, visit, &ctx);
    else
        visit(c.rt.block_of(o), &ctx);
}

// Objects and buffers the built-in types keep for reuse.
void claim_free_lists(Claims& c) {
    const Builtins& b = c.rt.builtins();
    const bool py2 = c.rt.profile().major == 2;
    struct Ctx { Claims* c; const char* who; };
    auto visit = [](const void* block, void* arg) {
        auto* x = static_cast<Ctx*>(arg);
        x->c->claim(block, x->who);
    };
    Ctx float_blocks{&c, "the float blocks"}, int_blocks{&c, "the int blocks"};
    object_blocks_visit(b.float_state.blocks27, visit, &float_blocks);
    object_blocks_visit(b.int_blocks27, visit, &int_blocks);
    if (!py2)
        for (const PyFloatObject* f = b.float_state.free_list; f != nullptr;
             f = reinterpret_cast<const PyFloatObject*>(f->ob_base.ob_type))
            c.claim(f, "the float free list");
    for (int n = 0; n < TupleState::kLengths; ++n)
        for (PyObject* t = b.tuple_state.free_list[n]; t != nullptr;
             t = reinterpret_cast<PyObject**>(reinterpret_cast<unsigned char*>(t) + Py_TYPE(t)->tp_basicsize)[0])
            c.claim(c.rt.block_of(t), "the tuple free list");
    if (b.slice_cache != nullptr) c.claim(c.rt.block_of(b.slice_cache), "the slice cache");
    for (int i = 0; i < b.list_state.numfree; ++i)
        c.claim(c.rt.block_of(&b.list_state.free_list[i]->ob_base.ob_base), "the list free list");
    Ctx dicts{&c, "the dict free lists"}, sets{&c, "the set free list"}, unicode{&c, "the unicode free list"};
    dict_free_list_blocks(c.rt, visit, &dicts);
    set_free_list_blocks(c.rt, visit, &sets);
    unicode_free_list_blocks(c.rt, visit, &unicode);
}

}  // namespace

CheckResult check_heap(const Runtime& rt) {
    CheckResult result = rt.allocator().check();
    if (!result.ok) return result;
    auto fail = [&](std::string why) {
        result.ok = false;
        result.problem = std::move(why);
        return result;
    };
    if (!rt.tracks_objects()) return fail("the runtime does not track objects (RuntimeOptions::track_objects)");

    Claims claims{rt, {}, {}};
    for (PyObject* o : rt.live_objects()) {
        if (o->ob_refcnt <= 0) return fail(std::string("a live ") + Py_TYPE(o)->tp_name + " has count " + std::to_string(o->ob_refcnt));
        claim_object(claims, o, std::string("a live ") + Py_TYPE(o)->tp_name);
    }
    claim_free_lists(claims);
    if (!claims.problem.empty()) return fail(claims.problem);

    size_t allocated = 0;
    for (const void* block : rt.allocator().allocated_block_list()) {
        ++allocated;
        if (!claims.owner.count(block))
            return fail("an allocated block of " + std::to_string(rt.allocator().block_size(block)) +
                        " bytes belongs to no object");
    }
    if (allocated != claims.owner.size()) return fail("an object claims a block that is not allocated");

    // Counts cover the references live objects hold on one another.
    std::unordered_map<const PyObject*, int64_t> internal;
    for (PyObject* o : rt.live_objects()) {
        traverseproc traverse = Py_TYPE(o)->tp_traverse;
        if (traverse == nullptr) continue;
        traverse(o, [](PyObject* r, void* arg) { ++(*static_cast<std::unordered_map<const PyObject*, int64_t>*>(arg))[r]; },
                 &internal);
    }
    for (const auto& [o, refs] : internal) {
        if (rt.is_immortal(o) || rt.is_static(o)) continue;
        if (!rt.live_objects().count(const_cast<PyObject*>(o))) return fail("a live object refers to a dead one");
        if (o->ob_refcnt < refs)
            return fail(std::string("a ") + Py_TYPE(o)->tp_name + " has count " + std::to_string(o->ob_refcnt) +
                        " but " + std::to_string(refs) + " references from live objects");
    }
    return result;
}

}  // namespace pymemlab
