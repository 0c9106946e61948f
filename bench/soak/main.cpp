// The soak benchmark (bench/README.md): one run per profile that allocates and frees 100 million
// objects — ints, floats, strs, tuples, lists, dicts, instances with their dicts, and reference
// cycles left to the collector — in rounds, and after each round the allocator's blocks and arenas
// in use and the process's memory. After the first round has warmed the free lists and the
// arenas, the heap must come back to the same blocks and arenas after every round, and the process
// memory stay flat. Prints JSON lines for report.mjs.
// Usage: pymemlab_bench_soak [--objects N] [--rounds N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <malloc.h>
#endif

#include "common/json_lines.h"
#include "common/options.h"
#include "lab/lab.h"
#include "object/runtime.h"

using namespace pymemlab;
using namespace pymemlab::bench;

namespace {

// The churn: each iteration makes a tuple of an int and a float, a str, a list, a dict and two
// instances that refer to each other (a cycle only the collector frees), and lets go of the last
// iteration's. Between rounds a full collection; then a line of output, where the host samples.
std::string soak_source(uint64_t iterations_per_round, uint64_t rounds, bool py2) {
    std::string s =
        "import gc\n"
        "class Node(object):\n"
        "    def __init__(self, v):\n"
        "        self.v = v\n"
        "        self.other = None\n"
        "def churn(n):\n"
        "    for i in range(1000, 1000 + n):\n"
        "        t = (i, i * 0.5)\n"
        "        s = str(i)\n"
        "        l = [t, s]\n"
        "        d = {s: l}\n"
        "        a = Node(d)\n"
        "        b = Node(a)\n"
        "        a.other = b\n"
        "gc.collect()\n"
        "for r in range(" + std::to_string(rounds + 1) + "):\n"
        "    churn(" + std::to_string(iterations_per_round) + ")\n"
        "    gc.collect()\n";
    // A constant line: printing r would make 2.7 cache "0" … "9" as one-character strings, one
    // more block in each of the first ten rounds (CPython 2.7 keeps them, as the lab does).
    s += py2 ? "    print 'round'\n" : "    print('round')\n";
    return s;
}

uint64_t process_memory_bytes() {
#ifdef __EMSCRIPTEN__
    return emscripten_get_heap_size();  // the WebAssembly memory: it only grows
#else
    FILE* f = std::fopen("/proc/self/statm", "r");
    unsigned long pages = 0, resident = 0;
    if (f != nullptr) {
        if (std::fscanf(f, "%lu %lu", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return static_cast<uint64_t>(resident) * 4096;
#endif
}

struct Sample {
    uint64_t blocks, arenas, memory;
};

// Objects one iteration of churn() makes, counted from a short recorded run's ObjectNew events.
double objects_per_iteration(const Profile& profile) {
    constexpr uint64_t kIterations = 2000;
    auto count = [&](uint64_t iterations) {
        Lab lab(profile, RunMode::Script, LabLimits{});
        lab.load(soak_source(iterations, 0, profile.major == 2));
        if (lab.run() != 0) {
            std::fprintf(stderr, "pymemlab_bench_soak: the snippet failed under %.*s: %s\n",
                         static_cast<int>(profile.name.size()), profile.name.data(), lab.output().c_str());
            std::exit(1);
        }
        uint64_t n = 0;
        for (size_t i = lab.start(); i < lab.end(); ++i)
            if (lab.trace().at(i).kind == trace::EventKind::ObjectNew) ++n;
        return n;
    };
    return static_cast<double>(count(2 * kIterations) - count(kIterations)) / kIterations;
}

void soak(const Profile& profile, uint64_t objects, uint64_t rounds) {
    const double per_iteration = objects_per_iteration(profile);
    const uint64_t per_round = static_cast<uint64_t>(static_cast<double>(objects) / rounds / per_iteration) + 1;
    LabLimits limits;
    limits.record = false;
    limits.instruction_budget = ~uint64_t{0};
    Lab lab(profile, RunMode::Script, limits);
    std::vector<Sample> samples;
    lab.set_output_sink([&](int, std::string_view text) {
        if (text.find('\n') == std::string_view::npos) return;  // one sample per printed line
        const Allocator& a = lab.runtime().allocator();
        samples.push_back({a.allocated_blocks(), a.counters().narenas_currently_allocated, process_memory_bytes()});
    });
    lab.load(soak_source(per_round, rounds, profile.major == 2));
    const uint64_t memory_before = process_memory_bytes();
    const auto t0 = std::chrono::steady_clock::now();
    const int status = lab.run();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (status != 0 || samples.size() != rounds + 1) {
        std::fprintf(stderr, "pymemlab_bench_soak: the soak failed under %.*s: %s\n",
                     static_cast<int>(profile.name.size()), profile.name.data(), lab.output().c_str());
        std::exit(1);
    }
    // Round 0 warms up; rounds 1..rounds are the soak.
    const Sample warm = samples[0];
    const Sample end = samples.back();
    uint64_t peak = 0, max_blocks = 0, max_arenas = 0;
    for (size_t i = 1; i < samples.size(); ++i) {
        peak = std::max(peak, samples[i].memory);
        max_blocks = std::max(max_blocks, samples[i].blocks);
        max_arenas = std::max(max_arenas, samples[i].arenas);
    }
    const double made = per_iteration * static_cast<double>(per_round) * static_cast<double>(rounds);
    std::printf(
        "{\"bench\":\"soak\",\"kind\":\"result\",\"target\":\"%s\",\"compiler\":%s,\"flags\":%s,\"profile\":%s,"
        "\"objects\":%.0f,\"objects_per_iteration\":%.2f,\"rounds\":%llu,\"seconds\":%.3f,"
        "\"blocks_warm\":%llu,\"blocks_end\":%llu,\"blocks_max\":%llu,\"arenas_warm\":%llu,\"arenas_end\":%llu,"
        "\"arenas_max\":%llu,\"memory_before\":%llu,\"memory_warm\":%llu,\"memory_peak\":%llu,\"memory_end\":%llu}\n",
        kTarget, json(kCompiler).c_str(), json(PYMEMLAB_BENCH_FLAGS).c_str(), json(profile.name).c_str(), made,
        per_iteration, static_cast<unsigned long long>(rounds), seconds,
        static_cast<unsigned long long>(warm.blocks), static_cast<unsigned long long>(end.blocks),
        static_cast<unsigned long long>(max_blocks), static_cast<unsigned long long>(warm.arenas),
        static_cast<unsigned long long>(end.arenas), static_cast<unsigned long long>(max_arenas),
        static_cast<unsigned long long>(memory_before), static_cast<unsigned long long>(warm.memory),
        static_cast<unsigned long long>(peak), static_cast<unsigned long long>(end.memory));
    std::fflush(stdout);
}

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr, "pymemlab_bench_soak: %s\nusage: pymemlab_bench_soak [--objects N] [--rounds N]\n", problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t objects = 100'000'000, rounds = 10;
    parse_options(
        argc, argv,
        [&](std::string_view option, unsigned long long value) {
            if (option == "--objects")
                objects = value;
            else if (option == "--rounds" && value <= 1000)
                rounds = value;
            else
                return false;
            return true;
        },
        usage);
#ifndef __EMSCRIPTEN__
    // glibc raises its mmap threshold the first time a large mmapped block is freed: the next
    // block of that size (2.7's range() list, 4 MB) comes from the heap, which then keeps it,
    // and the resident set steps up once, after the warm-up round. A fixed threshold keeps
    // glibc's heuristics out of what the soak measures: the model's memory.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    for (const char* name : {"3.13", "2.7"}) soak(*find_profile(name), objects, rounds);
    return 0;
}
