// The cycle-collector benchmark (bench/README.md): a full collection of heaps of 100k and 1M
// containers, half of them in unreachable 2-cycles (heap.h), by the lab's collector and,
// natively, by CPython 3.11's; prints JSON lines for bench/report.mjs.
// Usage: pymemlab_bench_gc [--objects N] [--reps N] [--contender model|cpython] [--workload 100k|1M]
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_lines.h"
#include "common/options.h"
#include "heap.h"

using namespace pymemlab::bench;

namespace {

// The model runs the profile of the libpython it is compared with.
constexpr const char* kProfile = "3.11";
constexpr uint64_t kDefaultSizes[] = {100'000, 1'000'000};
// The checked run's heap: enough units to spread over many pools, small enough that check_heap
// (which walks every block) stays quick.
constexpr uint64_t kCheckedObjects = 4'000;
static_assert(kCheckedObjects % kUnitObjects == 0);

struct Workload {
    std::string name;  // "100k", "1M"
    uint64_t objects;
};

// 100000 as "100k", 1000000 as "1M"; other sizes as they are.
std::string size_name(uint64_t n) {
    if (n % 1'000'000 == 0) return std::to_string(n / 1'000'000) + "M";
    if (n % 1'000 == 0) return std::to_string(n / 1'000) + "k";
    return std::to_string(n);
}

// Seconds as a JSON number to the nanosecond, or null for a clock the target lacks (negative).
std::string json_seconds(double s) {
    if (s < 0) return "null";
    char text[32];
    std::snprintf(text, sizeof text, "%.9f", s);
    return text;
}

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr,
                 "pymemlab_bench_gc: %s\nusage: pymemlab_bench_gc [--objects N] [--reps N] [--contender NAME] "
                 "[--workload NAME]\n",
                 problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t only_objects = 0;
    unsigned reps = 5;
    const Selection selection = parse_options(
        argc, argv,
        [&](std::string_view option, unsigned long long value) {
            if (option == "--objects")
                only_objects = value;
            else if (option == "--reps" && value <= 1000)
                reps = static_cast<unsigned>(value);
            else
                return false;
            return true;
        },
        usage);
    if (only_objects % kUnitObjects != 0) usage("--objects must be a multiple of 4");
    std::vector<Workload> workloads;
    if (only_objects != 0)
        workloads.push_back({size_name(only_objects), only_objects});
    else
        for (uint64_t n : kDefaultSizes) workloads.push_back({size_name(n), n});
    keep_named(workloads, selection.only_workload);

    std::vector<Contender> contenders{model_contender(kProfile)};
#ifdef PYMEMLAB_BENCH_HOST_GC
    for (Contender& c : host_contenders()) contenders.push_back(std::move(c));
#endif
    keep_named(contenders, selection.only_contender);
    if (workloads.empty() || contenders.empty()) usage("no such workload or contender");
    const bool with_model = contenders.front().name == "model";

    // Untimed: the checked run, then one warm-up collection per contender on the smallest heap,
    // which faults in each heap's arenas and fills the free lists.
    const unsigned heap_checks = with_model ? model_checked_run(kProfile, kCheckedObjects) : 0;
    const uint64_t warm_up = std::min_element(workloads.begin(), workloads.end(), [](auto& a, auto& b) {
                                 return a.objects < b.objects;
                             })->objects;
    for (const Contender& c : contenders) c.run(warm_up);

    // runs[c][w], repetitions interleaved so that a slow spell of the machine hits every
    // contender alike. Each run builds a fresh heap.
    std::vector<std::vector<std::vector<Measurement>>> runs(contenders.size(),
                                                            std::vector<std::vector<Measurement>>(workloads.size()));
    for (unsigned rep = 0; rep < reps; ++rep) {
        std::fprintf(stderr, "gc (%s): repetition %u of %u\n", kTarget, rep + 1, reps);
        for (size_t w = 0; w < workloads.size(); ++w)
            for (size_t c = 0; c < contenders.size(); ++c)
                runs[c][w].push_back(contenders[c].run(workloads[w].objects));
    }
    // Where the model's time goes: one more heap per size, collected phase by phase.
    std::vector<PhaseTimes> phases;
    if (with_model)
        for (const Workload& w : workloads) phases.push_back(model_phase_times(kProfile, w.objects));

    std::printf(
        "{\"bench\":\"gc\",\"kind\":\"meta\",\"target\":\"%s\",\"compiler\":%s,\"flags\":%s,"
        "\"profile\":%s,\"reps\":%u}\n",
        kTarget, json(kCompiler).c_str(), json(PYMEMLAB_BENCH_FLAGS).c_str(), json(kProfile).c_str(), reps);
    if (with_model)
        std::printf("{\"bench\":\"gc\",\"kind\":\"checked\",\"target\":\"%s\",\"objects\":%" PRIu64
                    ",\"heap_checks\":%u}\n",
                    kTarget, kCheckedObjects, heap_checks);
    for (const Contender& c : contenders)
        std::printf("{\"bench\":\"gc\",\"kind\":\"contender\",\"target\":\"%s\",\"name\":%s,\"version\":%s}\n", kTarget,
                    json(c.name).c_str(), json(c.version).c_str());
    for (const Workload& w : workloads)
        std::printf("{\"bench\":\"gc\",\"kind\":\"workload\",\"target\":\"%s\",\"name\":%s,\"objects\":%" PRIu64
                    ",\"reachable\":%" PRIu64 ",\"unreachable\":%" PRIu64 "}\n",
                    kTarget, json(w.name).c_str(), w.objects, w.objects / kUnitObjects * kReachablePerUnit,
                    w.objects / kUnitObjects * kGarbagePerUnit);
    for (size_t c = 0; c < contenders.size(); ++c)
        for (size_t w = 0; w < workloads.size(); ++w) {
            std::vector<double> seconds, cpu_seconds;
            for (const Measurement& m : runs[c][w]) {
                seconds.push_back(m.seconds);
                cpu_seconds.push_back(m.cpu_seconds);
            }
            const Measurement& first = runs[c][w].front();
            std::printf(
                "{\"bench\":\"gc\",\"kind\":\"result\",\"target\":\"%s\",\"contender\":%s,\"workload\":%s,"
                "\"objects\":%" PRIu64 ",\"collected\":%" PRId64 ",\"other_tracked\":%" PRId64
                ",\"best_s\":%.6f,\"median_s\":%.6f,\"best_cpu_s\":%s,\"median_cpu_s\":%s}\n",
                kTarget, json(contenders[c].name).c_str(), json(workloads[w].name).c_str(), workloads[w].objects,
                first.collected, first.other_tracked, *std::min_element(seconds.begin(), seconds.end()),
                median(seconds), json_seconds(*std::min_element(cpu_seconds.begin(), cpu_seconds.end())).c_str(),
                json_seconds(median(cpu_seconds)).c_str());
        }
    for (size_t w = 0; w < phases.size(); ++w) {
        std::string list;
        for (const PhaseTime& p : phases[w].phases) {
            if (!list.empty()) list += ',';
            list += "{\"phase\":" + json(p.phase) + ",\"s\":" + json_seconds(p.seconds) +
                    ",\"cpu_s\":" + json_seconds(p.cpu_seconds) + "}";
        }
        std::printf(
            "{\"bench\":\"gc\",\"kind\":\"phases\",\"target\":\"%s\",\"contender\":\"model\",\"workload\":%s,"
            "\"objects\":%" PRIu64 ",\"collected\":%" PRId64 ",\"phases\":[%s]}\n",
            kTarget, json(workloads[w].name).c_str(), workloads[w].objects, phases[w].collected, list.c_str());
    }
    return 0;
}
