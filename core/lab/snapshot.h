// Snapshot: memory at one point of a Lab's run, as flat arrays (one per field, sorted by
// address) that the WebAssembly module hands to JavaScript as typed-array views without copying
// per object. Built from the trace's HeapState; static objects' counts are anchored to the
// runtime's live values (they never die). See lab.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pymemlab {

class Runtime;
namespace trace {
class HeapState;
class TraceLog;
}  // namespace trace

struct Snapshot {
    // Object flags.
    static constexpr uint8_t kTracked = 1;    // in a GC generation
    static constexpr uint8_t kStatic = 2;     // in the data segment (types, singletons, small ints per profile)
    static constexpr uint8_t kFreeList = 4;   // refcount 0 but its memory kept (a free list)
    static constexpr uint8_t kImmortal = 8;   // 3.12+: the count never moves
    static constexpr int32_t kNoGcRefs = INT32_MIN;

    uint64_t position = 0;
    uint32_t line = 0;   // the line being run (0 before the first)
    uint32_t depth = 0;  // frames below the module's

    // Objects by id (ascending). type indexes type_names.
    std::vector<uint64_t> object_ids;
    std::vector<uint32_t> object_types;
    std::vector<int64_t> object_refcnts;
    std::vector<uint8_t> object_flags;
    std::vector<int32_t> object_gc_refs;  // kNoGcRefs outside a collection's update/subtract phases
    std::vector<std::string> type_names;

    // Blocks handed out by the allocator and not freed, by address (ascending): objects' blocks
    // and buffers (list items, dict keys, ...).
    std::vector<uint64_t> block_addrs;
    std::vector<uint32_t> block_sizes;
    uint64_t bytes_in_use = 0;

    // Arenas mapped at this point (their first bytes, ascending) and the pools that hold blocks
    // in use, ascending: a pool is the POOL_SIZE-aligned slot of its blocks, pool_class its
    // blocks' size class, pool_used how many are in use. block_pool[i] is block i's pool, or
    // kRawBlock for a block outside every arena (a raw malloc). An arena's pool slots start at
    // its first POOL_SIZE boundary; a pool's blocks start pool_overhead bytes into it.
    static constexpr uint32_t kRawBlock = UINT32_MAX;
    std::vector<uint64_t> arena_addrs;
    std::vector<uint64_t> pool_addrs;
    std::vector<uint32_t> pool_class;
    std::vector<uint32_t> pool_used;
    std::vector<uint32_t> block_pool;
    uint32_t arena_size = 0;
    uint32_t pool_size = 0;
    uint32_t pool_overhead = 0;

    // __main__'s names bound at this point, in name order, with their objects' ids.
    std::vector<std::string> names;
    std::vector<uint64_t> name_ids;

    // The collector.
    int64_t gc_count[3] = {0, 0, 0};
    int64_t gc_threshold[3] = {0, 0, 0};
    bool gc_collecting = false;
    uint32_t gc_generation = 0;
    std::string gc_phase;  // the phase just run, while collecting
    uint64_t gc_collections = 0;
    uint64_t gc_last_collected = 0;

    uint64_t output_bytes = 0;

    // The object with this id, or -1.
    int64_t find_object(uint64_t id) const;
    // A stable text form of every field, for tests that compare snapshots byte for byte.
    std::string serialize() const;
};

// Fills every field of `out` with the state `at`, reusing the memory of its vectors.
void make_snapshot(const Runtime& rt, const trace::TraceLog& log, const trace::HeapState& at,
                   const trace::HeapState& end, uint64_t position, Snapshot& out);

}  // namespace pymemlab
