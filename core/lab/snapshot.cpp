// make_snapshot: a HeapState turned into the flat arrays the UI reads, with what only the live
// runtime knows about static objects (their type, their count's base, immortality).
#include "lab/snapshot.h"

#include <algorithm>
#include <unordered_map>

#include "gc/collector.h"
#include "object/runtime.h"
#include "profile/profile.h"
#include "trace/heap_state.h"
#include "trace/trace_log.h"

namespace pymemlab {

namespace {

// Sizes a vector for `n` elements without clearing it first: a snapshot taken again into the same
// Snapshot rewrites what is there, and only elements past the old size are initialized.
template <class T>
T* sized(std::vector<T>& v, size_t n) {
    v.resize(n);
    return v.data();
}

// The blocks, in address order, with their pools: a block inside an arena belongs to the pool
// of its POOL_SIZE-aligned slot; the blocks of one pool are consecutive, and so are the pools of
// one arena.
__attribute__((flatten)) void add_blocks(const Profile& profile, const trace::HeapState& at, Snapshot& s) {
    const std::vector<uint64_t>& arenas = at.arenas();
    s.arena_addrs.assign(arenas.begin(), arenas.end());
    s.arena_size = profile.arena_size;
    s.pool_size = profile.pool_size;
    s.pool_overhead = profile.pool_overhead;
    const size_t n = at.blocks().size();
    uint64_t* addrs = sized(s.block_addrs, n);
    uint32_t* sizes = sized(s.block_sizes, n);
    uint32_t* pools = sized(s.block_pool, n);
    s.pool_addrs.clear();
    s.pool_class.clear();
    s.pool_used.clear();
    // Page by page, the loop's state in locals of its own: stores through the arrays could
    // alias anything captured, and keep it out of registers.
    const uint64_t pool_mask = ~static_cast<uint64_t>(profile.pool_size - 1);
    const uint64_t arena_size = profile.arena_size;
    const unsigned granule = at.blocks().granule_bits();
    const uint64_t* arena_at = arenas.data();
    const uint64_t* const arenas_end = arena_at + arenas.size();
    uint64_t pool_at = UINT64_MAX;
    uint32_t pool_index_at = 0, used = 0;
    size_t next = 0;
    at.blocks().for_each_page([&](uint64_t base, const uint64_t* bits, const uint64_t* values) {
        const uint64_t* arena = arena_at;
        uint64_t pool = pool_at;
        uint32_t pool_index = pool_index_at, in_pool = used;
        size_t i = next;
        for (size_t w = 0; w < trace::AddressMap<uint64_t>::kWords; ++w)
            for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
                const size_t slot = w * 64 + static_cast<size_t>(__builtin_ctzll(b));
                const uint64_t addr = base + (slot << granule);
                const uint64_t size = values[slot];
                addrs[i] = addr;
                sizes[i] = static_cast<uint32_t>(std::min<uint64_t>(size, UINT32_MAX));
                while (arena != arenas_end && *arena + arena_size <= addr) ++arena;
                if (arena == arenas_end || addr < *arena) {
                    pools[i++] = Snapshot::kRawBlock;
                    continue;
                }
                if ((addr & pool_mask) != pool) [[unlikely]] {
                    if (in_pool != 0) s.pool_used.push_back(in_pool);
                    pool = addr & pool_mask;
                    pool_index = static_cast<uint32_t>(s.pool_addrs.size());
                    in_pool = 0;
                    s.pool_addrs.push_back(pool);
                    s.pool_class.push_back(profile.index_to_size(profile.size_to_index(std::max<uint64_t>(size, 1))));
                }
                ++in_pool;
                pools[i++] = pool_index;
            }
        arena_at = arena;
        pool_at = pool;
        pool_index_at = pool_index;
        used = in_pool;
        next = i;
    });
    if (used != 0) s.pool_used.push_back(used);
}

// A static object's fields: it never dies, so its count at `id` is its count now, less what
// changed since (the end state's delta); its type is the live object's.
[[gnu::noinline]] void add_static_fields(const Runtime& rt, const trace::HeapState& end, uint64_t id,
                                         const trace::ObjectRecord& r, Snapshot& s,
                                         std::unordered_map<std::string, uint32_t>& extra_types, uint32_t& type,
                                         int64_t& refcnt, uint8_t& flags) {
    PyObject* o = rt.static_at(id);
    flags |= Snapshot::kStatic;
    const trace::ObjectRecord* e = end.objects().find(id);
    refcnt = static_cast<int64_t>(o->ob_refcnt) - (e == nullptr ? 0 : e->refcnt) + r.refcnt;
    if (rt.is_immortal(o)) {
        flags |= Snapshot::kImmortal;
        refcnt = static_cast<int64_t>(o->ob_refcnt);
    }
    auto [it, inserted] = extra_types.try_emplace(Py_TYPE(o)->tp_name, static_cast<uint32_t>(s.type_names.size()));
    if (inserted) s.type_names.emplace_back(Py_TYPE(o)->tp_name);
    type = it->second;
}

}  // namespace

int64_t Snapshot::find_object(uint64_t id) const {
    auto it = std::lower_bound(object_ids.begin(), object_ids.end(), id);
    return it != object_ids.end() && *it == id ? it - object_ids.begin() : -1;
}

__attribute__((flatten)) void make_snapshot(const Runtime& rt, const trace::TraceLog& log, const trace::HeapState& at,
                   const trace::HeapState& end, uint64_t position, Snapshot& s) {
    s.position = position;
    s.line = at.line();
    s.depth = at.depth();
    s.type_names.clear();
    for (size_t i = 0; i < log.type_count(); ++i) s.type_names.push_back(log.type_name(static_cast<uint32_t>(i)));
    std::unordered_map<std::string, uint32_t> extra_types;

    // A static object a name is bound to belongs in the snapshot even when the trace never saw
    // its count move (3.12+'s immortal small ints and singletons never do): merged in by id.
    std::vector<uint64_t> bound_statics;
    for (uint64_t id : at.names())
        if (id != 0 && at.objects().find(id) == nullptr && rt.static_at(id) != nullptr) bound_statics.push_back(id);
    std::sort(bound_statics.begin(), bound_statics.end());
    bound_statics.erase(std::unique(bound_statics.begin(), bound_statics.end()), bound_statics.end());

    const size_t bound = at.objects().size() + bound_statics.size();
    uint64_t* ids = sized(s.object_ids, bound);
    uint32_t* types = sized(s.object_types, bound);
    int64_t* refcnts = sized(s.object_refcnts, bound);
    uint8_t* flag_out = sized(s.object_flags, bound);
    int32_t* gc_refs = sized(s.object_gc_refs, bound);
    const bool collecting = !at.gc_refs().empty();
    const int64_t immortal = static_cast<int64_t>(rt.profile().immortal_refcnt);
    const uint64_t static_first = rt.static_ids().first;
    const uint64_t static_span = rt.static_ids().second - static_first;
    // Writes object number i; false if the record says nothing a snapshot shows.
    auto add_object = [&](size_t i, uint64_t id, const trace::ObjectRecord& r) {
        uint32_t type = r.type;
        int64_t refcnt = r.refcnt;
        uint8_t flags = (r.flags & trace::ObjectRecord::kTracked) ? Snapshot::kTracked : 0;
        if (id - static_first < static_span) [[unlikely]] {
            add_static_fields(rt, end, id, r, s, extra_types, type, refcnt, flags);
        } else if ((r.flags & trace::ObjectRecord::kBorn) == 0) {
            return false;  // a change to an object the trace never saw made: nothing it can show
        } else if (r.flags & trace::ObjectRecord::kImmortal) {
            flags |= Snapshot::kImmortal;
            refcnt = immortal;
        } else if (refcnt == 0) {
            flags |= Snapshot::kFreeList;
        }
        const int32_t* g = collecting ? at.gc_refs().find(id) : nullptr;
        ids[i] = id;
        types[i] = type;
        refcnts[i] = refcnt;
        flag_out[i] = flags;
        gc_refs[i] = g == nullptr ? Snapshot::kNoGcRefs : *g;
        return true;
    };
    size_t n = 0;
    size_t next_static = 0;
    uint64_t next_bound = bound_statics.empty() ? UINT64_MAX : bound_statics[0];
    auto add_bound_below = [&](uint64_t id) {
        for (; next_static < bound_statics.size() && bound_statics[next_static] < id; ++next_static)
            n += add_object(n, bound_statics[next_static], trace::ObjectRecord{});
        next_bound = next_static < bound_statics.size() ? bound_statics[next_static] : UINT64_MAX;
    };
    // Page by page, as add_blocks does, with the count in a local.
    const unsigned granule = at.objects().granule_bits();
    at.objects().for_each_page([&](uint64_t base, const uint64_t* bits, const trace::ObjectRecord* records) {
        size_t i = n;
        for (size_t w = 0; w < trace::AddressMap<trace::ObjectRecord>::kWords; ++w)
            for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
                const size_t slot = w * 64 + static_cast<size_t>(__builtin_ctzll(b));
                const uint64_t id = base + (slot << granule);
                if (id > next_bound) [[unlikely]] {
                    n = i;
                    add_bound_below(id);
                    i = n;
                }
                i += add_object(i, id, records[slot]);
            }
        n = i;
    });
    add_bound_below(UINT64_MAX);
    s.object_ids.resize(n);
    s.object_types.resize(n);
    s.object_refcnts.resize(n);
    s.object_flags.resize(n);
    s.object_gc_refs.resize(n);

    add_blocks(rt.profile(), at, s);
    s.bytes_in_use = at.bytes_in_use();

    s.names.clear();
    s.name_ids.clear();
    for (size_t i = 0; i < at.names().size(); ++i) {
        if (at.names()[i] == 0) continue;
        s.names.push_back(log.name(static_cast<uint32_t>(i)));
        s.name_ids.push_back(at.names()[i]);
    }

    const trace::GcView& g = at.gc();
    for (int i = 0; i < 3; ++i) {
        s.gc_count[i] = g.count[i];
        s.gc_threshold[i] = rt.gc_state().threshold[i];
    }
    s.gc_collecting = g.collecting;
    s.gc_generation = g.generation;
    s.gc_phase = g.collecting ? gc::phase_name(static_cast<gc::Phase>(g.phase)) : "";
    s.gc_collections = g.collections;
    s.gc_last_collected = g.last_collected;
    s.output_bytes = at.output_bytes();
}

std::string Snapshot::serialize() const {
    std::string out = "position " + std::to_string(position) + " line " + std::to_string(line) + " depth " +
                      std::to_string(depth) + "\n";
    for (size_t i = 0; i < object_ids.size(); ++i)
        out += "object " + std::to_string(object_ids[i]) + " " + type_names[object_types[i]] + " " +
               std::to_string(object_refcnts[i]) + " " + std::to_string(object_flags[i]) + " " +
               std::to_string(object_gc_refs[i]) + "\n";
    for (size_t i = 0; i < block_addrs.size(); ++i)
        out += "block " + std::to_string(block_addrs[i]) + " " + std::to_string(block_sizes[i]) + "\n";
    for (uint64_t a : arena_addrs) out += "arena " + std::to_string(a) + "\n";
    for (size_t i = 0; i < pool_addrs.size(); ++i)
        out += "pool " + std::to_string(pool_addrs[i]) + " " + std::to_string(pool_class[i]) + " " +
               std::to_string(pool_used[i]) + "\n";
    for (size_t i = 0; i < names.size(); ++i) out += "name " + names[i] + " " + std::to_string(name_ids[i]) + "\n";
    out += "gc " + std::to_string(gc_count[0]) + " " + std::to_string(gc_count[1]) + " " + std::to_string(gc_count[2]) +
           " " + (gc_collecting ? "collecting " + gc_phase : "idle") + " " + std::to_string(gc_collections) + " " +
           std::to_string(gc_last_collected) + "\n";
    out += "bytes " + std::to_string(bytes_in_use) + " output " + std::to_string(output_bytes) + "\n";
    return out;
}

}  // namespace pymemlab
