// Fuzz target: whole-program execution, as the CLI and the page run a snippet, with small limits
// so that every input ends quickly: an instruction budget, a heap cap, CPython's recursion limit
// and the native stack guard. The first byte picks the profile, (bit 3) REPL mode and (bit 4) a
// Lab (lab/lab.h) recording the trace, with snapshots; otherwise run_source (interp/run.h).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fuzz_input.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "lab/lab.h"
#include "object/runtime.h"

namespace {

using namespace pymemlab;

// Small enough that a run ends in milliseconds even under ASan; large enough to reach the
// allocator's arenas, the collector's thresholds and MemoryError.
constexpr uint64_t kInstructionBudget = 20'000;
constexpr uint64_t kHeapLimit = 16u << 20;
constexpr size_t kMaxEvents = 200'000;

// A fresh runtime and interpreter, the run, then the interpreter's end as at exit.
int run_plain(const Profile& profile, RunMode mode, std::string_view source) {
    RuntimeOptions options;
    options.allocator.heap_limit = kHeapLimit;
    Runtime rt(profile, options);
    InterpOptions interp_options;
    interp_options.instruction_budget = kInstructionBudget;
    auto interp = std::make_unique<Interp>(rt, interp_options);
    interp->write = [](int, std::string_view) {};
    const int status = run_source(*interp, source, mode);
    interp.reset();
    return status;
}

// The same through the Lab, recorded, with the cursor's questions at the end and the start.
int run_recorded(const Profile& profile, RunMode mode, std::string_view source) {
    LabLimits limits;
    limits.instruction_budget = kInstructionBudget;
    limits.heap_limit = kHeapLimit;
    limits.max_events = kMaxEvents;
    Lab lab(profile, mode, limits);
    lab.load(source);
    const int status = lab.run();
    (void)lab.snapshot();
    lab.rewind(lab.start());
    (void)lab.snapshot();
    lab.finish();
    return status;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const fuzz::Input input = fuzz::split_input(data, size);
    const RunMode mode = (input.flags & 1) != 0 ? RunMode::Repl : RunMode::Script;
    const int status = (input.flags & 2) != 0 ? run_recorded(*input.profile, mode, input.source)
                                              : run_plain(*input.profile, mode, input.source);
    // An exit status as a process has one (sys.exit's is taken modulo 256).
    if (status < 0 || status > 255) __builtin_trap();
    return 0;
}
