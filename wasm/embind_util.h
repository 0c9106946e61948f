// What both binding files need: typed-array views over vectors, and a profile by name that
// cannot fail (the glue has no exceptions). bindings.cpp (Allocator) and lab_bindings.cpp (Lab).
#pragma once

#include <emscripten/val.h>

#include <string>
#include <vector>

#include "profile/profile.h"

namespace pymemlab::wasm {

// A typed array over the vector's storage in wasm memory: no copy, so it is only valid until
// the vector changes or the memory grows (any malloc or realloc may grow it).
template <class T>
emscripten::val view_of(const std::vector<T>& v) {
    return emscripten::val(emscripten::typed_memory_view(v.size(), v.data()));
}

// An unknown name falls back to the default profile: without exceptions a constructor cannot
// refuse, so JS validates names against profiles() and reads profileName() back.
inline const Profile& profile_named(const std::string& name) {
    const Profile* p = find_profile(name);
    return p != nullptr ? *p : default_profile();
}

}  // namespace pymemlab::wasm
