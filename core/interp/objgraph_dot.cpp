// objgraph's show_refs, show_backrefs and show_chain (objgraph.py's _show_graph): a breadth-first
// walk along gc.get_referents or gc.get_referrers that writes objgraph's DOT text — node ids
// o<id>, labels with the type name, refcount and short repr, edge labels, grey by depth. The lab
// has no Graphviz: the DOT text goes to the host (Interp::graph, which the Lab keeps and the CLI
// writes with --graph-dir), and objgraph prints what it prints when neither xdot nor dot is found.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "interp/modules.h"
#include "interp/objgraph_internal.h"
#include "interp/stable_sort.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"

namespace pymemlab::objgraph {

namespace {

// show_refs / show_backrefs parameters, in objgraph's order.
const std::vector<const char*> kShowParams = {"objs",       "max_depth", "extra_ignore", "filter",
                                              "too_many",   "highlight", "filename",     "extra_info",
                                              "refcounts",  "shortnames", "output",      "extra_node_attrs"};
enum ShowParam { kObjs, kMaxDepth, kExtraIgnore, kFilter, kTooMany, kHighlight, kFilename, kExtraInfo,
                 kRefcounts, kShortnames, kOutput, kExtraNodeAttrs, kShowParamCount };
static_assert(kShowParamCount == 12);

struct GraphOptions {
    PyObject* a[kShowParamCount] = {};
    // show_chain's in_chains filter: only these ids (instead of a Python filter).
    const std::unordered_set<uint64_t>* only = nullptr;
};

std::string node_id(Runtime& rt, PyObject* o) { return "o" + std::to_string(rt.id(o)); }

// _quote: backslashes, quotes, newlines and NULs escaped for a DOT string.
std::string quote(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else if (c == '\0') out += "\\\\0";
        else out += c;
    }
    return out;
}

std::string fmt_g(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

bool repr40(Runtime& rt, PyObject* o, std::string* out) {
    std::string r;
    if (!object_repr_utf8(rt, o, &r)) return false;
    *out = utf8_prefix(r, 40);
    return true;
}

PyObject* attr(Runtime& rt, PyObject* o, const char* name) { return object_getattr_string(rt, o, name); }

// _name_or_repr: value.__name__ when it is a str, else repr(value)[:40].
bool name_or_repr(Runtime& rt, PyObject* value, std::string* out) {
    PyObject* name = attr(rt, value, "__name__");
    if (name == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.AttributeError)) return false;
        err_clear(rt);
        return repr40(rt, value, out);
    }
    const bool is_str = str_check(rt, name);
    if (is_str) *out = str_as_utf8(rt, name);
    rt.decref(name);
    return is_str || repr40(rt, value, out);
}

// _short_repr; false with an exception set (the caller prints '(unrepresentable)').
bool short_repr(Runtime& rt, PyObject* o, std::string* out) {
    const Builtins& b = rt.builtins();
    if (object_type_check(o, b.type_type) || module_check(rt, o) || object_type_check(o, b.builtin_function_type))
        return name_or_repr(rt, o, out);
    if (object_type_check(o, b.method_type)) {
        PyObject* func = attr(rt, o, "__func__");
        if (func == nullptr || !name_or_repr(rt, func, out)) {
            rt.xdecref(func);
            return false;
        }
        rt.decref(func);
        PyObject* self = attr(rt, o, "__self__");
        const int truth = self != nullptr ? object_is_true(rt, self) : -1;
        rt.xdecref(self);
        if (truth < 0) return false;
        if (truth > 0) *out += " (bound)";
        return true;
    }
    if (object_type_check(o, b.function_type)) {
        std::string name;
        PyObject* n = attr(rt, o, "__name__");
        if (n == nullptr || !object_str_utf8(rt, n, &name)) {
            rt.xdecref(n);
            return false;
        }
        rt.decref(n);
        if (name == "<lambda>") {
            PyObject* code = attr(rt, o, "__code__");
            PyObject* file = code != nullptr ? attr(rt, code, "co_filename") : nullptr;
            PyObject* line = file != nullptr ? attr(rt, code, "co_firstlineno") : nullptr;
            std::string f, l;
            const bool ok = line != nullptr && object_str_utf8(rt, file, &f) && object_str_utf8(rt, line, &l);
            rt.xdecref(code);
            rt.xdecref(file);
            rt.xdecref(line);
            if (!ok) return false;
            const size_t slash = f.rfind('/');
            *out = "lambda: " + (slash == std::string::npos ? f : f.substr(slash + 1)) + ":" + l;
            return true;
        }
    }
    if (b.frame_type != nullptr && object_type_check(o, b.frame_type)) {
        PyObject* code = attr(rt, o, "f_code");
        PyObject* file = code != nullptr ? attr(rt, code, "co_filename") : nullptr;
        PyObject* line = file != nullptr ? attr(rt, o, "f_lineno") : nullptr;
        std::string f, l;
        const bool ok = line != nullptr && object_str_utf8(rt, file, &f) && object_str_utf8(rt, line, &l);
        rt.xdecref(code);
        rt.xdecref(file);
        rt.xdecref(line);
        if (ok) *out = f + ":" + l;
        return ok;
    }
    for (PyTypeObject* t : {b.tuple_type, b.list_type, b.dict_type, b.set_type}) {
        if (!object_type_check(o, t)) continue;
        const Py_ssize_t n = object_length(rt, o);
        if (n < 0) return false;
        *out = std::to_string(n) + " items";
        return true;
    }
    return repr40(rt, o, out);
}

std::string safe_repr(Runtime& rt, PyObject* o) {
    std::string s;
    if (short_repr(rt, o, &s)) return s;
    err_clear(rt);
    return "(unrepresentable)";
}

// `target is getattr(source, name, None)`.
bool attr_is(Runtime& rt, PyObject* source, const char* name, PyObject* target) {
    PyObject* v = attr(rt, source, name);
    if (v == nullptr) {
        err_clear(rt);
        return false;
    }
    rt.decref(v);
    return v == target;
}

// ASCII identifiers only, as objgraph's _is_identifier regex '[a-zA-Z_][a-zA-Z_0-9]*$'.
bool is_identifier(std::string_view s) {
    if (s.empty()) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(s[0])) return false;
    return std::all_of(s.begin() + 1, s.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

// _edge_label(source, target): why source refers to target, when objgraph can tell.
bool edge_label(Runtime& rt, PyObject* source, PyObject* target, bool shortnames, TypeNames& names,
                std::string* out) {
    const Builtins& b = rt.builtins();
    out->clear();
    if (object_type_check(target, b.dict_type) && attr_is(rt, source, "__dict__", target)) {
        *out = " [label=\"__dict__\",weight=10]";
        return true;
    }
    if (b.frame_type != nullptr && object_type_check(source, b.frame_type)) {
        if (attr_is(rt, source, "f_locals", target)) return *out = " [label=\"f_locals\",weight=10]", true;
        if (attr_is(rt, source, "f_globals", target)) return *out = " [label=\"f_globals\",weight=10]", true;
    }
    if (object_type_check(source, b.method_type)) {
        if (attr_is(rt, source, "__self__", target)) return *out = " [label=\"__self__\",weight=10]", true;
        if (attr_is(rt, source, "__func__", target)) return *out = " [label=\"__func__\",weight=10]", true;
    }
    if (object_type_check(source, b.function_type)) {
        // for k in dir(source): if target is getattr(source, k). dir() is sorted; the names a
        // function's referents can have are added in case the model's dir() lacks them.
        PyObject* dir = dict_get_ascii(rt, interp_of(rt).builtins_dict, "dir");
        PyObject* keys = dir != nullptr ? object_call_one(rt, dir, source) : nullptr;
        if (keys == nullptr) return false;
        std::vector<PyObject*> items;
        const bool ok = collect_items(rt, keys, &items);
        rt.decref(keys);
        if (!ok) return false;
        std::vector<std::string> names_sorted = {"__annotations__", "__builtins__", "__closure__", "__code__",
                                                 "__defaults__",    "__dict__",     "__doc__",     "__globals__",
                                                 "__kwdefaults__",  "__module__",   "__name__",    "__qualname__",
                                                 "__type_params__"};
        for (PyObject* k : items)
            if (str_check(rt, k)) names_sorted.push_back(str_as_utf8(rt, k));
        release_items(rt, items);
        std::sort(names_sorted.begin(), names_sorted.end());
        names_sorted.erase(std::unique(names_sorted.begin(), names_sorted.end()), names_sorted.end());
        for (const std::string& k : names_sorted) {
            PyObject* v = attr(rt, source, k.c_str());
            if (v == nullptr) err_clear(rt);
            rt.xdecref(v);
            if (v != nullptr && v == target) {
                *out = " [label=\"" + quote(k) + "\",weight=10]";
                return true;
            }
        }
    }
    if (object_type_check(source, b.dict_type)) {
        for (PyObject* k : dict_keys(rt, source)) {
            if (dict_getitem(rt, source, k) != target) continue;
            if (str_check(rt, k) && is_identifier(str_as_utf8(rt, k))) {
                *out = " [label=\"" + quote(str_as_utf8(rt, k)) + "\",weight=2]";
            } else {
                std::string tn;
                if (!names.get(k, shortnames, &tn)) return false;
                *out = " [label=\"" + quote(tn + "\n" + safe_repr(rt, k)) + "\"]";
            }
            return true;
        }
    }
    return true;
}

// _obj_attrs: ', name="value", ...' from extra_node_attrs(obj), sorted by name, None values left out.
bool node_attrs(Runtime& rt, PyObject* extra_node_attrs, PyObject* o, std::string* out) {
    out->clear();
    if (absent(rt, extra_node_attrs)) return true;
    PyObject* attrs = object_call_one(rt, extra_node_attrs, o);
    if (attrs == nullptr) return false;
    PyObject* items = object_call_method(rt, attrs, "items", nullptr, 0);
    rt.decref(attrs);
    std::vector<PyObject*> pairs;
    const bool ok = items != nullptr && collect_items(rt, items, &pairs);
    rt.xdecref(items);
    if (!ok) return false;
    std::vector<std::pair<std::string, std::string>> kv;
    bool good = true;
    for (PyObject* p : pairs) {
        if (!tuple_check(rt, p) || Py_SIZE(p) != 2) continue;
        PyObject* v = tuple_items(p)[1];
        if (v == rt.builtins().singletons.none) continue;
        std::string name;
        if (!object_str_utf8(rt, tuple_items(p)[0], &name)) {
            good = false;
            break;
        }
        if (!str_check(rt, v)) {
            err_format(rt, rt.builtins().exc.AttributeError, "'%s' object has no attribute 'replace'",
                       type_name_of(v).c_str());
            good = false;
            break;
        }
        kv.emplace_back(name, str_as_utf8(rt, v));
    }
    release_items(rt, pairs);
    if (!good) return false;
    stable_sort_small(kv, [](const auto& x, const auto& y) { return x.first < y.first; });
    *out = ", ";
    for (size_t i = 0; i < kv.size(); ++i) *out += (i ? ", " : "") + kv[i].first + "=\"" + quote(kv[i].second) + "\"";
    return true;
}

struct Hsv {
    double h, s, v;
};

// _gradient: start colour at depth 0 to end colour at max_depth.
Hsv gradient(Hsv start, Hsv end, int64_t depth, int64_t max_depth) {
    if (max_depth == 0) return start;
    const double f = static_cast<double>(depth) / static_cast<double>(max_depth);
    return {start.h * (1 - f) + end.h * f, start.s * (1 - f) + end.s * f, start.v * (1 - f) + end.v * f};
}

bool int_option(Runtime& rt, PyObject* o, int64_t fallback, int64_t* out) {
    *out = fallback;
    if (o == nullptr) return true;
    if (!long_check(o)) {
        err_format(rt, rt.builtins().exc.TypeError, "'<' not supported between instances of 'int' and '%s'",
                   type_name_of(o).c_str());
        return false;
    }
    bool overflow = false;
    *out = long_as_int64(rt, o, &overflow);
    return true;
}

// The refcount objgraph's label shows: sys.getrefcount(obj) - 4 inside _obj_label, where the
// frames of _obj_label and _show_graph and getrefcount's argument hold 3 references, and up to
// 3.10 the call's argument on _show_graph's stack a fourth. `held` is what the lab's walk holds
// that objgraph's own objects do not.
int64_t label_refcount(Runtime& rt, PyObject* o, int64_t held) {
    if (rt.is_immortal(o)) return rt.profile().immortal_refcnt - 4;
    const int64_t frames = rt.profile().at_least(3, 11) ? 3 : 4;
    return static_cast<int64_t>(o->ob_refcnt) - held + frames - 4;
}

// _show_graph. Returns None, or nullptr with an exception set.
PyObject* show_graph(Runtime& rt, PyObject* m, const GraphOptions& opt, bool backrefs) {
    const Builtins& b = rt.builtins();
    PyObject* const* a = opt.a;
    PyObject* objs = a[kObjs];
    int64_t max_depth = 3, too_many = 10;
    const int refcounts = flag(rt, a[kRefcounts], false);
    const int shortnames = flag(rt, a[kShortnames], true);
    if (!int_option(rt, a[kMaxDepth], 3, &max_depth) || !int_option(rt, a[kTooMany], 10, &too_many) ||
        refcounts < 0 || shortnames < 0)
        return nullptr;
    PyObject* filename = a[kFilename];
    PyObject* output = a[kOutput];
    const int has_filename = filename != nullptr ? object_is_true(rt, filename) : 0;
    const int has_output = output != nullptr ? object_is_true(rt, output) : 0;
    if (has_filename < 0 || has_output < 0) return nullptr;
    if (has_filename && has_output)
        return err_set_string(rt, b.exc.ValueError, "Cannot specify both output and filename.");
    std::string filename_text;
    if (has_filename && !object_str_utf8(rt, filename, &filename_text)) return nullptr;
    const bool dot_file = has_filename && filename_text.size() >= 4 &&
                          filename_text.compare(filename_text.size() - 4, 4, ".dot") == 0;

    // if not isinstance(objs, (list, tuple)): objs = [objs]
    std::vector<PyObject*> roots;
    const bool wrapped = !object_type_check(objs, b.list_type) && !object_type_check(objs, b.tuple_type);
    if (wrapped) {
        rt.incref(objs);
        roots.push_back(objs);
    } else if (!collect_items(rt, objs, &roots)) {
        return nullptr;
    }
    std::unordered_set<uint64_t> ignore;
    if (!ignore_ids(rt, a[kExtraIgnore], &ignore)) {
        release_items(rt, roots);
        return nullptr;
    }
    if (!wrapped) ignore.insert(rt.id(objs));
    PyObject* filter = nullptr;
    if (a[kFilter] != nullptr) {
        const int truth = object_is_true(rt, a[kFilter]);
        if (truth < 0) return release_items(rt, roots), nullptr;
        if (truth > 0) filter = a[kFilter];
    }
    PyObject* highlight = absent(rt, a[kHighlight]) ? nullptr : a[kHighlight];
    PyObject* extra_info = absent(rt, a[kExtraInfo]) ? nullptr : a[kExtraInfo];

    std::string dot = "digraph ObjectGraph {\n  node[shape=box, style=filled, fillcolor=white];\n";
    // The queue holds a reference to each entry, as objgraph's queue list does.
    std::deque<PyObject*> queue;
    std::unordered_map<uint64_t, int64_t> depth;
    for (PyObject* o : roots) {
        dot += "  " + node_id(rt, o) + "[fontcolor=red];\n";
        depth[rt.id(o)] = 0;
        rt.incref(o);
        queue.push_back(o);
    }
    PyObject* collected = gc_call(rt, m, "collect");
    bool ok = collected != nullptr;
    rt.xdecref(collected);
    TypeNames names(rt);
    // _show_graph's loop variables outlive their iteration and hold their objects, which shows in
    // refcounts: `source` stays bound after a `continue` (only an edge ends with `del source`),
    // `srcnode` and `tgtnode` keep the last edge's ends. Held here the same way.
    PyObject* var_source = nullptr;
    PyObject* var_srcnode = nullptr;
    PyObject* var_tgtnode = nullptr;
    auto bind = [&rt](PyObject*& var, PyObject* o) {
        if (o != nullptr) rt.incref(o);
        rt.xdecref(var);
        var = o;
    };
    int64_t nodes = 0;
    const char* edge_func = backrefs ? "get_referrers" : "get_referents";
    while (ok && !queue.empty()) {
        ++nodes;
        PyObject* target = queue.front();
        queue.pop_front();
        // The queue's reference, given up when this iteration ends however it ends.
        struct Release {
            Runtime& rt;
            PyObject* o;
            ~Release() { rt.decref(o); }
        } release_target{rt, target};
        const int64_t tdepth = depth[rt.id(target)];
        const std::string id = node_id(rt, target);
        // _obj_label
        std::string label;
        if (!(ok = names.get(target, shortnames != 0, &label))) break;
        if (refcounts) {
            // Held here: `target`, and (unless objs was wrapped, when the copy stands for
            // objgraph's own [objs] list) the copy of objs' items.
            const int64_t copies = wrapped ? 0 : std::count(roots.begin(), roots.end(), target);
            label += " [" + std::to_string(label_refcount(rt, target, 1 + copies)) + "]";
        }
        label += "\n" + safe_repr(rt, target);
        if (extra_info != nullptr) {
            PyObject* info = object_call_one(rt, extra_info, target);
            std::string text;
            ok = info != nullptr && object_str_utf8(rt, info, &text);
            rt.xdecref(info);
            if (!ok) break;
            label += "\n" + text;
        }
        std::string attrs;
        if (!(ok = node_attrs(rt, a[kExtraNodeAttrs], target, &attrs))) break;
        dot += "  " + id + "[label=\"" + quote(label) + "\"" + attrs + "];\n";
        Hsv c = gradient({0, 0, 1}, {0, 0, .3}, tdepth, max_depth);
        if (module_check(rt, target)) c.h = .3, c.s = 1;
        if (highlight != nullptr) {
            const int hit = call_predicate(rt, highlight, target);
            if (!(ok = hit >= 0)) break;
            if (hit) c = {.6, .6, 0.5 + c.v * 0.5};
        }
        dot += "  " + id + "[fillcolor=\"" + fmt_g(c.h) + "," + fmt_g(c.s) + "," + fmt_g(c.v) + "\"];\n";
        if (c.v < 0.5) dot += "  " + id + "[fontcolor=white];\n";
        // hasattr(getattr(target, '__class__', None), '__del__')
        PyObject* cls = attr(rt, target, "__class__");
        if (cls == nullptr) err_clear(rt);
        PyObject* del = cls != nullptr ? attr(rt, cls, "__del__") : nullptr;
        if (cls != nullptr && del == nullptr) err_clear(rt);
        rt.xdecref(cls);
        rt.xdecref(del);
        if (del != nullptr) {
            dot += "  " + id + "->" + id + "_has_a_del[color=red,style=dotted,len=0.25,weight=10];\n";
            dot += "  " + id + "_has_a_del[label=\"__del__\",shape=doublecircle,height=0.25,color=red,"
                   "fillcolor=\"0,.5,1\",fontsize=6];\n";
        }
        if (tdepth >= max_depth || (backrefs && is_proper_module(rt, target))) continue;
        PyObject* neighbours = gc_call(rt, m, edge_func, target);
        if (!(ok = neighbours != nullptr)) break;
        ignore.insert(rt.id(neighbours));
        int64_t n = 0, skipped = 0;
        for (Py_ssize_t i = 0; ok && i < Py_SIZE(neighbours); ++i) {
            PyObject* source = list_items(neighbours)[i];
            bind(var_source, source);
            if (ignore.count(rt.id(source))) continue;
            if (opt.only != nullptr && !opt.only->count(rt.id(source))) continue;
            if (filter != nullptr) {
                const int keep = call_predicate(rt, filter, source);
                if (!(ok = keep >= 0)) break;
                if (!keep) continue;
            }
            if (n >= too_many) {
                ++skipped;
                continue;
            }
            PyObject* src = backrefs ? source : target;
            PyObject* tgt = backrefs ? target : source;
            bind(var_srcnode, src);
            bind(var_tgtnode, tgt);
            std::string elabel;
            if (!(ok = edge_label(rt, src, tgt, shortnames != 0, names, &elabel))) break;
            dot += "  " + node_id(rt, src) + " -> " + node_id(rt, tgt) + elabel + ";\n";
            if (!depth.count(rt.id(source))) {
                depth[rt.id(source)] = tdepth + 1;
                rt.incref(source);
                queue.push_back(source);
            }
            ++n;
            bind(var_source, nullptr);
        }
        rt.decref(neighbours);
        if (ok && skipped > 0) {
            const Hsv s = gradient({0, 1, 1}, {0, 1, .3}, tdepth + 1, max_depth);
            const std::string label = std::to_string(skipped) + (backrefs ? " more backreferences" : " more references");
            const std::string edge = backrefs ? "too_many_" + id + "->" + id : id + "->too_many_" + id;
            dot += "  " + edge + "[color=red,style=dotted,len=0.25,weight=10];\n";
            dot += "  too_many_" + id + "[label=\"" + label + "\",shape=box,height=0.25,color=red,fillcolor=\"" +
                   fmt_g(s.h) + "," + fmt_g(s.s) + "," + fmt_g(s.v) + "\",fontsize=6];\n";
            dot += "  too_many_" + id + "[fontcolor=white];\n";
        }
    }
    for (PyObject* o : queue) rt.decref(o);
    for (PyObject* var : {var_source, var_srcnode, var_tgtnode}) rt.xdecref(var);
    release_items(rt, roots);
    if (!ok) return nullptr;
    dot += "}\n";

    Interp& in = interp_of(rt);
    ++in.graphs_drawn;
    if (has_output) {
        PyObject* text = str_from_utf8(rt, dot);
        PyObject* r = text != nullptr ? object_call_method(rt, output, "write", &text, 1) : nullptr;
        rt.xdecref(text);
        if (r == nullptr) return nullptr;
        rt.decref(r);
        if (in.graph) in.graph("objgraph-" + std::to_string(in.graphs_drawn), dot);
        rt.incref(b.singletons.none);
        return b.singletons.none;
    }
    // Without Graphviz: the .dot file is the result (objgraph's temporary file when no .dot
    // filename was asked for), and _present_graph says it found neither xdot nor dot.
    std::string name;
    std::string dot_filename;
    if (dot_file) {
        dot_filename = filename_text;
        const size_t slash = dot_filename.rfind('/');
        name = dot_filename.substr(slash == std::string::npos ? 0 : slash + 1);
        name.resize(name.size() - 4);
    } else {
        name = "objgraph-" + std::to_string(in.graphs_drawn);
        dot_filename = name + ".dot";
    }
    if (in.graph) in.graph(name, dot);
    std::string message = "Graph written to " + dot_filename + " (" + std::to_string(nodes) + " nodes)\n";
    if (!dot_file)
        message += has_filename ? "Image renderer (dot) not found, not doing anything else\n"
                                : "Graph viewer (xdot) and image renderer (dot) not found, not doing anything else\n";
    if (!write_to(rt, nullptr, message)) return nullptr;
    rt.incref(b.singletons.none);
    return b.singletons.none;
}

PyObject* show(Runtime& rt, PyObject* m, const char* fname, bool backrefs, PyObject* const* args, Py_ssize_t nargs,
               PyObject* kwnames) {
    GraphOptions opt;
    if (!parse_params(rt, fname, kShowParams, 1, args, nargs, kwnames, opt.a)) return nullptr;
    return show_graph(rt, m, opt, backrefs);
}

}  // namespace

PyObject* show_refs(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    return show(rt, m, "show_refs", false, args, nargs, kwnames);
}

PyObject* show_backrefs(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    return show(rt, m, "show_backrefs", true, args, nargs, kwnames);
}

// show_chain(*chains, backrefs=True, **kw): the chains' last (or first) objects drawn with a
// filter that keeps only the chains' objects, max_depth the longest chain's length less one.
PyObject* show_chain(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    bool backrefs = true;
    std::vector<PyObject*> kw_names;
    std::vector<PyObject*> kw_values;
    const Py_ssize_t nkw = kwnames == nullptr ? 0 : Py_SIZE(kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* key = tuple_items(kwnames)[k];
        if (str_as_utf8(rt, key) == "backrefs") {
            const int truth = object_is_true(rt, args[nargs + k]);
            if (truth < 0) return nullptr;
            backrefs = truth > 0;
            continue;
        }
        kw_names.push_back(key);
        kw_values.push_back(args[nargs + k]);
    }
    const char* fname = backrefs ? "show_backrefs" : "show_refs";
    // chains = [chain for chain in chains if chain]
    // [chain[-1] for chain in chains if chain] (chain[0] for show_refs): the chain lists hold the
    // rest, so nothing else is held here (it would show in refcounts).
    PyObject* ends = list_new(rt, 0);
    if (ends == nullptr) return err_no_memory(rt);
    std::unordered_set<uint64_t> ids;
    size_t longest = 0;
    bool ok = true;
    for (Py_ssize_t i = 0; ok && i < nargs; ++i) {
        const int truth = object_is_true(rt, args[i]);
        if (truth <= 0) {
            ok = truth == 0;
            continue;
        }
        std::vector<PyObject*> items;
        if (!(ok = collect_items(rt, args[i], &items))) break;
        for (PyObject* o : items) ids.insert(rt.id(o));
        longest = std::max(longest, items.size());
        if (!items.empty()) ok = list_append(rt, ends, backrefs ? items.back() : items.front());
        release_items(rt, items);
    }
    PyObject* result = nullptr;
    if (ok && Py_SIZE(ends) == 0) {
        err_set_string(rt, rt.builtins().exc.ValueError, rt.profile().at_least(3, 12)
                                                             ? "max() iterable argument is empty"
                                                             : "max() arg is an empty sequence");
        ok = false;
    }
    GraphOptions opt;
    if (ok) {
        std::vector<PyObject*> call_args = {ends};
        call_args.insert(call_args.end(), kw_values.begin(), kw_values.end());
        PyObject* names = tuple_new(rt, static_cast<int64_t>(kw_names.size()));
        for (size_t k = 0; names != nullptr && k < kw_names.size(); ++k) {
            rt.incref(kw_names[k]);
            tuple_items(names)[k] = kw_names[k];
        }
        ok = names != nullptr && parse_params(rt, fname, kShowParams, 1, call_args.data(), 1, names, opt.a);
        rt.xdecref(names);
        if (ok && (opt.a[kMaxDepth] != nullptr || opt.a[kFilter] != nullptr)) {
            err_format(rt, rt.builtins().exc.TypeError, "%s() got multiple values for keyword argument '%s'", fname,
                       opt.a[kMaxDepth] != nullptr ? "max_depth" : "filter");
            ok = false;
        }
    }
    PyObject* depth = ok ? long_from_int64(rt, static_cast<int64_t>(longest) - 1) : nullptr;
    if (depth != nullptr) {
        opt.a[kMaxDepth] = depth;
        opt.only = &ids;
        result = show_graph(rt, m, opt, backrefs);
        rt.decref(depth);
    }
    rt.decref(ends);
    if (result == nullptr && !err_occurred(rt)) err_no_memory(rt);
    return result;
}

}  // namespace pymemlab::objgraph
