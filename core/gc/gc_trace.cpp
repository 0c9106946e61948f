// What a collection writes to the trace (core/trace): enough for the lab to show, at any point
// of a run, which collection is running, in which phase, and each object's gc_refs.
#include "gc/collector.h"
#include "object/runtime.h"

namespace pymemlab::gc {

using trace::EventKind;

void trace_start(Runtime& rt, const Collection& c) {
    rt.trace()->push(EventKind::GcStart, 0, static_cast<uint32_t>(c.generation()));
}

void trace_phase(Runtime& rt, const Collection& c) {
    trace::TraceLog& log = *rt.trace();
    // The gc_refs first, so the state at the GcPhase event is the phase's result.
    if (c.phase() == Phase::kUpdateRefs || c.phase() == Phase::kSubtractRefs) {
        for (const ObjectState& s : c.snapshot())
            if (s.collecting)
                log.push(EventKind::GcRefs, rt.id(s.op), static_cast<uint32_t>(s.gc_refs + trace::kGcRefsBias));
    }
    log.push(EventKind::GcPhase, 0, static_cast<uint32_t>(c.phase()));
    if (c.phase() == Phase::kDone) {
        log.push(EventKind::GcDone, static_cast<uint64_t>(c.collected()));
        for (int g = 0; g < Runtime::kGenerations; ++g)
            log.push(EventKind::GcCount, static_cast<uint64_t>(rt.gc_count(g)), static_cast<uint32_t>(g));
    }
}

}  // namespace pymemlab::gc
