// CheckedRuntime: a Runtime that runs the object heap checker when it goes out of scope, so
// every object test ends by confirming that each block belongs to exactly one owner.
#pragma once

#include <catch2/catch.hpp>

#include "object/heap_check.h"
#include "object/runtime.h"

namespace pymemlab {

struct CheckedRuntime : Runtime {
    explicit CheckedRuntime(const Profile& profile) : Runtime(profile, tracked()) {}
    explicit CheckedRuntime(const char* profile) : CheckedRuntime(*find_profile(profile)) {}
    ~CheckedRuntime() {
        CheckResult result = check_heap(*this);
        INFO("heap check (" << profile().name << "): " << result.problem);
        CHECK(result.ok);
    }

private:
    static RuntimeOptions tracked() {
        RuntimeOptions options;
        options.track_objects = true;
        return options;
    }
};

}  // namespace pymemlab
