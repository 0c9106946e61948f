// Running Python source in the unit tests: a script's output, stderr and status, on a runtime
// whose heap is checked when it ends (checked_runtime.h).
#pragma once

#include <string>
#include <string_view>

#include "checked_runtime.h"
#include "interp/interp.h"
#include "interp/run.h"

namespace pymemlab {

struct RunOutput {
    std::string out;
    std::string err;
    int status = 0;
    // The last line of stderr: what an uncaught exception printed.
    std::string error_line() const {
        std::string e = err;
        while (!e.empty() && e.back() == '\n') e.pop_back();
        const size_t nl = e.rfind('\n');
        return nl == std::string::npos ? e : e.substr(nl + 1);
    }
};

inline RunOutput run_python(const char* profile, std::string_view source) {
    CheckedRuntime rt(profile);
    RunOutput o;
    {
        Interp in(rt);
        in.write = [&](int fd, std::string_view text) { (fd == 2 ? o.err : o.out) += text; };
        o.status = run_source(in, source, RunMode::Script);
    }
    o.err += rt.tstate().stderr_text;
    return o;
}

inline const char* const kPython3Profiles[] = {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};
inline const char* const kAllProfiles[] = {"2.7", "3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};

}  // namespace pymemlab
