// check_heap: claims every block once, then compares claims with the allocator's blocks, then
// counts internal references.
#include "object/heap_check.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

// Who claimed a block: "a live" / "a dying" and a type name, or a fixed description. Kept as
// pointers to static text, so claiming a heap of a million blocks builds no strings.
struct Owner {
    const char* what;
    const char* type = nullptr;
    std::string text() const { return type != nullptr ? std::string(what) + " " + type : std::string(what); }
};

struct Claims {
    const Runtime& rt;
    std::unordered_map<const void*, Owner> owner;  // block -> who claimed it
    std::string problem;

    void claim(const void* block, Owner who) {
        if (!problem.empty()) return;
        auto [it, fresh] = owner.emplace(block, who);
        if (!fresh) problem = "block claimed by " + it->second.text() + " and by " + who.text();
    }
};

void claim_object(Claims& c, PyObject* o, const char* what) {
    PyTypeObject* type = Py_TYPE(o);
    struct Ctx { Claims* c; Owner who; } ctx{&c, {what, type->tp_name}};
    auto visit = [](const void* block, void* arg) {
        auto* x = static_cast<Ctx*>(arg);
        x->c->claim(block, x->who);
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
        x->c->claim(block, {x->who});
    };
    Ctx float_blocks{&c, "the float blocks"}, int_blocks{&c, "the int blocks"};
    object_blocks_visit(b.float_state.blocks27, visit, &float_blocks);
    object_blocks_visit(b.int_blocks27, visit, &int_blocks);
    if (!py2)
        for (const PyFloatObject* f = b.float_state.free_list; f != nullptr;
             f = reinterpret_cast<const PyFloatObject*>(f->ob_base.ob_type))
            c.claim(f, {"the float free list"});
    for (int n = 0; n < TupleState::kLengths; ++n)
        for (PyObject* t = b.tuple_state.free_list[n]; t != nullptr;
             t = reinterpret_cast<PyObject**>(reinterpret_cast<unsigned char*>(t) + Py_TYPE(t)->tp_basicsize)[0])
            c.claim(c.rt.block_of(t), {"the tuple free list"});
    if (b.slice_cache != nullptr) c.claim(c.rt.block_of(b.slice_cache), {"the slice cache"});
    for (const auto& [list, who] : {std::pair{&b.frame_free_list, "the frame free list"},
                                    std::pair{&b.method_free_list, "the bound-method free list"},
                                    std::pair{&b.cfunction_free_list, "the built-in function free list"},
                                    std::pair{&b.int_free_list, "the int free list"},
                                    std::pair{&b.list_iter_free_list, "the list iterator free list"},
                                    std::pair{&b.tuple_iter_free_list, "the tuple iterator free list"},
                                    std::pair{&b.range_free_list, "the range free list"},
                                    std::pair{&b.range_iter_free_list, "the range iterator free list"}})
        for (PyObject* o : list->items) c.claim(c.rt.block_of(o), {who});
    for (int i = 0; i < b.list_state.numfree; ++i)
        c.claim(c.rt.block_of(&b.list_state.free_list[i]->ob_base.ob_base), {"the list free list"});
    Ctx dicts{&c, "the dict free lists"}, sets{&c, "the set free list"}, unicode{&c, "the unicode free list"};
    dict_free_list_blocks(c.rt, visit, &dicts);
    set_free_list_blocks(c.rt, visit, &sets);
    unicode_free_list_blocks(c.rt, visit, &unicode);
    for (const void* block : c.rt.tstate().held_blocks) c.claim(block, {"a native function's buffer (ThreadState::hold)"});
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

    // A registered object whose block native code holds is still being made (a collection run
    // from its allocation, before its fields are set): its block is claimed as held, and its
    // fields are not read.
    const std::vector<const void*>& held = rt.tstate().held_blocks;
    auto being_made = [&](const PyObject* o) { return std::find(held.begin(), held.end(), rt.block_of(o)) != held.end(); };
    Claims claims{rt, {}, {}};
    for (PyObject* o : rt.live_objects()) {
        if (being_made(o)) continue;
        if (o->ob_refcnt <= 0) return fail(std::string("a live ") + Py_TYPE(o)->tp_name + " has count " + std::to_string(o->ob_refcnt));
        claim_object(claims, o, "a live");
    }
    claim_free_lists(claims);
    if (!claims.problem.empty()) return fail(claims.problem);
    const std::vector<const void*> allocated_blocks = rt.allocator().allocated_block_list();
    // An object being deallocated still owns what it has not freed yet (and nothing it has).
    if (!rt.dying_objects().empty()) {
        const std::unordered_set<const void*> allocated_set(allocated_blocks.begin(), allocated_blocks.end());
        Claims dying{rt, {}, {}};
        for (PyObject* o : rt.dying_objects()) claim_object(dying, o, "a dying");
        for (const auto& [block, who] : dying.owner)
            if (allocated_set.count(block)) claims.claim(block, who);
        if (!claims.problem.empty()) return fail(claims.problem);
    }

    size_t allocated = 0;
    for (const void* block : allocated_blocks) {
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
        if (traverse == nullptr || being_made(o)) continue;
        traverse(o, [](PyObject* r, void* arg) { ++(*static_cast<std::unordered_map<const PyObject*, int64_t>*>(arg))[r]; },
                 &internal);
    }
    for (const auto& [o, refs] : internal) {
        if (rt.is_immortal(o) || rt.is_static(o)) continue;
        const auto& dying = rt.dying_objects();
        if (std::find(dying.begin(), dying.end(), o) != dying.end()) continue;  // resurrected by __del__, maybe
        if (!rt.live_objects().count(const_cast<PyObject*>(o))) return fail("a live object refers to a dead one");
        if (o->ob_refcnt < refs)
            return fail(std::string("a ") + Py_TYPE(o)->tp_name + " has count " + std::to_string(o->ob_refcnt) +
                        " but " + std::to_string(refs) + " references from live objects");
    }
    return result;
}

void check_heap_or_abort(const Runtime& rt, int line) {
    const CheckResult c = check_heap(rt);
    if (c.ok) return;
    std::fprintf(stderr, "pymemlab: heap check failed before line %d: %s\n", line, c.problem.c_str());
    std::abort();
}

}  // namespace pymemlab
