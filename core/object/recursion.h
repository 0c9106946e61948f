// The recursion limit as each CPython version counts it: the check at the start of every Python
// frame, and Py_EnterRecursiveCall, the check C code makes where it may recurse (a repr, a str,
// a comparison, some calls: call_checks in abstract.cpp says which).
//
// - Up to 3.11 one count covers both, against sys.getrecursionlimit(): a __repr__ that calls
//   repr(self) takes three of the 1,000 a level (repr's call, PyObject_Repr, the frame).
// - 3.12 and 3.13 give Python frames that limit to themselves and count the C checks apart,
//   against Py_C_RECURSION_LIMIT (1,500 in 3.12, 10,000 in 3.13); a Python frame that C code
//   enters (not the evaluation loop itself: a __getattr__ hook, a slot, a callback) costs two
//   of them first (PY_EVAL_C_STACK_UNITS).
// - 3.14 measures the C stack instead (the lab's stack guards, ThreadState::native_stack_exhausted).
// Every check also asks the stack guards, so that no count lets the host's stack overflow.
// The message is "maximum recursion depth exceeded" and the check's `where`
// (" while calling a Python object"); the frame check and the C entry have none.
#pragma once

namespace pymemlab {

class Runtime;
struct Profile;
struct PyObject;

// Sets RecursionError "maximum recursion depth exceeded" and `where`; returns nullptr.
PyObject* set_recursion_error(Runtime& rt, const char* where = "");

// Py_C_RECURSION_LIMIT, or 0 where the C checks have no count of their own.
int c_recursion_limit(const Profile& p);

// The frame check: whether one more Python frame may start, else RecursionError is set.
bool python_frame_allowed(Runtime& rt);

// Py_EnterRecursiveCall(where), `units` times over: false with RecursionError set and the
// count as it was. leave_recursive_call undoes a successful enter.
bool enter_recursive_call(Runtime& rt, const char* where, int units = 1);
void leave_recursive_call(Runtime& rt, int units = 1);

// enter_recursive_call for a scope; `ok` false: RecursionError is set (nothing to leave).
class RecursiveCall {
public:
    RecursiveCall(Runtime& rt, const char* where, int units = 1)
        : rt_(rt), units_(units), ok(units == 0 || enter_recursive_call(rt, where, units)) {}
    ~RecursiveCall() {
        if (ok && units_ > 0) leave_recursive_call(rt_, units_);
    }
    RecursiveCall(const RecursiveCall&) = delete;
    RecursiveCall& operator=(const RecursiveCall&) = delete;

private:
    Runtime& rt_;
    int units_;

public:
    const bool ok;
};

// How many statements and expressions the compiler's symbol table may enter one inside another:
// CPython starts its count at the caller's recursion depth (the shared count up to 3.11, the C
// units from 3.12), three to a level, against three times the limit; so exec() deep in a
// recursion fails "during compilation". 2.7 and 3.14 have no such count.
int compiler_nesting_budget(Runtime& rt);

// A Python frame that the lab's C code enters, for the scope of its run: 3.12 and 3.13 count it
// as two C units first (PY_EVAL_C_STACK_UNITS), unless CPython's evaluation loop pushes that
// frame itself (ThreadState::frame_pushed_inline). In every version it is two levels of nesting
// for the stack guards, counted or not, as the lab reaches it through a dozen native frames.
class CEntry {
public:
    explicit CEntry(Runtime& rt);
    ~CEntry();
    CEntry(const CEntry&) = delete;
    CEntry& operator=(const CEntry&) = delete;
    bool ok = true;

private:
    Runtime& rt_;
    int counted_ = 0;
    int uncounted_ = 0;
};

// 3.12+: marks the Python function `func` about to be called as a frame the evaluation loop
// pushes itself, when the call is the loop's own attribute or item access
// (ThreadState::eval_access_nesting): LOAD_ATTR_PROPERTY, LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN,
// BINARY_SUBSCR_GETITEM.
void note_eval_access_call(Runtime& rt, const PyObject* func);

}  // namespace pymemlab
