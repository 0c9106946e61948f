// The object benchmark (bench/README.md): creates and destroys small objects through the lab's
// object layer and, natively, through CPython 3.11's C API, and prints JSON lines for
// bench/report.mjs. Usage: pymemlab_bench_objects [--objects N] [--window N] [--reps N]
//   [--contender model|cpython] [--workload NAME, e.g. tuple/window] (to profile one)
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if !defined(__EMSCRIPTEN__)
#include <sys/resource.h>
#endif

#include "contender.h"
#include "common/json_lines.h"
#include "common/options.h"
#include "model_objects.h"
#include "profile/profile.h"
#include "workload.h"

using namespace pymemlab::bench;

namespace {

// The model runs the profile of the libpython it is compared with.
constexpr const char* kProfile = "3.11";
// The warm-up and the checked run shorten every workload to this many windows: enough to fill
// every free list and to reach the heap's peak, which one window already does.
constexpr uint64_t kShortWindows = 2;

// Minor page faults of the process so far, or -1 where there is no such count (WebAssembly).
// The window workloads fault in whatever memory an allocator handed back to the system.
int64_t page_faults() {
#if defined(__EMSCRIPTEN__)
    return -1;
#else
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
#endif
}

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr,
                 "pymemlab_bench_objects: %s\nusage: pymemlab_bench_objects [--objects N] [--window N] "
                 "[--reps N] [--contender NAME] [--workload NAME]\n",
                 problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    WorkloadOptions options;
    unsigned reps = 3;
    const Selection selection = parse_options(
        argc, argv,
        [&](std::string_view option, unsigned long long value) {
            if (option == "--objects") options.objects = value;
            else if (option == "--window" && value <= UINT32_MAX) options.window = static_cast<uint32_t>(value);
            else if (option == "--reps" && value <= 1000) reps = static_cast<unsigned>(value);
            else return false;
            return true;
        },
        usage);
    std::vector<Workload> workloads;
    try {
        workloads = make_workloads(options);
    } catch (const std::invalid_argument& e) {
        usage(e.what());
    }
    keep_named(workloads, selection.only_workload);
    const pymemlab::Profile& profile = *pymemlab::find_profile(kProfile);
    const uint64_t short_objects = kShortWindows * options.window;

    // One model runtime for the whole run, as libpython keeps one interpreter. The registry of
    // live objects is a debug aid (a hash-set update per object), off as in a release build.
    pymemlab::RuntimeOptions runtime_options;
    runtime_options.track_objects = false;
    pymemlab::Runtime model(profile, runtime_options);
    // Automatic collections off, as in the CPython contender (PyGC_Disable): a full collection
    // would also empty the free lists, and the heap would not come back to the same blocks.
    model.gc_state().enabled = false;
    ModelObjects model_api(model);
    std::vector<Contender> contenders;
    contenders.push_back({"model",
                          std::string("pymemlab::Runtime (core/object), profile ") + kProfile + ", automatic gc off",
                          [&model_api](const Workload& w) { return replay(model_api, w); },
                          [&model] { return model.allocator().allocated_blocks(); }});
#ifdef PYMEMLAB_BENCH_HOST_OBJECTS
    for (Contender& c : host_contenders()) contenders.push_back(std::move(c));
#endif
    keep_named(contenders, selection.only_contender);
    if (workloads.empty() || contenders.empty()) usage("no such workload or contender");

    // Untimed: the checked run, then a warm-up of every workload through every contender, which
    // fills the free lists and faults in each heap at its peak.
    const unsigned heap_checks = run_checked(profile, workloads, short_objects);
    for (const Workload& w : workloads)
        for (const Contender& c : contenders) c.run(shortened(w, short_objects));
    std::vector<uint64_t> blocks;
    for (const Contender& c : contenders) blocks.push_back(c.blocks());

    // seconds[c][w] and faults[c][w], repetitions interleaved so that a slow spell of the
    // machine hits every contender alike.
    std::vector<std::vector<std::vector<double>>> seconds(
        contenders.size(), std::vector<std::vector<double>>(workloads.size()));
    auto faults = seconds;
    for (unsigned rep = 0; rep < reps; ++rep) {
        std::fprintf(stderr, "objects (%s): repetition %u of %u\n", kTarget, rep + 1, reps);
        for (size_t w = 0; w < workloads.size(); ++w)
            for (size_t c = 0; c < contenders.size(); ++c) {
                const int64_t faults_before = page_faults();
                seconds[c][w].push_back(contenders[c].run(workloads[w]));
                faults[c][w].push_back(static_cast<double>(page_faults() - faults_before));
                if (uint64_t now = contenders[c].blocks(); now != blocks[c]) {
                    std::fprintf(stderr, "objects: %s holds %" PRIu64 " blocks after %s, %" PRIu64 " before\n",
                                 contenders[c].name.c_str(), now, workloads[w].name.c_str(),
                                 blocks[c]);
                    return 1;
                }
            }
    }

    std::printf("{\"bench\":\"objects\",\"kind\":\"meta\",\"target\":\"%s\",\"compiler\":%s,"
                "\"flags\":%s,\"profile\":%s,\"reps\":%u,\"objects\":%" PRIu64 ",\"window\":%" PRIu32 "}\n",
                kTarget, json(kCompiler).c_str(), json(PYMEMLAB_BENCH_FLAGS).c_str(),
                json(kProfile).c_str(), reps, options.objects, options.window);
    std::printf("{\"bench\":\"objects\",\"kind\":\"checked\",\"target\":\"%s\",\"window\":%" PRIu32
                ",\"short_windows\":%" PRIu64 ",\"heap_checks\":%u}\n",
                kTarget, options.window, kShortWindows, heap_checks);
    for (const Contender& c : contenders)
        std::printf("{\"bench\":\"objects\",\"kind\":\"contender\",\"target\":\"%s\",\"name\":%s,"
                    "\"version\":%s}\n",
                    kTarget, json(c.name).c_str(), json(c.version).c_str());
    for (const Workload& w : workloads)
        std::printf("{\"bench\":\"objects\",\"kind\":\"workload\",\"target\":\"%s\",\"name\":%s,"
                    "\"description\":%s,\"objects\":%" PRIu64 ",\"window\":%" PRIu32 "}\n",
                    kTarget, json(w.name).c_str(), json(w.description).c_str(), w.objects, w.window);
    for (size_t c = 0; c < contenders.size(); ++c) {
        for (size_t w = 0; w < workloads.size(); ++w) {
            const std::vector<double>& s = seconds[c][w];
            double best = *std::min_element(s.begin(), s.end());
            const std::string page_faults_per_run =
                page_faults() < 0 ? "null" : std::to_string(static_cast<int64_t>(median(faults[c][w])));
            std::printf("{\"bench\":\"objects\",\"kind\":\"result\",\"target\":\"%s\","
                        "\"contender\":%s,\"workload\":%s,\"objects\":%" PRIu64 ",\"best_s\":%.6f,"
                        "\"median_s\":%.6f,\"ns_per_object\":%.2f,\"page_faults\":%s}\n",
                        kTarget, json(contenders[c].name).c_str(), json(workloads[w].name).c_str(),
                        workloads[w].objects, best, median(s),
                        best * 1e9 / static_cast<double>(workloads[w].objects), page_faults_per_run.c_str());
        }
    }
    return 0;
}
