// explain_identity: why two of __main__'s names are, or are not, one object — the reason in
// words (a cached small int, an interned string, a singleton, one constant of co_consts, a
// reused address, or two distinct objects), read from the live runtime and the trace.
#pragma once

#include <string>
#include <string_view>

namespace pymemlab {

class Runtime;
struct Interp;
struct PyObject;
namespace trace {
class TraceLog;
}

// `question`: "a is b", "a is not b", "id(a) == id(b)", or a single name "a". Reads without
// allocating in the modelled heap, so asking changes nothing the lab shows. `start`: the log's
// first event of the snippet (what came before, the runtime made for itself).
std::string explain_identity(const Runtime& rt, const Interp& in, const trace::TraceLog& log, size_t start,
                             std::string_view question);

// Which of CPython's sharing mechanisms holds the object: "singleton", "empty tuple",
// "small int", "interned", or "" for none.
std::string shared_kind(const Runtime& rt, const PyObject* o);
// The same, or "constant" for an object the compiler made for the snippet (an entry of some
// co_consts: made after `start` and before the run's first line).
std::string shared_kind(const Runtime& rt, const trace::TraceLog& log, size_t start, const PyObject* o);

}  // namespace pymemlab
