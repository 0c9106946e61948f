// The native-only contender: CPython 3.11's own object API (PyLong_FromLong, PyFloat_FromDouble,
// PyTuple_New, PyList_New, PyList_Append, PyDict_New, PyDict_SetItem, Py_DECREF) from Debian's
// libpython3.11.so, in an embedded interpreter. The WebAssembly build has no libpython and
// times the model alone.
#include <Python.h>

#include <array>
#include <cstring>

#include "contender.h"

// Exported by libpython but declared only in its internal headers: sys.getallocatedblocks().
extern "C" Py_ssize_t _Py_GetAllocatedBlocks(void);

namespace pymemlab::bench {

namespace {

// The calls model_objects.h models, one for one.
struct CPythonObjects {
    using Ref = ::PyObject*;

    CPythonObjects() {
        for (int k = 0; k < 3; ++k) items[k] = PyLong_FromLong(kItemValues[k]);
        resident = {new_int(0), new_float(0), new_tuple(0), new_list(0), new_dict(0)};
    }
    ~CPythonObjects() {
        for (Ref o : resident) Py_DECREF(o);
        for (Ref item : items) Py_DECREF(item);
    }
    CPythonObjects(const CPythonObjects&) = delete;
    CPythonObjects& operator=(const CPythonObjects&) = delete;

    Ref new_int(uint64_t i) { return made(PyLong_FromLong(int_value(i)), "an int"); }
    Ref new_float(uint64_t i) { return made(PyFloat_FromDouble(float_value_of(i)), "a float"); }
    Ref new_tuple(uint64_t) {
        Ref t = made(PyTuple_New(3), "a tuple");
        for (int k = 0; k < 3; ++k) {
            Py_INCREF(items[k]);
            PyTuple_SET_ITEM(t, k, items[k]);
        }
        return t;
    }
    Ref new_list(uint64_t) {
        Ref l = made(PyList_New(0), "a list");
        for (int k = 0; k < 3; ++k)
            if (PyList_Append(l, items[k]) < 0) creation_failed("a list's items");
        return l;
    }
    Ref new_dict(uint64_t) {
        Ref d = made(PyDict_New(), "a dict");
        for (int k = 0; k < 3; ++k)
            if (PyDict_SetItem(d, items[k], items[k]) < 0) creation_failed("a dict's items");
        return d;
    }
    void release(Ref o) { Py_DECREF(o); }
    void window_full() {}

    Ref items[3];
    // One object of each type, alive for the whole run, as in the model ("Resident objects"
    // in contender.h).
    std::array<Ref, 5> resident;

private:
    static Ref made(Ref o, const char* what) {
        if (o == nullptr) creation_failed(what);
        return o;
    }
};

// In 3.11 the float, tuple and list free lists and the GC state belong to the interpreter, so
// unlike PyObject_Malloc (bench/alloc) these calls need one. It is isolated (no environment
// variables, so PYTHONMALLOC cannot swap pymalloc out; no site import), and its automatic
// collections are off: the model has no collector yet, and a collection every 700 tuples or
// lists of a window would be work only CPython does.
void initialize_python() {
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.site_import = 0;
    config.install_signal_handlers = 0;
    PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        std::fprintf(stderr, "could not initialise CPython: %s\n", status.err_msg ? status.err_msg : "?");
        std::exit(1);
    }
    PyGC_Disable();
    const char* name = _PyMem_GetCurrentAllocatorName();
    if (name == nullptr || std::strcmp(name, "pymalloc") != 0) {
        std::fprintf(stderr, "libpython's allocators are %s, not pymalloc\n", name ? name : "unknown");
        std::exit(1);
    }
}

}  // namespace

std::vector<Contender> host_contenders() {
    initialize_python();
    std::string python = Py_GetVersion();
    python = "CPython " + python.substr(0, python.find(' ')) +
             " C API (libpython3.11.so), embedded, automatic gc off";
    // One adapter for the whole run, as the model keeps one runtime.
    static CPythonObjects api;
    return {{"cpython", python, [](const Workload& w) { return replay(api, w); },
             [] { return static_cast<uint64_t>(_Py_GetAllocatedBlocks()); }}};
}

}  // namespace pymemlab::bench
