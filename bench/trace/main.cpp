// The trace benchmark (bench/README.md): a snippet of some 29 million memory events run by
// the Lab with tracing on and off; trace bytes per event; rewind latency to random points; the
// time to build a snapshot of a heap of a million blocks. Prints JSON lines for report.mjs.
// Usage: pymemlab_bench_trace [--iterations N] [--reps N] [--seeks N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_lines.h"
#include "common/options.h"
#include "lab/lab.h"

using namespace pymemlab;
using namespace pymemlab::bench;

namespace {

constexpr const char* kProfile = "3.13";

// Each iteration makes a tuple, a list and an int, keeps them a while, and lets them go:
// allocations, frees, reference counts and, every 700 containers, a young collection.
std::string churn_source(uint64_t iterations) {
    return "keep = []\nfor i in range(" + std::to_string(iterations) +
           "):\n    keep.append((i * 1000, [i]))\n    if len(keep) > 1000:\n        keep = []\n";
}

// A million blocks alive at the end: floats (one block each) in one list.
constexpr const char* kMillionBlocks = "x = [i * 0.5 for i in range(1000000)]\n";

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void result(const char* measure, double value, const char* unit, const std::string& detail) {
    std::printf("{\"bench\":\"trace\",\"kind\":\"result\",\"target\":\"%s\",\"measure\":%s,\"value\":%.6g,\"unit\":%s,"
                "\"detail\":%s}\n",
                kTarget, json(measure).c_str(), value, json(unit).c_str(), json(detail).c_str());
}

// Wall time of one run of `source`; the events it recorded go to `events` when given.
double timed_run(const std::string& source, bool record, size_t* events) {
    LabLimits limits;
    limits.record = record;
    limits.instruction_budget = 2'000'000'000;
    Lab lab(*find_profile(kProfile), RunMode::Script, limits);
    lab.load(source);
    const auto t0 = std::chrono::steady_clock::now();
    if (lab.run() != 0) {
        std::fprintf(stderr, "pymemlab_bench_trace: the snippet failed: %s\n", lab.output().c_str());
        std::exit(1);
    }
    const double seconds = seconds_since(t0);
    if (events != nullptr) *events = lab.end() - lab.start();
    return seconds;
}

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr, "pymemlab_bench_trace: %s\nusage: pymemlab_bench_trace [--iterations N] [--reps N] [--seeks N]\n",
                 problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t iterations = 500'000;
    unsigned reps = 3, seeks = 200;
    parse_options(
        argc, argv,
        [&](std::string_view option, unsigned long long value) {
            if (option == "--iterations")
                iterations = value;
            else if (option == "--reps" && value <= 100)
                reps = static_cast<unsigned>(value);
            else if (option == "--seeks" && value <= 100000)
                seeks = static_cast<unsigned>(value);
            else
                return false;
            return true;
        },
        usage);
    std::printf("{\"bench\":\"trace\",\"kind\":\"meta\",\"target\":\"%s\",\"compiler\":%s,\"flags\":%s,\"profile\":\"%s\","
                "\"reps\":%u}\n",
                kTarget, json(kCompiler).c_str(), json(PYMEMLAB_BENCH_FLAGS).c_str(), kProfile, reps);
    const std::string source = churn_source(iterations);

    // Untraced and traced runs take turns, so that both meet the machine in the same moods; the
    // best of each counts.
    size_t events = 0;
    double off = 1e30, on = 1e30;
    for (unsigned r = 0; r < reps; ++r) {
        off = std::min(off, timed_run(source, false, nullptr));
        on = std::min(on, timed_run(source, true, &events));
    }
    const std::string size = std::to_string(events) + " events";
    result("untraced run", off, "s", size);
    result("traced run", on, "s", size);
    result("events per second, traced", static_cast<double>(events) / on, "1/s", size);
    result("tracing cost (traced / untraced)", on / off, "x", "target under 2x");

    LabLimits limits;
    limits.instruction_budget = 2'000'000'000;
    Lab lab(*find_profile(kProfile), RunMode::Script, limits);
    lab.load(source);
    lab.run();
    result("trace bytes per event", static_cast<double>(lab.trace().memory_bytes()) / static_cast<double>(lab.end()), "B",
           "the event log (12 B per event plus tables); target under 16");
    std::mt19937_64 random(2026);
    std::vector<double> latencies;
    for (unsigned i = 0; i < seeks; ++i) {
        const size_t target = lab.start() + random() % (lab.end() - lab.start() + 1);
        const auto t0 = std::chrono::steady_clock::now();
        lab.rewind(target);
        latencies.push_back(seconds_since(t0) * 1e3);
    }
    result("rewind to a random point, median", median(latencies), "ms", std::to_string(seeks) + " seeks; target under 100");
    result("rewind to a random point, worst", *std::max_element(latencies.begin(), latencies.end()), "ms",
           std::to_string(seeks) + " seeks");
    result("replay memory per event", static_cast<double>(lab.replay().memory_bytes()) / static_cast<double>(lab.end()),
           "B", "the state and its checkpoints, shared pages once, at the last seek");

    Lab big(*find_profile(kProfile), RunMode::Script, limits);
    big.load(kMillionBlocks);
    big.run();
    // As the UI takes them, frame after frame: into one Snapshot whose memory is reused.
    double best = 1e30;
    Snapshot s;
    big.snapshot(s);
    for (unsigned r = 0; r < std::max(reps, 3u); ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        big.snapshot(s);
        best = std::min(best, seconds_since(t0) * 1e3);
    }
    const size_t blocks = s.block_addrs.size();
    result("snapshot of the heap", best, "ms", std::to_string(blocks) + " blocks; target under 16 in wasm");
    return 0;
}
