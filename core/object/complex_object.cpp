// complex: creation, the number slots (operands converted as complexobject.c's to_complex does:
// complex, float or int, else NotImplemented), ==/!= (ordering is not defined), hash, repr and
// 2.7's str, complex(), conjugate and the real/imag members.
#include "object/complex_object.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/format_spec.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

PyComplexObject* as_complex(PyObject* o) { return reinterpret_cast<PyComplexObject*>(o); }

// complex has no free list: a dead complex number's block goes straight back to pymalloc.
void complex_dealloc(Runtime& rt, PyObject* o) { rt.free_object(o); }

PyObject* not_implemented(Runtime& rt) {
    PyObject* o = rt.builtins().singletons.not_implemented;
    rt.incref(o);
    return o;
}

// to_complex: 1 converted, 0 not a number complex knows (NotImplemented), -1 error set (an int
// too large for a double).
int to_complex(Runtime& rt, PyObject* o, Py_complex* out) {
    if (complex_check(rt, o)) {
        *out = complex_value(o);
        return 1;
    }
    if (object_type_check(o, rt.builtins().float_type)) {
        *out = {float_value(o), 0.0};
        return 1;
    }
    if (long_check(o)) {
        double d = 0;
        if (!long_as_double(rt, o, &d)) return -1;
        *out = {d, 0.0};
        return 1;
    }
    return 0;
}

// The operands of a binary slot, in source order.
struct Operands {
    Py_complex a{}, b{};
    int status = 0;
    Operands(Runtime& rt, PyObject* x, PyObject* y) {
        status = to_complex(rt, x, &a);
        if (status == 1) status = to_complex(rt, y, &b);
    }
};

#define COMPLEX_OPERANDS(rt, x, y)      \
    Operands ops(rt, x, y);             \
    if (ops.status < 0) return nullptr; \
    if (ops.status == 0) return not_implemented(rt);

Py_complex c_prod(Py_complex a, Py_complex b) {
    return {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

// _Py_c_quot: Smith's method, scaling by the larger part of the divisor; errno EDOM for 0.
Py_complex c_quot(Py_complex a, Py_complex b) {
    const double abs_breal = std::fabs(b.real), abs_bimag = std::fabs(b.imag);
    if (abs_breal >= abs_bimag) {
        if (abs_breal == 0.0) {
            errno = EDOM;
            return {0.0, 0.0};
        }
        const double ratio = b.imag / b.real, denom = b.real + b.imag * ratio;
        return {(a.real + a.imag * ratio) / denom, (a.imag - a.real * ratio) / denom};
    }
    if (abs_bimag >= abs_breal) {
        const double ratio = b.real / b.imag, denom = b.real * ratio + b.imag;
        return {(a.real * ratio + a.imag) / denom, (a.imag * ratio - a.real) / denom};
    }
    return {NAN, NAN};  // a NaN in b
}

// _Py_c_pow: polar form; errno EDOM for 0 to a negative or complex power.
Py_complex c_pow(Py_complex a, Py_complex b) {
    if (b.real == 0.0 && b.imag == 0.0) return {1.0, 0.0};
    if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0) errno = EDOM;
        return {0.0, 0.0};
    }
    const double vabs = std::hypot(a.real, a.imag);
    double len = std::pow(vabs, b.real);
    const double at = std::atan2(a.imag, a.real);
    double phase = at * b.real;
    if (b.imag != 0.0) {
        len /= std::exp(at * b.imag);
        phase += b.imag * std::log(vabs);
    }
    return {len * std::cos(phase), len * std::sin(phase)};
}

// c_powu / c_powi: small integer exponents by repeated squaring, as exactly as CPython's.
constexpr long kIntPowLimit = 100;
Py_complex c_powu(Py_complex x, long n) {
    Py_complex r{1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if ((n & mask) != 0) r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}
Py_complex c_powi(Py_complex x, long n) {
    if (n > kIntPowLimit || n < -kIntPowLimit) return c_pow(x, {static_cast<double>(n), 0.0});
    if (n > 0) return c_powu(x, n);
    return c_quot({1.0, 0.0}, c_powu(x, -n));
}

PyObject* new_complex(Runtime& rt, Py_complex c) { return complex_from_doubles(rt, c.real, c.imag); }

PyObject* complex_add(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    return new_complex(rt, {ops.a.real + ops.b.real, ops.a.imag + ops.b.imag});
}
PyObject* complex_sub(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    return new_complex(rt, {ops.a.real - ops.b.real, ops.a.imag - ops.b.imag});
}
PyObject* complex_mul(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    return new_complex(rt, c_prod(ops.a, ops.b));
}
PyObject* complex_div(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    errno = 0;
    const Py_complex q = c_quot(ops.a, ops.b);
    if (errno == EDOM) return err_zero_division(rt, "complex division by zero");
    return new_complex(rt, q);
}

PyObject* pow_result(Runtime& rt, Py_complex a, Py_complex b) {
    errno = 0;
    Py_complex p;
    if (b.imag == 0.0 && b.real == std::floor(b.real) && std::fabs(b.real) <= static_cast<double>(kIntPowLimit))
        p = c_powi(a, static_cast<long>(b.real));
    else
        p = c_pow(a, b);
    // _Py_ADJUST_ERANGE2: an infinite part is an overflow.
    if (errno == 0 && (std::isinf(p.real) || std::isinf(p.imag))) errno = ERANGE;
    if (errno == EDOM)
        return err_set_string(rt, rt.builtins().exc.ZeroDivisionError,
                              rt.profile().at_least(3, 14) ? "zero to a negative or complex power"
                                                           : "0.0 to a negative or complex power");
    if (errno == ERANGE) return err_set_string(rt, rt.builtins().exc.OverflowError, "complex exponentiation");
    return new_complex(rt, p);
}

PyObject* complex_pow(Runtime& rt, PyObject* x, PyObject* y, PyObject* z) {
    if (z != nullptr && z != rt.builtins().singletons.none)
        return err_set_string(rt, rt.builtins().exc.ValueError, "complex modulo");
    COMPLEX_OPERANDS(rt, x, y)
    return pow_result(rt, ops.a, ops.b);
}

// // and % of complex numbers: deprecated errors before 3.10 (2.7 computed them; the lab does not).
PyObject* complex_floor_error(Runtime& rt, const char* message) {
    if (rt.profile().major == 2)
        return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                              "the lab does not support // and % of complex numbers in 2.7");
    return err_set_string(rt, rt.builtins().exc.TypeError, message);
}
PyObject* complex_floor_div(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    return complex_floor_error(rt, "can't take floor of complex number.");
}
PyObject* complex_rem(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    return complex_floor_error(rt, "can't mod complex numbers.");
}
PyObject* complex_divmod(Runtime& rt, PyObject* x, PyObject* y) {
    COMPLEX_OPERANDS(rt, x, y)
    return complex_floor_error(rt, "can't take floor or mod of complex number.");
}

PyObject* complex_neg(Runtime& rt, PyObject* v) {
    const Py_complex c = complex_value(v);
    return new_complex(rt, {-c.real, -c.imag});
}
PyObject* complex_pos(Runtime& rt, PyObject* v) {
    if (Py_TYPE(v) == rt.builtins().complex_type) {
        rt.incref(v);
        return v;
    }
    return new_complex(rt, complex_value(v));
}
PyObject* complex_abs(Runtime& rt, PyObject* v) {
    const Py_complex c = complex_value(v);
    if (!std::isfinite(c.real) || !std::isfinite(c.imag)) {
        // _Py_c_abs: an infinite part wins over a NaN.
        const double r = std::isinf(c.real) || std::isinf(c.imag) ? HUGE_VAL : NAN;
        PyObject* f = float_from_double(rt, r);
        return f != nullptr ? f : err_no_memory(rt);
    }
    const double r = std::hypot(c.real, c.imag);
    if (std::isinf(r)) return err_set_string(rt, rt.builtins().exc.OverflowError, "absolute value too large");
    PyObject* f = float_from_double(rt, r);
    return f != nullptr ? f : err_no_memory(rt);
}
int complex_bool(Runtime&, PyObject* v) {
    const Py_complex c = complex_value(v);
    return c.real != 0.0 || c.imag != 0.0;
}
// int(z) and float(z) name the conversion up to 3.9; 3.10 dropped the slots.
PyObject* complex_int(Runtime& rt, PyObject*) {
    return err_set_string(rt, rt.builtins().exc.TypeError, "can't convert complex to int");
}
PyObject* complex_float(Runtime& rt, PyObject*) {
    return err_set_string(rt, rt.builtins().exc.TypeError, "can't convert complex to float");
}

// complex_richcompare: == and != against complex, float and int (an int exactly, through
// float's comparison); 2.7 refuses ordering, 3.x leaves it to NotImplemented.
PyObject* complex_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    if (op != Py_EQ && op != Py_NE) {
        if (rt.profile().major == 2 &&
            (complex_check(rt, w) || long_check(w) || object_type_check(w, rt.builtins().float_type)))
            return err_set_string(rt, rt.builtins().exc.TypeError,
                                  "no ordering relation is defined for complex numbers");
        return not_implemented(rt);
    }
    const Py_complex a = complex_value(v);
    bool equal;
    if (long_check(w)) {
        if (a.imag != 0.0) {
            equal = false;
        } else {
            PyObject* real = float_from_double(rt, a.real);
            if (real == nullptr) return err_no_memory(rt);
            PyObject* r = float_richcompare(rt, real, w, op);
            rt.decref(real);
            return r;
        }
    } else if (object_type_check(w, rt.builtins().float_type)) {
        equal = a.real == float_value(w) && a.imag == 0.0;
    } else if (complex_check(rt, w)) {
        const Py_complex b = complex_value(w);
        equal = a.real == b.real && a.imag == b.imag;
    } else {
        return not_implemented(rt);
    }
    return bool_from(rt, op == Py_EQ ? equal : !equal);
}

// complex_hash: hash(real) + 1000003 * hash(imag), with -1 kept for errors.
constexpr Py_uhash_t kImagHashMultiplier = 1000003;
Py_hash_t complex_hash(Runtime& rt, PyObject* v) {
    const Py_complex c = complex_value(v);
    const auto real = static_cast<Py_uhash_t>(hash_double(rt, v, c.real));
    const auto imag = static_cast<Py_uhash_t>(hash_double(rt, v, c.imag));
    auto combined = static_cast<Py_hash_t>(real + kImagHashMultiplier * imag);
    return combined == -1 ? -2 : combined;
}

// complex_format: a +0.0 real part prints the imaginary part alone ("5j"); otherwise both in
// parentheses, the imaginary part signed ("(1-2j)"). repr uses the shortest digits; 2.7's str 12
// significant ones.
PyObject* complex_text(Runtime& rt, PyObject* v, char code, int precision) {
    const Py_complex c = complex_value(v);
    std::string text;
    if (c.real == 0.0 && !std::signbit(c.real)) {
        text = double_to_string(c.imag, code, precision, 0) + "j";
    } else {
        text = "(" + double_to_string(c.real, code, precision, 0) +
               double_to_string(c.imag, code, precision, Py_DTSF_SIGN) + "j)";
    }
    return str_from_utf8(rt, text);
}
PyObject* complex_repr(Runtime& rt, PyObject* v) { return complex_text(rt, v, 'r', 0); }
PyObject* complex_str27(Runtime& rt, PyObject* v) { return complex_text(rt, v, 'g', 12); }

// complex("1+2j"): optional parentheses and spaces around [real][(+|-)imag j] or imag j.
bool parse_complex(const std::string& s, Py_complex* out) {
    size_t i = 0, n = s.size();
    auto skip_space = [&] {
        while (i < n && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    };
    skip_space();
    const bool paren = i < n && s[i] == '(';
    if (paren) {
        ++i;
        skip_space();
    }
    // One signed number, or a lone sign before j (meaning 1).
    auto number = [&](double* x, bool* got) {
        const char* start = s.c_str() + i;
        char* end = nullptr;
        *x = std::strtod(start, &end);
        *got = end != start;
        if (!*got && i < n && (s[i] == '+' || s[i] == '-') && i + 1 < n && (s[i + 1] == 'j' || s[i + 1] == 'J')) {
            *x = s[i] == '-' ? -1.0 : 1.0;
            ++i;
            *got = true;
            return;
        }
        i += static_cast<size_t>(end - start);
    };
    double first = 0;
    bool got = false;
    number(&first, &got);
    Py_complex c{0.0, 0.0};
    if (!got && i < n && (s[i] == 'j' || s[i] == 'J')) {
        c.imag = 1.0;
        ++i;
    } else if (!got) {
        return false;
    } else if (i < n && (s[i] == 'j' || s[i] == 'J')) {
        c.imag = first;
        ++i;
    } else {
        c.real = first;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            double second = 0;
            number(&second, &got);
            if (!got || i >= n || (s[i] != 'j' && s[i] != 'J')) return false;
            c.imag = second;
            ++i;
        }
    }
    skip_space();
    if (paren) {
        if (i >= n || s[i] != ')') return false;
        ++i;
        skip_space();
    }
    if (i != n) return false;
    *out = c;
    return true;
}

// One argument of complex(): its value as a complex, 1; 0 for a type complex() refuses.
int number_argument(Runtime& rt, PyObject* o, Py_complex* out) { return to_complex(rt, o, out); }

PyObject* complex_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Builtins& b = rt.builtins();
    if (type != b.complex_type)
        return err_set_string(rt, b.exc.TypeError, "the lab does not make instances of complex subclasses");
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, b.exc.TypeError, "the lab does not support keyword arguments to complex()");
    if (nargs > 2) return err_format(rt, b.exc.TypeError, "complex() takes at most 2 arguments (%lld given)",
                                 static_cast<long long>(nargs));
    if (nargs == 0) return complex_from_doubles(rt, 0.0, 0.0);
    std::string text;
    TextKind kind;
    if (object_text(rt, args[0], &text, &kind) && (kind == kTextUnicode || rt.profile().major == 2)) {
        if (nargs == 2)
            return err_set_string(rt, b.exc.TypeError, "complex() can't take second arg if first is a string");
        Py_complex c;
        if (!parse_complex(text, &c))
            return err_set_string(rt, b.exc.ValueError, "complex() arg is a malformed string");
        return new_complex(rt, c);
    }
    if (nargs == 1 && Py_TYPE(args[0]) == b.complex_type) {
        rt.incref(args[0]);
        return args[0];
    }
    Py_complex r{}, i{0.0, 0.0};
    const bool r_is_complex = complex_check(rt, args[0]);
    const bool i_is_complex = nargs == 2 && complex_check(rt, args[1]);
    int status = number_argument(rt, args[0], &r);
    if (status < 0) return nullptr;
    if (status == 0)
        return err_format(rt, b.exc.TypeError, "complex() first argument must be a string or a number, not '%s'",
                          Py_TYPE(args[0])->tp_name);
    if (nargs == 2) {
        if (object_text(rt, args[1], &text, &kind))
            return err_set_string(rt, b.exc.TypeError, "complex() second arg can't be a string");
        status = number_argument(rt, args[1], &i);
        if (status < 0) return nullptr;
        if (status == 0)
            return err_format(rt, b.exc.TypeError, "complex() second argument must be a number, not '%s'",
                              Py_TYPE(args[1])->tp_name);
    }
    // complex_new: the parts combine only where an argument is itself complex, so that
    // complex(-0.0, -0.0) keeps both signs.
    double real = r.real, imag = i.real;
    if (i_is_complex) real -= i.imag;
    if (r_is_complex) imag += r.imag;
    return new_complex(rt, {real, imag});
}

PyObject* complex_conjugate(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    const Py_complex c = complex_value(self);
    return new_complex(rt, {c.real, -c.imag});
}

const PyMethodDef kComplexMethods[] = {{"conjugate", complex_conjugate, METH_VARARGS}, {nullptr, nullptr, 0}};

PyObject* complex_get_real(Runtime& rt, PyObject* self) {
    PyObject* f = float_from_double(rt, complex_value(self).real);
    return f != nullptr ? f : err_no_memory(rt);
}
PyObject* complex_get_imag(Runtime& rt, PyObject* self) {
    PyObject* f = float_from_double(rt, complex_value(self).imag);
    return f != nullptr ? f : err_no_memory(rt);
}

const PyGetSetDef kComplexMembers[] = {{"real", complex_get_real, nullptr}, {"imag", complex_get_imag, nullptr}};

// float.real is the float itself (float_float); float.imag 0.0.
PyObject* float_get_real(Runtime& rt, PyObject* self) { return float_float(rt, self); }
PyObject* float_get_imag(Runtime& rt, PyObject*) {
    PyObject* f = float_from_double(rt, 0.0);
    return f != nullptr ? f : err_no_memory(rt);
}
const PyGetSetDef kFloatMembers[] = {{"real", float_get_real, nullptr}, {"imag", float_get_imag, nullptr}};

// int.real and int.numerator are the int itself (a bool's are the int 0 or 1: int(self)),
// imag 0, denominator 1.
PyObject* int_self(Runtime& rt, PyObject* self) {
    if (Py_TYPE(self) == rt.builtins().long_type || Py_TYPE(self) == rt.builtins().long27_type) {
        rt.incref(self);
        return self;
    }
    return number_long(rt, self);
}
PyObject* int_zero(Runtime& rt, PyObject*) {
    PyObject* o = long_from_int64(rt, 0);
    return o != nullptr ? o : err_no_memory(rt);
}
PyObject* int_one(Runtime& rt, PyObject*) {
    PyObject* o = long_from_int64(rt, 1);
    return o != nullptr ? o : err_no_memory(rt);
}
const PyGetSetDef kIntMembers[] = {{"real", int_self, nullptr},
                                   {"imag", int_zero, nullptr},
                                   {"numerator", int_self, nullptr},
                                   {"denominator", int_one, nullptr}};

}  // namespace

void init_complex_type(Runtime& rt) {
    PyTypeObject* t = new_static_type(rt, "complex", sizeof(PyComplexObject), 0, {.dealloc = complex_dealloc});
    PyNumberMethods& nb = t->tp_as_number;
    nb.nb_add = complex_add;
    nb.nb_subtract = complex_sub;
    nb.nb_multiply = complex_mul;
    nb.nb_true_divide = complex_div;
    nb.nb_power = complex_pow;
    nb.nb_negative = complex_neg;
    nb.nb_positive = complex_pos;
    nb.nb_absolute = complex_abs;
    nb.nb_bool = complex_bool;
    if (!rt.profile().at_least(3, 10)) {
        nb.nb_floor_divide = complex_floor_div;
        nb.nb_remainder = complex_rem;
        nb.nb_divmod = complex_divmod;
        nb.nb_int = complex_int;
        nb.nb_float = complex_float;
    }
    t->tp_richcompare = complex_richcompare;
    t->tp_hash = complex_hash;
    t->tp_repr = complex_repr;
    t->tp_str = rt.profile().major == 2 ? complex_str27 : nullptr;
    t->tp_new = complex_tp_new;
    t->tp_methods = kComplexMethods;
    t->tp_flags |= Py_TPFLAGS_BASETYPE;
    rt.builtins().complex_type = t;
}

void numbers_add_members(Runtime& rt) {
    const Builtins& b = rt.builtins();
    auto add = [&](PyTypeObject* t, const PyGetSetDef& def) {
        if (t != nullptr) type_add_to_dict(rt, t, def.name, getset_descriptor_new(rt, t, &def));
    };
    for (const PyGetSetDef& def : kComplexMembers) add(b.complex_type, def);
    for (const PyGetSetDef& def : kFloatMembers) add(b.float_type, def);
    for (PyTypeObject* t : {b.long_type, b.long27_type})
        for (const PyGetSetDef& def : kIntMembers) add(t, def);
}

PyObject* complex_from_doubles(Runtime& rt, double real, double imag) {
    PyObject* o = rt.alloc_object(rt.builtins().complex_type, sizeof(PyComplexObject));
    if (o == nullptr) return err_no_memory(rt);
    as_complex(o)->cval = {real, imag};
    return o;
}

Py_complex complex_value(const PyObject* o) { return reinterpret_cast<const PyComplexObject*>(o)->cval; }

bool complex_check(const Runtime& rt, const PyObject* o) { return object_type_check(o, rt.builtins().complex_type); }

PyObject* complex_pow_doubles(Runtime& rt, double base, double exponent) {
    return pow_result(rt, {base, 0.0}, {exponent, 0.0});
}

}  // namespace pymemlab
