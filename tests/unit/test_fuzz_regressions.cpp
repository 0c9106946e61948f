// Regressions found by the fuzzers (tests/fuzz/README.md): each test states what a crash, leak or
// sanitizer report showed, in the smallest form that fails without its fix. The fuzz inputs
// themselves are replayed by the fuzz-regression-* ctest tests.
#include <catch2/catch.hpp>
#include <cstddef>
#include <string>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PYMEMLAB_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PYMEMLAB_TEST_ASAN 1
#endif
#if defined(PYMEMLAB_TEST_ASAN)
// The sanitizer runtime's own count (sanitizer/allocator_interface.h, which GCC does not ship).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#elif defined(__GLIBC__) || defined(__EMSCRIPTEN__)
#include <malloc.h>
#endif

#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"
#include "profile/profile.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

// Bytes the process's malloc has handed out and not taken back; -1 where it cannot tell.
long long process_heap_in_use() {
#if defined(PYMEMLAB_TEST_ASAN)
    return static_cast<long long>(__sanitizer_get_current_allocated_bytes());
#elif defined(__GLIBC__)
    return static_cast<long long>(mallinfo2().uordblks);
#elif defined(__EMSCRIPTEN__)
    return static_cast<long long>(mallinfo().uordblks);  // dlmalloc's count
#else
    return -1;
#endif
}

// One runtime's whole life, as the page runs a snippet: made, run, ended.
constexpr int kRuns = 40;

void run_once(const Profile& profile) {
    Runtime rt(profile);
    Interp in(rt);
    in.write = [](int, std::string_view) {};
    // sys's struct sequences, and a method-wrapper of a built-in type's slot (whose targets were
    // once kept process-wide, keyed by each runtime's type objects).
    run_source(in,
               "import sys\nv = repr(sys.version_info)\n"
               "class A(object):\n    def __init__(self):\n        super().__init__()\na = A()\n",
               RunMode::Script);
}

}  // namespace

TEST_CASE("Making and ending runtimes one after another leaves the process heap where it was", "[fuzz]") {
    // fuzz_run: every runtime added its sys struct types' getset tables and field names to
    // process-wide tables that were never emptied (libFuzzer saw more mallocs than frees).
    for (const Profile& profile : all_profiles()) {
        for (int i = 0; i < 3; ++i) run_once(profile);  // tables made on first use stay: they are bounded
        const long long before = process_heap_in_use();
        if (before < 0) FAIL("no heap statistics on this platform: the test cannot tell");
        for (int i = 0; i < kRuns; ++i) run_once(profile);
        const long long growth = process_heap_in_use() - before;
        INFO("profile " << profile.name);
        // It grew by ~1.3 KB per runtime. Blocks glibc keeps in its thread cache count as in use:
        // up to ~13 KB of noise, whatever the number of runs.
        CHECK(growth < kRuns * 1300 / 2);
    }
}

TEST_CASE("Struct sequences of sys name their fields under every profile", "[fuzz]") {
    for (const char* name : kAllProfiles) {
        for (int i = 0; i < 2; ++i) {  // the second runtime shares the first one's layout
            const RunOutput o = run_python(name, "import sys\nprint(repr(sys.version_info)[:23])\n"
                                                 "print('%d %s' % (sys.float_info.max_exp, repr(sys.float_info)[:19]))\n");
            INFO("profile " << name << ": " << o.err);
            CHECK(o.status == 0);
            CHECK(o.out == "sys.version_info(major=\n1024 sys.float_info(max=\n");
        }
    }
}
