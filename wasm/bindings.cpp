// Embind glue: exposes pymemlab::Allocator and its HeapView to JavaScript as the class
// `Allocator`, plus `profiles()`. Nothing here decides anything; every figure comes from
// core/alloc. wasm/README.md documents the JS API, pymemlab.mjs loads the module.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "alloc/allocator.h"
#include "alloc/heap_view.h"
#include "profile/profile.h"
#include "embind_util.h"

namespace {

using emscripten::val;

// A handle is the host pointer itself: wasm32 pointers fit a JS number exactly, and 0 stays
// nullptr (out of memory from malloc, a no-op for free).
static_assert(sizeof(uintptr_t) == sizeof(uint32_t), "handles assume wasm32");

uint32_t to_handle(void* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p)); }
void* from_handle(uint32_t handle) { return reinterpret_cast<void*>(uintptr_t{handle}); }

using pymemlab::wasm::profile_named;
using pymemlab::wasm::view_of;

pymemlab::AllocatorOptions options_with(bool pool_aligned_arenas) {
    pymemlab::AllocatorOptions options;
    options.pool_aligned_arenas = pool_aligned_arenas;
    return options;
}

class JsAllocator {
public:
    JsAllocator(const std::string& profile_name, bool pool_aligned_arenas)
        : allocator_(profile_named(profile_name), options_with(pool_aligned_arenas)) {}

    std::string profile_name() const { return std::string(allocator_.profile().name); }

    uint32_t malloc(uint32_t nbytes) { return to_handle(allocator_.malloc(nbytes)); }
    void free(uint32_t handle) { allocator_.free(from_handle(handle)); }
    uint32_t realloc(uint32_t handle, uint32_t nbytes) {
        return to_handle(allocator_.realloc(from_handle(handle), nbytes));
    }

    // Modelled addresses are below 2^47 on 64-bit Linux, so a double holds them exactly.
    // Handle 0 has no block; the core would read a header below address 0 for it.
    double address_of(uint32_t handle) const {
        return handle == 0 ? 0 : static_cast<double>(allocator_.address_of(from_handle(handle)));
    }
    uint32_t block_size(uint32_t handle) const {
        return handle == 0 ? 0 : static_cast<uint32_t>(allocator_.block_size(from_handle(handle)));
    }

    std::string check() const {
        pymemlab::CheckResult result = allocator_.check();
        return result ? std::string() : result.problem;
    }
    std::string debug_malloc_stats() const { return allocator_.debug_malloc_stats(); }
    double allocated_blocks() const { return static_cast<double>(allocator_.allocated_blocks()); }
    double footprint() const { return static_cast<double>(allocator_.footprint()); }

    // One object of typed arrays over HeapView's vectors (see heap_view.h for each field).
    // The two uint64 per-class counts are copied into Float64Arrays: exact below 2^53, and
    // plain numbers are what the UI does arithmetic with (BigUint64Array needs WASM_BIGINT).
    val view() {
        view_.refresh(allocator_);
        class_blocks_in_use_.assign(view_.class_blocks_in_use.begin(),
                                    view_.class_blocks_in_use.end());
        class_avail_blocks_.assign(view_.class_avail_blocks.begin(),
                                   view_.class_avail_blocks.end());
        val out = val::object();
        out.set("arenaIndex", view_of(view_.arena_index));
        out.set("arenaAddress", view_of(view_.arena_address));
        out.set("arenaNfreepools", view_of(view_.arena_nfreepools));
        out.set("arenaFirstPool", view_of(view_.arena_first_pool));
        out.set("arenaPoolCount", view_of(view_.arena_pool_count));
        out.set("arenaUsableRank", view_of(view_.arena_usable_rank));
        out.set("poolAddress", view_of(view_.pool_address));
        out.set("poolState", view_of(view_.pool_state));
        out.set("poolSzidx", view_of(view_.pool_szidx));
        out.set("poolUsed", view_of(view_.pool_used));
        out.set("poolCapacity", view_of(view_.pool_capacity));
        out.set("classSize", view_of(view_.class_size));
        out.set("classPools", view_of(view_.class_pools));
        out.set("classBlocksInUse", view_of(class_blocks_in_use_));
        out.set("classAvailBlocks", view_of(class_avail_blocks_));
        out.set("rawAddress", view_of(view_.raw_address));
        out.set("rawSize", view_of(view_.raw_size));
        return out;
    }

    // Block states of one pool slot of the last view(): 1 = allocated, 0 = free.
    val pool_blocks(uint32_t pool) {
        view_.pool_blocks(allocator_, pool, blocks_);
        return view_of(blocks_);
    }

private:
    pymemlab::Allocator allocator_;
    pymemlab::HeapView view_;
    std::vector<double> class_blocks_in_use_;
    std::vector<double> class_avail_blocks_;
    std::vector<uint8_t> blocks_;
};

val profile_names() {
    val names = val::array();
    for (const pymemlab::Profile& p : pymemlab::all_profiles())
        names.call<void>("push", std::string(p.name));
    return names;
}

std::string default_profile_name() { return std::string(pymemlab::default_profile().name); }

}  // namespace

EMSCRIPTEN_BINDINGS(pymemlab) {
    using namespace emscripten;
    function("profiles", &profile_names);
    function("defaultProfile", &default_profile_name);
    class_<JsAllocator>("Allocator")
        .constructor<const std::string&, bool>()
        .function("profileName", &JsAllocator::profile_name)
        .function("malloc", &JsAllocator::malloc)
        .function("free", &JsAllocator::free)
        .function("realloc", &JsAllocator::realloc)
        .function("addressOf", &JsAllocator::address_of)
        .function("blockSize", &JsAllocator::block_size)
        .function("check", &JsAllocator::check)
        .function("debugMallocStats", &JsAllocator::debug_malloc_stats)
        .function("allocatedBlocks", &JsAllocator::allocated_blocks)
        .function("footprint", &JsAllocator::footprint)
        .function("view", &JsAllocator::view)
        .function("poolBlocks", &JsAllocator::pool_blocks);
}
