// dict behaviour (dict_methods.cpp, dictview_object.cpp, dict_object.cpp's storage operations):
// keys of any hashable type, methods, views and iterators, errors and sizes. Each case runs
// Python source through the interpreter and compares its output with what the profile's CPython
// prints (measured on the pyenv builds).
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "checked_runtime.h"
#include "python_run.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

using Output = RunOutput;
Output run(const char* profile, std::string_view source) { return run_python(profile, source); }

// The last line of stderr: what an uncaught exception printed.
std::string last_error_line(const Output& o) {
    std::string err = o.err;
    while (!err.empty() && err.back() == '\n') err.pop_back();
    const size_t nl = err.rfind('\n');
    return nl == std::string::npos ? err : err.substr(nl + 1);
}


}  // namespace

TEST_CASE("equal ints, floats and bools share one dict slot and the first key stays", "[dict]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile,
                       "e = {1: 'int'}\n"
                       "e[1.0] = 'float'\n"
                       "e[True] = 'bool'\n"
                       "print('%s %s %s' % (len(e), e[1], type(list(e)[0]).__name__))\n");
        CHECK(o.err.empty());
        CHECK(o.out == "1 bool int\n");
    }
}

TEST_CASE("a class with __hash__ and __eq__ finds the entry of an equal instance", "[dict]") {
    const char* source =
        "class Key(object):\n"
        "    def __init__(self, v):\n"
        "        self.v = v\n"
        "    def __eq__(self, other):\n"
        "        return isinstance(other, Key) and self.v == other.v\n"
        "    def __hash__(self):\n"
        "        return hash(self.v)\n"
        "d = {Key(1): 'one'}\n"
        "print('%s %s %s' % (d[Key(1)], Key(2) in d, len(set([Key(1), Key(1)]))))\n"
        "d[Key(1)] = 'uno'\n"
        "print('%s %s' % (len(d), d[Key(1)]))\n";
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "one False 1\n1 uno\n");
    }
}

TEST_CASE("an __eq__ that empties the dict during a lookup neither crashes nor finds the key", "[dict]") {
    const char* source =
        "class K(object):\n"
        "    def __hash__(self):\n"
        "        return 1\n"
        "    def __eq__(self, other):\n"
        "        d.clear()\n"
        "        return False\n"
        "d = {}\n"
        "d[K()] = 1\n"
        "print('%s %s' % (K() in d, len(d)))\n"
        "d[K()] = 2\n"
        "print(len(d))\n";
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "False 0\n1\n");
    }
}

TEST_CASE("unhashable keys raise TypeError naming the type, rephrased by 3.14", "[dict]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, "d = {}\nd[[1]] = 2\n");
        CHECK(o.status == 1);
        const bool v314 = std::string(profile) == "3.14";
        CHECK(last_error_line(o) == (v314 ? "TypeError: cannot use 'list' as a dict key (unhashable type: 'list')"
                                          : "TypeError: unhashable type: 'list'"));
    }
}

TEST_CASE("a missing key raises KeyError with the key, a tuple key shown as a tuple", "[dict]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, "d = {}\ntry:\n    d[(1, 2)]\nexcept KeyError as e:\n    print(repr(e.args))\nd['x']\n");
        CHECK(o.out == "((1, 2),)\n");
        CHECK(last_error_line(o) == "KeyError: 'x'");
    }
}

TEST_CASE("get, setdefault, pop and popitem behave as CPython's", "[dict]") {
    const char* source =
        "d = {'a': 1, 'b': 2}\n"
        "print(d.get('z'), d.get('z', 0), d.setdefault('c', []))\n"
        "d['c'].append(3)\n"
        "print(d.pop('a'), d.pop('q', 'dflt'), d.popitem(), d)\n"
        "try:\n"
        "    {}.popitem()\n"
        "except KeyError as e:\n"
        "    print(e)\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "None 0 []\n1 dflt ('c', [3]) {'b': 2}\n'popitem(): dictionary is empty'\n");
    }
}

TEST_CASE("a dict that contains itself prints {...} there", "[dict]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, "r = {}\nr['self'] = r\nprint(r)\n");
        CHECK(o.out == "{'self': {...}}\n");
    }
}

TEST_CASE("dict() takes a mapping, pairs and keywords, with CPython's errors for bad pairs", "[dict]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile,
                       "print(dict(a=1), dict([(1, 2), [3, 4]]), dict({1: 2}, x=3))\n"
                       "try:\n"
                       "    dict([(1, 2, 3)])\n"
                       "except ValueError as e:\n"
                       "    print(e)\n");
        CHECK(o.err.empty());
        CHECK(o.out ==
              "{'a': 1} {1: 2, 3: 4} {1: 2, 'x': 3}\n"
              "dictionary update sequence element #0 has length 3; 2 is required\n");
    }
}

TEST_CASE("adding keys while iterating raises dictionary changed size during iteration", "[dict]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, "d = {1: 1, 2: 2}\nfor k in d:\n    print(k)\n    d[k + 10] = 0\n");
        CHECK(o.out == "1\n");
        CHECK(last_error_line(o) == "RuntimeError: dictionary changed size during iteration");
    }
}

TEST_CASE("the items iterator hands out the same tuple again when nobody kept it", "[dict]") {
    const std::string source =
        "d = {1: 'a', 2: 'b', 3: 'c'}\n"
        "it = iter(d.iteritems() if str(type(d.items())) == \"<type 'list'>\" else d.items())\n"
        "a = next(it)\n"
        "first = id(a)\n"
        "del a\n"
        "b = next(it)\n"
        "c = next(it)\n"
        "print(id(b) == first, b is c, b, c)\n";
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == (std::string(profile) == "2.7" ? "(True, False, (2, 'b'), (3, 'c'))\n"
                                                      : "True False (2, 'b') (3, 'c')\n"));
    }
}

TEST_CASE("keys views are live, support in, len and set operations", "[dict]") {
    const char* source =
        "d = {1: 'one'}\n"
        "keys = d.keys()\n"
        "d[2] = 'two'\n"
        "print(len(keys), list(keys), 2 in keys, keys & {2, 3}, keys | {5}, keys - {1}, keys ^ {1, 7})\n"
        "print((1, 'one') in d.items(), (1, 'x') in d.items(), list(d.values()))\n"
        "print(keys == {1, 2}, d.items() <= {(1, 'one'), (2, 'two'), 3})\n"
        "print(d.keys())\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out ==
              "2 [1, 2] True {2} {1, 2, 5} {2} {2, 7}\n"
              "True False ['one', 'two']\n"
              "True True\n"
              "dict_keys([1, 2])\n");
    }
}

TEST_CASE("2.7's keys, values and items are lists, with has_key and the view methods", "[dict][py27]") {
    Output o = run("2.7",
                   "d = {1: 'a'}\n"
                   "print d.keys(), d.values(), d.items(), d.has_key(1), d.has_key(2)\n"
                   "print list(d.iteritems()), d.viewkeys()\n");
    CHECK(o.err.empty());
    CHECK(o.out == "[1] ['a'] [(1, 'a')] True False\n[(1, 'a')] dict_keys([1])\n");
}

TEST_CASE("reversed(d) walks the keys backwards from 3.8", "[dict]") {
    for (const char* profile : {"3.8", "3.10", "3.12", "3.13"}) {
        INFO(profile);
        Output o = run(profile, "d = {1: 1, 2: 2, 3: 3}\nprint(list(reversed(d)), list(reversed(d.items())))\n");
        CHECK(o.err.empty());
        CHECK(o.out == "[3, 2, 1] [(3, 3), (2, 2), (1, 1)]\n");
    }
}

TEST_CASE("| and |= merge dicts from 3.9", "[dict]") {
    for (const char* profile : {"3.10", "3.12", "3.13"}) {
        INFO(profile);
        Output o = run(profile, "a = {1: 1}\nb = a | {2: 2}\na |= [(3, 3)]\nprint(a, b)\n");
        CHECK(o.err.empty());
        CHECK(o.out == "{1: 1, 3: 3} {1: 1, 2: 2}\n");
    }
}

TEST_CASE("copies and fromkeys are sized as CPython sizes them", "[dict][sizes]") {
    // sys.getsizeof of d.copy(), dict.fromkeys(dict) and dict.fromkeys(set) for 6 int keys, and
    // of a copy of a 6-key dict with 3 keys deleted (merged, not cloned).
    const char* source =
        "import sys\n"
        "d = dict((i, i) for i in range(6))\n"
        "h = dict((i, i) for i in range(6))\n"
        "for i in range(3): del h[i]\n"
        "print('%d %d %d %d' % (sys.getsizeof(d.copy()), sys.getsizeof(dict.fromkeys(d)),"
        " sys.getsizeof(dict.fromkeys(set(d))), sys.getsizeof(h.copy())))\n";
    const std::pair<const char*, const char*> expected[] = {
        {"2.7", "664 664 664 280\n"},     {"3.6", "368 368 368 240\n"},  // upstream 3.6: pyenv's minus 8
        {"3.8", "360 360 360 232\n"},     {"3.10", "360 360 360 360\n"}, {"3.11", "352 352 352 352\n"},
        {"3.12", "352 352 352 352\n"},    {"3.13", "352 352 352 352\n"},
    };
    for (auto [profile, out] : expected) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == out);
    }
}

TEST_CASE("argument errors carry each version's wording", "[dict]") {
    const std::pair<const char*, const char*> expected[] = {
        {"2.7", "TypeError: get expected at least 1 arguments, got 0"},
        {"3.6", "TypeError: get expected at least 1 arguments, got 0"},
        {"3.8", "TypeError: get expected at least 1 argument, got 0"},
        {"3.12", "TypeError: get expected at least 1 argument, got 0"},
    };
    for (auto [profile, line] : expected) {
        INFO(profile);
        CHECK(last_error_line(run(profile, "{}.get()\n")) == line);
    }
    CHECK(last_error_line(run("3.8", "{}.keys(1)\n")) == "TypeError: keys() takes no arguments (1 given)");
    CHECK(last_error_line(run("3.12", "{}.keys(1)\n")) == "TypeError: dict.keys() takes no arguments (1 given)");
}


TEST_CASE("a dict subclass answers missing keys through __missing__ and keeps a __dict__", "[dict]") {
    const char* source =
        "class D(dict):\n"
        "    def __missing__(self, key):\n"
        "        return key * 2\n"
        "d = D(a=1)\n"
        "d.note = 'n'\n"
        "print(d['a'], d[5], len(d), 5 in d, d.note, type(d.copy()).__name__)\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "1 10 1 False n dict\n");
    }
}
