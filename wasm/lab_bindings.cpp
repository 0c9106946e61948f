// Embind glue for pymemlab::Lab (core/lab): the class `Lab` with run / step / rewind /
// snapshot / explain, and the trace as typed arrays. No logic: every answer comes from the core.
// wasm/README.md documents the JS API.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lab/lab.h"
#include "profile/profile.h"
#include "embind_util.h"

namespace {

using emscripten::val;

using pymemlab::wasm::profile_named;
using pymemlab::wasm::view_of;

// Modelled addresses and counts are below 2^53: doubles hold them exactly, and the UI does
// plain arithmetic on them (BigInt64Array would need WASM_BIGINT).
template <class T>
void as_doubles(const std::vector<T>& from, std::vector<double>& to) {
    to.assign(from.begin(), from.end());
}

pymemlab::StepUnit unit_named(const std::string& unit) {
    if (unit == "line") return pymemlab::StepUnit::Line;
    if (unit == "phase") return pymemlab::StepUnit::Phase;
    if (unit == "collection") return pymemlab::StepUnit::Collection;
    return pymemlab::StepUnit::Event;
}

pymemlab::LabLimits limits_with(double instruction_budget) {
    pymemlab::LabLimits limits;
    if (instruction_budget > 0) limits.instruction_budget = static_cast<uint64_t>(instruction_budget);
    return limits;
}

class JsLab {
public:
    JsLab(const std::string& profile, const std::string& mode, double instruction_budget)
        : lab_(profile_named(profile), mode == "repl" ? pymemlab::RunMode::Repl : pymemlab::RunMode::Script,
               limits_with(instruction_budget)) {}

    std::string profile_name() const { return std::string(lab_.profile().name); }
    void load(const std::string& source) { lab_.load(source); }
    int run() { return lab_.run(); }
    void finish() { lab_.finish(); }
    double exit_start() const { return static_cast<double>(lab_.exit_start()); }
    std::string output() const { return lab_.output(); }
    std::string output_at_cursor() const { return std::string(lab_.output_at_cursor()); }
    double position() const { return static_cast<double>(lab_.position()); }
    double start() const { return static_cast<double>(lab_.start()); }
    double end() const { return static_cast<double>(lab_.end()); }
    double step(const std::string& unit, int direction) {
        return static_cast<double>(lab_.step(unit_named(unit), direction));
    }
    void rewind(double position) { lab_.rewind(static_cast<size_t>(position)); }
    std::string explain(const std::string& question) const { return lab_.explain(question); }
    bool truncated() const { return lab_.trace().truncated(); }

    // The object graph at the end of the run (lab.h): referents as an array of ids (a copy; a
    // graph reads tens of them), a label, and __main__'s dict, where a graph stops.
    val referents(double id) const {
        val out = val::array();
        for (uint64_t r : lab_.referents(static_cast<uint64_t>(id))) out.call<void>("push", static_cast<double>(r));
        return out;
    }
    std::string label(double id) const { return lab_.label(static_cast<uint64_t>(id)); }
    std::string shared_kind(double id) const { return lab_.shared_kind(static_cast<uint64_t>(id)); }
    double main_dict_id() const { return static_cast<double>(lab_.main_dict_id()); }
    // The graphs objgraph's show_refs / show_backrefs / show_chain drew, in order: [{name, dot}].
    val graphs() const {
        val out = val::array();
        for (const pymemlab::LabGraph& g : lab_.graphs()) {
            val graph = val::object();
            graph.set("name", g.name);
            graph.set("dot", g.dot);
            out.call<void>("push", graph);
        }
        return out;
    }

    // The snapshot at the cursor: typed arrays over vectors this object keeps until the next
    // snapshot() (see lab/snapshot.h for each field).
    val snapshot() {
        lab_.snapshot(snap_);
        as_doubles(snap_.object_ids, object_ids_);
        as_doubles(snap_.object_refcnts, object_refcnts_);
        as_doubles(snap_.block_addrs, block_addrs_);
        as_doubles(snap_.name_ids, name_ids_);
        as_doubles(snap_.arena_addrs, arena_addrs_);
        as_doubles(snap_.pool_addrs, pool_addrs_);
        val out = val::object();
        out.set("position", static_cast<double>(snap_.position));
        out.set("line", snap_.line);
        out.set("depth", snap_.depth);
        out.set("objectIds", view_of(object_ids_));
        out.set("objectTypes", view_of(snap_.object_types));
        out.set("objectRefcnts", view_of(object_refcnts_));
        out.set("objectFlags", view_of(snap_.object_flags));
        out.set("objectGcRefs", view_of(snap_.object_gc_refs));
        out.set("typeNames", strings(snap_.type_names));
        out.set("blockAddrs", view_of(block_addrs_));
        out.set("blockSizes", view_of(snap_.block_sizes));
        out.set("bytesInUse", static_cast<double>(snap_.bytes_in_use));
        out.set("blockPool", view_of(snap_.block_pool));
        out.set("arenaAddrs", view_of(arena_addrs_));
        out.set("poolAddrs", view_of(pool_addrs_));
        out.set("poolClass", view_of(snap_.pool_class));
        out.set("poolUsed", view_of(snap_.pool_used));
        out.set("arenaSize", snap_.arena_size);
        out.set("poolSize", snap_.pool_size);
        out.set("poolOverhead", snap_.pool_overhead);
        out.set("names", strings(snap_.names));
        out.set("nameIds", view_of(name_ids_));
        val gc = val::object();
        val count = val::array(), threshold = val::array();
        for (int g = 0; g < 3; ++g) {
            count.call<void>("push", static_cast<double>(snap_.gc_count[g]));
            threshold.call<void>("push", static_cast<double>(snap_.gc_threshold[g]));
        }
        gc.set("count", count);
        gc.set("threshold", threshold);
        gc.set("collecting", snap_.gc_collecting);
        gc.set("generation", snap_.gc_generation);
        gc.set("phase", snap_.gc_phase);
        gc.set("collections", static_cast<double>(snap_.gc_collections));
        gc.set("lastCollected", static_cast<double>(snap_.gc_last_collected));
        out.set("gc", gc);
        out.set("outputBytes", static_cast<double>(snap_.output_bytes));
        return out;
    }

    // The trace: one Uint32Array word per event (kind << 24 | payload) and its address as two
    // Uint32 halves (low, high), both views over the log's storage (no copy).
    val trace_words() const {
        return val(emscripten::typed_memory_view(lab_.trace().size(), lab_.trace().words()));
    }
    val trace_addrs() const {
        return val(emscripten::typed_memory_view(
            2 * lab_.trace().size(), reinterpret_cast<const uint32_t*>(lab_.trace().addrs())));
    }

private:
    pymemlab::Lab lab_;
    pymemlab::Snapshot snap_;
    std::vector<double> object_ids_, object_refcnts_, block_addrs_, name_ids_, arena_addrs_, pool_addrs_;

    static val strings(const std::vector<std::string>& v) {
        val out = val::array();
        for (const std::string& s : v) out.call<void>("push", s);
        return out;
    }
};

}  // namespace

EMSCRIPTEN_BINDINGS(pymemlab_lab) {
    using namespace emscripten;
    class_<JsLab>("Lab")
        .constructor<const std::string&, const std::string&, double>()
        .function("profileName", &JsLab::profile_name)
        .function("load", &JsLab::load)
        .function("run", &JsLab::run)
        .function("finish", &JsLab::finish)
        .function("exitStart", &JsLab::exit_start)
        .function("output", &JsLab::output)
        .function("outputAtCursor", &JsLab::output_at_cursor)
        .function("position", &JsLab::position)
        .function("start", &JsLab::start)
        .function("end", &JsLab::end)
        .function("step", &JsLab::step)
        .function("rewind", &JsLab::rewind)
        .function("snapshot", &JsLab::snapshot)
        .function("explain", &JsLab::explain)
        .function("truncated", &JsLab::truncated)
        .function("referents", &JsLab::referents)
        .function("label", &JsLab::label)
        .function("sharedKind", &JsLab::shared_kind)
        .function("mainDictId", &JsLab::main_dict_id)
        .function("graphs", &JsLab::graphs)
        .function("traceWords", &JsLab::trace_words)
        .function("traceAddrs", &JsLab::trace_addrs);
}
