// Lab: a run recorded from the runtime's first allocation, a cursor over it, and the questions
// the UI asks of it (snapshot, explain).
#include "lab/lab.h"

#include <algorithm>

#include "interp/interp.h"
#include "interp/pylifecycle.h"
#include "lab/explain.h"
#include "lab/object_graph.h"
#include "object/dict_object.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

constexpr uint64_t kCheckEveryLine = 2000;
constexpr uint64_t kCheckEvery = 64;
constexpr uint64_t kObjectsPerLine = 10;

}  // namespace

Lab::Lab(const Profile& profile, RunMode mode, LabLimits limits)
    : profile_(profile), mode_(mode), limits_(limits), log_(limits.max_events) {
    reset();
}

Lab::~Lab() {
    interp_.reset();
    rt_.reset();
}

void Lab::reset() {
    interp_.reset();
    rt_.reset();
    log_.clear();
    output_.clear();
    graphs_.clear();
    status_ = 0;
    exit_start_ = 0;
    used_ = false;
    RuntimeOptions options;
    options.allocator.heap_limit = limits_.heap_limit;
    options.trace = limits_.record ? &log_ : nullptr;
    options.track_objects = limits_.track_objects;
    rt_ = std::make_unique<Runtime>(profile_, options);
    InterpOptions interp_options;
    interp_options.instruction_budget = limits_.instruction_budget;
    interp_ = std::make_unique<Interp>(*rt_, interp_options);
    interp_->write = [this](int fd, std::string_view text) {
        if (sink_) sink_(fd, text);
        output_ += text;
        if (limits_.record) log_.push(trace::EventKind::Output, output_.size());
    };
    interp_->graph = [this](std::string_view name, std::string_view dot) {
        graphs_.push_back({std::string(name), std::string(dot)});
    };
    if (limits_.check_heap) {
        // A check walks the whole heap, and a loop starts a line per statement per iteration:
        // every line for the first kCheckEveryLine lines, then every kCheckEvery-th, and further
        // apart on a big heap (one line in live objects / kObjectsPerLine).
        interp_->on_line = [this, lines = uint64_t{0}]() mutable {
            ++lines;
            const uint64_t every = std::max<uint64_t>(lines <= kCheckEveryLine ? 1 : kCheckEvery,
                                                      rt_->live_objects().size() / kObjectsPerLine);
            if (lines % every == 0) limits_.check_heap(*rt_, interp_->frame != nullptr ? interp_->frame->line : 0);
        };
    }
    start_ = log_.size();
    replay_ = std::make_unique<trace::Replay>(log_);
    replay_->seek(start_);
    end_state_ = replay_->state();
}

void Lab::load(std::string_view source) {
    source_.assign(source);
    if (used_) reset();  // the runtime just started (by the constructor) serves as it is
}

int Lab::run() {
    if (used_) reset();  // each run starts from a fresh runtime
    used_ = true;
    status_ = run_source(*interp_, source_, mode_);
    replay_->seek(log_.size());
    end_state_ = replay_->state();
    return status_;
}

void Lab::finish() {
    if (interp_ == nullptr) return;
    used_ = true;
    exit_start_ = log_.size();
    if (const std::optional<int> status = py_finalize(*interp_)) status_ = *status;
    interp_.reset();
    // What the runtime wrote to stderr once the interpreter was gone (unraisable errors in the
    // objects it released).
    std::string& late = rt_->tstate().stderr_text;
    if (!late.empty()) {
        if (sink_) sink_(2, late);
        output_ += late;
        if (limits_.record) log_.push(trace::EventKind::Output, output_.size());
        late.clear();
    }
    replay_->seek(log_.size());
    end_state_ = replay_->state();
}

namespace {

bool is_unit_boundary(const trace::TraceLog& log, size_t i, StepUnit unit) {
    const trace::EventKind k = log.at(i).kind;
    if (unit == StepUnit::Line) return k == trace::EventKind::Line;
    if (unit == StepUnit::Phase) return k == trace::EventKind::GcPhase || k == trace::EventKind::GcDone;
    if (unit == StepUnit::Collection) return k == trace::EventKind::GcDone;
    return true;
}

}  // namespace

size_t Lab::step(StepUnit unit, int direction) {
    size_t p = replay_->position();
    if (direction >= 0) {
        // Forwards: past the next boundary event (a line's event starts it; a collection's ends it).
        while (p < log_.size() && !is_unit_boundary(log_, p, unit)) ++p;
        p = std::min(p + 1, log_.size());
    } else {
        // Backwards: to just after the previous boundary event before the current one.
        if (p > start_) --p;
        while (p > start_ && !is_unit_boundary(log_, p - 1, unit)) --p;
    }
    rewind(p);
    return replay_->position();
}

void Lab::rewind(size_t position) { replay_->seek(std::clamp(position, start_, log_.size())); }

Snapshot Lab::snapshot() const {
    Snapshot s;
    snapshot(s);
    return s;
}

void Lab::snapshot(Snapshot& out) const {
    make_snapshot(*rt_, log_, replay_->state(), end_state_, replay_->position(), out);
}

std::string_view Lab::output_at_cursor() const {
    return std::string_view(output_).substr(0, std::min<size_t>(replay_->state().output_bytes(), output_.size()));
}

std::string Lab::explain(std::string_view question) const {
    if (interp_ == nullptr) return "The run has finished: its names are gone.";
    return explain_identity(*rt_, *interp_, log_, start_, question);
}

PyObject* Lab::live_at_end(uint64_t id) const {
    if (interp_ == nullptr) return nullptr;
    const trace::ObjectRecord* r = end_state_.objects().find(id);
    const bool live = r != nullptr && (r->flags & trace::ObjectRecord::kBorn) && r->refcnt > 0;
    return object_at(*rt_, id, live || (r != nullptr && (r->flags & trace::ObjectRecord::kImmortal)));
}

std::vector<uint64_t> Lab::referents(uint64_t id) const {
    PyObject* o = live_at_end(id);
    return o == nullptr ? std::vector<uint64_t>{} : referent_ids(*rt_, o);
}

std::string Lab::label(uint64_t id) const {
    const PyObject* o = live_at_end(id);
    return o == nullptr ? std::string() : object_label(*rt_, o);
}

std::string Lab::shared_kind(uint64_t id) const {
    const PyObject* o = live_at_end(id);
    return o == nullptr ? std::string() : pymemlab::shared_kind(*rt_, log_, start_, o);
}

uint64_t Lab::main_dict_id() const {
    return interp_ != nullptr && interp_->main_dict != nullptr ? rt_->id(interp_->main_dict) : 0;
}

}  // namespace pymemlab
