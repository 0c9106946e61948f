// The allocator benchmark's workloads: deterministic traces of malloc / realloc / free calls on
// numbered slots, generated before any timing so that every allocator replays the same calls.
// Shared by the native and WebAssembly builds; contender.h replays a trace, main.cpp times it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pymemlab::bench {

// One call of a trace. A call names the slot holding its block rather than an address, so one
// trace serves every allocator whatever addresses it returns.
struct Op {
    enum Kind : uint8_t { kMalloc, kRealloc, kFree };
    uint32_t slot;
    uint16_t size;  // bytes requested by kMalloc and kRealloc; 0 for kFree
    Kind kind;
};
static_assert(sizeof(Op) == 8, "a trace of millions of calls should stay compact");

struct Workload {
    std::string name;         // what RESULTS.md calls it: "lifo", "fifo", "random", "realloc"
    std::string description;  // one sentence for RESULTS.md
    uint32_t slots = 0;       // every Op::slot is below this
    std::vector<Op> ops;      // ends with every block freed
};

struct WorkloadOptions {
    uint64_t seed = 0x5eed'a110c;
    uint32_t ops = 4'000'000;   // calls per workload (each trace has about this many)
    uint32_t window = 100'000;  // blocks live at once in the churn workloads (at most, for lifo)
};

// Every workload, in RESULTS.md order: churn of 1..512-byte blocks with LIFO, FIFO and
// random-order frees, then realloc growth from 8 bytes past the small-request threshold.
std::vector<Workload> make_workloads(const WorkloadOptions& options);

}  // namespace pymemlab::bench
