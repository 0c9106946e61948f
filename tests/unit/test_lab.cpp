// The Lab (core/lab) over the trace (core/trace): a run's trace replays to the runtime's own
// state, rewinding then replaying gives the same snapshot byte for byte, stepping by line, event
// and collection, names and gc_refs at a point, and explain's reasons.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "alloc/heap_view.h"
#include "interp/interp.h"
#include "lab/lab.h"
#include "object/builtins.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

const Profile& profile(const char* name) { return *find_profile(name); }

constexpr const char* kChurn = R"(import gc
class Node:
    def __init__(self, n):
        self.n = n
        self.other = None
items = []
for i in range(300):
    a = Node(i)
    b = Node(-i)
    a.other = b
    b.other = a
    items.append((i * 1000, str(i) * 3, [i, i + 1]))
    if i % 50 == 0:
        items = items[10:]
del a, b
print(gc.collect(), len(items))
)";

}  // namespace

TEST_CASE("at the end of a run the trace's objects are the runtime's live objects, with their counts", "[lab]") {
    for (const char* v : {"2.7", "3.8", "3.12", "3.14"}) {
        LabLimits limits;
        limits.track_objects = true;  // the live-object registry, in release builds too
        Lab lab(profile(v), RunMode::Script, limits);
        lab.load(kChurn);
        REQUIRE(lab.run() == 0);
        const Snapshot s = lab.snapshot();
        Runtime& rt = lab.runtime();
        REQUIRE(rt.tracks_objects());
        size_t checked = 0;
        for (PyObject* o : rt.live_objects()) {
            if (rt.is_static(o)) continue;
            const int64_t i = s.find_object(rt.id(o));
            INFO(v << ": " << Py_TYPE(o)->tp_name << " at " << rt.id(o));
            REQUIRE(i >= 0);
            CHECK(s.object_refcnts[static_cast<size_t>(i)] == static_cast<int64_t>(o->ob_refcnt));
            CHECK(s.type_names[s.object_types[static_cast<size_t>(i)]] == Py_TYPE(o)->tp_name);
            ++checked;
        }
        CHECK(checked > 1000);
        CHECK(s.bytes_in_use > 0);
    }
}

TEST_CASE("rewinding to a point and replaying to another gives the same snapshots byte for byte", "[lab]") {
    Lab lab(profile("3.12"));
    lab.load(kChurn);
    REQUIRE(lab.run() == 0);
    const size_t start = lab.start(), end = lab.end();
    REQUIRE(end - start > 10000);
    // Snapshots reached by walking forwards from the start ...
    std::vector<size_t> points;
    std::mt19937_64 random(42);
    for (int i = 0; i < 12; ++i) points.push_back(start + random() % (end - start + 1));
    points.push_back(start);
    points.push_back(end);
    std::vector<std::string> forward;
    for (size_t p : points) {
        Lab fresh(profile("3.12"));
        fresh.load(kChurn);
        fresh.run();
        fresh.rewind(start);
        fresh.rewind(p);
        forward.push_back(fresh.snapshot().serialize());
    }
    // ... equal those reached by jumping about in any order.
    for (int round = 0; round < 3; ++round)
        for (size_t i = 0; i < points.size(); ++i) {
            lab.rewind(points[(i * 7 + static_cast<size_t>(round)) % points.size()]);
            lab.rewind(points[i]);
            INFO("position " << points[i]);
            CHECK(lab.snapshot().serialize() == forward[i]);
        }
}

TEST_CASE("any seek ends in the state a forward replay reaches, whatever the checkpoint spacing", "[lab]") {
    Lab lab(profile("3.10"));
    lab.load(kChurn);
    REQUIRE(lab.run() == 0);
    trace::Replay sparse(lab.trace(), 1 << 30), dense(lab.trace(), 257);
    std::mt19937_64 random(7);
    for (int i = 0; i < 40; ++i) {
        const size_t p = random() % (lab.trace().size() + 1);
        sparse.seek(p);
        dense.seek(p);
        trace::Replay fresh(lab.trace(), 1 << 30);
        fresh.seek(p);
        INFO("position " << p);
        REQUIRE(dense.state() == fresh.state());
        REQUIRE(sparse.state() == fresh.state());
    }
}

TEST_CASE("a seek anywhere replays from the checkpoint below it, not from the start", "[lab]") {
    Lab lab(profile("3.13"));
    lab.load("keep = []\nfor i in range(60000):\n    keep.append((i * 1000, [i]))\n    if len(keep) > 1000:\n        keep = []\n");
    REQUIRE(lab.run() == 0);
    const size_t events = lab.end() - lab.start();
    REQUIRE(events > 2'000'000);
    std::mt19937_64 random(11);
    size_t worst = 0;
    for (int i = 0; i < 50; ++i) {
        const uint64_t before = lab.replay().events_applied();
        lab.rewind(lab.start() + random() % (events + 1));
        worst = std::max<size_t>(worst, lab.replay().events_applied() - before);
    }
    // The heap stays small, so checkpoints are the default distance apart.
    CHECK(worst <= trace::Replay::kDefaultCheckpointEvery);
}

TEST_CASE("a snapshot taken into a Snapshot that held a larger one is the same as a fresh one", "[lab]") {
    Lab lab(profile("3.11"));
    lab.load(kChurn);
    REQUIRE(lab.run() == 0);
    Snapshot reused;
    std::mt19937_64 random(5);
    for (int i = 0; i < 20; ++i) {
        lab.rewind(lab.start() + random() % (lab.end() - lab.start() + 1));
        lab.snapshot(reused);
        INFO("position " << lab.position());
        REQUIRE(reused.serialize() == lab.snapshot().serialize());
        REQUIRE(reused.block_pool.size() == reused.block_addrs.size());
    }
}

TEST_CASE("stepping by line visits the lines in order and binds the names as they run", "[lab]") {
    Lab lab(profile("3.13"));
    lab.load("a = 1\nb = [a, a]\nc = b\ndel a\nprint(len(c))\n");
    REQUIRE(lab.run() == 0);
    CHECK(lab.output() == "2\n");
    lab.rewind(lab.start());
    std::vector<uint32_t> lines;
    std::vector<std::vector<std::string>> names;
    while (lab.position() < lab.end()) {
        lab.step(StepUnit::Line);
        const Snapshot s = lab.snapshot();
        if (lines.empty() || lines.back() != s.line) {
            lines.push_back(s.line);
            names.push_back(s.names);
        }
    }
    CHECK(lines == std::vector<uint32_t>{1, 2, 3, 4, 5});
    // The state as each line starts: what the lines before it bound.
    CHECK(names[0].empty());
    CHECK(names[1] == std::vector<std::string>{"a"});
    CHECK(names[2] == std::vector<std::string>{"a", "b"});
    CHECK(names[3] == std::vector<std::string>{"a", "b", "c"});
    CHECK(names[4] == std::vector<std::string>{"b", "c"});
    // Back by line returns to where each line started.
    lab.rewind(lab.end());
    const size_t last = lab.step(StepUnit::Line, -1);
    CHECK(lab.snapshot().line == 5);
    CHECK(lab.step(StepUnit::Line, -1) < last);
    CHECK(lab.snapshot().line == 4);
    CHECK(lab.output_at_cursor().empty());
}

TEST_CASE("a list's count at a point is the references held then", "[lab]") {
    Lab lab(profile("3.11"));
    lab.load("x = []\ny = x\nz = [x, x]\ndel y\ndel z\n");
    REQUIRE(lab.run() == 0);
    lab.rewind(lab.start());
    std::vector<int64_t> counts;
    uint64_t list_id = 0;
    while (lab.position() < lab.end()) {
        lab.step(StepUnit::Line);
        const Snapshot s = lab.snapshot();
        for (size_t i = 0; i < s.names.size(); ++i)
            if (s.names[i] == "x") list_id = s.name_ids[i];
        if (list_id != 0) counts.push_back(s.object_refcnts[static_cast<size_t>(s.find_object(list_id))]);
    }
    // As lines 2..5 start, then at the end (the last step): x; x, y; x, y and z's two; x and
    // z's two; x.
    CHECK(counts == std::vector<int64_t>{1, 2, 4, 3, 1});
}

TEST_CASE("a collection steps phase by phase with each object's gc_refs, then frees the cycle", "[lab]") {
    Lab lab(profile("3.12"));
    lab.load("import gc\ngc.disable()\na = []\nb = [a]\na.append(b)\nkeep = [1]\nb.append(keep)\ndel a, b\ngc.collect()\n");
    REQUIRE(lab.run() == 0);
    lab.rewind(lab.start());
    std::vector<std::string> phases;
    uint64_t a = 0, b = 0;
    std::vector<int32_t> refs_a, refs_b;  // a's and b's gc_refs after update_refs, subtract_refs
    bool roots = false;                   // some object is referenced from outside the heap
    while (lab.position() < lab.end()) {
        lab.step(StepUnit::Event);
        const Snapshot s = lab.snapshot();
        for (size_t i = 0; i < s.names.size(); ++i) {
            if (s.names[i] == "a") a = s.name_ids[i];
            if (s.names[i] == "b") b = s.name_ids[i];
        }
        if (!s.gc_collecting || (!phases.empty() && phases.back() == s.gc_phase)) continue;
        phases.push_back(s.gc_phase);
        if ((s.gc_phase == "update_refs" || s.gc_phase == "subtract_refs") && s.find_object(a) >= 0 &&
            s.object_gc_refs[static_cast<size_t>(s.find_object(a))] != Snapshot::kNoGcRefs) {
            refs_a.push_back(s.object_gc_refs[static_cast<size_t>(s.find_object(a))]);
            refs_b.push_back(s.object_gc_refs[static_cast<size_t>(s.find_object(b))]);
            for (size_t i = 0; i < s.object_ids.size(); ++i)
                if (s.gc_phase == "subtract_refs" && s.object_gc_refs[i] > 0) roots = true;
        }
    }
    REQUIRE(phases.size() > 2);
    CHECK(phases[0] == "start");
    CHECK(phases[1] == "update_refs");
    CHECK(std::find(phases.begin(), phases.end(), "move_unreachable") != phases.end());
    CHECK(phases.back() == "done");
    // Copied counts (each list is referenced once, by the other), then nothing from outside.
    CHECK(refs_a == std::vector<int32_t>{1, 0});
    CHECK(refs_b == std::vector<int32_t>{1, 0});
    CHECK(roots);
    // Stepping by collection lands after each (an automatic one may come first): the last
    // found the cycle's two lists.
    lab.rewind(lab.start());
    uint64_t collections = 0, last_collected = 0;
    while (lab.position() < lab.end()) {
        lab.step(StepUnit::Collection);
        const Snapshot s = lab.snapshot();
        CHECK_FALSE(s.gc_collecting);
        if (s.gc_collections > collections) {
            collections = s.gc_collections;
            last_collected = s.gc_last_collected;
        }
    }
    CHECK(collections >= 1);
    CHECK(last_collected == 2);
}

TEST_CASE("a constant is what the compiler made for the snippet, not what the runtime made for itself", "[lab]") {
    Lab lab(profile("3.13"));
    lab.load("a = 1000\nb = 1000\np = print\nq = print\nf = 2.5\ng = f * 2\n");
    REQUIRE(lab.run() == 0);
    const Snapshot s = lab.snapshot();
    std::map<std::string, uint64_t> names;
    for (size_t i = 0; i < s.names.size(); ++i) names[s.names[i]] = s.name_ids[i];
    CHECK(lab.shared_kind(names["a"]) == "constant");
    CHECK(names["a"] == names["b"]);
    CHECK(lab.shared_kind(names["f"]) == "constant");
    CHECK(lab.shared_kind(names["g"]).empty());  // made by the run
    CHECK(lab.shared_kind(names["p"]).empty());  // made by the runtime before the snippet
    CHECK_THAT(lab.explain("a is b"), Catch::Contains("constant the compiler made"));
    CHECK_THAT(lab.explain("p is q"), !Catch::Contains("constant"));
}

TEST_CASE("explain says why two names are one object, or two", "[lab]") {
    Lab lab(profile("3.12"));
    lab.load("a = 1\nb = 1\ns = 'hello'\nt = 'hello'\nn = None\nm = None\nx = 1000\ny = 1000\n"
             "p = [1]\nq = [1]\nr = p\nbig = int('1000000')\nbig2 = int('1000000')\n");
    REQUIRE(lab.run() == 0);
    CHECK_THAT(lab.explain("a is b"), Catch::Contains("cached small int 1"));
    CHECK_THAT(lab.explain("s is t"), Catch::Contains("interned"));
    CHECK_THAT(lab.explain("n is m"), Catch::Contains("singleton"));
    CHECK_THAT(lab.explain("id(x) == id(y)"), Catch::Contains("co_consts"));
    CHECK_THAT(lab.explain("p is q"), Catch::Contains("two distinct objects"));
    CHECK_THAT(lab.explain("p is r"), Catch::Contains("one object was bound to both names"));
    CHECK_THAT(lab.explain("big is big2"), Catch::Contains("not cached"));
    CHECK_THAT(lab.explain("a is zz"), Catch::Contains("name 'zz' is not bound"));
    CHECK_THAT(lab.explain("a + b"), Catch::Contains("explains questions of the forms"));
    CHECK_THAT(lab.explain("p"), Catch::Contains("p is a list at 0x"));
    // Asking changes nothing the lab shows.
    const std::string before = lab.snapshot().serialize();
    lab.explain("a is b");
    CHECK(lab.snapshot().serialize() == before);
    CHECK(lab.trace().size() == lab.end());
}

TEST_CASE("explain reads its questions with any spacing, and only its four forms", "[lab]") {
    Lab lab(profile("3.12"));
    lab.load("a = 1\nb = 1\np = [1]\nq = [1]\nnot_ = 1\n");
    REQUIRE(lab.run() == 0);
    const std::string usage = "explains questions of the forms";
    CHECK_THAT(lab.explain("\ta  is\n b "), Catch::Contains("a and b are the same object"));
    CHECK_THAT(lab.explain(" id( p )==id(q)\r"), Catch::Contains("p and q are two distinct objects"));
    CHECK_THAT(lab.explain("p is not q"), Catch::Contains("p and q are two distinct objects"));
    CHECK_THAT(lab.explain("  b  "), Catch::StartsWith("b is a int at 0x"));
    // "x is not" asks about a name 'not'; "is" and "not" must be words of their own.
    CHECK_THAT(lab.explain("a is not"), Catch::Contains("name 'not' is not bound"));
    CHECK_THAT(lab.explain("a is not_"), Catch::Contains("a and not_ are the same object"));
    for (const char* q : {"a isnot b", "a is notb b", "id (a) == id(b)", "id(a) = id(b)", "a is b c", "1a is b", "",
                          "a is", "\xc3\xa9 is a"})
        CHECK_THAT(lab.explain(q), Catch::Contains(usage));
}

TEST_CASE("a runaway snippet ends at the budget and its trace still rewinds", "[lab]") {
    LabLimits limits;
    limits.instruction_budget = 20000;
    Lab lab(profile("3.13"), RunMode::Script, limits);
    lab.load("x = []\nwhile True:\n    x.append(len(x))\n    if len(x) > 100: x = []\n");
    CHECK(lab.run() == 1);
    CHECK_THAT(lab.output(), Catch::Contains("budget"));
    lab.rewind(lab.start());
    lab.step(StepUnit::Line);
    CHECK(lab.snapshot().line == 1);
}

TEST_CASE("a run that replaces another starts from a fresh runtime", "[lab]") {
    Lab lab(profile("3.13"));
    lab.load("a = [1, 2, 3]\nprint(id(a))\n");
    lab.run();
    const std::string first = lab.output();
    const size_t events = lab.end();
    lab.load("a = [1, 2, 3]\nprint(id(a))\n");
    lab.run();
    CHECK(lab.output() == first);
    CHECK(lab.end() == events);
}

TEST_CASE("the snapshot's arenas and pools at the end are the allocator's, and rise and fall with the run", "[lab]") {
    // 3.8 releases an emptied arena; 3.13 keeps the last one (3.9+) and has 1 MiB arenas.
    for (const char* v : {"3.8", "3.13"}) {
        Lab lab(profile(v));
        lab.load("big = [str(i) * 3 for i in range(60000)]\ndel big\nx = 1\n");
        REQUIRE(lab.run() == 0);
        const Snapshot s = lab.snapshot();
        HeapView view;
        view.refresh(lab.runtime().allocator());
        std::vector<uint64_t> arenas(view.arena_address.begin(), view.arena_address.end());
        std::sort(arenas.begin(), arenas.end());
        CHECK(s.arena_addrs == arenas);
        std::vector<uint64_t> pools;
        std::vector<uint32_t> used, sizes;
        for (size_t p = 0; p < view.pool_address.size(); ++p) {
            if (view.pool_used[p] == 0) continue;
            pools.push_back(static_cast<uint64_t>(view.pool_address[p]));
            used.push_back(view.pool_used[p]);
            sizes.push_back(lab.profile().index_to_size(view.pool_szidx[p]));
        }
        CHECK(s.pool_addrs == pools);
        CHECK(s.pool_used == used);
        CHECK(s.pool_class == sizes);
        // Every block in a pool lies in it; the others (raw) lie outside every arena.
        for (size_t i = 0; i < s.block_addrs.size(); ++i) {
            if (s.block_pool[i] == Snapshot::kRawBlock) {
                for (uint64_t a : s.arena_addrs) CHECK_FALSE((s.block_addrs[i] >= a && s.block_addrs[i] < a + s.arena_size));
            } else {
                CHECK(s.block_addrs[i] - s.pool_addrs[s.block_pool[i]] < s.pool_size);
            }
        }
        // The most arenas seen at any line is the allocator's high-water mark, and the run's
        // start had fewer than the peak.
        lab.rewind(lab.start());
        const size_t at_start = lab.snapshot().arena_addrs.size();
        size_t peak = at_start;
        while (lab.position() < lab.end()) {
            lab.step(StepUnit::Line);
            peak = std::max(peak, lab.snapshot().arena_addrs.size());
        }
        CHECK(peak == lab.runtime().allocator().counters().narenas_highwater);
        CHECK(at_start < peak);
    }
}

TEST_CASE("the graph at the end gives each object's referents and labels, without changing the trace", "[lab]") {
    Lab lab(profile("3.12"));
    lab.load("x = [7, 'ab', (1, 2), None]\ny = {'k': x}\n");
    REQUIRE(lab.run() == 0);
    const size_t events = lab.end();
    const Snapshot s = lab.snapshot();
    std::map<std::string, uint64_t> names;
    for (size_t i = 0; i < s.names.size(); ++i) names[s.names[i]] = s.name_ids[i];
    std::vector<std::string> labels;
    for (uint64_t r : lab.referents(names["x"])) labels.push_back(lab.label(r));
    // list_traverse visits the items last to first, as gc.get_referents shows.
    CHECK(labels == std::vector<std::string>{"None", "tuple[2]", "'ab'", "7"});
    CHECK(lab.label(names["y"]) == "dict[1]");
    const std::vector<uint64_t> x_refs = lab.referents(names["x"]);
    CHECK(lab.shared_kind(x_refs[3]) == "small int");
    CHECK(lab.shared_kind(x_refs[2]) == "interned");
    CHECK(lab.shared_kind(x_refs[0]) == "singleton");
    CHECK(lab.shared_kind(names["x"]).empty());
    CHECK(lab.shared_kind(x_refs[1]) == "constant");  // (1, 2): folded by the compiler into co_consts
    const std::vector<uint64_t> dict_refs = lab.referents(names["y"]);
    CHECK(std::find(dict_refs.begin(), dict_refs.end(), names["x"]) != dict_refs.end());
    CHECK(lab.main_dict_id() != 0);
    CHECK(lab.referents(12345).empty());  // no object there
    CHECK(lab.label(12345).empty());
    CHECK(lab.end() == events);
    lab.finish();
    CHECK(lab.referents(names["x"]).empty());
}

TEST_CASE("a name bound to a static object shows it, with its count, though the trace never saw it move", "[lab]") {
    for (const char* v : {"3.11", "3.12", "3.13"}) {
        Lab lab(profile(v));
        lab.load("a = 1\nb = None\n");
        REQUIRE(lab.run() == 0);
        const Snapshot s = lab.snapshot();
        for (uint64_t id : s.name_ids) {
            const int64_t k = s.find_object(id);
            REQUIRE(k >= 0);
            CHECK((s.object_flags[k] & Snapshot::kStatic) != 0);
            CHECK(s.object_refcnts[k] == lab.runtime().static_at(id)->ob_refcnt);
            CHECK(((s.object_flags[k] & Snapshot::kImmortal) != 0) == (std::string(v) != "3.11"));
        }
    }
}

TEST_CASE("the references CPython's start-up holds on () are in the trace, and rewinding keeps them", "[lab]") {
    Lab lab(profile("3.10"), RunMode::Script, LabLimits{});
    lab.load("t = ()\nu = t\n");
    PyObject* empty = lab.runtime().builtins().empty_tuple;
    const int64_t before = empty->ob_refcnt;
    CHECK(before > 1000);  // CPython 3.10's getrefcount(()) in a script is 1304: its modules hold them
    REQUIRE(lab.run() == 0);
    const uint64_t id = lab.runtime().id(empty);
    const Snapshot end = lab.snapshot();
    REQUIRE(end.find_object(id) >= 0);
    CHECK(end.object_refcnts[static_cast<size_t>(end.find_object(id))] == static_cast<int64_t>(empty->ob_refcnt));
    lab.rewind(lab.start());
    const Snapshot start = lab.snapshot();
    REQUIRE(start.find_object(id) >= 0);
    CHECK(start.object_refcnts[static_cast<size_t>(start.find_object(id))] == before);
}

TEST_CASE("the interpreter's exit is recorded after the snippet's end, where its __del__ output comes", "[lab]") {
    for (const char* v : {"2.7", "3.6", "3.12", "3.14"}) {
        Lab lab(profile(v));
        lab.load(
            "class A(object):\n"
            "    def __del__(self):\n"
            "        print('bye')\n"
            "a = A()\n"
            "print('end')\n");
        REQUIRE(lab.run() == 0);
        const size_t snippet_end = lab.end();
        CHECK(lab.exit_start() == snippet_end);
        CHECK(lab.output() == "end\n");
        lab.finish();
        INFO(v);
        CHECK(lab.exit_start() == snippet_end);
        CHECK(lab.end() > snippet_end);
        CHECK(lab.output() == "end\nbye\n");
        // The exit is in the trace like the run: back at the snippet's end, `a` is alive and
        // nothing of the exit has been printed.
        lab.rewind(snippet_end);
        CHECK(lab.output_at_cursor() == "end\n");
        const Snapshot s = lab.snapshot();
        const auto a = std::find(s.names.begin(), s.names.end(), "a");
        REQUIRE(a != s.names.end());
        const uint64_t id = s.name_ids[static_cast<size_t>(a - s.names.begin())];
        REQUIRE(s.find_object(id) >= 0);
        lab.rewind(lab.end());
        CHECK(lab.output_at_cursor() == "end\nbye\n");
        const Snapshot after = lab.snapshot();
        const int64_t k = after.find_object(id);
        CHECK((k < 0 || after.object_refcnts[static_cast<size_t>(k)] == 0));
    }
}

TEST_CASE("an object's type in the trace is its class's name then, though a dead class's address is reused", "[lab]") {
    // Each class dies before the next is made, and is renamed while it lives: the trace must not
    // take a type for another because it sits where that one sat.
    Lab lab(profile("3.12"), RunMode::Script, LabLimits{});
    lab.load(R"(import gc
for k in range(20):
    C = type("C%d" % k, (), {})
    x = C()
    C.__name__ = "R%d" % k
    y = C()
    del x, y, C
    gc.collect()
)");
    REQUIRE(lab.run() == 0);
    std::vector<std::string> made;
    for (size_t i = lab.start(); i < lab.end(); ++i) {
        const trace::Event e = lab.trace().at(i);
        if (e.kind != trace::EventKind::ObjectNew) continue;
        const std::string& name = lab.trace().type_name(e.arg);
        if (name.size() > 1 && (name[0] == 'C' || name[0] == 'R') && std::isdigit(static_cast<unsigned char>(name[1])))
            made.push_back(name);
    }
    std::vector<std::string> expected;
    for (int k = 0; k < 20; ++k) {
        expected.push_back("C" + std::to_string(k));
        expected.push_back("R" + std::to_string(k));
    }
    CHECK(made == expected);
}
