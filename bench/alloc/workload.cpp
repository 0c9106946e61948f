// The four traces of workload.h. Each workload draws from its own generator, seeded from the
// options' seed and its position, so adding a workload never changes the others' traces.
#include "workload.h"

#include <algorithm>
#include <stdexcept>

namespace pymemlab::bench {

namespace {

// Request sizes of the churn workloads: 1..512 covers every size class of 3.8+ pymalloc
// (SMALL_REQUEST_THRESHOLD is 512 there) and nothing the raw allocator would take.
constexpr uint32_t kMaxChurnSize = 512;
// A LIFO burst allocates, or frees, up to this many blocks in a row.
constexpr uint32_t kMaxBurst = 1024;
// The realloc workload grows this many blocks side by side, as a program appends to a few
// lists at once; each grows by 1..kMaxGrowthStep bytes a call from kGrowthStart bytes to a cap
// drawn from [kMinGrowthCap, kMaxGrowthCap], so most of its calls cross or pass the threshold.
constexpr uint32_t kGrowingBlocks = 64;
constexpr uint32_t kGrowthStart = 8;
constexpr uint32_t kMaxGrowthStep = 32;
constexpr uint32_t kMinGrowthCap = 512, kMaxGrowthCap = 2048;
static_assert(kMaxGrowthCap + kMaxGrowthStep <= UINT16_MAX, "Op::size holds every request");

// splitmix64: the same sequence on every host, one multiply-xorshift round per number.
class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi]; the modulo bias is below 2^-40 for these ranges.
    uint32_t between(uint32_t lo, uint32_t hi) {
        return lo + static_cast<uint32_t>(next() % (uint64_t{hi} - lo + 1));
    }

private:
    uint64_t state_;
};

struct Trace {
    Workload& w;
    void malloc(uint32_t slot, uint32_t size) {
        w.ops.push_back({slot, static_cast<uint16_t>(size), Op::kMalloc});
    }
    void realloc(uint32_t slot, uint32_t size) {
        w.ops.push_back({slot, static_cast<uint16_t>(size), Op::kRealloc});
    }
    void free(uint32_t slot) { w.ops.push_back({slot, 0, Op::kFree}); }
};

// A stack whose depth random-walks between 0 and the window: a burst of allocations, then a
// burst of frees of the newest blocks, as nested calls and temporaries behave.
void make_lifo(Workload& w, const WorkloadOptions& o, Rng& rng) {
    Trace t{w};
    uint32_t depth = 0;
    while (w.ops.size() < o.ops) {
        bool push = depth == 0 || (depth < o.window && (rng.next() & 1));
        uint32_t n = rng.between(1, kMaxBurst);
        if (push) {
            for (n = std::min(n, o.window - depth); n > 0; --n)
                t.malloc(depth++, rng.between(1, kMaxChurnSize));
        } else {
            for (n = std::min(n, depth); n > 0; --n) t.free(--depth);
        }
    }
    while (depth > 0) t.free(--depth);
}

// A queue of `window` blocks: each step frees the oldest and allocates a new one in its slot.
void make_fifo(Workload& w, const WorkloadOptions& o, Rng& rng) {
    Trace t{w};
    for (uint32_t slot = 0; slot < o.window; ++slot) t.malloc(slot, rng.between(1, kMaxChurnSize));
    for (uint64_t i = 0; w.ops.size() + o.window < o.ops; ++i) {
        uint32_t oldest = static_cast<uint32_t>(i % o.window);
        t.free(oldest);
        t.malloc(oldest, rng.between(1, kMaxChurnSize));
    }
    // The queue drains oldest first: the slot after the last one refilled.
    uint32_t next = static_cast<uint32_t>((w.ops.size() - o.window) / 2 % o.window);
    for (uint32_t k = 0; k < o.window; ++k) t.free((next + k) % o.window);
}

// `window` live blocks; each step frees one chosen at random and allocates a new one in its slot.
void make_random(Workload& w, const WorkloadOptions& o, Rng& rng) {
    Trace t{w};
    for (uint32_t slot = 0; slot < o.window; ++slot) t.malloc(slot, rng.between(1, kMaxChurnSize));
    while (w.ops.size() + o.window < o.ops) {
        uint32_t victim = rng.between(0, o.window - 1);
        t.free(victim);
        t.malloc(victim, rng.between(1, kMaxChurnSize));
    }
    for (uint32_t slot = 0; slot < o.window; ++slot) t.free(slot);
}

void make_realloc(Workload& w, const WorkloadOptions& o, Rng& rng) {
    Trace t{w};
    struct Growing {
        uint32_t size = 0;  // 0: the slot holds no block
        uint32_t cap = 0;
    };
    std::vector<Growing> blocks(kGrowingBlocks);
    while (w.ops.size() < o.ops) {
        uint32_t slot = rng.between(0, kGrowingBlocks - 1);
        Growing& b = blocks[slot];
        if (b.size == 0) {
            b = {kGrowthStart, rng.between(kMinGrowthCap, kMaxGrowthCap)};
            t.malloc(slot, b.size);
        } else if (b.size >= b.cap) {
            t.free(slot);
            b.size = 0;
        } else {
            b.size += rng.between(1, kMaxGrowthStep);
            t.realloc(slot, b.size);
        }
    }
    for (uint32_t slot = 0; slot < kGrowingBlocks; ++slot)
        if (blocks[slot].size != 0) t.free(slot);
}

}  // namespace

std::vector<Workload> make_workloads(const WorkloadOptions& o) {
    if (o.window == 0 || o.ops < 4 * uint64_t{o.window})
        throw std::invalid_argument("--ops must be at least 4 times --window");
    struct Recipe {
        const char* name;
        std::string description;
        uint32_t slots;
        void (*make)(Workload&, const WorkloadOptions&, Rng&);
    };
    using std::to_string;
    const std::string churn = to_string(o.window) + " live 1.." + to_string(kMaxChurnSize) + "-byte blocks";
    const Recipe recipes[] = {
        {"lifo", "a stack of up to " + churn + ": bursts of 1.." + to_string(kMaxBurst) +
                     " allocations, then bursts of frees of the newest blocks",
         o.window, make_lifo},
        {"fifo", "a queue of " + churn + ": free the oldest, allocate a new one", o.window, make_fifo},
        {"random", churn + ": free one chosen at random, allocate a new one", o.window, make_random},
        {"realloc", to_string(kGrowingBlocks) + " blocks grown side by side from " +
                        to_string(kGrowthStart) + " bytes by 1.." + to_string(kMaxGrowthStep) +
                        " bytes a realloc up to " + to_string(kMinGrowthCap) + ".." +
                        to_string(kMaxGrowthCap) + " bytes (past the " + to_string(kMaxChurnSize) +
                        "-byte threshold into raw blocks), then freed",
         kGrowingBlocks, make_realloc},
    };
    std::vector<Workload> workloads;
    uint64_t index = 0;
    for (const Recipe& r : recipes) {
        Workload& w = workloads.emplace_back();
        w.name = r.name;
        w.description = r.description;
        w.slots = r.slots;
        w.ops.reserve(o.ops + o.window);
        Rng rng(o.seed ^ (++index * 0x9e3779b97f4a7c15));
        r.make(w, o, rng);
    }
    return workloads;
}

}  // namespace pymemlab::bench
