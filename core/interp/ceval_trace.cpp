// What the evaluation loop writes to the trace (core/trace): the line each frame starts (and the
// interpreter's on_line hook), and
// the names __main__ binds and unbinds, so the lab can show the source position and the
// names -> objects view at any point of a run.
#include "interp/ceval_internal.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab {

void new_line(Interp& in, Frame* f) {
    f->traced_line = f->line;
    if (in.rt.trace() != nullptr) {
        // The module's frame is depth 0; each Python call adds one (the recursion count, which
        // counts the module's frame too).
        const int depth = in.rt.tstate().recursion_depth;
        in.rt.trace()->push(trace::EventKind::Line, static_cast<uint64_t>(depth > 0 ? depth - 1 : 0),
                            static_cast<uint32_t>(f->line));
    }
    if (in.on_line) in.on_line();
}

void trace_bind(Interp& in, PyObject* namespace_dict, PyObject* name, PyObject* value) {
    if (namespace_dict == nullptr || namespace_dict != in.main_dict) return;
    trace::TraceLog& log = *in.rt.trace();
    // A name is nearly always an ASCII identifier: its text is read where it lies.
    const std::string_view ascii = str_ascii_view(in.rt, name);
    const uint32_t index = !ascii.empty() ? log.name_index(ascii, name) : log.name_index(str_as_utf8(in.rt, name));
    log.push(trace::EventKind::Bind, value != nullptr ? in.rt.id(value) : 0, index);
}

}  // namespace pymemlab
