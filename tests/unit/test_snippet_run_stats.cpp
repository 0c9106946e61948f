// `pymemlab run --stats` (cli/snippet_run.cpp): after the run's own output come the allocator's
// sys._debugmallocstats() report and the collector's counters.
#include <catch2/catch.hpp>
#include <string>

#include "cli/snippet_run.h"
#include "profile/profile.h"

using namespace pymemlab;

namespace {

struct Run {
    std::string out, err;
    int status;
};

Run run(const char* profile, const std::string& source, bool stats) {
    Run r{};
    SnippetOptions options;
    options.stats = stats;
    r.status = run_snippet(*find_profile(profile), source, RunMode::Script, options,
                           [&](int fd, std::string_view text) { (fd == 2 ? r.err : r.out) += text; });
    return r;
}

}  // namespace

TEST_CASE("run --stats prints the allocator report and the collector's counters after the output", "[cli]") {
    const std::string source =
        "import gc\n"
        "for i in range(3):\n"
        "    l = []\n"
        "    l.append(l)\n"
        "del l\n"
        "print(gc.collect())\n";
    Run r = run("3.12", source, true);
    CHECK(r.status == 0);
    CHECK(r.err == "");
    REQUIRE(r.out.rfind("3\n", 0) == 0);  // the snippet's own output comes first
    CHECK(r.out.find("Small block threshold = 512, in 32 size classes.") != std::string::npos);
    CHECK(r.out.find("# arenas allocated total") != std::string::npos);
    CHECK(r.out.find("\n# gc\ncount: (") != std::string::npos);
    CHECK(r.out.find("threshold: (700, 10, 10)\n") != std::string::npos);
    CHECK(r.out.find("generation 2: collections 1, collected 3, uncollectable 0\n") != std::string::npos);
}

TEST_CASE("run without --stats prints only the snippet's output", "[cli]") {
    Run r = run("3.13", "print('x')\n", false);
    CHECK(r.out == "x\n");
    CHECK(r.status == 0);
}

TEST_CASE("the collector's counters follow each profile's thresholds", "[cli]") {
    CHECK(run("3.13", "pass\n", true).out.find("threshold: (2000, 10, 10)\n") != std::string::npos);
    CHECK(run("2.7", "pass\n", true).out.find("threshold: (700, 10, 10)\n") != std::string::npos);
}
