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

// Sorts by key, least significant 16 bits first, as many passes as the largest key has 16-bit
// digits (three for modelled addresses, below 2^48): linear in the count, where a comparison
// sort of a million blocks takes a frame and more.
template <class T>
void sort_by_address(std::vector<std::pair<uint64_t, T>>& v) {
    uint64_t all_bits = 0;
    for (const auto& e : v) all_bits |= e.first;
    std::vector<std::pair<uint64_t, T>> tmp(v.size());
    for (int shift = 0; shift < 64 && (all_bits >> shift) != 0; shift += 16) {
        std::vector<size_t> count(1 << 16, 0);
        for (const auto& e : v) ++count[(e.first >> shift) & 0xffff];
        size_t sum = 0;
        for (size_t& c : count) {
            const size_t n = c;
            c = sum;
            sum += n;
        }
        for (const auto& e : v) tmp[count[(e.first >> shift) & 0xffff]++] = e;
        v.swap(tmp);
    }
}

// Fills the snapshot's arena and pool arrays from its blocks, which are sorted by address: the
// blocks of one pool are consecutive, and so are the pools of one arena.
void add_pools(const Profile& profile, const std::vector<uint64_t>& arenas, Snapshot& s) {
    s.arena_addrs = arenas;
    s.arena_size = profile.arena_size;
    s.pool_size = profile.pool_size;
    s.pool_overhead = profile.pool_overhead;
    s.block_pool.assign(s.block_addrs.size(), Snapshot::kRawBlock);
    size_t a = 0;
    for (size_t i = 0; i < s.block_addrs.size(); ++i) {
        const uint64_t addr = s.block_addrs[i];
        while (a < arenas.size() && arenas[a] + profile.arena_size <= addr) ++a;
        if (a == arenas.size() || addr < arenas[a]) continue;
        const uint64_t pool = addr & ~static_cast<uint64_t>(profile.pool_size - 1);
        if (s.pool_addrs.empty() || s.pool_addrs.back() != pool) {
            const uint32_t request = std::max<uint32_t>(s.block_sizes[i], 1);
            s.pool_addrs.push_back(pool);
            s.pool_class.push_back(profile.index_to_size(profile.size_to_index(request)));
            s.pool_used.push_back(0);
        }
        ++s.pool_used.back();
        s.block_pool[i] = static_cast<uint32_t>(s.pool_addrs.size() - 1);
    }
}

}  // namespace

int64_t Snapshot::find_object(uint64_t id) const {
    auto it = std::lower_bound(object_ids.begin(), object_ids.end(), id);
    return it != object_ids.end() && *it == id ? it - object_ids.begin() : -1;
}

Snapshot make_snapshot(const Runtime& rt, const trace::TraceLog& log, const trace::HeapState& at,
                       const trace::HeapState& end, uint64_t position) {
    Snapshot s;
    s.position = position;
    s.line = at.line();
    s.depth = at.depth();
    for (size_t i = 0; i < log.type_count(); ++i) s.type_names.push_back(log.type_name(static_cast<uint32_t>(i)));
    std::unordered_map<std::string, uint32_t> extra_types;

    std::vector<std::pair<uint64_t, trace::ObjectRecord>> objects;
    objects.reserve(at.objects().size());
    at.objects().for_each([&](uint64_t id, const trace::ObjectRecord& r) { objects.emplace_back(id, r); });
    // A static object a name is bound to belongs in the snapshot even when the trace never saw
    // its count move (3.12+'s immortal small ints and singletons never do).
    for (uint64_t id : at.names()) {
        if (id == 0 || at.objects().find(id) != nullptr || rt.static_at(id) == nullptr) continue;
        if (std::none_of(objects.end() - std::min<size_t>(objects.size(), at.names().size()), objects.end(),
                         [id](const auto& e) { return e.first == id; }))
            objects.emplace_back(id, trace::ObjectRecord{});
    }
    sort_by_address(objects);
    const size_t n = objects.size();
    s.object_ids.reserve(n);
    s.object_types.reserve(n);
    s.object_refcnts.reserve(n);
    s.object_flags.reserve(n);
    s.object_gc_refs.reserve(n);
    for (const auto& [id, r] : objects) {
        uint32_t type = r.type;
        int64_t refcnt = r.refcnt;
        uint8_t flags = (r.flags & trace::ObjectRecord::kTracked) ? Snapshot::kTracked : 0;
        if (PyObject* o = rt.static_at(id)) {
            // A static object never dies: its count here is its count now, less what changed since.
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
        } else if ((r.flags & trace::ObjectRecord::kBorn) == 0) {
            continue;  // a change to an object the trace never saw made: nothing it can show
        } else if (r.flags & trace::ObjectRecord::kImmortal) {
            flags |= Snapshot::kImmortal;
            refcnt = static_cast<int64_t>(rt.profile().immortal_refcnt);
        } else if (refcnt == 0) {
            flags |= Snapshot::kFreeList;
        }
        const int32_t* g = at.gc_refs().empty() ? nullptr : at.gc_refs().find(id);
        s.object_ids.push_back(id);
        s.object_types.push_back(type);
        s.object_refcnts.push_back(refcnt);
        s.object_flags.push_back(flags);
        s.object_gc_refs.push_back(g == nullptr ? Snapshot::kNoGcRefs : *g);
    }

    std::vector<std::pair<uint64_t, uint64_t>> blocks;
    blocks.reserve(at.blocks().size());
    at.blocks().for_each([&](uint64_t addr, uint64_t size) { blocks.emplace_back(addr, size); });
    sort_by_address(blocks);
    s.block_addrs.reserve(blocks.size());
    s.block_sizes.reserve(blocks.size());
    for (const auto& [addr, size] : blocks) {
        s.block_addrs.push_back(addr);
        s.block_sizes.push_back(static_cast<uint32_t>(std::min<uint64_t>(size, UINT32_MAX)));
    }
    s.bytes_in_use = at.bytes_in_use();
    add_pools(rt.profile(), at.arenas(), s);

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
    return s;
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
