// run_snippet and the batch mode over it (snippet_run.h).
#include "cli/snippet_run.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "gc/gc_state.h"
#include "interp/interp.h"
#include "lab/lab.h"
#include "object/heap_check.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

void json_string(std::ostream& out, std::string_view s) {
    out << '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out << '\\' << c;
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out << buf;
        } else {
            out << c;
        }
    }
    out << '"';
}

// The collector's counters after the run, as gc.get_count(), gc.get_threshold() and
// gc.get_stats() would report them.
std::string gc_counters(const Runtime& rt) {
    const GCState& gc = rt.gc_state();
    std::string text = "\n# gc\n";
    char line[160];
    std::snprintf(line, sizeof line, "count: (%lld, %lld, %lld)\nthreshold: (%d, %d, %d)\n",
                  static_cast<long long>(gc.count[0]), static_cast<long long>(gc.count[1]),
                  static_cast<long long>(gc.count[2]), gc.threshold[0], gc.threshold[1], gc.threshold[2]);
    text += line;
    for (int g = 0; g < GCState::kGenerations; ++g) {
        const GCGenerationStats& s = gc.stats[g];
        std::snprintf(line, sizeof line, "generation %d: collections %lld, collected %lld, uncollectable %lld\n", g,
                      static_cast<long long>(s.collections), static_cast<long long>(s.collected),
                      static_cast<long long>(s.uncollectable));
        text += line;
    }
    return text;
}

}  // namespace

int run_snippet(const Profile& profile, const std::string& source, RunMode mode, const SnippetOptions& options,
                const std::function<void(int fd, std::string_view text)>& write) {
    const std::string& trace_json = options.trace_json;
    const std::string& graph_dir = options.graph_dir;
    LabLimits limits;
    limits.record = !trace_json.empty();
    if (options.check_heap) limits.check_heap = check_heap_or_abort;
    if (options.check_heap) limits.track_objects = true;
    Lab lab(profile, mode, limits);
    lab.set_output_sink(write);
    lab.load(source);
    lab.run();
    // The report describes memory where the snippet ended; it prints after what the exit prints.
    const std::string stats =
        options.stats ? lab.runtime().allocator().debug_malloc_stats() + gc_counters(lab.runtime()) : std::string();
    lab.finish();  // the interpreter's exit, as CPython's (interp/pylifecycle.h)
    if (!stats.empty()) write(1, stats);
    if (!trace_json.empty()) {
        std::ofstream file(trace_json, std::ios::binary);
        if (file) write_trace_json(lab, file);
        if (!file) write(2, "pymemlab: can't write the trace to '" + trace_json + "'\n");
    }
    for (const LabGraph& g : graph_dir.empty() ? std::vector<LabGraph>{} : lab.graphs()) {
        const std::string path = graph_dir + "/" + g.name + ".dot";
        std::ofstream file(path, std::ios::binary);
        if (file) file << g.dot;
        if (!file) write(2, "pymemlab: can't write the graph to '" + path + "'\n");
    }
    return lab.exit_status();  // the run's, or 2.7's sys.exitfunc's SystemExit
}

void write_trace_json(const Lab& lab, std::ostream& out) {
    const trace::TraceLog& log = lab.trace();
    out << "{\"profile\":";
    json_string(out, lab.profile().name);
    out << ",\"start\":" << lab.start() << ",\"truncated\":" << (log.truncated() ? "true" : "false");
    out << ",\"types\":[";
    for (size_t i = 0; i < log.type_count(); ++i) {
        if (i) out << ',';
        json_string(out, log.type_name(static_cast<uint32_t>(i)));
    }
    out << "],\"names\":[";
    for (size_t i = 0; i < log.name_count(); ++i) {
        if (i) out << ',';
        json_string(out, log.name(static_cast<uint32_t>(i)));
    }
    out << "],\"events\":[";
    for (size_t i = 0; i < log.size(); ++i) {
        const trace::Event e = log.at(i);
        out << (i ? ",\n" : "\n") << "[\"" << trace::event_kind_name(e.kind) << "\"," << e.addr << ',' << e.arg << ']';
    }
    out << "]}\n";
}

int run_batch(std::istream& in, std::ostream& out, const SnippetOptions& options) {
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::string stdout_text, stderr_text;
        int status = 2;
        const size_t t1 = line.find('\t'), t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
        const Profile* profile = t1 == std::string::npos ? nullptr : find_profile(line.substr(0, t1));
        const std::string mode = t2 == std::string::npos ? "" : line.substr(t1 + 1, t2 - t1 - 1);
        if (profile == nullptr || t2 == std::string::npos || (mode != "script" && mode != "repl")) {
            stderr_text = "pymemlab: batch line is not PROFILE<TAB>script|repl<TAB>FILE: " + line + "\n";
        } else {
            const std::string path = line.substr(t2 + 1);
            std::ifstream file(path, std::ios::binary);
            if (!file) {
                stderr_text = "pymemlab: can't open file '" + path + "': No such file or directory\n";
            } else {
                std::string source(std::istreambuf_iterator<char>(file), {});
                SnippetOptions batch_options;
                batch_options.check_heap = options.check_heap;
                status = run_snippet(*profile, source, mode == "repl" ? RunMode::Repl : RunMode::Script, batch_options,
                                     [&](int fd, std::string_view text) { (fd == 2 ? stderr_text : stdout_text) += text; });
            }
        }
        out << "{\"status\":" << status << ",\"stdout\":";
        json_string(out, stdout_text);
        out << ",\"stderr\":";
        json_string(out, stderr_text);
        out << "}\n" << std::flush;
    }
    return 0;
}

}  // namespace pymemlab
