// The allocation-script interpreter: parse a line, call the allocator, describe the block.
#include "cli/malloc_script.h"

#include <cstdio>
#include <map>
#include <regex>
#include <sstream>

#include "alloc/allocator.h"

namespace pymemlab {

namespace {

std::string describe(const Allocator& a, const std::string& name, void* p) {
    char line[160];
    if (p == nullptr) {
        std::snprintf(line, sizeof line, "%s = NULL  (out of memory)\n", name.c_str());
        return line;
    }
    unsigned long long address = a.address_of(p);
    if (a.owns(p)) {
        unsigned szidx = a.profile().size_to_index(static_cast<uint32_t>(a.block_size(p)));
        unsigned long long pool = address & ~static_cast<unsigned long long>(a.profile().pool_size - 1);
        std::snprintf(line, sizeof line, "%s = 0x%llx  class %u (%zu-byte blocks), pool 0x%llx\n",
                      name.c_str(), address, szidx, a.block_size(p), pool);
    } else {
        std::snprintf(line, sizeof line, "%s = 0x%llx  raw malloc, %zu bytes\n", name.c_str(), address,
                      a.block_size(p));
    }
    return line;
}

}  // namespace

MallocScriptResult run_malloc_script(Allocator& a, const std::string& script) {
    static const std::regex malloc_re(R"(^\s*(\w+)\s*=\s*malloc\(\s*(\d+)\s*\)\s*$)");
    static const std::regex calloc_re(R"(^\s*(\w+)\s*=\s*calloc\(\s*(\d+)\s*,\s*(\d+)\s*\)\s*$)");
    static const std::regex realloc_re(R"(^\s*(\w+)\s*=\s*realloc\(\s*(\w+)\s*,\s*(\d+)\s*\)\s*$)");
    static const std::regex free_re(R"(^\s*free\(\s*(\w+)\s*\)\s*$)");
    static const std::regex word_re(R"(^\s*(check|stats)\s*$)");
    static const std::regex blank_re(R"(^\s*(#.*)?$)");

    MallocScriptResult r;
    std::map<std::string, void*> names;
    std::istringstream in(script);
    std::string line;
    int lineno = 0;
    auto fail = [&](const std::string& why) {
        r.error = "line " + std::to_string(lineno) + ": " + why + "\n";
        return r;
    };
    auto size_of = [](const std::string& digits, size_t& out) {
        if (digits.size() > 18) return false;
        out = static_cast<size_t>(std::stoull(digits));
        return true;
    };
    while (std::getline(in, line)) {
        ++lineno;
        std::smatch m;
        size_t n = 0, k = 0;
        if (std::regex_match(line, blank_re)) continue;
        if (std::regex_match(line, m, malloc_re)) {
            if (names.count(m[1])) return fail(std::string(m[1]) + " is still allocated; free it first");
            if (!size_of(m[2], n)) return fail("size too large");
            void* p = a.malloc(n);
            if (p) names[m[1]] = p;
            r.output += describe(a, m[1], p);
        } else if (std::regex_match(line, m, calloc_re)) {
            if (names.count(m[1])) return fail(std::string(m[1]) + " is still allocated; free it first");
            if (!size_of(m[2], n) || !size_of(m[3], k)) return fail("size too large");
            void* p = a.calloc(n, k);
            if (p) names[m[1]] = p;
            r.output += describe(a, m[1], p);
        } else if (std::regex_match(line, m, realloc_re)) {
            auto it = names.find(m[2]);
            if (it == names.end()) return fail("name '" + std::string(m[2]) + "' is not allocated");
            if (m[1] != m[2] && names.count(m[1])) return fail(std::string(m[1]) + " is still allocated");
            if (!size_of(m[3], n)) return fail("size too large");
            void* p = a.realloc(it->second, n);
            if (p) {
                names.erase(it);
                names[m[1]] = p;
            }
            r.output += describe(a, m[1], p);
        } else if (std::regex_match(line, m, free_re)) {
            auto it = names.find(m[1]);
            if (it == names.end()) return fail("name '" + std::string(m[1]) + "' is not allocated");
            a.free(it->second);
            names.erase(it);
        } else if (std::regex_match(line, m, word_re)) {
            if (m[1] == "stats") {
                r.output += a.debug_malloc_stats();
            } else {
                CheckResult c = a.check();
                r.output += c.ok ? "check: ok\n" : "check: " + c.problem + "\n";
                if (!c.ok) return fail("heap check failed");
            }
        } else {
            return fail("cannot parse '" + line + "'");
        }
    }
    return r;
}

}  // namespace pymemlab
