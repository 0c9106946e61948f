// The objgraph module (objgraph 3.6 by Marius Gedminas) over the model's gc module: count,
// typestats, most_common_types, growth and their show_ forms, get_leaking_objects, by_type, at,
// find_ref_chain, find_backref_chain, with objgraph's signatures and printed text. The show_*
// graphs are objgraph_dot.cpp; shared helpers objgraph_internal.h (objgraph_support.cpp).
#include <algorithm>
#include <cstdio>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "interp/ceval_internal.h"
#include "interp/modules.h"
#include "interp/objgraph_internal.h"
#include "interp/stable_sort.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
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



// `objects`, or gc.get_objects() when it is None (after gc.collect() when `collect_first`).
bool objects_arg(Runtime& rt, PyObject* module, PyObject* objects, bool collect_first, std::vector<PyObject*>* out) {
    if (!absent(rt, objects)) return collect_items(rt, objects, out);
    if (collect_first) {
        PyObject* r = gc_call(rt, module, "collect");
        if (r == nullptr) return false;
        rt.decref(r);
    }
    PyObject* all = gc_call(rt, module, "get_objects");
    if (all == nullptr) return false;
    const bool ok = collect_items(rt, all, out);
    rt.decref(all);
    return ok;
}

bool typename_arg(Runtime& rt, const char* fname, PyObject* o, std::string* out) {
    if (!str_check(rt, o)) {
        // `'.' in typename` on a non-str raises TypeError, as objgraph does.
        err_format(rt, rt.builtins().exc.TypeError, "argument of type '%s' is not iterable",
                   type_name_of(o).c_str());
        return false;
    }
    (void)fname;
    *out = str_as_utf8(rt, o);
    return true;
}

// The objects among `objects` whose type name is `typename` (count and by_type).
bool matching(Runtime& rt, PyObject* module, PyObject* typename_obj, PyObject* objects, const char* fname,
              std::vector<PyObject*>* found) {
    std::string want;
    if (!typename_arg(rt, fname, typename_obj, &want)) return false;
    std::vector<PyObject*> items;
    if (!objects_arg(rt, module, objects, false, &items)) return false;
    const bool shortnames = want.find('.') == std::string::npos;
    TypeNames names(rt);
    std::string name;
    for (PyObject* o : items) {
        if (!names.get(o, shortnames, &name)) {
            release_items(rt, items);
            release_items(rt, *found);
            return false;
        }
        if (name == want) found->push_back(new_ref(rt, o));
    }
    release_items(rt, items);
    return true;
}

PyObject* list_of(Runtime& rt, std::vector<PyObject*>& items) {
    PyObject* list = list_new(rt, 0);
    bool ok = list != nullptr;
    for (PyObject* o : items) ok = ok && list_append(rt, list, o);
    release_items(rt, items);
    if (!ok) {
        rt.xdecref(list);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return list;
}

PyObject* og_count(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!parse_params(rt, "count", {"typename", "objects"}, 1, args, nargs, kw, a)) return nullptr;
    std::vector<PyObject*> found;
    if (!matching(rt, m, a[0], a[1], "count", &found)) return nullptr;
    const int64_t n = static_cast<int64_t>(found.size());
    release_items(rt, found);
    return long_from_int64(rt, n);
}

PyObject* og_by_type(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!parse_params(rt, "by_type", {"typename", "objects"}, 1, args, nargs, kw, a)) return nullptr;
    std::vector<PyObject*> found;
    if (!matching(rt, m, a[0], a[1], "by_type", &found)) return nullptr;
    return list_of(rt, found);
}

// typestats as (name, count) in the order names were first met, as objgraph's dict keeps them.
using Stats = std::vector<std::pair<std::string, int64_t>>;

bool typestats_of(Runtime& rt, PyObject* module, PyObject* objects, bool shortnames, PyObject* filter,
                  bool collect_first, Stats* stats) {
    std::vector<PyObject*> items;
    if (!objects_arg(rt, module, objects, collect_first, &items)) return false;
    TypeNames names(rt);
    std::unordered_map<std::string, size_t> index;
    std::string name;
    bool ok = true;
    for (PyObject* o : items) {
        if (filter != nullptr) {
            const int keep = call_predicate(rt, filter, o);
            if (keep < 0) ok = false;
            if (keep <= 0) {
                if (!ok) break;
                continue;
            }
        }
        if (!(ok = names.get(o, shortnames, &name))) break;
        auto [it, added] = index.emplace(name, stats->size());
        if (added) stats->emplace_back(name, 0);
        ++(*stats)[it->second].second;
    }
    release_items(rt, items);
    return ok;
}

// The filter argument: a callable, or null for None / missing ("if filter and not filter(o)").
bool filter_arg(Runtime& rt, PyObject* o, PyObject** out) {
    *out = nullptr;
    if (o == nullptr) return true;
    const int truth = object_is_true(rt, o);
    if (truth < 0) return false;
    if (truth > 0) *out = o;
    return true;
}

PyObject* stats_dict(Runtime& rt, const Stats& stats) {
    PyObject* d = dict_new(rt);
    if (d == nullptr) return err_no_memory(rt);
    for (const auto& [name, n] : stats) {
        PyObject* k = str_from_utf8(rt, name);
        PyObject* v = long_from_int64(rt, n);
        const bool ok = k != nullptr && v != nullptr && dict_setitem(rt, d, k, v);
        rt.xdecref(k);
        rt.xdecref(v);
        if (!ok) {
            rt.decref(d);
            return err_occurred(rt) ? nullptr : err_no_memory(rt);
        }
    }
    return d;
}

PyObject* og_typestats(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[3];
    if (!parse_params(rt, "typestats", {"objects", "shortnames", "filter"}, 0, args, nargs, kw, a)) return nullptr;
    const int shortnames = flag(rt, a[1], true);
    PyObject* filter = nullptr;
    Stats stats;
    if (shortnames < 0 || !filter_arg(rt, a[2], &filter) ||
        !typestats_of(rt, m, a[0], shortnames != 0, filter, false, &stats))
        return nullptr;
    return stats_dict(rt, stats);
}

// `limit` as objgraph uses it: `if limit: stats = stats[:limit]`. Sets *use false for a false
// limit; *n may be negative (a slice from the end).
bool limit_arg(Runtime& rt, PyObject* o, int64_t fallback, bool* use, int64_t* n) {
    *use = true;
    *n = fallback;
    if (o == nullptr) return true;
    const int truth = object_is_true(rt, o);
    if (truth < 0) return false;
    if (truth == 0) {
        *use = false;
        return true;
    }
    if (!long_check(o)) {
        err_set_string(rt, rt.builtins().exc.TypeError,
                       "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    bool overflow = false;
    *n = long_as_int64(rt, o, &overflow);
    if (overflow) *n = *n < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    return true;
}

template <typename T>
void apply_limit(std::vector<T>& v, bool use, int64_t n) {
    if (!use) return;
    const int64_t size = static_cast<int64_t>(v.size());
    int64_t keep = n >= 0 ? std::min(n, size) : std::max<int64_t>(0, size + n);
    v.resize(static_cast<size_t>(keep));
}

// sorted(stats.items(), key=itemgetter(1), reverse=True): stable, so ties keep dict order.
void sort_by_count(Stats& stats) {
    stable_sort_small(stats, [](const auto& x, const auto& y) { return x.second > y.second; });
}

bool most_common(Runtime& rt, PyObject* m, PyObject* limit, PyObject* objects, PyObject* shortnames_arg,
                 PyObject* filter_obj, Stats* stats) {
    bool use = true;
    int64_t n = 10;
    const int shortnames = flag(rt, shortnames_arg, true);
    PyObject* filter = nullptr;
    if (shortnames < 0 || !limit_arg(rt, limit, 10, &use, &n) || !filter_arg(rt, filter_obj, &filter) ||
        !typestats_of(rt, m, objects, shortnames != 0, filter, false, stats))
        return false;
    sort_by_count(*stats);
    apply_limit(*stats, use, n);
    return true;
}

PyObject* og_most_common_types(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[4];
    if (!parse_params(rt, "most_common_types", {"limit", "objects", "shortnames", "filter"}, 0, args, nargs, kw, a))
        return nullptr;
    Stats stats;
    if (!most_common(rt, m, a[0], a[1], a[2], a[3], &stats)) return nullptr;
    PyObject* list = list_new(rt, 0);
    bool ok = list != nullptr;
    for (const auto& [name, count] : stats) {
        if (!ok) break;
        PyObject* t = tuple_new(rt, 2);
        if (t == nullptr) {
            ok = false;
            break;
        }
        tuple_items(t)[0] = str_from_utf8(rt, name);
        tuple_items(t)[1] = long_from_int64(rt, count);
        ok = tuple_items(t)[0] != nullptr && tuple_items(t)[1] != nullptr && list_append(rt, list, t);
        rt.decref(t);
    }
    if (!ok) {
        rt.xdecref(list);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return list;
}

// max(len(name) for ...) of an empty table raises as max() does in the profile's version.
bool table_width(Runtime& rt, const std::vector<std::string>& names, int* width) {
    if (names.empty()) {
        err_set_string(rt, rt.builtins().exc.ValueError,
                       rt.profile().at_least(3, 12) ? "max() iterable argument is empty"
                                                    : "max() arg is an empty sequence");
        return false;
    }
    size_t w = 0;
    for (const std::string& s : names) w = std::max(w, utf8_length(s));
    *width = static_cast<int>(w);
    return true;
}

// '%-*s' of a str: padded to `width` code points.
std::string left_justify(const std::string& s, int width) {
    std::string out = s;
    for (size_t n = utf8_length(s); n < static_cast<size_t>(width); ++n) out += ' ';
    return out;
}

PyObject* og_show_most_common_types(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs,
                                    PyObject* kw) {
    PyObject* a[5];
    if (!parse_params(rt, "show_most_common_types", {"limit", "objects", "shortnames", "file", "filter"}, 0, args,
                      nargs, kw, a))
        return nullptr;
    Stats stats;
    if (!most_common(rt, m, a[0], a[1], a[2], a[4], &stats)) return nullptr;
    std::vector<std::string> names;
    for (const auto& s : stats) names.push_back(s.first);
    int width = 0;
    if (!table_width(rt, names, &width)) return nullptr;
    for (const auto& [name, count] : stats)
        if (!write_to(rt, a[3], left_justify(name, width) + " " + std::to_string(count) + "\n")) return nullptr;
    return none(rt);
}

struct Growth {
    std::string name;
    int64_t count;
    int64_t delta;
};

// growth(): typestats after gc.collect(), against and into `peak_stats` (a dict name -> peak).
bool growth_of(Runtime& rt, PyObject* m, PyObject* limit, PyObject* peak_stats, PyObject* shortnames_arg,
               PyObject* filter_obj, std::vector<Growth>* out) {
    bool use = true;
    int64_t n = 10;
    const int shortnames = flag(rt, shortnames_arg, true);
    PyObject* filter = nullptr;
    Stats stats;
    if (shortnames < 0 || !limit_arg(rt, limit, 10, &use, &n) || !filter_arg(rt, filter_obj, &filter) ||
        !typestats_of(rt, m, nullptr, shortnames != 0, filter, true, &stats))
        return false;
    for (const auto& [name, count] : stats) {
        PyObject* key = str_from_utf8(rt, name);
        if (key == nullptr) return err_no_memory(rt), false;
        // peak_stats.get(name, 0)
        PyObject* zero = long_from_int64(rt, 0);
        PyObject* args[] = {key, zero};
        PyObject* old = object_call_method(rt, peak_stats, "get", args, 2);
        rt.decref(zero);
        bool overflow = false;
        int64_t old_count = 0;
        if (old != nullptr && long_check(old)) old_count = long_as_int64(rt, old, &overflow);
        rt.xdecref(old);
        bool ok = old != nullptr;
        if (ok && count > old_count) {
            out->push_back({name, count, count - old_count});
            PyObject* v = long_from_int64(rt, count);
            ok = v != nullptr && object_setitem(rt, peak_stats, key, v) == 0;
            rt.xdecref(v);
        }
        rt.decref(key);
        if (!ok) return false;
    }
    stable_sort_small(*out, [](const Growth& x, const Growth& y) { return x.delta > y.delta; });
    apply_limit(*out, use, n);
    return true;
}

// growth()'s default peak_stats: one dict kept for the module's life, as the def's default is.
PyObject* default_peak_stats(Runtime& rt, PyObject* m) {
    PyObject* d = dict_get_ascii(rt, module_dict(m), "_peak_stats");
    if (d != nullptr) return d;
    d = dict_new(rt);
    if (d == nullptr || !module_add_object(rt, m, "_peak_stats", d)) return nullptr;
    return dict_get_ascii(rt, module_dict(m), "_peak_stats");
}

PyObject* og_growth(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[4];
    if (!parse_params(rt, "growth", {"limit", "peak_stats", "shortnames", "filter"}, 0, args, nargs, kw, a))
        return nullptr;
    PyObject* peak = a[1] != nullptr ? a[1] : default_peak_stats(rt, m);
    std::vector<Growth> rows;
    if (peak == nullptr || !growth_of(rt, m, a[0], peak, a[2], a[3], &rows)) return nullptr;
    PyObject* list = list_new(rt, 0);
    bool ok = list != nullptr;
    for (const Growth& g : rows) {
        if (!ok) break;
        PyObject* t = tuple_new(rt, 3);
        if (t == nullptr) {
            ok = false;
            break;
        }
        tuple_items(t)[0] = str_from_utf8(rt, g.name);
        tuple_items(t)[1] = long_from_int64(rt, g.count);
        tuple_items(t)[2] = long_from_int64(rt, g.delta);
        ok = list_append(rt, list, t);
        rt.decref(t);
    }
    if (!ok) {
        rt.xdecref(list);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return list;
}

PyObject* og_show_growth(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[5];
    if (!parse_params(rt, "show_growth", {"limit", "peak_stats", "shortnames", "file", "filter"}, 0, args, nargs,
                      kw, a))
        return nullptr;
    PyObject* peak = !absent(rt, a[1]) ? a[1] : default_peak_stats(rt, m);
    std::vector<Growth> rows;
    if (peak == nullptr || !growth_of(rt, m, a[0], peak, a[2], a[4], &rows)) return nullptr;
    if (rows.empty()) return none(rt);
    std::vector<std::string> names;
    for (const Growth& g : rows) names.push_back(g.name);
    int width = 0;
    table_width(rt, names, &width);
    for (const Growth& g : rows) {
        char numbers[64];
        std::snprintf(numbers, sizeof numbers, "%9lld %+9lld\n", static_cast<long long>(g.count),
                      static_cast<long long>(g.delta));
        if (!write_to(rt, a[3], left_justify(g.name, width) + numbers)) return nullptr;
    }
    return none(rt);
}

// Referents as gc.get_referents(o) lists them: a new reference to the list.
PyObject* referents_of(Runtime& rt, PyObject* m, PyObject* o) { return gc_call(rt, m, "get_referents", o); }

PyObject* og_get_leaking_objects(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    if (!parse_params(rt, "get_leaking_objects", {"objects"}, 0, args, nargs, kw, a)) return nullptr;
    std::vector<PyObject*> items;
    if (!objects_arg(rt, m, a[0], true, &items)) return nullptr;
    std::unordered_set<uint64_t> ids;
    for (PyObject* o : items) ids.insert(rt.id(o));
    for (PyObject* o : items) {
        PyObject* refs = referents_of(rt, m, o);
        if (refs == nullptr) {
            release_items(rt, items);
            return nullptr;
        }
        for (Py_ssize_t i = 0; i < Py_SIZE(refs); ++i) ids.erase(rt.id(list_items(refs)[i]));
        rt.decref(refs);
    }
    std::vector<PyObject*> leaking;
    for (PyObject* o : items)
        if (ids.count(rt.id(o))) leaking.push_back(new_ref(rt, o));
    release_items(rt, items);
    return list_of(rt, leaking);
}

PyObject* og_at(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    if (!parse_params(rt, "at", {"addr"}, 1, args, nargs, kw, a)) return nullptr;
    std::vector<PyObject*> items;
    if (!objects_arg(rt, m, nullptr, false, &items)) return nullptr;
    PyObject* found = nullptr;
    for (PyObject* o : items) {
        PyObject* id = long_from_int64(rt, static_cast<int64_t>(rt.id(o)));
        const int eq = id != nullptr ? object_richcompare_bool(rt, id, a[0], Py_EQ) : -1;
        rt.xdecref(id);
        if (eq < 0) {
            release_items(rt, items);
            return nullptr;
        }
        if (eq > 0) {
            found = new_ref(rt, o);
            break;
        }
    }
    release_items(rt, items);
    return found != nullptr ? found : none(rt);
}

PyObject* og_at_addrs(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    if (!parse_params(rt, "at_addrs", {"address_set"}, 1, args, nargs, kw, a)) return nullptr;
    std::vector<PyObject*> items, found;
    if (!objects_arg(rt, m, nullptr, false, &items)) return nullptr;
    for (PyObject* o : items) {
        PyObject* id = long_from_int64(rt, static_cast<int64_t>(rt.id(o)));
        const int in = id != nullptr ? sequence_contains(rt, a[0], id) : -1;
        rt.xdecref(id);
        if (in < 0) {
            release_items(rt, items);
            release_items(rt, found);
            return nullptr;
        }
        if (in > 0) found.push_back(new_ref(rt, o));
    }
    release_items(rt, items);
    return list_of(rt, found);
}

// _find_chain: breadth first from obj along edge_func (get_referents or get_referrers) to the
// first object the predicate accepts; [obj] when none is found within max_depth. The chain runs
// from the found object back to obj.
PyObject* find_chain(Runtime& rt, PyObject* m, const char* fname, const char* edge_func, bool reverse,
                     PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[4];
    if (!parse_params(rt, fname, {"obj", "predicate", "max_depth", "extra_ignore"}, 2, args, nargs, kw, a))
        return nullptr;
    PyObject* obj = a[0];
    PyObject* predicate = a[1];
    int64_t max_depth = 20;
    if (a[2] != nullptr) {
        bool overflow = false;
        if (!long_check(a[2])) {
            return err_format(rt, rt.builtins().exc.TypeError, "'<' not supported between instances of 'int' and '%s'",
                              type_name_of(a[2]).c_str());
        }
        max_depth = long_as_int64(rt, a[2], &overflow);
    }
    std::unordered_set<uint64_t> ignore;
    if (!ignore_ids(rt, a[3], &ignore)) return nullptr;
    PyObject* collected = gc_call(rt, m, "collect");
    if (collected == nullptr) return nullptr;
    rt.decref(collected);
    // The queue holds its objects; parent maps an id to the object it was reached from, and every
    // object it names is also held by `held` until the search ends.
    std::deque<PyObject*> queue{new_ref(rt, obj)};
    std::unordered_map<uint64_t, int64_t> depth{{rt.id(obj), 0}};
    std::unordered_map<uint64_t, PyObject*> parent{{rt.id(obj), nullptr}};
    std::vector<PyObject*> held;
    PyObject* result = nullptr;
    bool failed = false;
    while (!queue.empty() && result == nullptr && !failed) {
        PyObject* target = queue.front();
        queue.pop_front();
        held.push_back(target);
        const int hit = call_predicate(rt, predicate, target);
        if (hit < 0) {
            failed = true;
            break;
        }
        if (hit > 0) {
            std::vector<PyObject*> chain{new_ref(rt, target)};
            for (PyObject* p = parent[rt.id(target)]; p != nullptr; p = parent[rt.id(p)])
                chain.push_back(new_ref(rt, p));
            if (reverse) std::reverse(chain.begin(), chain.end());
            result = list_of(rt, chain);
            if (result == nullptr) failed = true;
            break;
        }
        const int64_t tdepth = depth[rt.id(target)];
        if (tdepth >= max_depth) continue;
        PyObject* neighbours = gc_call(rt, m, edge_func, target);
        if (neighbours == nullptr) {
            failed = true;
            break;
        }
        ignore.insert(rt.id(neighbours));
        for (Py_ssize_t i = 0; i < Py_SIZE(neighbours); ++i) {
            PyObject* source = list_items(neighbours)[i];
            const uint64_t sid = rt.id(source);
            if (ignore.count(sid) || depth.count(sid)) continue;
            depth[sid] = tdepth + 1;
            parent[sid] = target;
            queue.push_back(new_ref(rt, source));
        }
        rt.decref(neighbours);
    }
    if (result == nullptr && !failed) {
        std::vector<PyObject*> alone{new_ref(rt, obj)};
        result = list_of(rt, alone);
    }
    for (PyObject* o : queue) rt.decref(o);
    release_items(rt, held);
    return result;
}

PyObject* og_find_ref_chain(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_chain(rt, m, "find_ref_chain", "get_referents", true, args, nargs, kw);
}

PyObject* og_find_backref_chain(Runtime& rt, PyObject* m, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_chain(rt, m, "find_backref_chain", "get_referrers", false, args, nargs, kw);
}

PyObject* og_is_proper_module(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    if (!parse_params(rt, "is_proper_module", {"obj"}, 1, args, nargs, kw, a)) return nullptr;
    return bool_from(rt, is_proper_module(rt, a[0]));
}

const PyMethodDef kObjgraphFunctions[] = {
    {"count", og_count, 0},
    {"typestats", og_typestats, 0},
    {"most_common_types", og_most_common_types, 0},
    {"show_most_common_types", og_show_most_common_types, 0},
    {"growth", og_growth, 0},
    {"show_growth", og_show_growth, 0},
    {"get_leaking_objects", og_get_leaking_objects, 0},
    {"by_type", og_by_type, 0},
    {"at", og_at, 0},
    {"at_addrs", og_at_addrs, 0},
    {"find_ref_chain", og_find_ref_chain, 0},
    {"find_backref_chain", og_find_backref_chain, 0},
    {"show_backrefs", show_backrefs, 0},
    {"show_refs", show_refs, 0},
    {"show_chain", show_chain, 0},
    {"is_proper_module", og_is_proper_module, 0},
    {nullptr, nullptr, 0},
};

}  // namespace
}  // namespace pymemlab::objgraph

namespace pymemlab {

PyObject* make_objgraph_module(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* m = module_new(rt, "objgraph");
    if (m == nullptr) return nullptr;
    bool ok = module_add_functions(rt, m, objgraph::kObjgraphFunctions) &&
              module_add_object(rt, m, "__version__", str_from_utf8(rt, "3.6.2"));
    // objgraph.py's own imports: the functions reach gc and sys through these globals.
    for (const char* name : {"gc", "sys"}) {
        if (!ok) break;
        PyObject* key = str_from_utf8(rt, name);
        PyObject* imported = key != nullptr ? import_name(in, key, nullptr) : nullptr;
        rt.xdecref(key);
        ok = imported != nullptr && module_add_object(rt, m, name, imported);
    }
    if (!ok) {
        rt.decref(m);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return m;
}

}  // namespace pymemlab
