// object_at, referent_ids and object_label: the graph panel's view of the live runtime. Labels
// read exact types only (a subclass of int may override everything), and never call Python.
#include "lab/object_graph.h"

#include <cinttypes>
#include <cstdio>

#include "object/abstract.h"
#include "object/class_object27.h"
#include "object/dict_object.h"
#include "object/float_object.h"
#include "object/func_object.h"
#include "object/instance_object27.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

constexpr size_t kLabelChars = 24;

std::string clipped(std::string s) {
    if (s.size() > kLabelChars) {
        size_t cut = kLabelChars;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;  // whole UTF-8 characters
        s = s.substr(0, cut) + "\u2026";
    }
    return s;
}

void collect_id(PyObject* referent, void* arg) {
    auto* out = static_cast<std::pair<const Runtime*, std::vector<uint64_t>*>*>(arg);
    if (referent != nullptr) out->second->push_back(out->first->id(referent));
}

}  // namespace

PyObject* object_at(const Runtime& rt, uint64_t id, bool live) {
    if (PyObject* o = rt.static_at(id)) return o;
    if (!live) return nullptr;
    return static_cast<PyObject*>(rt.allocator().pointer_to(id));
}

std::vector<uint64_t> referent_ids(const Runtime& rt, PyObject* o) {
    std::vector<uint64_t> ids;
    std::pair<const Runtime*, std::vector<uint64_t>*> arg{&rt, &ids};
    if (traverseproc t = Py_TYPE(o)->tp_traverse) t(o, collect_id, &arg);
    return ids;
}

std::string object_label(const Runtime& rt, const PyObject* o) {
    const Builtins& b = rt.builtins();
    const PyTypeObject* t = Py_TYPE(o);
    const std::string name = t->tp_name;
    if (name == "NoneType") return "None";
    if (name == "bool") {
        bool overflow = false;
        return long_as_int64(rt, o, &overflow) != 0 ? "True" : "False";
    }
    if (t == b.long_type) {
        bool overflow = false;
        const int64_t v = long_as_int64(rt, o, &overflow);
        return overflow ? "int" : std::to_string(v);
    }
    if (t == b.float_type) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", float_value(o));
        return buf;
    }
    if (t == b.str_type || (b.unicode_type != nullptr && t == b.unicode_type))
        return clipped("'" + str_as_utf8(rt, o) + "'");
    if (t == b.tuple_type || t == b.list_type) return name + "[" + std::to_string(Py_SIZE(o)) + "]";
    if (t == b.dict_type) return "dict[" + std::to_string(dict_len(rt, o)) + "]";
    if (t == b.set_type || t == b.frozenset_type) return name + "[" + std::to_string(set_len(o)) + "]";
    if (t == b.type_type) return clipped(std::string("<class '") + reinterpret_cast<const PyTypeObject*>(o)->tp_name + "'>");
    // 2.7's classic class and instance: named by the class, as their reprs are.
    if (class27_check(rt, o) || instance27_check(rt, o)) {
        PyObject* cls = instance27_check(rt, o) ? as_instance27(const_cast<PyObject*>(o))->in_class.p : const_cast<PyObject*>(o);
        PyObject* cname = as_class27(cls)->cl_name.p;
        const std::string text = cname != nullptr && object_type_check(cname, b.str_type) ? str_as_utf8(rt, cname) : "?";
        return clipped(cls == o ? "<class " + text + ">" : text + " instance");
    }
    if (t == b.function_type) {
        const PyObject* fname = reinterpret_cast<const PyFunctionObject*>(o)->func_name.p;
        if (fname != nullptr && object_type_check(fname, b.str_type)) return clipped("<function " + str_as_utf8(rt, fname) + ">");
    }
    return name;
}

}  // namespace pymemlab
