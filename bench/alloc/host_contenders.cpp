// The native-only contenders: CPython 3.11's own pymalloc (PyObject_Malloc, PyObject_Realloc and
// PyObject_Free from Debian's libpython3.11.so) and glibc malloc. The WebAssembly build has
// neither library and times the model alone.
#include <Python.h>
#include <gnu/libc-version.h>

#include <cstdlib>
#include <cstring>

#include "contender.h"

namespace pymemlab::bench {

namespace {

struct CPythonObjectAllocator {
    void* malloc(size_t n) { return PyObject_Malloc(n); }
    void* realloc(void* p, size_t n) { return PyObject_Realloc(p, n); }
    void free(void* p) { PyObject_Free(p); }
};

struct GlibcAllocator {
    void* malloc(size_t n) { return std::malloc(n); }
    void* realloc(void* p, size_t n) { return std::realloc(p, n); }
    void free(void* p) { std::free(p); }
};

}  // namespace

std::vector<Contender> host_contenders() {
    // No Py_Initialize, on purpose. In 3.11 the object allocator is static data: the _PyObject
    // table starts out pointing at pymalloc, and usedpools, the arena list and the arena map are
    // initialised at compile time, so PyObject_Malloc works before any interpreter exists (and
    // needs no GIL in a release build). Initialising would only skew the comparison: the
    // interpreter's own objects would fill pools that the model's fresh heap does not have, and
    // it would honour PYTHONMALLOC, which can swap pymalloc for malloc or add debug hooks.
    // The allocator table is therefore still the built-in one; check that it is pymalloc.
    const char* name = _PyMem_GetCurrentAllocatorName();
    if (name == nullptr || std::strcmp(name, "pymalloc") != 0) {
        std::fprintf(stderr, "libpython's object allocator is %s, not pymalloc\n",
                     name ? name : "unknown");
        std::exit(1);
    }
    std::string python = Py_GetVersion();
    python = "CPython " + python.substr(0, python.find(' ')) + " PyObject_Malloc (libpython3.11.so)";
    return {
        {"pymalloc", python,
         [](const Workload& w) {
             CPythonObjectAllocator a;
             return replay(a, w);
         }},
        {"glibc", std::string("glibc ") + gnu_get_libc_version() + " malloc",
         [](const Workload& w) {
             GlibcAllocator a;
             return replay(a, w);
         }},
    };
}

}  // namespace pymemlab::bench
