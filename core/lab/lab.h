// Lab: the one facade over the core that the CLI, the WebAssembly module, the tests and the UI
// use. A Lab runs a snippet under a profile from a fresh runtime, recording every memory event
// (core/trace) from the runtime's first allocation; then a cursor moves over the run (step,
// rewind) and snapshot() tells what memory looked like there. Read snapshot.h next.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alloc/allocator.h"
#include "interp/run.h"
#include "object/runtime.h"
#include "lab/snapshot.h"
#include "profile/profile.h"
#include "trace/replay.h"
#include "trace/trace_log.h"

namespace pymemlab {

class Runtime;
struct Interp;

// A graph that objgraph's show_refs / show_backrefs / show_chain drew: the name of the .dot file
// objgraph reports ("objgraph-1", or the stem of a filename='x.dot'), and its DOT text.
struct LabGraph {
    std::string name;
    std::string dot;
};

struct LabLimits {
    uint64_t instruction_budget = 200'000'000;
    uint64_t heap_limit = AllocatorOptions::kDefaultHeapLimit;  // bytes before MemoryError; 0: no limit
    size_t max_events = trace::TraceLog::kDefaultCapacity;
    // Record the trace. Off, the run costs no tracing and the cursor has only the start and the
    // end (the CLI runs this way unless asked for --trace-json).
    bool record = true;
    // Keep the runtime's registry of live objects (RuntimeOptions::track_objects; on in debug
    // builds), for tests that compare the trace with every live object.
    bool track_objects = RuntimeOptions{}.track_objects;
    // Called whenever a frame starts a new line (the first 2,000 lines a run starts, then every
    // 64th, and on a heap of more than 640 objects every (objects / 10)th) with the line: the
    // CLI's --check-heap passes check_heap_or_abort (object/heap_check.h), which needs
    // track_objects. A pointer, so the page's module, which never checks, links no checker.
    void (*check_heap)(const Runtime& rt, int line) = nullptr;
};

// What step() moves by: one memory event, to the next line started, past the next phase of a
// collection (or its end), or past the next collection.
enum class StepUnit { Event, Line, Phase, Collection };

class Lab {
public:
    Lab(const Profile& profile, RunMode mode = RunMode::Script, LabLimits limits = {});
    ~Lab();
    Lab(const Lab&) = delete;
    Lab& operator=(const Lab&) = delete;

    // The snippet the next run() runs. A new load discards the previous run.
    void load(std::string_view source);
    // Runs the loaded snippet to its end (or its budget) in a fresh runtime; the cursor ends at
    // the end. Returns the exit status CPython would give (0, 1, or sys.exit's).
    int run();
    // Also hands the output, as it is written, to `sink` (fd 1 or 2): the CLI's streams.
    void set_output_sink(std::function<void(int fd, std::string_view text)> sink) { sink_ = std::move(sink); }
    // Ends the interpreter as CPython's exit does (interp/pylifecycle.h): what it still holds is
    // released in CPython's order, and what __del__ methods and weakref callbacks print then is
    // output. Recorded like the run, from exit_start() to end(); after it, explain() has no
    // names to answer from. A SystemExit raised by 2.7's sys.exitfunc sets exit_status().
    void finish();
    // Where the exit began: the position at the end of the snippet (end() until finish()).
    size_t exit_start() const { return exit_start_ != 0 ? exit_start_ : log_.size(); }

    // The cursor: a position in the trace, from start() (the runtime ready, the snippet not yet
    // begun) to end().
    size_t position() const { return replay_->position(); }
    size_t start() const { return start_; }
    size_t end() const { return log_.size(); }
    // Moves forwards (direction > 0) or backwards by one unit; returns the new position.
    size_t step(StepUnit unit, int direction = 1);
    void rewind(size_t position);

    // Memory at the cursor (snapshot.h); the second form refills `out`, reusing its memory (what
    // the UI does each frame it draws).
    Snapshot snapshot() const;
    void snapshot(Snapshot& out) const;
    // Why two names are (or are not) the same object, or what one name's object is, in words:
    // "a is b", "id(a) == id(b)", or "a". Answered at the end of the run.
    std::string explain(std::string_view question) const;

    // The object graph at the end of the run (object_graph.h), while its runtime is alive (until
    // finish()): what the object with this id refers to, and a short label for it. Empty for an
    // id that is no live object there.
    std::vector<uint64_t> referents(uint64_t id) const;
    std::string label(uint64_t id) const;
    // Why CPython shares the object (explain.h's shared_kind: a cache, a singleton, or a constant
    // of the snippet's code), or "".
    std::string shared_kind(uint64_t id) const;
    // The id of __main__'s namespace dict (0 once finished): a graph stops there.
    uint64_t main_dict_id() const;

    // Everything the run wrote to stdout and stderr, in order, and how much of it had been
    // written at the cursor.
    const std::string& output() const { return output_; }
    std::string_view output_at_cursor() const;
    int exit_status() const { return status_; }
    // The graphs objgraph drew during the run, in the order drawn.
    const std::vector<LabGraph>& graphs() const { return graphs_; }

    const Profile& profile() const { return profile_; }
    const trace::TraceLog& trace() const { return log_; }
    const trace::Replay& replay() const { return *replay_; }
    Runtime& runtime() { return *rt_; }

private:
    const Profile& profile_;
    RunMode mode_;
    LabLimits limits_;
    std::string source_;
    std::function<void(int, std::string_view)> sink_;
    std::string output_;
    std::vector<LabGraph> graphs_;
    int status_ = 0;
    size_t start_ = 0;
    size_t exit_start_ = 0;  // 0 until finish()
    trace::TraceLog log_;
    std::unique_ptr<trace::Replay> replay_;
    trace::HeapState end_state_;  // the state after the last event, which anchors static objects' counts
    std::unique_ptr<Runtime> rt_;
    std::unique_ptr<Interp> interp_;
    bool used_ = false;  // the runtime of the last reset() has run a snippet or finished

    // A new runtime and interpreter, just started: the trace holds only their start-up.
    void reset();
    PyObject* live_at_end(uint64_t id) const;
};

}  // namespace pymemlab
