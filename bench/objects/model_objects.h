// The lab's object layer (core/object) as a contender.h adapter: each object is made with the
// calls that model the C API calls host_contenders.cpp makes, one for one. Used by main.cpp
// for the timed runs (track_objects off) and, wrapped, for the checked run (track_objects on).
#pragma once

#include <array>

#include "contender.h"
#include "object/dict_object.h"
#include "object/float_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"
#include "profile/profile.h"

namespace pymemlab::bench {

struct ModelObjects {
    using Ref = pymemlab::PyObject*;

    explicit ModelObjects(pymemlab::Runtime& runtime) : rt(runtime) {
        // Small ints are cached: these are the very objects every tuple, list and dict will hold.
        for (int k = 0; k < 3; ++k) items[k] = pymemlab::long_from_int64(rt, kItemValues[k]);
        resident = {new_int(0), new_float(0), new_tuple(0), new_list(0), new_dict(0)};
    }
    ~ModelObjects() {
        for (Ref o : resident) rt.decref(o);
        for (Ref item : items) rt.decref(item);
    }
    ModelObjects(const ModelObjects&) = delete;
    ModelObjects& operator=(const ModelObjects&) = delete;

    // PyLong_FromLong
    Ref new_int(uint64_t i) { return made(pymemlab::long_from_int64(rt, int_value(i)), "an int"); }
    // PyFloat_FromDouble
    Ref new_float(uint64_t i) {
        return made(pymemlab::float_from_double(rt, float_value_of(i)), "a float");
    }
    // PyTuple_New(3), then Py_INCREF + PyTuple_SET_ITEM for each item.
    Ref new_tuple(uint64_t) {
        Ref t = made(pymemlab::tuple_new(rt, 3), "a tuple");
        Ref* slots = pymemlab::tuple_items(t);
        for (int k = 0; k < 3; ++k) {
            rt.incref(items[k]);
            slots[k] = items[k];
        }
        return t;
    }
    // PyList_New(0), then PyList_Append for each item.
    Ref new_list(uint64_t) {
        Ref l = made(pymemlab::list_new(rt, 0), "a list");
        for (int k = 0; k < 3; ++k)
            if (!pymemlab::list_append(rt, l, items[k])) creation_failed("a list's items");
        return l;
    }
    // PyDict_New(), then PyDict_SetItem for each item, as its own key and value.
    Ref new_dict(uint64_t) {
        Ref d = made(pymemlab::dict_new(rt), "a dict");
        for (int k = 0; k < 3; ++k)
            if (!pymemlab::dict_setitem(rt, d, items[k], items[k])) creation_failed("a dict's items");
        return d;
    }
    // Py_DECREF
    void release(Ref o) { rt.decref(o); }
    void window_full() {}

    pymemlab::Runtime& rt;
    Ref items[3];
    // One object of each type, alive for the whole run ("Resident objects" in contender.h).
    std::array<Ref, 5> resident;

private:
    static Ref made(Ref o, const char* what) {
        if (o == nullptr) creation_failed(what);
        return o;
    }
};

// The untimed correctness run (checked_run.cpp): each workload shortened to about `objects`
// objects, through a runtime of `profile` that tracks its objects, with check_heap while a
// window is alive and after each workload. Exits with a message on the first problem; returns
// how many times check_heap ran.
unsigned run_checked(const pymemlab::Profile& profile, const std::vector<Workload>& workloads,
                     uint64_t objects);

}  // namespace pymemlab::bench
