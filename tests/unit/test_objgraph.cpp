// The objgraph module (core/interp/objgraph_module.cpp, objgraph_dot.cpp): counting by type name,
// growth against peak counts, reference chains, and the DOT text of show_refs / show_backrefs /
// show_chain, handed to the Lab (Lab::graphs) with objgraph's printed text for a machine without
// Graphviz. Expected text is what objgraph 3.6.2 prints under the profile's CPython.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "lab/lab.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

const char* const kObjgraphProfiles[] = {"3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};

// The text with every node id (o followed by digits) replaced by "oN".
std::string without_ids(std::string_view dot) {
    std::string out;
    for (size_t i = 0; i < dot.size(); ++i) {
        out += dot[i];
        if (dot[i] == 'o' && i + 1 < dot.size() && std::isdigit(static_cast<unsigned char>(dot[i + 1]))) {
            out += 'N';
            while (i + 1 < dot.size() && std::isdigit(static_cast<unsigned char>(dot[i + 1]))) ++i;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("objgraph counts a class's instances by short and qualified name", "[objgraph]") {
    const char* source =
        "import objgraph\n"
        "class Node: pass\n"
        "nodes = [Node() for _ in range(3)]\n"
        "print(objgraph.count('Node'), objgraph.count('__main__.Node'), len(objgraph.by_type('Node')))\n"
        "del nodes\n"
        "print(objgraph.count('Node'))\n";
    for (const char* profile : kObjgraphProfiles) {
        INFO(profile);
        RunOutput o = run_python(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "3 3 3\n0\n");
    }
}

TEST_CASE("objgraph's show_growth prints the types that grew, aligned as objgraph aligns them", "[objgraph]") {
    const char* source =
        "import objgraph\n"
        "class Leaf: pass\n"
        "mine = lambda o: type(o).__name__ in ('Leaf', 'list')\n"
        "objgraph.show_growth(filter=lambda o: False)\n"
        "keep = [Leaf() for _ in range(12)]\n"
        "objgraph.show_growth(filter=lambda o: type(o) is Leaf)\n"
        "print(objgraph.growth(filter=lambda o: type(o) is Leaf))\n";
    for (const char* profile : kObjgraphProfiles) {
        INFO(profile);
        RunOutput o = run_python(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "Leaf       12       +12\n[]\n");
    }
}

TEST_CASE("objgraph's typestats and show_most_common_types count the given objects", "[objgraph]") {
    const char* source =
        "import objgraph\n"
        "objs = [[], [], {}, (1, [])]\n"
        "print(sorted(objgraph.typestats(objs).items()))\n"
        "objgraph.show_most_common_types(objects=objs, limit=2)\n"
        "print(objgraph.typestats(objs, shortnames=False)['builtins.list'])\n";
    RunOutput o = run_python("3.12", source);
    CHECK(o.err.empty());
    CHECK(o.out == "[('dict', 1), ('list', 2), ('tuple', 1)]\nlist 2\ndict 1\n2\n");
}

TEST_CASE("objgraph's functions raise a Python function's TypeErrors for bad arguments", "[objgraph]") {
    RunOutput o = run_python("3.12", "import objgraph\nobjgraph.count()\n");
    CHECK(o.error_line() == "TypeError: count() missing 1 required positional argument: 'typename'");
    o = run_python("3.12", "import objgraph\nobjgraph.show_refs([], colour=1)\n");
    CHECK(o.error_line() == "TypeError: show_refs() got an unexpected keyword argument 'colour'");
    o = run_python("3.12", "import objgraph\nobjgraph.show_refs([], output=1, filename='x.dot')\n");
    CHECK(o.error_line() == "ValueError: Cannot specify both output and filename.");
}

TEST_CASE("find_backref_chain leads from a module to the object, find_ref_chain the other way", "[objgraph]") {
    const char* source =
        "import objgraph\n"
        "class Box: pass\n"
        "holder = {'box': Box()}\n"
        "holder['box'].items = [Box()]\n"
        "chain = objgraph.find_backref_chain(holder['box'].items[0], objgraph.is_proper_module)\n"
        "print([type(o).__name__ for o in chain if type(o) is not dict])\n"
        "print(objgraph.find_ref_chain(holder, lambda o: False) == [holder])\n";
    for (const char* profile : kObjgraphProfiles) {
        INFO(profile);
        RunOutput o = run_python(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "['module', 'Box', 'list', 'Box']\nTrue\n");
    }
}

TEST_CASE("show_refs hands its DOT text to the Lab and prints objgraph's no-Graphviz lines", "[objgraph][lab]") {
    Lab lab(*find_profile("3.12"));
    lab.load(
        "import objgraph\n"
        "data = {'xs': [1, 2]}\n"
        "objgraph.show_refs([data], max_depth=1)\n"
        "objgraph.show_backrefs([data['xs']], filename='xs.dot', max_depth=1, filter=lambda o: False)\n"
        "objgraph.show_refs([data], filename='data.png', max_depth=0)\n");
    REQUIRE(lab.run() == 0);
    CHECK(lab.output() ==
          "Graph written to objgraph-1.dot (2 nodes)\n"
          "Graph viewer (xdot) and image renderer (dot) not found, not doing anything else\n"
          "Graph written to xs.dot (1 nodes)\n"
          "Graph written to objgraph-3.dot (1 nodes)\n"
          "Image renderer (dot) not found, not doing anything else\n");
    REQUIRE(lab.graphs().size() == 3);
    CHECK(lab.graphs()[0].name == "objgraph-1");
    CHECK(lab.graphs()[1].name == "xs");
    CHECK(lab.graphs()[2].name == "objgraph-3");
    CHECK(without_ids(lab.graphs()[0].dot) ==
          "digraph ObjectGraph {\n"
          "  node[shape=box, style=filled, fillcolor=white];\n"
          "  oN[fontcolor=red];\n"
          "  oN[label=\"dict\\n1 items\"];\n"
          "  oN[fillcolor=\"0,0,1\"];\n"
          "  oN -> oN [label=\"xs\",weight=2];\n"
          "  oN[label=\"list\\n2 items\"];\n"
          "  oN[fillcolor=\"0,0,0.3\"];\n"
          "  oN[fontcolor=white];\n"
          "}\n");
}

TEST_CASE("show_chain draws only the objects of the chain, with their refcounts", "[objgraph]") {
    const char* source =
        "import objgraph\n"
        "class Sink:\n"
        "    text = ''\n"
        "    def write(self, s): self.text += s\n"
        "a = [[]]\n"
        "out = Sink()\n"
        "objgraph.show_chain([a, a[0]], output=out, refcounts=True)\n"
        "print([l.split('[', 1)[1] for l in out.text.splitlines() if 'label=\"list' in l])\n";
    RunOutput o = run_python("3.12", source);
    CHECK(o.err.empty());
    // a[0]: held by a, the chain list and show_chain's list of ends; a: by the module, the chain
    // list and _show_graph's `srcnode`. 3.11+ labels show one less (sys.getrefcount(obj) - 4).
    CHECK(o.out == "['label=\"list [2]\\\\n0 items\"];', 'label=\"list [2]\\\\n1 items\"];']\n");
}
