// The untimed correctness run: every workload, shortened, through a runtime that tracks its
// objects, checking each object it creates and the whole heap (check_heap) with a window of
// objects alive and after the workload. The timed runs never check; this shows that what they
// time is a correct heap, not only a fast one.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "model_objects.h"
#include "object/heap_check.h"
#include "profile/profile.h"

namespace pymemlab::bench {

namespace {

using pymemlab::PyObject;

struct CheckedModelObjects {
    using Ref = PyObject*;

    ModelObjects& inner;
    const Workload& workload;
    unsigned checks = 0;  // check_heap calls made

    Ref new_int(uint64_t i) {
        Ref o = inner.new_int(i);
        bool overflow = false;
        expect(Py_TYPE(o) == builtins().long_type &&
                   pymemlab::long_as_int64(inner.rt, o, &overflow) == int_value(i) && !overflow,
               "an int with the wrong type or value");
        return o;
    }
    Ref new_float(uint64_t i) {
        Ref o = inner.new_float(i);
        expect(Py_TYPE(o) == builtins().float_type && pymemlab::float_value(o) == float_value_of(i),
               "a float with the wrong type or value");
        return o;
    }
    Ref new_tuple(uint64_t i) {
        Ref o = inner.new_tuple(i);
        expect(Py_TYPE(o) == builtins().tuple_type && Py_SIZE(o) == 3 &&
                   holds_items(pymemlab::tuple_items(o)) && inner.rt.gc_is_tracked(o),
               "a tuple with the wrong type, items or tracking");
        return o;
    }
    Ref new_list(uint64_t i) {
        Ref o = inner.new_list(i);
        expect(Py_TYPE(o) == builtins().list_type && Py_SIZE(o) == 3 &&
                   holds_items(pymemlab::list_items(o)) && inner.rt.gc_is_tracked(o),
               "a list with the wrong type, items or tracking");
        return o;
    }
    Ref new_dict(uint64_t i) {
        Ref o = inner.new_dict(i);
        bool items_ok = pymemlab::dict_len(inner.rt, o) == 3;
        for (Ref item : inner.items)
            items_ok = items_ok && pymemlab::dict_getitem(inner.rt, o, item) == item;
        // Ints are never tracked, so neither is a dict of ints (MAINTAIN_TRACKING).
        expect(Py_TYPE(o) == builtins().dict_type && items_ok && !inner.rt.gc_is_tracked(o),
               "a dict with the wrong type, items or tracking");
        return o;
    }
    void release(Ref o) { inner.release(o); }
    void window_full() { check("with a window of " + std::to_string(workload.window) + " objects alive"); }

    void check(const std::string& when) {
        ++checks;
        if (pymemlab::CheckResult r = pymemlab::check_heap(inner.rt); !r) {
            std::fprintf(stderr, "objects: the model's heap is broken in %s %s: %s\n",
                         workload.name.c_str(), when.c_str(), r.problem.c_str());
            std::exit(1);
        }
    }

private:
    const pymemlab::Builtins& builtins() const { return inner.rt.builtins(); }
    bool holds_items(Ref* slots) const {
        return slots[0] == inner.items[0] && slots[1] == inner.items[1] && slots[2] == inner.items[2];
    }
    void expect(bool ok, const char* problem) const {
        if (ok) return;
        std::fprintf(stderr, "objects: the model made %s in %s\n", problem, workload.name.c_str());
        std::exit(1);
    }
};

}  // namespace

unsigned run_checked(const pymemlab::Profile& profile, const std::vector<Workload>& workloads,
                     uint64_t objects) {
    pymemlab::RuntimeOptions options;
    options.track_objects = true;
    pymemlab::Runtime rt(profile, options);
    ModelObjects api(rt);
    unsigned checks = 0;
    for (const Workload& full : workloads) {
        const Workload w = shortened(full, objects);
        CheckedModelObjects checked{api, w};
        const size_t live_before = rt.live_objects().size();
        replay(checked, w);
        checked.check("after the workload");
        // check_heap accepts a leaked object (its block has an owner), so count them too.
        if (rt.live_objects().size() != live_before) {
            std::fprintf(stderr, "objects: %s left %zu objects alive in the model\n", w.name.c_str(),
                         rt.live_objects().size() - live_before);
            std::exit(1);
        }
        checks += checked.checks;
    }
    return checks;
}

}  // namespace pymemlab::bench
