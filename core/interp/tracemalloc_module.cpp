// The _tracemalloc module (Modules/_tracemalloc.c's Python face) over the model's allocation
// tracing (Runtime::start_tracing, traced_blocks): each PyObject_Malloc/Realloc and PyMem_Malloc
// request of the model is a trace, attributed to the current line of the innermost Python frames
// as CPython's hooks attribute it. The classes of `tracemalloc` (Snapshot, Statistic, ...) are
// Python, as in CPython: tracemalloc_source.cpp. tracemalloc does not exist in 2.7.
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interp/code_object.h"
#include "interp/frame.h"
#include "interp/modules.h"
#include "interp/stable_sort.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"

namespace pymemlab {

std::string tracemalloc_source(const Profile& p);  // tracemalloc_source.cpp

namespace {

// MAX_NFRAME: tracemalloc.start()'s limit.
constexpr int64_t kMaxNframe = 65535;

// The tracebacks allocations were made at, each stored once (CPython's tracemalloc_tracebacks):
// frames from the most recent, as (filename index, line).
struct TracebackTable {
    using Frames = std::vector<std::pair<uint32_t, int32_t>>;
    int64_t nframe = 1;
    std::vector<std::string> filenames;
    std::unordered_map<std::string, uint32_t> filename_ids;
    std::vector<Frames> tracebacks;
    std::map<Frames, uint32_t> ids;

    uint32_t filename_id(const std::string& name) {
        auto [it, added] = filename_ids.emplace(name, static_cast<uint32_t>(filenames.size()));
        if (added) filenames.push_back(name);
        return it->second;
    }
};

// Runtime::trace_where: the traceback of the allocation being made. It allocates nothing in the
// model (the interpreter may be in the middle of building an object). Once the interpreter is
// gone (the runtime's teardown), an allocation has no Python frame: <unknown>:0.
struct Where {
    Runtime* rt;
    std::shared_ptr<TracebackTable> table;

    uint32_t operator()() const {
        TracebackTable& t = *table;
        TracebackTable::Frames frames;
        auto* in = static_cast<Interp*>(rt->tstate().interp);
        for (Frame* f = in != nullptr ? in->frame : nullptr; f != nullptr && static_cast<int64_t>(frames.size()) < t.nframe;
             f = f->back) {
            PyObject* filename = f->code != nullptr ? as_code(f->code)->co_filename.p : nullptr;
            const std::string name = filename != nullptr ? str_as_utf8(*rt, filename) : "<unknown>";
            frames.emplace_back(t.filename_id(name), f->line);
        }
        if (frames.empty()) frames.emplace_back(t.filename_id("<unknown>"), 0);
        auto [it, added] = t.ids.emplace(frames, static_cast<uint32_t>(t.tracebacks.size()));
        if (added) t.tracebacks.push_back(std::move(frames));
        return it->second;
    }
};

TracebackTable& table_of(Runtime& rt) {
    if (rt.trace_where) return *static_cast<TracebackTable*>(rt.trace_where_state.get());
    auto table = std::make_shared<TracebackTable>();
    rt.trace_where = Where{&rt, table};
    rt.trace_where_state = table;
    return *table;
}


bool no_args(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kw) {
    return check_no_args(rt, "_tracemalloc", name, nargs, kw);
}

PyObject* tm_is_tracing(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "is_tracing", nargs, kw)) return nullptr;
    return bool_from(rt, rt.is_tracing());
}

PyObject* tm_start(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    const ArgsSpec spec{"start", 0, 1, ArgStyle::kPositional, {nullptr}};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    int64_t nframe = 1;
    if (a[0] != nullptr && !arg_as_ssize(rt, a[0], &nframe, IntConv::kInt)) return nullptr;
    if (nframe < 1 || nframe > kMaxNframe)
        return err_format(rt, rt.builtins().exc.ValueError, "the number of frames must be in range [1; %d]",
                          static_cast<int>(kMaxNframe));
    table_of(rt).nframe = nframe;
    if (!rt.is_tracing()) rt.start_tracing();
    return none(rt);
}

PyObject* tm_stop(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "stop", nargs, kw)) return nullptr;
    rt.stop_tracing();
    return none(rt);
}

PyObject* tm_clear_traces(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "clear_traces", nargs, kw)) return nullptr;
    if (rt.is_tracing()) rt.start_tracing();
    return none(rt);
}

PyObject* tm_get_traceback_limit(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "get_traceback_limit", nargs, kw)) return nullptr;
    return long_from_int64(rt, table_of(rt).nframe);
}

PyObject* pair_of(Runtime& rt, int64_t a, int64_t b) {
    PyObject* t = tuple_new(rt, 2);
    if (t == nullptr) return err_no_memory(rt);
    tuple_items(t)[0] = long_from_int64(rt, a);
    tuple_items(t)[1] = long_from_int64(rt, b);
    return t;
}

PyObject* tm_get_traced_memory(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "get_traced_memory", nargs, kw)) return nullptr;
    // Read before the result's own allocations are traced.
    const int64_t current = static_cast<int64_t>(rt.traced_bytes()), peak = static_cast<int64_t>(rt.traced_peak());
    return pair_of(rt, current, peak);
}

PyObject* tm_reset_peak(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "reset_peak", nargs, kw)) return nullptr;
    rt.reset_traced_peak();
    return none(rt);
}

// The model's figure for tracemalloc's own tables: a hashtable entry (key, size, traceback) per
// trace, and per traceback its header and frames, as _tracemalloc.c lays them out on 64-bit.
PyObject* tm_get_tracemalloc_memory(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "get_tracemalloc_memory", nargs, kw)) return nullptr;
    const TracebackTable& t = table_of(rt);
    int64_t bytes = static_cast<int64_t>(rt.traced_blocks().size()) * 40;
    for (const auto& frames : t.tracebacks) bytes += 16 + 16 * static_cast<int64_t>(frames.size()) + 32;
    for (const auto& name : t.filenames) bytes += 49 + static_cast<int64_t>(name.size()) + 32;
    return long_from_int64(rt, bytes);
}

// A traceback as _tracemalloc returns it: ((filename, lineno), ...) from the most recent frame.
PyObject* traceback_tuple(Runtime& rt, const TracebackTable& t, uint32_t id) {
    // Copies: each allocation below is traced, and may add a traceback to the table.
    std::vector<std::pair<std::string, int32_t>> frames;
    for (const auto& [file, line] : t.tracebacks.at(id)) frames.emplace_back(t.filenames[file], line);
    PyObject* tuple = tuple_new(rt, static_cast<int64_t>(frames.size()));
    if (tuple == nullptr) return err_no_memory(rt);
    for (size_t i = 0; i < frames.size(); ++i) {
        PyObject* frame = tuple_new(rt, 2);
        if (frame == nullptr) {
            rt.decref(tuple);
            return err_no_memory(rt);
        }
        tuple_items(frame)[0] = str_from_utf8(rt, frames[i].first);
        tuple_items(frame)[1] = long_from_int64(rt, frames[i].second);
        tuple_items(tuple)[i] = frame;
    }
    return tuple;
}

// _get_traces(): [(domain, size, traceback), ...], in address order (the model's answer to
// CPython's hashtable order, so runs are deterministic).
PyObject* tm_get_traces(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!no_args(rt, "_get_traces", nargs, kw)) return nullptr;
    PyObject* list = list_new(rt, 0);
    if (list == nullptr) return err_no_memory(rt);
    if (!rt.is_tracing()) return list;
    const TracebackTable& t = table_of(rt);
    struct Trace {
        uint64_t address;
        int64_t size;
        uint32_t where;
    };
    // Copied first: the list's own allocations are traced as it grows.
    std::vector<Trace> traces;
    const auto& where = rt.traced_where();
    for (const auto& [block, size] : rt.traced_blocks()) {
        auto w = where.find(block);
        if (w == where.end()) continue;
        traces.push_back({rt.allocator().address_of(block), static_cast<int64_t>(size), w->second});
    }
    stable_sort_small(traces, [](const Trace& x, const Trace& y) { return x.address < y.address; });
    std::unordered_map<uint32_t, PyObject*> tuples;  // one traceback tuple per traceback, shared
    bool ok = true;
    // As in CPython, what fills the list is not traced (set_reentrant(1)); the list was.
    rt.set_trace_reentrant(true);
    for (const Trace& tr : traces) {
        PyObject*& tb = tuples[tr.where];
        if (tb == nullptr && (tb = traceback_tuple(rt, t, tr.where)) == nullptr) {
            ok = false;
            break;
        }
        PyObject* item = tuple_new(rt, 3);
        if (item == nullptr) {
            ok = false;
            break;
        }
        rt.incref(tb);
        tuple_items(item)[0] = long_from_int64(rt, 0);
        tuple_items(item)[1] = long_from_int64(rt, tr.size);
        tuple_items(item)[2] = tb;
        ok = list_append(rt, list, item);
        rt.decref(item);
        if (!ok) break;
    }
    rt.set_trace_reentrant(false);
    for (auto& [id, tb] : tuples) rt.xdecref(tb);
    if (!ok) {
        rt.decref(list);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return list;
}

PyObject* tm_get_object_traceback(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!check_one_arg(rt, "_tracemalloc", "_get_object_traceback", nargs, kw)) return nullptr;
    if (!rt.is_tracing()) return none(rt);
    const auto& where = rt.traced_where();
    auto w = where.find(rt.block_of(args[0]));
    if (w == where.end()) return none(rt);
    return traceback_tuple(rt, table_of(rt), w->second);
}

const PyMethodDef kTracemallocFunctions[] = {
    {"is_tracing", tm_is_tracing, 0},
    {"start", tm_start, 0},
    {"stop", tm_stop, 0},
    {"clear_traces", tm_clear_traces, 0},
    {"get_traceback_limit", tm_get_traceback_limit, 0},
    {"get_traced_memory", tm_get_traced_memory, 0},
    {"get_tracemalloc_memory", tm_get_tracemalloc_memory, 0},
    {"_get_traces", tm_get_traces, 0},
    {"_get_object_traceback", tm_get_object_traceback, 0},
    {nullptr, nullptr, 0},
};
const PyMethodDef kResetPeak[] = {{"reset_peak", tm_reset_peak, 0}, {nullptr, nullptr, 0}};  // 3.9+

}  // namespace

PyObject* make_tracemalloc_c_module(Interp& in) {
    Runtime& rt = in.rt;
    if (rt.profile().major == 2) return nullptr;  // no such module: ImportError
    PyObject* m = module_new(rt, "_tracemalloc");
    if (m == nullptr) return nullptr;
    bool ok = module_add_functions(rt, m, kTracemallocFunctions);
    if (rt.profile().at_least(3, 9)) ok = ok && module_add_functions(rt, m, kResetPeak);
    if (!ok) {
        rt.decref(m);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return m;
}

PyObject* make_tracemalloc_module(Interp& in) {
    if (in.rt.profile().major == 2) return nullptr;
    return module_from_source(in, "tracemalloc", tracemalloc_source(in.rt.profile()));
}

}  // namespace pymemlab
