// The command line every benchmark takes: --contender NAME and --workload NAME (to run one case,
// e.g. under a profiler) and numeric options, each a positive whole number, handed to the
// benchmark's own `numeric(option, value)`, which returns false for an option it does not know;
// `usage` reports a problem and exits.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace pymemlab::bench {

struct Selection {
    std::string only_contender, only_workload;  // empty: all of them
};

template <class Numeric>
Selection parse_options(int argc, char** argv, Numeric numeric, void (*usage)(const char*)) {
    Selection selection;
    for (int i = 1; i < argc; i += 2) {
        if (i + 1 == argc) {
            usage("every option takes a value");
            break;
        }
        std::string_view option = argv[i];
        const char* text = argv[i + 1];
        if (option == "--contender") {
            selection.only_contender = text;
        } else if (option == "--workload") {
            selection.only_workload = text;
        } else {
            char* end = nullptr;
            unsigned long long value = std::strtoull(text, &end, 10);
            if (*end != '\0' || value == 0)
                usage("not a positive number");
            else if (!numeric(option, value))
                usage("unknown option or too large a value");
        }
    }
    return selection;
}

// Keeps the items called `name` (workloads or contenders), or all of them when it is empty.
template <class T>
void keep_named(std::vector<T>& items, const std::string& name) {
    if (!name.empty()) std::erase_if(items, [&](const T& item) { return item.name != name; });
}

}  // namespace pymemlab::bench
