// An allocator under test (a contender) and the timed loop that replays a workload through it.
// The loop is a template over a small adapter, so each allocator's calls are direct calls, the
// same for all of them. main.cpp adapts the model; host_contenders.cpp, native only, adapts
// CPython 3.11's pymalloc and glibc malloc.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "workload.h"

namespace pymemlab::bench {

struct Contender {
    std::string name;     // what the JSON lines call it: "model", "pymalloc", "glibc"
    std::string version;  // what exactly was measured, for RESULTS.md
    // Replays one workload from an empty heap back to an empty heap; returns the seconds it took.
    std::function<double(const Workload&)> run;
};

// The allocators only main.cpp's native build has (defined in host_contenders.cpp).
std::vector<Contender> host_contenders();

// Times `w` through `alloc`, an adapter with malloc(size), realloc(p, size) and free(p). Each
// block gets one byte written, so no call is dead and every block is really touched; the
// realloc workload writes its last byte, where a growing buffer appends.
template <class Alloc>
double replay(Alloc& alloc, const Workload& w) {
    std::vector<unsigned char*> slots(w.slots, nullptr);
    auto start = std::chrono::steady_clock::now();
    for (const Op& op : w.ops) {
        unsigned char*& p = slots[op.slot];
        switch (op.kind) {
        case Op::kMalloc:
            p = static_cast<unsigned char*>(alloc.malloc(op.size));
            if (p == nullptr) break;
            p[0] = static_cast<unsigned char>(op.slot);
            continue;
        case Op::kRealloc:
            p = static_cast<unsigned char*>(alloc.realloc(p, op.size));
            if (p == nullptr) break;
            p[op.size - 1] = static_cast<unsigned char>(op.slot);
            continue;
        case Op::kFree:
            alloc.free(p);
            continue;
        }
        std::fprintf(stderr, "out of memory replaying %s\n", w.name.c_str());
        std::exit(1);
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return elapsed.count();
}

}  // namespace pymemlab::bench
