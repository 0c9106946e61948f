// Interp: the interpreter state of one Runtime — the builtins and sys modules, sys.modules,
// the frame stack, the exception being handled, output, and the budget that stops runaway
// snippets. ceval.cpp runs code against it; run.h is the entry point the Lab and CLI use.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interp/frame.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;

struct InterpOptions {
    uint64_t instruction_budget = 200'000'000;  // instructions before the run is stopped
    // The native stack the interpreter may use below where it was made: a Python call that
    // would go deeper raises RecursionError, whatever sys.setrecursionlimit allows (CPython
    // 3.12's C stack protection, counted in bytes): half of Linux's default 8 MiB main stack,
    // and 3 of the 5 MiB Emscripten 3.1.6 gives its stack by default (TOTAL_STACK). The
    // interpreter starts the thread state's guard with it (ThreadState::start_stack_guard),
    // which lowers it to half the room the thread's stack has left (object/native_stack.h).
#ifdef __EMSCRIPTEN__
    uintptr_t native_stack_budget = 3u << 20;
#else
    uintptr_t native_stack_budget = 4u << 20;
#endif
};

// The atexit module's callbacks (atexitmodule.cpp), CPython's atexit_state: 3.6-3.13 a PyMem
// table of `len` pointer slots (32 at first, then 16 more at a time) whose first `count` hold
// a PyMem block {func, args, kwargs} each, or null once unregistered; 3.14 a list of
// (func, args, kwargs or None) tuples. Made with the interpreter from 3.10, on atexit's first
// import before (its module state); 2.7 keeps its callbacks in the module.
struct AtexitState {
    void* table = nullptr;
    int len = 0;
    int count = 0;
    PyObject* list = nullptr;  // 3.14, owned
};

struct Interp {
    Runtime& rt;
    InterpOptions options;
    PyObject* builtins_module = nullptr;
    PyObject* builtins_dict = nullptr;  // borrowed from the module
    PyObject* sys_module = nullptr;
    PyObject* modules = nullptr;        // sys.modules
    PyObject* main_dict = nullptr;      // __main__'s namespace, borrowed (sys.modules holds the module)
    // The builtins' names at start-up, sorted: at exit, the names a snippet added go
    // (pylifecycle.h; CPython keeps a copy of the builtins dict, interp->builtins_copy).
    std::vector<std::string> startup_builtins;
    AtexitState atexit;
    ExcInfo exc_info;                   // the exception being handled (tstate->exc_info)
    Frame* frame = nullptr;             // the innermost running frame
    // Frames that calls have finished with, kept with their buffers for the next calls
    // (call.cpp's python_frame_start); at most kSpareFrames. A spare frame holds no reference,
    // and each field differs from a new Frame's only where frame_init (its position included)
    // and eval_frame (its chain links) set it again.
    std::vector<std::unique_ptr<Frame>> spare_frames;
    static constexpr size_t kSpareFrames = 64;
    uint64_t instructions = 0;
    bool budget_exhausted = false;
    bool softspace = false;             // 2.7's print statement state
    std::string script_source;          // a script run's text: tracebacks show its lines
    PyTypeObject* budget_exceeded_type = nullptr;
    // The NameError raised last in a method whose `self` has the missing name, and the
    // suggestion for it (suggestions.h); compared by address only, never dereferenced.
    const PyObject* self_suggestion_exc = nullptr;
    std::string self_suggestion;
    // The AttributeError raised last on the `self` of the frame it was raised in: 3.13+ then
    // offer underscored names too (suggestions.h); compared by address only.
    const PyObject* self_attribute_exc = nullptr;
    // Where print() and tracebacks go: fd 1 or 2.
    std::function<void(int fd, std::string_view text)> write;
    // Called whenever a frame starts a new line, after the trace hears of it: the CLI's
    // --check-heap runs the heap checker there, between statements.
    std::function<void()> on_line;
    // Where objgraph's show_* functions hand their DOT text (objgraph_dot.cpp): the graph's name
    // (the .dot file's stem) and the text. graphs_drawn numbers objgraph-<n>.dot.
    std::function<void(std::string_view name, std::string_view dot)> graph;
    int graphs_drawn = 0;

    explicit Interp(Runtime& runtime, InterpOptions opts = {});
    ~Interp();
    Interp(const Interp&) = delete;
    Interp& operator=(const Interp&) = delete;

    // Adds n instructions' worth of native work (ThreadState::charge); past the budget, sets
    // BudgetExceeded and returns false.
    bool charge_budget(uint64_t n);
    // Called once the count passes the budget: whether to raise BudgetExceeded now. The first
    // time, yes: the run stops. Then the unwinding, the __del__ methods and callbacks it sets
    // off and the interpreter's exit may run a tenth of the budget more, past which everything
    // raises at once, so nothing after the budget can run forever.
    bool budget_raises();

    void out(std::string_view s) const { write(1, s); }
    void err(std::string_view s) const { write(2, s); }
};

Interp& interp_of(Runtime& rt);

// Runs `code` (a module code object) with `globals` as both globals and locals.
PyObject* eval_code(Interp& in, PyObject* code, PyObject* globals, PyObject* locals);
// Prints the current exception as CPython's default excepthook does, and clears it.
void print_exception(Interp& in);
// A traceback as the interpreter prints it, "Traceback (most recent call last):" and a
// "File ..." entry per frame (each with its source line for the snippet); "" for none.
std::string format_traceback(Interp& in, PyObject* tb);

}  // namespace pymemlab
