// The repr recursion guard: a stack of the objects whose repr is running, searched from the top.
#include "object/repr_guard.h"

#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

int repr_enter(Runtime& rt, PyObject* o) {
    std::vector<PyObject*>& running = rt.builtins().repr_running;
    for (auto it = running.rbegin(); it != running.rend(); ++it)
        if (*it == o) return 1;
    rt.incref(o);
    running.push_back(o);
    return 0;
}

void repr_leave(Runtime& rt, PyObject* o) {
    std::vector<PyObject*>& running = rt.builtins().repr_running;
    for (size_t i = running.size(); i-- > 0;) {
        if (running[i] != o) continue;
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
        rt.decref(o);
        return;
    }
}

}  // namespace pymemlab
