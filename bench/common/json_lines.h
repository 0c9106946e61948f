// What every benchmark's JSON lines need: the target and compiler it was built for, JSON
// string quoting, and the median. Shared by bench/alloc and bench/objects.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace pymemlab::bench {

#define PYMEMLAB_STR2(x) #x
#define PYMEMLAB_STR(x) PYMEMLAB_STR2(x)
#if defined(__EMSCRIPTEN__)
inline constexpr const char* kTarget = "wasm";
inline constexpr const char* kCompiler = "Emscripten " PYMEMLAB_STR(__EMSCRIPTEN_major__) "." PYMEMLAB_STR(
    __EMSCRIPTEN_minor__) "." PYMEMLAB_STR(__EMSCRIPTEN_tiny__) " (" __VERSION__ ")";
#elif defined(__clang__)
inline constexpr const char* kTarget = "native";
inline constexpr const char* kCompiler = "Clang " __clang_version__;
#else
inline constexpr const char* kTarget = "native";
inline constexpr const char* kCompiler = "GCC " __VERSION__;
#endif
#ifndef PYMEMLAB_BENCH_FLAGS
#define PYMEMLAB_BENCH_FLAGS "unknown"
#endif

// s as a JSON string literal.
inline std::string json(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
        out += c;
    }
    return out + '"';
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace pymemlab::bench
