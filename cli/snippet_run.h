// Running one Python snippet for the CLI: `pymemlab run` streams its output; `pymemlab batch`
// runs many snippets in one process (the snippet runner uses it to spare the WebAssembly CLI a
// Node start-up per snippet) and reports each run as one JSON line.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "interp/run.h"
#include "profile/profile.h"

namespace pymemlab {

class Lab;

// What a run does besides running: the CLI's flags.
struct SnippetOptions {
    bool stats = false;      // --stats: the allocator report and the collector's counters follow on stdout
    std::string trace_json;  // --trace-json FILE: record the run and write its trace there (write_trace_json)
    std::string graph_dir;   // --graph-dir DIR: each graph objgraph drew, as DIR/<name>.dot
    bool check_heap = false;  // --check-heap: the heap checker between statements (LabLimits::check_heap)
};

// Runs `source` on a fresh runtime; `write(fd, text)` receives stdout (1) and stderr (2) in
// order. Returns the exit status (0, 1 after an uncaught exception, or sys.exit's).
int run_snippet(const Profile& profile, const std::string& source, RunMode mode, const SnippetOptions& options,
                const std::function<void(int fd, std::string_view text)>& write);

// The Lab's trace as JSON: {"profile", "start" (the first event of the snippet itself),
// "truncated", "types", "names", "events": [[kind, addr, arg], ...]}; core/trace/event.h says
// what addr and arg hold for each kind.
void write_trace_json(const Lab& lab, std::ostream& out);

// `pymemlab batch`: reads lines `PROFILE<TAB>MODE<TAB>FILE` and writes, for each, one line
// {"status":N,"stdout":"...","stderr":"..."}. A line it cannot use gets status 2 and the
// reason on stderr, as `pymemlab run` would exit. Each run uses `options` (only check_heap
// matters: batch runs have no files of their own to write).
int run_batch(std::istream& in, std::ostream& out, const SnippetOptions& options = {});

}  // namespace pymemlab
