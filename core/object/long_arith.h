// Arithmetic, comparison, conversion and text of int (Objects/longobject.c): the slots of 3.x's
// int and 2.7's long, written as CPython's digit algorithms over the objects themselves, so
// every result and every temporary asks the allocator for what CPython's asks; and 2.7's C-long
// int (Objects/intobject.c), whose slots overflow into long. Implemented in long_arith.cpp
// (+ - * and unary), long_divide.cpp (// % divmod / ** round), long_bits.cpp (shifts, & | ^,
// compare, hash, float conversion), long_text.cpp (parsing, repr, hex/oct/bin, format, int())
// and int27_arith.cpp; bool's slots are singletons.h's. The dispatch is abstract.h's.
#pragma once

#include <string>
#include <string_view>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// ---- slots of int (3.x) and long (2.7), CPython's long_* -----------------------------------
// Binary slots return NotImplemented unless both operands are ints (2.7: int, bool or long).
PyObject* long_add(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_sub(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_mul(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_div(Runtime& rt, PyObject* a, PyObject* b);  // a // b (2.7: also a / b)
PyObject* long_mod(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_divmod(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_true_divide(Runtime& rt, PyObject* a, PyObject* b);       // correctly rounded
PyObject* long_pow(Runtime& rt, PyObject* a, PyObject* b, PyObject* c);  // c: None or a modulus
PyObject* long_neg(Runtime& rt, PyObject* v);
PyObject* long_abs(Runtime& rt, PyObject* v);
PyObject* long_invert(Runtime& rt, PyObject* v);
int long_bool(Runtime& rt, PyObject* v);
PyObject* long_lshift(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_rshift(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_and(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_xor(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_or(Runtime& rt, PyObject* a, PyObject* b);
// nb_int, nb_index, nb_positive: v itself when it is exactly an int, else an int copy.
PyObject* long_long(Runtime& rt, PyObject* v);
// 2.7's long.__int__: an int when the value fits a C long, else the long itself.
PyObject* long_int27(Runtime& rt, PyObject* v);
PyObject* long_float(Runtime& rt, PyObject* v);
PyObject* long_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op);
Py_hash_t long_tp_hash(Runtime& rt, PyObject* v);
PyObject* long_to_decimal_string(Runtime& rt, PyObject* v);  // tp_repr (2.7's long adds 'L')
PyObject* long_str(Runtime& rt, PyObject* v);                // tp_str: the decimal text
// int(x=0, base=10) / 2.7's long(x, base).
PyObject* long_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
// int's methods: __format__, __round__, __trunc__, __floor__, __ceil__, bit_length, conjugate.
extern const PyMethodDef kLongMethods[];
void long_install_slots(PyTypeObject* type, bool py27);  // long_object.cpp

// ---- 2.7's int (PyIntObject) ------------------------------------------------------------------
// Its slots (Objects/intobject.c) work on C longs and hand a result that overflows to long's.
void int27_install_slots(PyTypeObject* type);
PyObject* int27_and(Runtime& rt, PyObject* a, PyObject* b);
PyObject* int27_or(Runtime& rt, PyObject* a, PyObject* b);
PyObject* int27_xor(Runtime& rt, PyObject* a, PyObject* b);

// ---- conversions ------------------------------------------------------------------------------
// PyLong_AsDouble, correctly rounded (half to even). False with OverflowError ("int too large
// to convert to float"; 2.7: "long int too large to convert to float") when out of range.
bool long_as_double(Runtime& rt, PyObject* v, double* out);
// PyLong_FromDouble: the exact integer part of a float (2.7: an int when it fits a C long).
// OverflowError for an infinity, ValueError for a NaN.
PyObject* long_from_double(Runtime& rt, double d);
// Compares an int with a float exactly, as float_richcompare does (no rounding of the int):
// -1, 0, 1; 2 when d is a NaN.
int long_compare_double(const Runtime& rt, const PyObject* v, double d);
// The int's value truncated to a Py_ssize_t; false (with OverflowError) when out of range.
bool long_as_ssize(Runtime& rt, PyObject* v, Py_ssize_t* out);
// int.__round__(ndigits): ndigits is None or an int (round-half-even to 10**-ndigits).
PyObject* long_round(Runtime& rt, PyObject* v, PyObject* ndigits);

// ---- text ---------------------------------------------------------------------------------------
// PyLong_FromString over the whole text: base 0 or 2..36, sign, prefixes, underscores (3.6+)
// and surrounding whitespace; ValueError "invalid literal for int() with base N: '...'" and,
// 3.8+, the 4300-digit limit for non-power-of-two bases. 2.7 makes an int when it fits.
PyObject* long_from_string(Runtime& rt, std::string_view text, int base);
// For the compiler's integer literals: decimal digits with an optional '-' (no limit applies).
// 2.7: an int when it fits a C long, unless keep_long27 (the literal had an L suffix).
PyObject* long_from_decimal_string(Runtime& rt, std::string_view digits, bool keep_long27 = false);
// The decimal text of any int, without 2.7's 'L'; false with ValueError past the 4300-digit
// limit (3.8+).
bool long_to_decimal(Runtime& rt, const PyObject* v, std::string* out);
// hex(v), oct(v), bin(v) (base 16, 8, 2): '0x1f', '-0o17', '0b101'; 2.7: '0x1f', '017',
// '0b101', and an 'L' after a long's hex and oct.
PyObject* long_format_base(Runtime& rt, PyObject* v, int base);
// format(v, spec) for an int or bool (3.x bool formats as its int unless spec is empty).
PyObject* long_format(Runtime& rt, PyObject* v, std::string_view spec);

}  // namespace pymemlab
