// How the fuzz targets read an input: the first byte chooses the profile (its low 3 bits, so all
// 8 profiles are fuzzed) and the mode and options (its high bits); the rest is the Python source.
// Shared by fuzz_parse.cpp, fuzz_compile.cpp and fuzz_run.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "profile/profile.h"

namespace pymemlab::fuzz {

struct Input {
    const Profile* profile;
    uint8_t flags;            // the first byte's bits above the profile's: each target reads its own
    std::string_view source;  // the rest of the input
};

inline Input split_input(const uint8_t* data, size_t size) {
    const std::span<const Profile> profiles = all_profiles();
    if (size == 0) return {&default_profile(), 0, {}};
    return {&profiles[data[0] % profiles.size()], static_cast<uint8_t>(data[0] >> 3),
            std::string_view(reinterpret_cast<const char*>(data + 1), size - 1)};
}

}  // namespace pymemlab::fuzz
