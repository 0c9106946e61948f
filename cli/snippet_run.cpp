// run_snippet and the batch mode over it (snippet_run.h).
#include "cli/snippet_run.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#include "interp/interp.h"
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

}  // namespace

int run_snippet(const Profile& profile, const std::string& source, RunMode mode, bool stats,
                const std::function<void(int fd, std::string_view text)>& write) {
    Runtime rt(profile);
    int status;
    {
        Interp in(rt);
        in.write = write;
        status = run_source(in, source, mode);
    }
    // What the runtime wrote to stderr once the interpreter was gone (objects freed at the end).
    if (!rt.tstate().stderr_text.empty()) write(2, rt.tstate().stderr_text);
    if (stats) write(1, rt.allocator().debug_malloc_stats());
    return status;
}

int run_batch(std::istream& in, std::ostream& out) {
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
                status = run_snippet(*profile, source, mode == "repl" ? RunMode::Repl : RunMode::Script, false,
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
