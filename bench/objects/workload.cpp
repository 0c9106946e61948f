// The workloads of workload.h: every object type in both patterns, with the sentences
// RESULTS.md shows for them.
#include "workload.h"

#include <algorithm>
#include <stdexcept>

namespace pymemlab::bench {

namespace {

struct TypeRecipe {
    ObjectType type;
    const char* name;
    const char* what;  // the object, for RESULTS.md
    // The workload creates WorkloadOptions::objects / divisor objects, in whole windows.
    uint64_t divisor = 1;
};

// 100000 as "100,000".
std::string with_commas(uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

constexpr uint64_t kDictDivisor = 5;

constexpr TypeRecipe kTypes[] = {
    {ObjectType::kInt, "int", "an int of one 30-bit digit (1000, 1001, …: beyond the small-int cache)"},
    {ObjectType::kFloat, "float", "a float (0.5, 1.5, 2.5, …)"},
    {ObjectType::kTuple, "tuple", "a tuple (1, 2, 3) (a new 3-tuple, then its items set)"},
    {ObjectType::kList, "list", "a list [1, 2, 3] (an empty list, then 3 appends)"},
    // A dict costs about ten times what an int does (a 160-byte keys object, three hashed
    // insertions), in CPython as in the model: a fifth as many keep `make bench` short.
    {ObjectType::kDict, "dict", "a dict {1: 1, 2: 2, 3: 3} (an empty dict, then 3 insertions)",
     kDictDivisor},
};

}  // namespace

std::vector<Workload> make_workloads(const WorkloadOptions& o) {
    if (o.window < 2 || o.objects % o.window != 0 || o.objects < 2 * uint64_t{o.window})
        throw std::invalid_argument("--objects must be a multiple of --window, at least twice it");
    std::vector<Workload> workloads;
    for (const TypeRecipe& t : kTypes) {
        const uint64_t objects =
            std::max<uint64_t>(2 * uint64_t{o.window}, o.objects / t.divisor / o.window * o.window);
        workloads.push_back({std::string(t.name) + "/immediate",
                             std::string(t.what) + ", each destroyed as soon as it is created", t.type,
                             Pattern::kImmediate, objects, 1});
        workloads.push_back({std::string(t.name) + "/window",
                             std::string(t.what) + ", " + with_commas(o.window) +
                                 " created, then all destroyed oldest first, over and over",
                             t.type, Pattern::kWindow, objects, o.window});
    }
    return workloads;
}

Workload shortened(const Workload& w, uint64_t objects) {
    Workload s = w;
    s.objects = std::max<uint64_t>(w.window, std::min(w.objects, objects / w.window * w.window));
    return s;
}

}  // namespace pymemlab::bench
