// Argument handling for the text types' methods: arity and keyword errors in the wording of
// Python/getargs.c for each profile, and index/slice conversion (Objects/abstract.c,
// Objects/sliceobject.c, Python/ceval.c _PyEval_SliceIndex).
#include "object/text_args.h"

#include <cstring>
#include <string_view>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/slice_object.h"
#include "object/str_object.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }
const char* plural(int64_t n) { return n == 1 ? "" : "s"; }

bool arity_error(Runtime& rt, const ArgsSpec& spec, Py_ssize_t given) {
    return spec.style == ArgStyle::kPositional ? check_positional(rt, spec.name, given, spec.min, spec.max)
                                               : check_getargs_arity(rt, spec.name, given, spec.min, spec.max);
}

std::string keyword_text(Runtime& rt, PyObject* name) { return str_as_utf8(rt, name); }

bool unknown_keyword(Runtime& rt, const ArgsSpec& spec, PyObject* name) {
    const Profile& p = rt.profile();
    const std::string k = keyword_text(rt, name);
    if (p.at_least(3, 13))
        err_format(rt, type_error(rt), "%s() got an unexpected keyword argument '%s'", spec.name, k.c_str());
    else if (p.at_least(3, 7))
        err_format(rt, type_error(rt), "'%s' is an invalid keyword argument for %s()", k.c_str(), spec.name);
    else
        err_format(rt, type_error(rt), "'%s' is an invalid keyword argument for this function", k.c_str());
    return false;
}

}  // namespace

bool check_positional(Runtime& rt, const char* name, Py_ssize_t nargs, int min, int max, int singular_from) {
    if (nargs >= min && nargs <= max) return true;
    const int64_t bound = nargs < min ? min : max;
    const char* qualifier = min == max ? "" : nargs < min ? "at least " : "at most ";
    const bool singular = bound == 1 && (singular_from == 0 || rt.profile().at_least(3, singular_from));
    err_format(rt, type_error(rt), "%s expected %s%lld argument%s, got %lld", name, qualifier, static_cast<long long>(bound),
               singular ? "" : "s", static_cast<long long>(nargs));
    return false;
}

bool codec_names(Runtime& rt, const char* method, PyObject* const* a, std::string names[2]) {
    const bool py2 = text::is_27(rt);
    for (int k = 0; k < 2; ++k) {
        if (a[k] == nullptr) continue;
        if (!str_check(rt, a[k]) && !(py2 && text::is_unicode(rt, a[k]))) {
            const char* got = a[k] == rt.builtins().singletons.none ? "None" : Py_TYPE(a[k])->tp_name;
            const char* str = py2 ? "string" : "str";
            if (rt.profile().at_least(3, 8))
                err_format(rt, type_error(rt), "%s() argument '%s' must be %s, not %s", method, k == 0 ? "encoding" : "errors",
                           str, got);
            else
                err_format(rt, type_error(rt), "%s() argument %d must be %s, not %s", method, k + 1, str, got);
            return false;
        }
        names[k] = str_as_utf8(rt, a[k]);
    }
    return true;
}

bool check_getargs_arity(Runtime& rt, const char* name, Py_ssize_t nargs, int min, int max) {
    if (nargs >= min && nargs <= max) return true;
    const int64_t bound = nargs < min ? min : max;
    const char* qualifier = min == max ? "exactly" : nargs < min ? "at least" : "at most";
    err_format(rt, type_error(rt), "%s() takes %s %lld argument%s (%lld given)", name, qualifier, static_cast<long long>(bound),
               plural(bound), static_cast<long long>(nargs));
    return false;
}

std::string type_name_of(const PyObject* o) { return type_name(Py_TYPE(o)); }

bool check_no_keywords(Runtime& rt, const char* name, PyObject* kwnames) {
    if (kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    err_format(rt, type_error(rt), "%s() takes no keyword arguments", name);
    return false;
}

bool check_no_args(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    const bool qualified = rt.profile().at_least(3, 10);
    const std::string full = qualified ? std::string(type) + "." + name : std::string(name);
    if (!check_no_keywords(rt, full.c_str(), kwnames)) return false;
    if (nargs == 0) return true;
    err_format(rt, type_error(rt), "%s() takes no arguments (%lld given)", full.c_str(), static_cast<long long>(nargs));
    return false;
}

bool check_one_arg(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    const std::string full = method_name(rt, type, name, 3, 10);
    if (!check_no_keywords(rt, full.c_str(), kwnames)) return false;
    if (nargs == 1) return true;
    err_format(rt, type_error(rt), "%s() takes exactly one argument (%lld given)", full.c_str(),
               static_cast<long long>(nargs));
    return false;
}

std::string method_name(const Runtime& rt, const char* type, const char* name, int since_major, int since_minor) {
    if (rt.profile().at_least(since_major, since_minor)) return std::string(type) + "." + name;
    return name;
}

bool unpack_args(Runtime& rt, const ArgsSpec& spec, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                 PyObject** out) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    for (int i = 0; i < spec.max; ++i) out[i] = nullptr;
    if (spec.keywords[0] == nullptr) {
        if (!check_no_keywords(rt, spec.nokw_name != nullptr ? spec.nokw_name : spec.name, kwnames)) return false;
        if (nargs < spec.min || nargs > spec.max) return arity_error(rt, spec, nargs);
        for (Py_ssize_t i = 0; i < nargs; ++i) out[i] = args[i];
        return true;
    }
    const Profile& p = rt.profile();
    if (nargs + nkw > spec.max) {
        err_format(rt, type_error(rt), "%s() takes at most %d %sargument%s (%lld given)", spec.name, spec.max,
                   nargs == 0 && p.at_least(3, 7) ? "keyword " : "", plural(spec.max),
                   static_cast<long long>(nargs + nkw));
        return false;
    }
    if (nargs < spec.posonly) {
        err_format(rt, type_error(rt), "%s() takes %s %d positional argument%s (%lld given)", spec.name,
                   spec.posonly < spec.max ? "at least" : "exactly", spec.posonly, plural(spec.posonly),
                   static_cast<long long>(nargs));
        return false;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) out[i] = args[i];
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* name = tuple_items(kwnames)[k];
        const std::string key = keyword_text(rt, name);
        int index = -1;
        int i = 0;
        for (const char* kw : spec.keywords) {
            if (kw == nullptr) break;
            if (i >= spec.posonly && key == kw) index = i;
            ++i;
        }
        if (index < 0) return unknown_keyword(rt, spec, name);
        if (out[index] != nullptr) {
            if (p.at_least(3, 7))
                err_format(rt, type_error(rt), "argument for %s() given by name ('%s') and position (%d)", spec.name,
                           key.c_str(), index + 1);
            else
                err_format(rt, type_error(rt), "Argument given by name ('%s') and position (%d)", key.c_str(),
                           index + 1);
            return false;
        }
        out[index] = args[nargs + k];
    }
    for (int i = 0; i < spec.min; ++i) {
        if (out[i] != nullptr) continue;
        const char* kw = spec.keywords[static_cast<size_t>(i)];
        if (p.at_least(3, 8))
            err_format(rt, type_error(rt), "%s() missing required argument '%s' (pos %d)", spec.name, kw, i + 1);
        else
            err_format(rt, type_error(rt), "Required argument '%s' (pos %d) not found", kw, i + 1);
        return false;
    }
    return true;
}

bool arg_as_ssize(Runtime& rt, PyObject* o, int64_t* out, IntConv conv) {
    const Profile& p = rt.profile();
    if (Py_TYPE(o)->tp_as_number.nb_index == nullptr && !Py_TYPE(o)->has_flag(Py_TPFLAGS_LONG_SUBCLASS)) {
        const bool is_float = Py_TYPE(o) == rt.builtins().float_type;
        if (p.major == 2)
            err_set_string(rt, type_error(rt),
                           is_float ? "integer argument expected, got float" : "an integer is required");
        else if (!p.at_least(3, 10) && is_float)
            err_set_string(rt, type_error(rt), "integer argument expected, got float");
        else if (!p.at_least(3, 10) && conv == IntConv::kInt)
            err_format(rt, type_error(rt), "an integer is required (got type %s)", type_name_of(o).c_str());
        else
            err_format(rt, type_error(rt), "'%s' object cannot be interpreted as an integer", type_name_of(o).c_str());
        return false;
    }
    PyObject* i = number_index(rt, o);
    if (i == nullptr) return false;
    bool overflow = false;
    *out = long_as_int64(rt, i, &overflow);
    rt.decref(i);
    if (overflow) {
        err_set_string(rt, rt.builtins().exc.OverflowError,
                       conv == IntConv::kInt ? "Python int too large to convert to C int"
                                             : "Python int too large to convert to C ssize_t");
        return false;
    }
    if (conv == IntConv::kInt && (*out > INT32_MAX || *out < INT32_MIN)) {
        err_set_string(
            rt, rt.builtins().exc.OverflowError,
            p.major == 2 ? "signed integer is greater than maximum" : "Python int too large to convert to C int");
        return false;
    }
    return true;
}

bool slice_index(Runtime& rt, PyObject* o, int64_t* out) {
    if (o == nullptr || o == rt.builtins().singletons.none) return true;
    if (Py_TYPE(o)->tp_as_number.nb_index == nullptr && !Py_TYPE(o)->has_flag(Py_TPFLAGS_LONG_SUBCLASS)) {
        err_set_string(rt, type_error(rt), "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    PyObject* i = number_index(rt, o);
    if (i == nullptr) return false;
    bool overflow = false;
    int64_t v = long_as_int64(rt, i, &overflow);
    // PyNumber_AsSsize_t(v, NULL) clamps instead of raising.
    if (overflow) v = long_sign(rt, i) < 0 ? INT64_MIN : INT64_MAX;
    rt.decref(i);
    *out = v;
    return true;
}

bool slice_indices(Runtime& rt, PyObject* slice, int64_t length, int64_t* start, int64_t* stop, int64_t* step,
                   int64_t* slicelength) {
    auto* s = reinterpret_cast<PySliceObject*>(slice);
    PyObject* none = rt.builtins().singletons.none;
    *step = 1;
    if (s->step.p != none) {
        if (!slice_index(rt, s->step.p, step)) return false;
        if (*step == 0) {
            err_set_string(rt, rt.builtins().exc.ValueError, "slice step cannot be zero");
            return false;
        }
        if (*step < -INT64_MAX) *step = -INT64_MAX;  // so that -step cannot overflow
    }
    *start = *step < 0 ? INT64_MAX : 0;
    *stop = *step < 0 ? INT64_MIN : INT64_MAX;
    if (!slice_index(rt, s->start.p, start) || !slice_index(rt, s->stop.p, stop)) return false;
    // PySlice_AdjustIndices.
    auto adjust = [&](int64_t* v) {
        if (*v < 0) {
            *v += length;
            if (*v < 0) *v = *step < 0 ? -1 : 0;
        } else if (*v >= length) {
            *v = *step < 0 ? length - 1 : length;
        }
    };
    adjust(start);
    adjust(stop);
    if (*step < 0)
        *slicelength = *stop < *start ? (*start - *stop - 1) / (-*step) + 1 : 0;
    else
        *slicelength = *start < *stop ? (*stop - *start - 1) / *step + 1 : 0;
    return true;
}

void adjust_indices(int64_t* start, int64_t* end, int64_t length) {
    if (*end > length) {
        *end = length;
    } else if (*end < 0) {
        *end += length;
        if (*end < 0) *end = 0;
    }
    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = 0;
    }
}

}  // namespace pymemlab
