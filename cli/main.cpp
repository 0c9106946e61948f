// The native CLI. `pymemlab malloc` replays an allocation script against the pymalloc model;
// `pymemlab profiles` lists the profiles; `pymemlab run` runs a Python snippet (core/interp);
// `pymemlab batch` runs many (cli/snippet_run.h).
// Exit codes: 0 ok, 1 a failed operation or an uncaught exception, 2 a usage error.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "alloc/allocator.h"
#include "cli/malloc_script.h"
#include "cli/snippet_run.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"
#include "profile/profile.h"

using namespace pymemlab;

namespace {

constexpr const char* kUsage =
    "usage: pymemlab profiles\n"
    "       pymemlab malloc [--profile V] [--aligned-arenas] [--stats] FILE|-\n"
    "       pymemlab run [--profile V] [--mode script|repl] [--stats] [--trace-json FILE] [--graph-dir DIR]\n"
    "                    [--check-heap] FILE|-\n"
    "       pymemlab batch [--check-heap]   (lines PROFILE<TAB>MODE<TAB>FILE on stdin; one JSON result line each)\n"
    "--check-heap (also before the command) runs the heap checker between statements and aborts\n"
    "on a broken invariant.\n";

int usage(const std::string& message) {
    if (!message.empty()) std::cerr << "pymemlab: " << message << "\n";
    std::cerr << kUsage;
    return 2;
}

bool read_source(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), {});
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), {});
    return true;
}

int list_profiles() {
    std::printf("%-6s %5s %9s %6s %9s %9s %s\n", "name", "align", "threshold", "classes", "arena",
                "pool", "gc thresholds");
    for (const Profile& p : all_profiles()) {
        std::printf("%-6.*s %5u %9u %7u %8uK %8uK (%d, %d, %d)%s\n", static_cast<int>(p.name.size()),
                    p.name.data(), p.alignment, p.small_request_threshold, p.nb_small_size_classes(),
                    p.arena_size / 1024, p.pool_size / 1024, p.gc_threshold[0], p.gc_threshold[1],
                    p.gc_threshold[2], &p == &default_profile() ? "  (default)" : "");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // --check-heap may also come before the command, so that a wrapper command (the snippet
    // runner's --native-cmd "pymemlab --check-heap") reaches run and batch alike.
    bool check_heap = false;
    while (!args.empty() && args[0] == "--check-heap") {
        check_heap = true;
        args.erase(args.begin());
    }
    if (args.empty() || args[0] == "-h" || args[0] == "--help") return usage("");
    const std::string command = args[0];
    if (command == "profiles") return args.size() == 1 ? list_profiles() : usage("profiles takes no arguments");
    if (command == "batch") {
        SnippetOptions options;
        options.check_heap = check_heap;
        for (size_t i = 1; i < args.size(); ++i) {
            if (args[i] != "--check-heap") return usage("batch takes no arguments but --check-heap");
            options.check_heap = true;
        }
        return run_batch(std::cin, std::cout, options);
    }

    const Profile* profile = &default_profile();
    bool aligned = false;
    SnippetOptions options;
    options.check_heap = check_heap;
    std::string file, mode = "script";
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= args.size()) return false;
            into = args[++i];
            return true;
        };
        std::string v;
        if (a == "--profile") {
            if (!value(v)) return usage("--profile needs a version");
            profile = find_profile(v);
            if (!profile) return usage("unknown profile '" + v + "' (see: pymemlab profiles)");
        } else if (a == "--stats") {
            options.stats = true;
        } else if (a == "--check-heap" && command == "run") {
            options.check_heap = true;
        } else if (a == "--aligned-arenas" && command == "malloc") {
            aligned = true;
        } else if (a == "--mode" && command == "run") {
            if (!value(mode) || (mode != "script" && mode != "repl")) return usage("--mode is script or repl");
        } else if (a == "--trace-json" && command == "run") {
            if (!value(options.trace_json)) return usage("--trace-json needs a file");
        } else if (a == "--graph-dir" && command == "run") {
            if (!value(options.graph_dir)) return usage("--graph-dir needs a directory");
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            return usage("unknown option " + a);
        } else if (file.empty()) {
            file = a;
        } else {
            return usage("only one FILE");
        }
    }
    if (command != "malloc" && command != "run") return usage("unknown command '" + command + "'");
    if (file.empty()) return usage("missing FILE (or - for standard input)");
    std::string source;
    if (!read_source(file, source)) {
        std::cerr << "pymemlab: can't open file '" << file << "': No such file or directory\n";
        return 2;
    }
    if (command == "run") {
        const int status =
            run_snippet(*profile, source, mode == "repl" ? RunMode::Repl : RunMode::Script, options,
                        [](int fd, std::string_view text) {
                            if (fd == 2) std::fflush(stdout);  // what was printed first shows first
                            std::fwrite(text.data(), 1, text.size(), fd == 2 ? stderr : stdout);
                            if (fd == 2) std::fflush(stderr);
                        });
        return status;
    }
    Allocator allocator(*profile, AllocatorOptions{.pool_aligned_arenas = aligned});
    MallocScriptResult result = run_malloc_script(allocator, source);
    std::cout << result.output;
    if (!result.error.empty()) std::cerr << result.error;
    if (options.stats) std::cout << allocator.debug_malloc_stats();
    return result.error.empty() ? 0 : 1;
}
