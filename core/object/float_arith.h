// Arithmetic, comparison, hashing, rounding and text of float (Objects/floatobject.c,
// Python/pystrtod.c, Python/formatter_unicode.c). float_arith.cpp has the operators, the exact
// int/float comparison, hash and round; float_text.cpp the shortest repr, 2.7's str, float()
// parsing, format() and float() itself. The slots are installed by float_object.cpp.
#pragma once

#include <string>
#include <string_view>

#include "object/format_spec.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// ---- slots ------------------------------------------------------------------------------------
// Binary slots take float or int operands, in source order (int + float arrives here after int's
// slot declined), and return NotImplemented for anything else.
PyObject* float_add(Runtime& rt, PyObject* a, PyObject* b);
PyObject* float_sub(Runtime& rt, PyObject* a, PyObject* b);
PyObject* float_mul(Runtime& rt, PyObject* a, PyObject* b);
PyObject* float_div(Runtime& rt, PyObject* a, PyObject* b);  // a / b (2.7's classic / too)
PyObject* float_floor_div(Runtime& rt, PyObject* a, PyObject* b);
PyObject* float_rem(Runtime& rt, PyObject* a, PyObject* b);
PyObject* float_divmod(Runtime& rt, PyObject* a, PyObject* b);
PyObject* float_pow(Runtime& rt, PyObject* a, PyObject* b, PyObject* c);  // c must be None
PyObject* float_neg(Runtime& rt, PyObject* v);
PyObject* float_abs(Runtime& rt, PyObject* v);
PyObject* float_float(Runtime& rt, PyObject* v);  // nb_float, nb_positive
int float_bool(Runtime& rt, PyObject* v);
PyObject* float_trunc(Runtime& rt, PyObject* v);  // nb_int: int(x) truncates
PyObject* float_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op);
Py_hash_t float_tp_hash(Runtime& rt, PyObject* v);
PyObject* float_repr(Runtime& rt, PyObject* v);
PyObject* float_str27(Runtime& rt, PyObject* v);  // 2.7's tp_str: 12 significant digits
PyObject* float_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
// float's methods: __format__, __round__, __trunc__, is_integer, conjugate.
extern const PyMethodDef kFloatMethods[];

// ---- helpers ----------------------------------------------------------------------------------
// _Py_HashDouble: 3.x reduces modulo 2**61 - 1 (a NaN hashes as its object from 3.10, as 0
// before); 2.7 folds the mantissa into a C long. `inst` is the float object (for a NaN).
Py_hash_t hash_double(const Runtime& rt, const PyObject* inst, double v);
// round(x, ndigits): ndigits None or an int. 3.x: float.__round__ (an int for None, halves to
// even; else a float rounded correctly to 10**-ndigits). 2.7: the builtin's rules (always a
// float, halves away from zero).
PyObject* float_round(Runtime& rt, PyObject* v, PyObject* ndigits);
PyObject* double_round_to_float(Runtime& rt, double x, int64_t ndigits);  // the ndigits case
// x rounded to a multiple of 10**-ndigits (ndigits may be negative), computed on x's exact
// decimal expansion, halves to even (3.x's _Py_dg_dtoa mode 3) or away from zero (2.7), as text
// strtod reads back: "-1234e-2".
std::string double_round_text(double x, int ndigits, bool half_away);

// PyOS_double_to_string: format_code 'r' (repr), 'e', 'f', 'g' (upper case for E/F/G), with
// the Py_DTSF_* flags below. Never fails.
constexpr int Py_DTSF_SIGN = 0x01;
constexpr int Py_DTSF_ADD_DOT_0 = 0x02;
constexpr int Py_DTSF_ALT = 0x04;
constexpr int Py_DTSF_NO_NEG_0 = 0x08;
std::string double_to_string(double x, char format_code, int precision, int flags);
// repr(x) and str(x) as host text (2.7's str: '%.12g' with '.0' kept).
std::string float_repr_text(double x);
std::string float_str_text(const Runtime& rt, double x);
// float(text): whitespace, sign, underscores (3.6+), inf/nan; ValueError per profile.
PyObject* float_from_text(Runtime& rt, std::string_view text, TextKind kind);
// format(x, spec) for a float, and the float layout int's format uses for e/f/g/%.
PyObject* float_format(Runtime& rt, PyObject* v, std::string_view spec);
PyObject* float_format_double(Runtime& rt, double x, FormatSpec format, const char* type_name);

}  // namespace pymemlab
