// The methods of list: append, extend, insert, remove, pop, index, count, clear, copy, reverse,
// sort (its argument parsing; the algorithm is list_sort.cpp), __reversed__, __sizeof__ and
// __getitem__, with each version's argument errors.
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/iter_object.h"
#include "object/list_internal.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {


PyObject* list_append_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "list", "append", nargs, kw)) return nullptr;
    if (!list_append(rt, self, args[0])) return err_no_memory(rt);
    return none(rt);
}

PyObject* list_extend_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "list", "extend", nargs, kw)) return nullptr;
    if (!list_extend(rt, self, args[0])) return nullptr;
    return none(rt);
}

PyObject* list_insert_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_positional(rt, "list", "insert", nargs, kw, 2, 2, 8)) return nullptr;
    Py_ssize_t index;
    if (!seq_arg_ssize(rt, args[0], &index)) return nullptr;
    if (!list_insert(rt, self, index, args[1])) return nullptr;
    return none(rt);
}

PyObject* list_pop_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_positional(rt, "list", "pop", nargs, kw, 0, 1, 8)) return nullptr;
    Py_ssize_t index = -1;
    if (nargs == 1 && !seq_arg_ssize(rt, args[0], &index)) return nullptr;
    const Py_ssize_t size = Py_SIZE(self);
    if (size == 0) return err_set_string(rt, rt.builtins().exc.IndexError, "pop from empty list");
    if (index < 0) index += size;
    if (index < 0 || index >= size) return err_set_string(rt, rt.builtins().exc.IndexError, "pop index out of range");
    PyObject** items = list_items(self);
    PyObject* v = items[index];
    // The list's reference to v moves to the caller.
    if (size == 1) {
        rt.incref(v);
        list_clear(rt, self);
        return v;
    }
    for (Py_ssize_t i = index; i < size - 1; ++i) items[i] = items[i + 1];
    if (!list_resize(rt, self, size - 1)) {
        for (Py_ssize_t i = size - 1; i > index; --i) items[i] = items[i - 1];
        items[index] = v;
        return err_no_memory(rt);
    }
    return v;
}

// The first index of an item equal to value (compared item == value, the item held meanwhile).
PyObject* list_index_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_positional(rt, "list", "index", nargs, kw, 1, 3, 8)) return nullptr;
    Py_ssize_t start = 0, stop = kPySsizeTMax;
    if (nargs > 1 && !seq_slice_index(rt, args[1], &start, false)) return nullptr;
    if (nargs > 2 && !seq_slice_index(rt, args[2], &stop, false)) return nullptr;
    if (start < 0 && (start += Py_SIZE(self)) < 0) start = 0;
    if (stop < 0 && (stop += Py_SIZE(self)) < 0) stop = 0;
    for (Py_ssize_t i = start; i < stop && i < Py_SIZE(self); ++i) {
        PyObject* obj = new_ref(rt, list_items(self)[i]);
        const int cmp = object_richcompare_bool(rt, obj, args[0], Py_EQ);
        rt.decref(obj);
        if (cmp > 0) return long_from_int64(rt, i);
        if (cmp < 0) return nullptr;
    }
    // 3.14 dropped the repr from the message.
    if (rt.profile().at_least(3, 14))
        return err_set_string(rt, rt.builtins().exc.ValueError, "list.index(x): x not in list");
    std::string r;
    if (!object_repr_utf8(rt, args[0], &r)) return nullptr;
    return err_format(rt, rt.builtins().exc.ValueError, "%s is not in list", r.c_str());
}

PyObject* list_count_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "list", "count", nargs, kw)) return nullptr;
    int64_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); ++i) {
        PyObject* obj = new_ref(rt, list_items(self)[i]);
        const int cmp = object_richcompare_bool(rt, obj, args[0], Py_EQ);
        rt.decref(obj);
        if (cmp < 0) return nullptr;
        count += cmp;
    }
    return long_from_int64(rt, count);
}

PyObject* list_remove_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "list", "remove", nargs, kw)) return nullptr;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); ++i) {
        PyObject* obj = new_ref(rt, list_items(self)[i]);
        const int cmp = object_richcompare_bool(rt, obj, args[0], Py_EQ);
        rt.decref(obj);
        if (cmp > 0) return list_ass_slice(rt, self, i, i + 1, nullptr) == 0 ? none(rt) : nullptr;
        if (cmp < 0) return nullptr;
    }
    return err_set_string(rt, rt.builtins().exc.ValueError, "list.remove(x): x not in list");
}

PyObject* list_clear_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "list", "clear", nargs, kw)) return nullptr;
    list_clear(rt, self);
    return none(rt);
}

PyObject* list_copy_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "list", "copy", nargs, kw)) return nullptr;
    return list_slice(rt, self, 0, Py_SIZE(self));
}

PyObject* list_reverse_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "list", "reverse", nargs, kw)) return nullptr;
    list_reverse(self);
    return none(rt);
}

PyObject* list_reversed_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "list", "__reversed__", nargs, kw)) return nullptr;
    return list_reviter_new(rt, self);
}

PyObject* list_sizeof_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "list", "__sizeof__", nargs, kw)) return nullptr;
    return long_from_int64(rt, list_basic_sizeof(rt, self));
}

PyObject* list_getitem_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "list", "__getitem__", nargs, kw)) return nullptr;
    return list_subscript(rt, self, args[0]);
}

// sort's reverse flag: an int up to 3.11 (each version refusing other types in its own words),
// any object's truth from 3.12.
bool reverse_flag(Runtime& rt, PyObject* o, bool* out) {
    const Profile& p = rt.profile();
    if (p.at_least(3, 12)) {
        const int truth = object_is_true(rt, o);
        *out = truth == 1;
        return truth >= 0;
    }
    if (!p.at_least(3, 10) && !seq_index_check(o)) {
        if (Py_TYPE(o) == rt.builtins().float_type)
            err_set_string(rt, rt.builtins().exc.TypeError, "integer argument expected, got float");
        else if (p.major == 2)
            err_set_string(rt, rt.builtins().exc.TypeError, "an integer is required");
        else
            err_format(rt, rt.builtins().exc.TypeError, "an integer is required (got type %s)",
                       seq_type_name(o).c_str());
        return false;
    }
    Py_ssize_t v;
    if (!seq_arg_ssize(rt, o, &v)) return false;
    *out = v != 0;
    return true;
}

// sort(*, key=None, reverse=False); 3.6 parses positionally first and then refuses them; 2.7 takes
// (cmp=None, key=None, reverse=False) in any form.
PyObject* list_sort_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    const bool py2 = p.major == 2;
    const char* const names27[] = {"cmp", "key", "reverse"};
    const char* const names3[] = {"key", "reverse"};
    const char* const* names = py2 ? names27 : names3;
    const int max = py2 ? 3 : 2;
    const bool clinic = p.at_least(3, 7);
    if (nargs + nkw > max) {
        if (clinic)
            return err_format(rt, type_error, "sort() takes at most 2 %sarguments (%d given)", nargs == 0 ? "keyword " : "",
                              static_cast<int>(nargs + nkw));
        return err_format(rt, type_error, "sort() takes at most %d arguments (%d given)", max,
                          static_cast<int>(nargs + nkw));
    }
    if (clinic && nargs > 0) return err_set_string(rt, type_error, "sort() takes no positional arguments");
    PyObject* values[3] = {};
    for (Py_ssize_t i = 0; i < nargs; ++i) values[i] = args[i];
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        int index = -1;
        for (int i = 0; i < max; ++i)
            if (key == names[i]) index = i;
        if (index < 0) {
            if (p.at_least(3, 13))
                return err_format(rt, type_error, "sort() got an unexpected keyword argument '%s'", key.c_str());
            if (clinic) return err_format(rt, type_error, "'%s' is an invalid keyword argument for sort()", key.c_str());
            return err_format(rt, type_error, "'%s' is an invalid keyword argument for this function", key.c_str());
        }
        if (values[index] != nullptr)
            return err_format(rt, type_error, "Argument given by name ('%s') and position (%d)", key.c_str(),
                              index + 1);
        values[index] = args[nargs + k];
    }
    PyObject* none_object = rt.builtins().singletons.none;
    PyObject* cmp = py2 ? values[0] : nullptr;
    PyObject* key = values[py2 ? 1 : 0];
    PyObject* reverse_arg = values[py2 ? 2 : 1];
    bool reverse = false;
    if (reverse_arg != nullptr && !reverse_flag(rt, reverse_arg, &reverse)) return nullptr;
    if (!py2 && nargs > 0) return err_set_string(rt, type_error, "must use keyword argument for key function");
    if (cmp == none_object) cmp = nullptr;
    if (key == none_object) key = nullptr;
    if (!list_sort_with(rt, self, key, cmp, reverse)) return nullptr;
    return none(rt);
}

const PyMethodDef kListMethods3[] = {
    {"__getitem__", list_getitem_method, METH_VARARGS},
    {"__reversed__", list_reversed_method, METH_VARARGS},
    {"__sizeof__", list_sizeof_method, METH_VARARGS},
    {"clear", list_clear_method, METH_VARARGS},
    {"copy", list_copy_method, METH_VARARGS},
    {"append", list_append_method, METH_VARARGS},
    {"insert", list_insert_method, METH_VARARGS},
    {"extend", list_extend_method, METH_VARARGS},
    {"pop", list_pop_method, METH_VARARGS},
    {"remove", list_remove_method, METH_VARARGS},
    {"index", list_index_method, METH_VARARGS},
    {"count", list_count_method, METH_VARARGS},
    {"reverse", list_reverse_method, METH_VARARGS},
    {"sort", list_sort_method, METH_VARARGS},
    {nullptr, nullptr, 0},
};

// 2.7's list has neither clear() nor copy().
const PyMethodDef kListMethods27[] = {
    {"__getitem__", list_getitem_method, METH_VARARGS},
    {"__reversed__", list_reversed_method, METH_VARARGS},
    {"__sizeof__", list_sizeof_method, METH_VARARGS},
    {"append", list_append_method, METH_VARARGS},
    {"insert", list_insert_method, METH_VARARGS},
    {"extend", list_extend_method, METH_VARARGS},
    {"pop", list_pop_method, METH_VARARGS},
    {"remove", list_remove_method, METH_VARARGS},
    {"index", list_index_method, METH_VARARGS},
    {"count", list_count_method, METH_VARARGS},
    {"reverse", list_reverse_method, METH_VARARGS},
    {"sort", list_sort_method, METH_VARARGS},
    {nullptr, nullptr, 0},
};

}  // namespace

const PyMethodDef* list_method_table(const Runtime& rt) {
    return rt.profile().major == 2 ? kListMethods27 : kListMethods3;
}

}  // namespace pymemlab
