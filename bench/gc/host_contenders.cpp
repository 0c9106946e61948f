// The native-only contender: CPython 3.11's own collector, PyGC_Collect() (gc.collect()), from
// Debian's libpython3.11.so in an embedded interpreter, on heap.h's heap built through the C API
// (PyList_New, PyLong_FromLong, PyList_Append, Py_DECREF). The WebAssembly build has no
// libpython and times the model alone.
#include <Python.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "heap.h"

namespace pymemlab::bench {

namespace {

[[noreturn]] void fail(const std::string& problem) {
    std::fprintf(stderr, "gc: CPython %s\n", problem.c_str());
    std::exit(1);
}

// The calls model_heap.cpp's adapter models, one for one.
struct CPythonHeap {
    using Ref = ::PyObject*;

    Ref new_list() { return made(PyList_New(0), "a list"); }
    Ref new_int(int64_t value) { return made(PyLong_FromLong(static_cast<long>(value)), "an int"); }
    void append(Ref list, Ref item) {
        if (PyList_Append(list, item) < 0) fail("ran out of memory appending to a list");
    }
    void release(Ref o) { Py_DECREF(o); }

private:
    static Ref made(Ref o, const char* what) {
        if (o == nullptr) fail(std::string("could not create ") + what + ": out of memory");
        return o;
    }
};

// Isolated (no environment variables, no site import), as in bench/objects. Automatic
// collections stay off except around the timed PyGC_Collect: in 3.11 PyGC_Collect does nothing
// and returns 0 while the collector is disabled.
void initialize_python() {
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.site_import = 0;
    config.install_signal_handlers = 0;
    PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) fail(std::string("could not start: ") + (status.err_msg ? status.err_msg : "?"));
    PyGC_Disable();
}

// gc.collect() with the collector enabled, then disabled again.
Py_ssize_t collect() {
    PyGC_Enable();
    const Py_ssize_t n = PyGC_Collect();
    PyGC_Disable();
    return n;
}

// len(gc.get_objects()): the interpreter's own tracked containers (modules, functions, types'
// dicts), which every collection walks along with the heap.
int64_t tracked_containers() {
    PyObject* gc = PyImport_ImportModule("gc");
    PyObject* objects = gc ? PyObject_CallMethod(gc, "get_objects", nullptr) : nullptr;
    if (objects == nullptr) fail("could not call gc.get_objects()");
    const int64_t n = PyList_GET_SIZE(objects);
    Py_DECREF(objects);
    Py_DECREF(gc);
    return n;
}

Measurement run_cpython(uint64_t objects) {
    collect();
    CPythonHeap api;
    Measurement m;
    m.other_tracked = tracked_containers();
    PyObject* root = build_heap(api, objects);
    PyGC_Enable();
    const Stopwatch watch;
    m.collected = PyGC_Collect();
    m.seconds = watch.wall_seconds();
    m.cpu_seconds = watch.cpu_seconds();
    PyGC_Disable();
    // The interpreter may hold garbage of its own besides the heap's.
    const int64_t garbage = static_cast<int64_t>(objects / kUnitObjects * kGarbagePerUnit);
    if (m.collected < garbage)
        fail("collected " + std::to_string(m.collected) + " objects of a heap holding " + std::to_string(garbage) +
             " unreachable ones");
    Py_DECREF(root);
    return m;
}

}  // namespace

std::vector<Contender> host_contenders() {
    initialize_python();
    std::string python = Py_GetVersion();
    python = "CPython " + python.substr(0, python.find(' ')) +
             " PyGC_Collect() (libpython3.11.so), embedded, automatic gc off while building";
    return {{"cpython", python, run_cpython}};
}

}  // namespace pymemlab::bench
