// complex: PyComplexObject (Objects/complexobject.c), two doubles after the header, 32 bytes in
// every profile and without a free list. complex_object.cpp has the arithmetic (_Py_c_sum, quot,
// pow), comparison, hash, repr/str per version, complex() and the real/imag members. Read
// float_arith.h next: complex's text is built from PyOS_double_to_string.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

struct Py_complex {
    double real;
    double imag;
};

struct PyComplexObject {
    PyObject ob_base;
    Py_complex cval;
};
static_assert(sizeof(PyComplexObject) == 32);

void init_complex_type(Runtime& rt);
// The members of the numeric tower once the types are ready (init_builtins calls it): real and
// imag of int, float and complex; int's numerator and denominator.
void numbers_add_members(Runtime& rt);
// PyComplex_FromDoubles: a new block. nullptr with MemoryError set.
PyObject* complex_from_doubles(Runtime& rt, double real, double imag);
Py_complex complex_value(const PyObject* o);
bool complex_check(const Runtime& rt, const PyObject* o);
// float ** float for a negative base and a fractional exponent (3.x's float_pow hands it to
// complex's nb_power).
PyObject* complex_pow_doubles(Runtime& rt, double base, double exponent);

}  // namespace pymemlab
