// recursion.h: the counts and limits per version.
#include "object/recursion.h"

#include <climits>
#include <string>
#include <utility>

#include "object/errors.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

// Up to 3.11 the C checks count toward the Python frames' limit.
bool shares_python_limit(const Profile& p) { return !p.at_least(3, 12); }

}  // namespace

PyObject* set_recursion_error(Runtime& rt, const char* where) {
    return err_set_string(rt, rt.builtins().exc.RecursionError, std::string("maximum recursion depth exceeded") + where);
}

int c_recursion_limit(const Profile& p) {
    if (p.at_least(3, 14) || shares_python_limit(p)) return 0;
    return p.at_least(3, 13) ? 10000 : 1500;
}

int compiler_nesting_budget(Runtime& rt) {
    constexpr int kScale = 3;  // COMPILER_STACK_FRAME_SCALE
    const ThreadState& ts = rt.tstate();
    const Profile& p = rt.profile();
    if (p.major == 2 || p.at_least(3, 14)) return INT_MAX;
    if (shares_python_limit(p)) return kScale * (ts.recursion_limit - ts.recursion_depth - ts.c_depth);
    return kScale * (c_recursion_limit(p) - ts.c_depth);
}

bool python_frame_allowed(Runtime& rt) {
    ThreadState& ts = rt.tstate();
    const int depth = ts.recursion_depth + (shares_python_limit(rt.profile()) ? ts.c_depth : 0);
    if (depth + 1 > ts.recursion_limit || ts.loop_frames >= ThreadState::kMaxLoopFrames ||
        ts.native_stack_exhausted()) {
        set_recursion_error(rt);
        return false;
    }
    return true;
}

bool enter_recursive_call(Runtime& rt, const char* where, int units) {
    ThreadState& ts = rt.tstate();
    const Profile& p = rt.profile();
    ts.c_depth += units;
    bool over;
    if (shares_python_limit(p)) {
        over = ts.recursion_depth + ts.c_depth > ts.recursion_limit;
    } else {
        const int limit = c_recursion_limit(p);
        over = limit > 0 && ts.c_depth > limit;
    }
    if (over || ts.native_stack_exhausted()) {
        ts.c_depth -= units;
        set_recursion_error(rt, where);
        return false;
    }
    return true;
}

void leave_recursive_call(Runtime& rt, int units) { rt.tstate().c_depth -= units; }

CEntry::CEntry(Runtime& rt) : rt_(rt) {
    ThreadState& ts = rt.tstate();
    // A frame CPython's loop pushes itself costs no C units, but the lab reaches it natively
    // all the same: two uncounted levels, as where no C limit counts.
    const bool inline_in_cpython = std::exchange(ts.frame_pushed_inline, false);
    if (!inline_in_cpython && c_recursion_limit(rt.profile()) > 0) {
        ok = enter_recursive_call(rt, "", 2);
        counted_ = ok ? 2 : 0;
    } else {
        uncounted_ = 2;
        ts.uncounted_depth += uncounted_;
    }
}

CEntry::~CEntry() {
    if (counted_ > 0) leave_recursive_call(rt_, counted_);
    rt_.tstate().uncounted_depth -= uncounted_;
}

void note_eval_access_call(Runtime& rt, const PyObject* func) {
    ThreadState& ts = rt.tstate();
    if (ts.eval_access_nesting == ts.nesting() && Py_TYPE(func) == rt.builtins().function_type &&
        rt.profile().at_least(3, 12))
        ts.frame_pushed_inline = true;
}

}  // namespace pymemlab
