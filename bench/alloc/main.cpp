// The allocator benchmark (bench/README.md): replays workload.h's traces through the pymalloc
// model and, natively, through CPython 3.11's pymalloc and glibc malloc, and prints JSON lines
// for bench/report.mjs. Usage: pymemlab_bench_alloc [--ops N] [--window N] [--reps N]
//   [--contender model|pymalloc|glibc] [--workload lifo|fifo|random|realloc] (to profile one)
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "alloc/allocator.h"
#include "common/json_lines.h"
#include "common/options.h"
#include "contender.h"
#include "profile/profile.h"
#include "workload.h"

using namespace pymemlab::bench;

namespace {

// The model runs the profile of the libpython it is compared with.
constexpr const char* kProfile = "3.11";

struct ModelAllocator {
    pymemlab::Allocator& a;
    void* malloc(size_t n) { return a.malloc(n); }
    void* realloc(void* p, size_t n) { return a.realloc(p, n); }
    void free(void* p) { a.free(p); }
};

// The model with every invariant checked every `every` calls. The timed replays never call
// check(); one untimed replay through this shows that the heap they measure stays correct
// while it is full, not only once it is empty again.
struct CheckedModelAllocator {
    pymemlab::Allocator& a;
    const char* workload;
    uint64_t every;
    uint64_t calls = 0;
    void* malloc(size_t n) { return counted(a.malloc(n)); }
    void* realloc(void* p, size_t n) { return counted(a.realloc(p, n)); }
    void free(void* p) {
        a.free(p);
        counted(nullptr);
    }
    void* counted(void* p) {
        if (++calls % every != 0) return p;
        if (pymemlab::CheckResult r = a.check(); !r) {
            std::fprintf(stderr, "model heap check failed in %s: %s\n", workload, r.problem.c_str());
            std::exit(1);
        }
        return p;
    }
};
// How many times the checked replay checks the heap, spread evenly over each workload.
constexpr uint64_t kChecksPerWorkload = 8;

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr,
                 "pymemlab_bench_alloc: %s\nusage: pymemlab_bench_alloc [--ops N] [--window N] "
                 "[--reps N] [--contender NAME] [--workload NAME]\n",
                 problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    WorkloadOptions options;
    unsigned reps = 5;
    const Selection selection = parse_options(
        argc, argv,
        [&](std::string_view option, unsigned long long value) {
            if (value > UINT32_MAX) return false;
            if (option == "--ops") options.ops = static_cast<uint32_t>(value);
            else if (option == "--window") options.window = static_cast<uint32_t>(value);
            else if (option == "--reps") reps = static_cast<unsigned>(value);
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

    // One model heap for the whole run, as libpython and glibc keep theirs: every replay starts
    // and ends empty, and what an allocator keeps between replays (3.11 keeps one empty arena)
    // it keeps for all of them.
    pymemlab::Allocator model(*pymemlab::find_profile(kProfile));
    std::vector<Contender> contenders;
    contenders.push_back({"model", std::string("pymemlab::Allocator, profile ") + kProfile,
                          [&model](const Workload& w) {
                              ModelAllocator a{model};
                              double seconds = replay(a, w);
                              if (model.allocated_blocks() != 0) {
                                  std::fprintf(stderr, "the model leaked blocks in %s\n",
                                               w.name.c_str());
                                  std::exit(1);
                              }
                              return seconds;
                          }});
#ifdef PYMEMLAB_BENCH_HOST_ALLOCATORS
    for (Contender& c : host_contenders()) contenders.push_back(std::move(c));
#endif
    keep_named(contenders, selection.only_contender);
    if (workloads.empty() || contenders.empty()) usage("no such workload or contender");

    // Untimed: a checked replay of every workload through the model, then a warm-up replay of
    // everything, which also faults in the traces and every allocator's heap.
    for (const Workload& w : workloads) {
        CheckedModelAllocator checked{model, w.name.c_str(), w.ops.size() / kChecksPerWorkload + 1};
        replay(checked, w);
    }
    for (const Workload& w : workloads)
        for (const Contender& c : contenders) c.run(w);

    // seconds[c][w], repetitions interleaved so that a slow spell of the machine hits every
    // contender alike.
    std::vector<std::vector<std::vector<double>>> seconds(
        contenders.size(), std::vector<std::vector<double>>(workloads.size()));
    for (unsigned rep = 0; rep < reps; ++rep) {
        std::fprintf(stderr, "alloc (%s): repetition %u of %u\n", kTarget, rep + 1, reps);
        for (size_t w = 0; w < workloads.size(); ++w)
            for (size_t c = 0; c < contenders.size(); ++c)
                seconds[c][w].push_back(contenders[c].run(workloads[w]));
    }

    std::printf("{\"bench\":\"alloc\",\"kind\":\"meta\",\"target\":\"%s\",\"compiler\":%s,"
                "\"flags\":%s,\"reps\":%u,\"ops\":%" PRIu32 ",\"window\":%" PRIu32 "}\n",
                kTarget, json(kCompiler).c_str(), json(PYMEMLAB_BENCH_FLAGS).c_str(), reps,
                options.ops, options.window);
    for (const Contender& c : contenders)
        std::printf("{\"bench\":\"alloc\",\"kind\":\"contender\",\"target\":\"%s\",\"name\":%s,"
                    "\"version\":%s}\n",
                    kTarget, json(c.name).c_str(), json(c.version).c_str());
    for (const Workload& w : workloads)
        std::printf("{\"bench\":\"alloc\",\"kind\":\"workload\",\"target\":\"%s\",\"name\":%s,"
                    "\"description\":%s,\"ops\":%zu}\n",
                    kTarget, json(w.name).c_str(), json(w.description).c_str(), w.ops.size());
    for (size_t c = 0; c < contenders.size(); ++c) {
        for (size_t w = 0; w < workloads.size(); ++w) {
            const std::vector<double>& s = seconds[c][w];
            double best = *std::min_element(s.begin(), s.end());
            double ops = static_cast<double>(workloads[w].ops.size());
            std::printf("{\"bench\":\"alloc\",\"kind\":\"result\",\"target\":\"%s\","
                        "\"contender\":%s,\"workload\":%s,\"ops\":%zu,\"best_s\":%.6f,"
                        "\"median_s\":%.6f,\"ops_per_s\":%.0f}\n",
                        kTarget, json(contenders[c].name).c_str(), json(workloads[w].name).c_str(),
                        workloads[w].ops.size(), best, median(s), ops / best);
        }
    }
    return 0;
}
