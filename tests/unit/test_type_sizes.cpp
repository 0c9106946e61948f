// core/profile/type_sizes against CPython: every figure of the table, for every measured profile,
// is compared with tests/data/types-<version>.tsv (tests/cpython/measure_types.py): the basic
// sizes, sys.getsizeof (which adds the GC header and the 3.11+ pre-header), and the sizes of the
// blocks each object requests, instance layouts included. 3.14 has no 64-bit build: its row is
// derived from the headers and checked by static_asserts in type_sizes.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "object_support.h"
#include "profile/type_sizes.h"

using namespace pymemlab;

namespace {

using Sizes = std::vector<int64_t>;

struct Row {
    int64_t getsizeof = 0, sizeof_ = 0, basicsize = 0, itemsize = 0;
    bool measured_requests = false;  // false on 2.7 (no tracemalloc)
    std::vector<Sizes> req;          // the cold creation's blocks, grouped by snippet line
    std::vector<Sizes> first;        // the first creation's
    std::string value;
};

struct Measurement {
    std::map<std::string, Row> rows;
    std::map<std::string, std::string> facts;
};

// The pyenv build each profile is compared with.
const std::map<std::string, std::string> kBuilds = {
    {"2.7", "2.7.18"}, {"3.6", "3.6.15"}, {"3.8", "3.8.18"}, {"3.10", "3.10.13"},
    {"3.11", "3.11.7"}, {"3.12", "3.12.1"}, {"3.13", "3.13.0"}};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string part; std::getline(ss, part, sep);) out.push_back(part);
    return out;
}

// "56+48|64" -> {{56, 48}, {64}}; "-" -> {}.
std::vector<Sizes> parse_groups(const std::string& s) {
    std::vector<Sizes> groups;
    if (s == "-" || s == "NA" || s.empty()) return groups;
    for (const std::string& g : split(s, '|')) {
        Sizes sizes;
        for (const std::string& n : split(g, '+')) sizes.push_back(std::stoll(n));
        groups.push_back(sizes);
    }
    return groups;
}

Measurement load(const std::string& build) {
    std::ifstream in(std::string(PYMEMLAB_TEST_DATA_DIR) + "/types-" + build + ".tsv");
    Measurement m;
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = split(line, '\t');
    auto col = [&](const char* name) {
        return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const size_t c_case = col("case"), c_getsizeof = col("getsizeof"), c_sizeof = col("sizeof"),
                 c_basic = col("basicsize"), c_item = col("itemsize"), c_req = col("req_sizes"),
                 c_first = col("first_sizes"), c_value = col("value");
    while (std::getline(in, line)) {
        const std::vector<std::string> f = split(line, '\t');
        if (f.size() < header.size()) continue;
        if (f[0] == "fact") {
            m.facts[f[c_case]] = f[c_value];
            continue;
        }
        Row r;
        r.getsizeof = std::stoll(f[c_getsizeof]);
        r.sizeof_ = std::stoll(f[c_sizeof]);
        r.basicsize = std::stoll(f[c_basic]);
        r.itemsize = std::stoll(f[c_item]);
        r.measured_requests = f[c_req] != "NA";
        r.req = parse_groups(f[c_req]);
        r.first = parse_groups(f[c_first]);
        r.value = f[c_value];
        m.rows[f[c_case]] = r;
    }
    return m;
}

Sizes flat(const std::vector<Sizes>& groups) {
    Sizes out;
    for (const Sizes& g : groups) out.insert(out.end(), g.begin(), g.end());
    std::sort(out.begin(), out.end());
    return out;
}

std::string show(const Sizes& s) {
    std::string out;
    for (int64_t v : s) out += (out.empty() ? "" : "+") + std::to_string(v);
    return out.empty() ? "-" : out;
}

// An integer field of a `value` cell such as "co_code=22 slots=5 stacksize=2".
int64_t field(const std::string& value, const std::string& key) {
    for (const std::string& kv : split(value, ' '))
        if (kv.rfind(key + "=", 0) == 0) return std::stoll(kv.substr(key.size() + 1));
    return -1;
}

// Compares one profile's table row with one measured build and collects every difference.
// Expected figures are built in the profile's terms and turned into the build's: pyenv's 3.6.15
// has a GC header 8 bytes larger than upstream 3.6 (object_support.h), so each GC object's block
// and getsizeof is that much larger there.
class Comparison {
public:
    Comparison(const Profile& p, const TypeSizes& t, const Measurement& m, int64_t gc_extra)
        : p_(p), t_(t), m_(m), gc_extra_(gc_extra) {}

    std::vector<std::string> run() {
        callables();
        modules_and_code();
        classes();
        instances();
        slotted_and_builtin_bases();
        exceptions_frames_generators();
        iterators_and_small_objects();
        return failures_;
    }
    int compared() const { return compared_; }

private:
    const Profile& p_;
    const TypeSizes& t_;
    const Measurement& m_;
    int64_t gc_extra_;
    std::vector<std::string> failures_;
    int compared_ = 0;

    // As measured: a GC object of `basic` bytes; a managed-dict instance; a tuple of n items.
    int64_t gc(int64_t basic) const { return basic + p_.gc_head_size + gc_extra_; }
    int64_t inst(int64_t basic) const { return gc(basic) + t_.pre_header; }
    int64_t tuple(int n) const { return gc(24 + 8 * n); }
    int64_t frame_block(const Row& r) const {
        return gc(t_.frame + 8 * (field(r.value, "slots") + field(r.value, "stacksize")));
    }

    const Row* row(const std::string& name) {
        auto it = m_.rows.find(name);
        if (it == m_.rows.end()) {
            failures_.push_back("no measured row '" + name + "'");
            return nullptr;
        }
        return &it->second;
    }
    void eq(int64_t actual, int64_t expected, const std::string& what) {
        ++compared_;
        if (actual != expected)
            failures_.push_back(what + ": measured " + std::to_string(actual) + ", table gives " +
                                std::to_string(expected));
    }
    void fact(const std::string& name, const std::string& expected) {
        ++compared_;
        auto it = m_.facts.find(name);
        if (it == m_.facts.end() || it->second != expected)
            failures_.push_back("fact '" + name + "': measured " +
                                (it == m_.facts.end() ? std::string("nothing") : it->second) +
                                ", table gives " + expected);
    }
    // The basic size and sys.getsizeof of a case.
    void sized(const std::string& name, int64_t basic, int64_t getsizeof) {
        if (const Row* r = row(name)) {
            eq(r->basicsize, basic, name + " tp_basicsize");
            eq(r->getsizeof, getsizeof, name + " getsizeof");
        }
    }
    // The blocks a case requests, exactly (as a multiset); nothing on 2.7.
    void requests(const std::string& name, Sizes expected) {
        const Row* r = row(name);
        if (r == nullptr || !r->measured_requests) return;
        std::sort(expected.begin(), expected.end());
        ++compared_;
        if (flat(r->req) != expected)
            failures_.push_back(name + " requests: measured " + show(flat(r->req)) + ", table gives " +
                                show(expected));
    }
    // The blocks include these (others are the dict model's: keys tables), and number `count`.
    void requests_include(const std::string& name, Sizes expected, size_t count, bool first = false) {
        const Row* r = row(name);
        if (r == nullptr || !r->measured_requests) return;
        ++compared_;
        Sizes have = flat(first ? r->first : r->req);
        std::sort(expected.begin(), expected.end());
        Sizes missing;
        std::set_difference(expected.begin(), expected.end(), have.begin(), have.end(), std::back_inserter(missing));
        if (!missing.empty() || (count != 0 && have.size() != count))
            failures_.push_back(name + (first ? " first" : "") + " requests: measured " + show(have) +
                                ", table gives " + show(expected) + " among " + std::to_string(count));
    }

    void callables() {
        for (const char* name : {"function plain def", "lambda", "function with constant defaults (a=1,b=2)",
                                 "function with defaults (a=x,b=y)", "function closure"})
            sized(name, t_.function, gc(t_.function));
        requests("function plain def", {gc(t_.function)});
        requests("lambda", {gc(t_.function)});
        requests("function with defaults (a=x,b=y)", {gc(t_.function), tuple(2)});
        requests("function closure", {gc(t_.function), gc(t_.cell), tuple(1)});
        sized("bound method o.m", t_.method, gc(t_.method));
        requests("bound method o.m", {gc(t_.method)});
        sized("builtin method [].append", t_.builtin_function, gc(t_.builtin_function));
        requests("builtin method [].append", {gc(t_.builtin_function)});
        sized("builtin function len", t_.builtin_function, gc(t_.builtin_function));
        sized("method descriptor list.append", t_.method_descriptor, gc(t_.method_descriptor));
        sized("getset descriptor C.__dict__['__dict__']", t_.getset_descriptor, gc(t_.getset_descriptor));
        sized("member descriptor of __slots__", t_.getset_descriptor, gc(t_.getset_descriptor));
        for (const char* name : {"classmethod object", "staticmethod object"}) {
            sized(name, t_.classmethod, gc(t_.classmethod));
            if (t_.wrapper_dict_entries > 0)
                requests_include(name, {gc(t_.classmethod), gc(t_.instance_dict)}, 3);
            else
                requests(name, {gc(t_.classmethod)});
        }
        fact("entries of classmethod(f).__dict__ (copied from f, 3.10+)", std::to_string(t_.wrapper_dict_entries));
        sized("property object", t_.property, gc(t_.property));
        requests("property object", {gc(t_.property)});
    }

    void modules_and_code() {
        sized("module", t_.module, gc(t_.module));
        requests_include("module", {gc(t_.module), gc(t_.instance_dict)}, 3);
        requests_include("module __dict__", {gc(t_.instance_dict)}, 2);
        fact("entries of a new module's __dict__", std::to_string(t_.module_dict_entries));
        sized("class C mappingproxy C.__dict__", t_.mappingproxy, gc(t_.mappingproxy));
        requests("class C mappingproxy C.__dict__", {gc(t_.mappingproxy)});
        for (const char* name : {"code object of def f(): pass", "code object of def f(a, b): 1 local, 2 statements",
                                 "code object of a 10-local function", "code object of a 30-local function with a loop"}) {
            const Row* r = row(name);
            if (r == nullptr) continue;
            const int64_t len = field(r->value, "co_code");
            const int64_t size = t_.code_itemsize == 0 ? t_.code : (t_.code + t_.code_itemsize * (len / 2) + 7) / 8 * 8;
            sized(name, t_.code, size);  // not a GC object
            eq(r->itemsize, t_.code_itemsize, std::string(name) + " tp_itemsize");
        }
    }

    void classes() {
        const std::string stmt = "class statement class C: pass";
        sized(stmt, t_.heap_type, gc(t_.heap_type) + t_.cached_keys);
        if (const Row* r = row(stmt)) eq(r->itemsize, t_.member_def, stmt + " tp_itemsize");
        fact("class C: pass, type.__sizeof__(C) - type.__basicsize__ (cached keys bytes)", std::to_string(t_.cached_keys));
        fact("type.__basicsize__ / type.__itemsize__", std::to_string(t_.heap_type) + "/" + std::to_string(t_.member_def));
        auto it = m_.facts.find("keys of C.__dict__");
        eq(it == m_.facts.end() ? 0 : static_cast<int64_t>(split(it->second, ',').size()), t_.class_dict_entries,
           "entries of C.__dict__");
        // The heap type's block, the two getset descriptors, the weakref in object's subclass
        // table, the bases and mro tuples, the type's dict; then the keys tables and the int key.
        Sizes parts = {gc(t_.heap_type + t_.member_def), gc(t_.getset_descriptor), gc(t_.getset_descriptor),
                       gc(t_.weakref), tuple(1), tuple(2), gc(t_.instance_dict)};
        if (t_.cached_keys > 0) parts.push_back(t_.cached_keys);
        requests_include(stmt, parts, static_cast<size_t>(t_.class_statement_blocks));
        requests_include("class statement with one method", {gc(t_.heap_type + t_.member_def), gc(t_.function)}, 0);
        requests_include("class statement with __slots__=('a','b')", {gc(t_.heap_type + 3 * t_.member_def)}, 0);
        if (const Row* r = row("type object int")) {
            eq(r->sizeof_, t_.static_type_sizeof, "type.__sizeof__(int)");
            eq(r->getsizeof, t_.static_type_sizeof + (t_.static_type_counts_gc_head ? p_.gc_head_size : 0),
               "getsizeof(int)");
        }
    }

    // The split values array (<= 3.10) of an instance with n attributes: the cached keys double
    // from split_keys_slots until USABLE_FRACTION holds n.
    int64_t split_values(int n) const {
        int64_t slots = t_.split_keys_slots;
        while (slots * 2 / 3 < n) slots *= 2;
        return 8 * (slots * 2 / 3);
    }
    // Blocks of a steady-state instance of a class whose __init__ sets n attributes, and
    // whether all of them are known (false: a combined dict whose keys are the dict model's).
    Sizes instance_blocks(int n, bool* complete) const {
        *complete = true;
        const int64_t obj = inst(t_.instance);
        switch (t_.instance_layout) {
            case InstanceLayout::kDict:
                return {gc(t_.instance)};  // 2.7: getsizeof only
            case InstanceLayout::kSplitDict:
                if (n == 0) return {obj};
                return {obj, gc(t_.instance_dict), split_values(n)};
            case InstanceLayout::kPreHeaderValues:
                if (n <= t_.max_values_attrs()) return {obj, t_.values_bytes(t_.steady_values_capacity(n))};
                *complete = false;
                return {obj, gc(t_.instance_dict)};
            case InstanceLayout::kInlineValues:
                if (n <= t_.max_values_attrs()) return {obj + t_.values_bytes(t_.steady_values_capacity(n))};
                *complete = false;
                return {obj + t_.values_bytes(t_.max_values_attrs()), gc(t_.instance_dict)};
        }
        return {};
    }
    // Values capacity of the k-th instance (k = 1, 2, ...) of a fresh class, as allocated.
    int64_t kth_allocated_capacity(int k) const {
        return t_.shared_keys_max - k + (t_.values_sized_before_take ? 1 : 0);
    }
    void expect_instance(const std::string& name, int n, bool dict_read) {
        sized(name, t_.instance, inst(t_.instance));
        bool complete = true;
        Sizes blocks = instance_blocks(n, &complete);
        // Reading __dict__ makes a dict object where none exists: 3.11+ (the values stay where
        // they are), and <= 3.10 for an instance without attributes (dict and values).
        if (dict_read && complete) {
            if (t_.instance_layout == InstanceLayout::kSplitDict && n == 0)
                blocks = {inst(t_.instance), gc(t_.instance_dict), split_values(0)};
            else if (t_.pre_header > 0)
                blocks.push_back(gc(t_.instance_dict));
        }
        if (complete)
            requests(name, blocks);
        else
            requests_include(name, blocks, 3);
    }

    void instances() {
        sized("object()", t_.object, t_.object);
        requests("object()", {t_.object});
        for (int n : {0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 15, 20, 21, 22, 30, 31}) {
            const std::string name = "instance " + std::to_string(n) + (n == 1 ? " attr" : " attrs");
            expect_instance(name, n, false);
            // The first instance of a fresh class: values for 30 - 1 (3.11, 3.12) or a block for 30.
            if (t_.shared_keys_max > 0 && n <= t_.max_values_attrs()) {
                const int64_t first = t_.values_bytes(kth_allocated_capacity(1));
                if (t_.instance_layout == InstanceLayout::kInlineValues)
                    requests_include(name, {inst(t_.instance) + first}, 1, true);
                else
                    requests_include(name, {inst(t_.instance), first}, 2, true);
            }
            const std::string prefix = "instance " + std::to_string(n) + (n == 1 ? " attr" : " attrs") + ", fresh class: ";
            fact(prefix + "second instance: getsizeof(o) before / after reading o.__dict__",
                 std::to_string(inst(t_.instance)) + "/" + std::to_string(inst(t_.instance)));
            if (t_.instance_layout == InstanceLayout::kDict && n <= 5)
                fact(prefix + "second instance: getsizeof(o.__dict__)", std::to_string(gc(t_.instance_dict)));
        }
        for (int n : {0, 1, 2, 5, 10, 30})
            expect_instance("instance " + std::to_string(n) + (n == 1 ? " attr" : " attrs") + " then __dict__ read", n, true);
        for (int n : {0, 2, 10}) {
            const std::string name = "instance " + std::to_string(n) + " attrs second of its class";
            expect_instance(name, n, false);
            if (t_.shared_keys_max == 0) continue;
            const int64_t second = t_.values_bytes(kth_allocated_capacity(2));
            if (t_.instance_layout == InstanceLayout::kInlineValues)
                requests_include(name, {inst(t_.instance) + second}, 1, true);
            else
                requests_include(name, {inst(t_.instance), second}, 2, true);
        }
        expect_instance("instance 2 attrs set outside __init__", 2, false);
        for (int k = 0; k < 2; ++k) {
            const std::string name = k == 0 ? "instance __slots__=('a','b')" : "instance __slots__=('a','b') both set";
            sized(name, t_.object + 2 * 8, gc(t_.object + 2 * 8));
            requests(name, {gc(t_.object + 2 * 8)});
        }
    }

    void slotted_and_builtin_bases() {
        const int64_t slotted = t_.instance + 2 * 8;  // the base's two slots, then __dict__/__weakref__ as a plain class
        const std::string plain = "instance of subclass of __slots__=('a','b') class";
        const std::string with2 = "instance of subclass of __slots__ class, 2 attrs";
        sized(plain, slotted, inst(slotted));
        sized(with2, slotted, inst(slotted));
        switch (t_.instance_layout) {
            case InstanceLayout::kDict:
                break;
            case InstanceLayout::kSplitDict:
                requests(plain, {inst(slotted)});
                requests(with2, {inst(slotted), gc(t_.instance_dict), split_values(2)});
                break;
            case InstanceLayout::kPreHeaderValues:
            case InstanceLayout::kInlineValues:
                if (!t_.values_for_slotted_base) {  // 3.13: a dict and a values array on the first store
                    requests(plain, {inst(slotted)});
                    requests(with2, {inst(slotted), gc(t_.instance_dict), t_.values_bytes(t_.shared_keys_max)});
                } else if (t_.instance_layout == InstanceLayout::kPreHeaderValues) {
                    requests(plain, {inst(slotted), t_.values_bytes(1)});
                    requests(with2, {inst(slotted), t_.values_bytes(3)});
                } else {
                    requests(plain, {inst(slotted) + t_.values_bytes(1)});
                    requests(with2, {inst(slotted) + t_.values_bytes(3)});
                }
                break;
        }
        const int64_t list_sub = 40 + (t_.instance - t_.object);  // PyListObject, then as a plain class
        sized("instance of subclass of list", list_sub, inst(list_sub));
        requests("instance of subclass of list",
                 {inst(list_sub) + (t_.values_for_builtin_base ? t_.values_bytes(1) : 0)});
    }

    void exceptions_frames_generators() {
        for (const char* name : {"exception Exception()", "exception ValueError()"}) {
            sized(name, t_.base_exception, gc(t_.base_exception));
            requests(name, {gc(t_.base_exception)});
        }
        for (const char* name : {"exception Exception('x')", "exception KeyError('k')"}) {
            sized(name, t_.base_exception, gc(t_.base_exception));
            requests(name, {gc(t_.base_exception), tuple(1)});
        }
        const std::string tb = "traceback from sys.exc_info()[2]";
        sized(tb, t_.traceback, gc(t_.traceback));
        if (const Row* r = row(tb)) requests(tb, {gc(t_.traceback), frame_block(*r)});
        for (const char* name : {"frame of a function with 0 locals", "frame of a function with 5 locals"}) {
            const Row* r = row(name);
            if (r == nullptr) continue;
            sized(name, t_.frame, frame_block(*r) - (t_.frame_getsizeof_excludes_slot ? 8 : 0));
            eq(r->itemsize, 8, std::string(name) + " tp_itemsize");
            requests(name, {frame_block(*r)});
        }
        for (const char* name : {"generator 0 locals", "generator 1 local", "generator 5 locals",
                                 "generator 5 locals, 1 argument", "generator expression"}) {
            const Row* r = row(name);
            if (r == nullptr) continue;
            const int64_t slots = field(r->value, "slots") + field(r->value, "stacksize");
            const int64_t gen = gc(t_.generator + (t_.generator_embeds_frame ? 8 * slots : 0));
            sized(name, t_.generator, gen);
            eq(r->itemsize, t_.generator_embeds_frame ? 8 : 0, std::string(name) + " tp_itemsize");
            Sizes blocks = {gen};
            if (!t_.generator_embeds_frame) blocks.push_back(frame_block(*r));
            if (std::string(name) == "generator expression") {
                blocks.push_back(gc(t_.seq_iterator));  // iter(_l), its argument .0
                if (t_.generator_embeds_frame) blocks.push_back(gc(t_.function));  // the frame's f_funcobj
            }
            requests(name, blocks);
        }
    }

    void iterators_and_small_objects() {
        const int64_t seq = gc(t_.seq_iterator);
        for (const char* name : {"iter(list)", "iter(tuple)", "iter(str)", "reversed(list)"}) {
            sized(name, t_.seq_iterator, seq);
            requests(name, {seq});
        }
        for (const char* name : {"iter(range(10))", "reversed(range)"}) {  // not GC objects
            sized(name, t_.range_iterator, t_.range_iterator);
            requests(name, {t_.range_iterator});
        }
        if (p_.major == 3) sized("iter(range(2**64))", t_.range_iterator, t_.range_iterator);
        for (const char* name : {"iter(dict)", "iter(d.values())", "iter(d.items())"})
            sized(name, t_.dict_iterator, gc(t_.dict_iterator));
        requests("iter(dict)", {gc(t_.dict_iterator)});
        requests("iter(d.items())", {gc(t_.dict_iterator), tuple(2)});
        sized("dict view d.keys()", t_.dict_view, gc(t_.dict_view));
        requests("dict view d.keys()", {gc(t_.dict_view)});
        sized("iter(set)", t_.set_iterator, gc(t_.set_iterator));
        requests("iter(set)", {gc(t_.set_iterator)});
        sized("enumerate(a)", t_.enumerate, gc(t_.enumerate));
        requests("enumerate(a)", {gc(t_.enumerate), tuple(2), seq});
        sized("zip(a,b)", t_.zip, gc(t_.zip));
        requests("zip(a,b)", {gc(t_.zip), tuple(2), tuple(2), seq, seq});
        requests("zip(a,b,c)", {gc(t_.zip), tuple(3), tuple(3), seq, seq, seq});
        sized("map(f,a)", t_.map, gc(t_.map));
        requests("map(f,a)", {gc(t_.map), tuple(1), seq});
        sized("filter(f,a)", t_.filter, gc(t_.filter));
        requests("filter(f,a)", {gc(t_.filter), seq});
        for (const char* name : {"weakref.ref(o)", "weakref.ref(o, callback)", "weakref.proxy(o)"}) {
            sized(name, t_.weakref, gc(t_.weakref));
            requests(name, {gc(t_.weakref)});
        }
        sized("super(C, o)", t_.super, gc(t_.super));
        requests("super(C, o)", {gc(t_.super)});
        sized("cell", t_.cell, gc(t_.cell));
        requests("cell", {gc(t_.cell)});
        sized("slice(a,b)", t_.slice, gc(t_.slice));
        requests("slice(a,b)", {gc(t_.slice)});
    }
};

}  // namespace

TEST_CASE("every type-size figure equals the measurement of its profile's CPython build", "[type_sizes]") {
    for (const auto& [profile_name, build] : kBuilds) {
        const Measurement m = load(build);
        REQUIRE(m.rows.size() > 90);  // the file is there and whole
        const Profile& profile = *find_profile(profile_name);
        Comparison c(profile, type_sizes(profile), m, profile_name == "3.6" ? kPyenv36GcExtra : 0);
        const std::vector<std::string> failures = c.run();
        INFO(profile_name << " (" << build << ")");
        for (const std::string& f : failures) FAIL_CHECK(f);
        CHECK(failures.empty());
        CHECK(c.compared() > (profile_name == "2.7" ? 120 : 200));
    }
}

TEST_CASE("a wrong figure in the table is reported as a difference", "[type_sizes]") {
    const Profile& profile = *find_profile("3.12");
    const Measurement m = load("3.12.1");
    TypeSizes wrong = type_sizes(profile);
    wrong.function += 8;
    wrong.values_order_bytes = 0;
    Comparison c(profile, wrong, m, 0);
    const std::vector<std::string> failures = c.run();
    auto mentions = [&](const std::string& what) {
        return std::any_of(failures.begin(), failures.end(),
                           [&](const std::string& f) { return f.find(what) != std::string::npos; });
    };
    CHECK(mentions("function plain def getsizeof"));
    CHECK(mentions("instance 6 attrs requests"));
}

TEST_CASE("the derived 3.14 row agrees with Pyodide's 32-bit 3.14 build", "[type_sizes]") {
    // Structs of pointers only (and PyTypeObject, PyHeapTypeObject, PyMemberDef, PyGenObject and
    // PyFunctionObject, whose non-pointer fields pad out to the same proportion) are twice as
    // large on a 64-bit build.
    const Measurement m = load("3.14.2-wasm32");
    REQUIRE(m.rows.size() > 90);
    const TypeSizes& t = type_sizes(*find_profile("3.14"));
    auto basic32 = [&](const std::string& name) {
        auto it = m.rows.find(name);
        return it == m.rows.end() ? int64_t{-1} : it->second.basicsize;
    };
    const std::vector<std::pair<const char*, int64_t>> doubled = {
        {"function plain def", t.function}, {"bound method o.m", t.method},
        {"builtin method [].append", t.builtin_function}, {"method descriptor list.append", t.method_descriptor},
        {"getset descriptor C.__dict__['__dict__']", t.getset_descriptor}, {"classmethod object", t.classmethod},
        {"property object", t.property}, {"module", t.module}, {"class C mappingproxy C.__dict__", t.mappingproxy},
        {"class statement class C: pass", t.heap_type}, {"object()", t.object}, {"instance 0 attrs", t.instance},
        {"exception Exception()", t.base_exception}, {"generator 0 locals", t.generator},
        {"iter(list)", t.seq_iterator}, {"iter(range(10))", t.range_iterator}, {"iter(dict)", t.dict_iterator},
        {"dict view d.keys()", t.dict_view}, {"iter(set)", t.set_iterator}, {"enumerate(a)", t.enumerate},
        {"zip(a,b)", t.zip}, {"map(f,a)", t.map}, {"filter(f,a)", t.filter}, {"weakref.ref(o)", t.weakref},
        {"super(C, o)", t.super}, {"cell", t.cell}, {"slice(a,b)", t.slice}};
    for (const auto& [name, size] : doubled) {
        INFO(name);
        CHECK(2 * basic32(name) == size);
    }
    CHECK(2 * m.rows.at("type object int").sizeof_ == t.static_type_sizeof);
    CHECK(2 * m.rows.at("class statement class C: pass").itemsize == t.member_def);
    // Layout: the keys filled from __static_attributes__ hold all 30 attributes (one block); 31
    // overflow to a dict (three blocks); subclasses of a __slots__ class and of list keep their
    // values inline (one block).
    CHECK(flat(m.rows.at("instance 30 attrs").req).size() == 1);
    CHECK(flat(m.rows.at("instance 31 attrs").req).size() == 3);
    CHECK(t.keys_prefilled_from_static_attributes);
    CHECK(flat(m.rows.at("instance of subclass of __slots__ class, 2 attrs").req).size() == 1);
    CHECK(t.values_for_slotted_base);
    CHECK(flat(m.rows.at("instance of subclass of list").req).size() == 1);
    CHECK(t.values_for_builtin_base);
    CHECK(m.facts.at("entries of classmethod(f).__dict__ (copied from f, 3.10+)") == std::to_string(t.wrapper_dict_entries));
    CHECK(m.facts.at("entries of a new module's __dict__") == std::to_string(t.module_dict_entries));
}

TEST_CASE("each profile reads the row of its own version", "[type_sizes]") {
    CHECK(type_sizes(*find_profile("2.7")).instance_layout == InstanceLayout::kDict);
    CHECK(type_sizes(*find_profile("3.6")).instance_layout == InstanceLayout::kSplitDict);
    CHECK(type_sizes(*find_profile("3.10")).instance_layout == InstanceLayout::kSplitDict);
    CHECK(type_sizes(*find_profile("3.11")).instance_layout == InstanceLayout::kPreHeaderValues);
    CHECK(type_sizes(*find_profile("3.13")).instance_layout == InstanceLayout::kInlineValues);
    CHECK(type_sizes(*find_profile("3.12")).function == 144);
    CHECK(type_sizes(*find_profile("3.14")).function == 152);
    CHECK(type_sizes(*find_profile("3.14")).keys_prefilled_from_static_attributes);
    CHECK_FALSE(type_sizes(*find_profile("3.13")).keys_prefilled_from_static_attributes);
}
