// explain_identity: the question parsed, the names looked up in __main__, and the first reason
// that holds, checked in the order CPython's own caches would make two names share an object.
#include "lab/explain.h"

#include <cinttypes>
#include <cstdio>
#include <optional>

#include "interp/interp.h"
#include "object/abstract.h"
#include "object/dict_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "trace/trace_log.h"

namespace pymemlab {

namespace {

PyObject* lookup(const Runtime& rt, const Interp& in, const std::string& name) {
    if (in.main_dict == nullptr) return nullptr;
    int64_t pos = 0;
    PyObject *key = nullptr, *value = nullptr;
    while (dict_next(rt, in.main_dict, &pos, &key, &value))
        if (object_type_check(key, rt.builtins().str_type) && str_as_utf8(rt, key) == name) return value;
    return nullptr;
}

std::string hex(uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
    return buf;
}

std::string describe(const Runtime& rt, const PyObject* o) {
    return std::string("a ") + Py_TYPE(o)->tp_name + " at " + hex(rt.id(o)) + " (id " + std::to_string(rt.id(o)) + ")";
}

// Where the trace saw the object made (the last ObjectNew at its id), and what died there before.
struct Birth {
    size_t made = SIZE_MAX;      // event index, SIZE_MAX if never seen
    size_t start = 0;            // the snippet's first event: before it, the runtime made its own objects
    size_t before_run = 0;       // index of the run's first Line event: before it, the compiler ran
    size_t previous_death = SIZE_MAX;
    std::string previous_type;
};

Birth birth_of(const trace::TraceLog& log, size_t start, uint64_t id) {
    Birth b;
    b.start = start;
    b.before_run = log.size();
    size_t last_type = 0;
    for (size_t i = 0; i < log.size(); ++i) {
        const trace::Event e = log.at(i);
        if (e.kind == trace::EventKind::Line && b.before_run == log.size()) b.before_run = i;
        if (e.addr != id) continue;
        if (e.kind == trace::EventKind::ObjectNew) {
            if (b.made != SIZE_MAX && b.previous_death != SIZE_MAX) b.previous_type = log.type_name(static_cast<uint32_t>(last_type));
            b.made = i;
            last_type = e.arg;
        } else if (e.kind == trace::EventKind::ObjectDead) {
            b.previous_death = i;
        }
    }
    if (b.previous_death != SIZE_MAX && b.previous_death > b.made) b.previous_death = SIZE_MAX;  // died at the end
    return b;
}

// `b` is birth_of(log, start, rt.id(o)): one scan of the log per object asked about.
std::optional<std::string> shared_reason(const Runtime& rt, const Birth& b, PyObject* o) {
    const std::string kind = shared_kind(rt, o);
    if (kind == "singleton")
        return std::string("it is a singleton: CPython has exactly one ") + Py_TYPE(o)->tp_name + " object" +
               (rt.is_immortal(o) ? ", immortal in this version (its count never moves)" : "");
    if (kind == "empty tuple") return std::string("it is the empty tuple, which CPython keeps as a single shared object");
    if (kind == "small int") {
        bool overflow = false;
        return "it is the cached small int " + std::to_string(long_as_int64(rt, o, &overflow)) +
               ": CPython makes one object for each int from -5 to 256 and reuses it everywhere";
    }
    if (kind == "interned")
        return "it is an interned string: CPython keeps one copy of identifier-like string constants (and of "
               "strings passed to sys.intern), so equal ones are one object";
    if (b.made != SIZE_MAX && b.made >= b.start && b.made < b.before_run)
        return "it is a constant the compiler made before the code ran: equal constants in one code object are "
               "one entry of co_consts, so every use loads the same object";
    return std::nullopt;
}

std::string explain_one(const Runtime& rt, const trace::TraceLog& log, size_t start, const std::string& name,
                        PyObject* o) {
    std::string out = name + " is " + describe(rt, o) + ", refcount " + std::to_string(o->ob_refcnt) + ".";
    const Birth b = birth_of(log, start, rt.id(o));
    if (auto why = shared_reason(rt, b, o)) out += " Shared: " + *why + ".";
    if (b.previous_death != SIZE_MAX)
        out += " Its address was used before by " + (b.previous_type.empty() ? std::string("another object") : "a " + b.previous_type) +
               " that died at event " + std::to_string(b.previous_death) +
               ": a freed block is handed out again, so id() values repeat over a run.";
    return out;
}

// The question's grammar read by hand (std::regex would bring libc++'s locale machinery, a
// tenth of the WebAssembly module). Spaces are ASCII whitespace, names ASCII identifiers.
struct QuestionReader {
    std::string_view s;
    size_t i = 0;

    static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
    static bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
    static bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

    // Skips whitespace; true if there was some.
    bool spaces() {
        const size_t from = i;
        while (i < s.size() && is_space(s[i])) ++i;
        return i > from;
    }
    // After optional whitespace, the longest identifier.
    bool name(std::string* out) {
        spaces();
        if (i == s.size() || !is_name_start(s[i])) return false;
        const size_t from = i;
        while (i < s.size() && is_name_char(s[i])) ++i;
        out->assign(s.substr(from, i - from));
        return true;
    }
    // After optional whitespace, exactly `text`.
    bool literal(std::string_view text) {
        spaces();
        if (s.substr(i, text.size()) != text) return false;
        i += text.size();
        return true;
    }
    bool at_end() {
        spaces();
        return i == s.size();
    }
};

// "id(a) == id(b)", "a is b" or "a is not b" (then `b` may itself be "not": "x is not").
bool read_pair(std::string_view question, std::string* a, std::string* b) {
    QuestionReader id{question};
    if (id.literal("id(") && id.name(a) && id.literal(")") && id.literal("==") && id.literal("id(") && id.name(b) &&
        id.literal(")") && id.at_end())
        return true;
    QuestionReader is{question};
    if (!is.name(a) || !is.spaces() || !is.literal("is")) return false;
    const size_t after_is = is.i;
    if (is.spaces() && is.literal("not") && is.spaces() && is.name(b) && is.at_end()) return true;
    is.i = after_is;
    return is.spaces() && is.name(b) && is.at_end();
}

}  // namespace

std::string shared_kind(const Runtime& rt, const PyObject* o) {
    const Builtins& bt = rt.builtins();
    const Singletons& s = bt.singletons;
    if (o == s.none || o == s.true_ || o == s.false_ || o == s.ellipsis || o == s.not_implemented) return "singleton";
    if (o == bt.empty_tuple) return "empty tuple";
    for (int v = -5; v <= 256; ++v)
        if (bt.small_ints[v + 5] == o) return "small int";
    if (object_type_check(o, bt.str_type) && str_is_interned(rt, o)) return "interned";
    return "";
}

std::string shared_kind(const Runtime& rt, const trace::TraceLog& log, size_t start, const PyObject* o) {
    std::string kind = shared_kind(rt, o);
    if (!kind.empty()) return kind;
    // Made between the snippet's start and its first line: by the compiler, a constant. Only that
    // stretch of the log is read.
    const uint64_t id = rt.id(o);
    for (size_t i = start; i < log.size(); ++i) {
        const trace::Event e = log.at(i);
        if (e.kind == trace::EventKind::Line) break;
        if (e.kind == trace::EventKind::ObjectNew && e.addr == id) kind = "constant";
        if (e.kind == trace::EventKind::ObjectDead && e.addr == id) kind.clear();
    }
    return kind;
}

std::string explain_identity(const Runtime& rt, const Interp& in, const trace::TraceLog& log, size_t start,
                             std::string_view question) {
    QuestionReader q{question};
    std::string a, b;
    if (q.name(&a) && q.at_end()) {
        PyObject* o = lookup(rt, in, a);
        if (o == nullptr) return "name '" + a + "' is not bound in __main__ at the end of the run.";
        return explain_one(rt, log, start, a, o);
    }
    if (!read_pair(question, &a, &b))
        return "The lab explains questions of the forms 'a is b', 'a is not b', 'id(a) == id(b)' or 'a', where a "
               "and b are names of __main__.";
    PyObject* x = lookup(rt, in, a);
    PyObject* y = lookup(rt, in, b);
    for (const auto& [n, o] : {std::pair{a, x}, std::pair{b, y}})
        if (o == nullptr) return "name '" + n + "' is not bound in __main__ at the end of the run.";
    if (x == y) {
        std::string out = a + " and " + b + " are the same object, " + describe(rt, x) + ". ";
        if (auto why = shared_reason(rt, birth_of(log, start, rt.id(x)), x)) return out + "Why: " + *why + ".";
        return out + "Why: one object was bound to both names (an assignment such as " + b + " = " + a +
                     ", or one call that returned the same object).";
    }
    std::string out = a + " and " + b + " are two distinct objects: " + a + " is " + describe(rt, x) + ", " + b +
                      " is " + describe(rt, y) + ".";
    if (Py_TYPE(x) == Py_TYPE(y) && object_type_check(x, rt.builtins().long_type)) {
        bool overflow = false;
        const int64_t v = long_as_int64(rt, x, &overflow);
        if (!overflow && (v < -5 || v > 256))
            out += " Ints outside -5..256 are not cached: each computation makes a new object.";
    }
    if (Py_TYPE(x) == Py_TYPE(y) && object_type_check(x, rt.builtins().str_type) && !str_is_interned(rt, x))
        out += " A string made at run time (or one that is not identifier-like) is not interned.";
    return out;
}

}  // namespace pymemlab
