// The abstract object protocol (Objects/abstract.c, Objects/object.c): what the interpreter and
// the built-in functions do to any object — attributes, calls, comparisons, arithmetic,
// iteration, subscripting, repr/str/format — by dispatching on its type's slots (type.h).
// Conventions are CPython's: new references out, nullptr/-1 with an exception set on failure.
#pragma once

#include <string>
#include <string_view>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// ---- identity and types ------------------------------------------------------------------
bool type_is_subtype(const PyTypeObject* a, const PyTypeObject* b);  // walks tp_mro (or tp_base)
inline bool object_type_check(const PyObject* o, const PyTypeObject* t) {
    return Py_TYPE(o) == t || type_is_subtype(Py_TYPE(o), t);
}
// isinstance(o, cls) / issubclass(derived, cls), cls a type or a tuple of them: 1, 0 or -1.
int object_isinstance(Runtime& rt, PyObject* o, PyObject* cls);
int object_issubclass(Runtime& rt, PyObject* derived, PyObject* cls);
// The attribute `name` (a str) found along type's MRO, borrowed; nullptr without error if none.
PyObject* type_lookup(Runtime& rt, PyTypeObject* type, PyObject* name);
// type.__name__ as host text.
std::string type_name(const PyTypeObject* t);

// ---- text ----------------------------------------------------------------------------------
PyObject* object_repr(Runtime& rt, PyObject* o);
// An object's address as reprs show it (`0x7f...`, twelve hex digits): its id().
std::string object_address(const Runtime& rt, const PyObject* o);
PyObject* object_str(Runtime& rt, PyObject* o);
PyObject* object_ascii(Runtime& rt, PyObject* o);
// format(o, spec): spec a str or nullptr for ''.
PyObject* object_format(Runtime& rt, PyObject* o, PyObject* spec);
// repr/str as host UTF-8; false with an exception set on failure.
bool object_repr_utf8(Runtime& rt, PyObject* o, std::string* out);
bool object_str_utf8(Runtime& rt, PyObject* o, std::string* out);

// ---- truth, hashing, comparison ---------------------------------------------------------------
int object_is_true(Runtime& rt, PyObject* o);  // bool(o): 1, 0, -1
Py_hash_t object_hash_value(Runtime& rt, PyObject* o);  // hash(o), -1 with TypeError if unhashable
PyObject* object_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op);
// Like object_richcompare, but as 1/0/-1; for Py_EQ and Py_NE identity decides first (as
// PyObject_RichCompareBool does, so `x in [x]` holds for a NaN).
int object_richcompare_bool(Runtime& rt, PyObject* a, PyObject* b, int op);

// ---- attributes ------------------------------------------------------------------------------
PyObject* object_getattr(Runtime& rt, PyObject* o, PyObject* name);
PyObject* object_getattr_string(Runtime& rt, PyObject* o, std::string_view name);
// Like object_getattr but nullptr without an exception when the attribute is missing.
PyObject* object_lookup_attr(Runtime& rt, PyObject* o, PyObject* name);
int object_setattr(Runtime& rt, PyObject* o, PyObject* name, PyObject* value);  // value null: delete
// PyObject_GenericGetAttr / SetAttr: data descriptors, then the instance dict, then the type.
PyObject* object_generic_getattr(Runtime& rt, PyObject* o, PyObject* name);
int object_generic_setattr(Runtime& rt, PyObject* o, PyObject* name, PyObject* value);
// The instance __dict__ slot of o, or nullptr when its type has none.
// The instance's own dict as _PyObject_GetDictPtr finds it: a 3.11+ managed dict is made from
// the values first. Borrowed; nullptr when the instance has none (an exception set on error).
PyObject* object_instance_dict(Runtime& rt, PyObject* o);
// The instance's own value of `name` (its dict or 3.11+ values) without making a dict. Borrowed;
// nullptr when absent, with an exception set on error.
PyObject* object_instance_attr(Runtime& rt, PyObject* o, PyObject* name);
PyObject** object_dict_ptr(PyObject* o);

// ---- calls -------------------------------------------------------------------------------------
PyObject* object_vectorcall(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs,
                            PyObject* kwnames);
// object_vectorcall for 2.7's CALL_FUNCTION, whose do_call pops the arguments into the tuple of
// a call through tp_call (tp_call.h): those slots are taken over and nulled.
PyObject* object_vectorcall_moving(Runtime& rt, PyObject* callable, PyObject** args, Py_ssize_t nargs,
                                   PyObject* kwnames);
// Who calls: C code, or the evaluation loop's CALL, as it runs before 3.11's quickening
// specializes it (a code object's first 7 runs) or after. CPython makes fewer recursion checks
// on the loop's calls (abstract.cpp's call_checks).
enum class CallOrigin { kC, kEval, kEvalSpecialized };
// object_vectorcall for 3.x's CALL.
PyObject* object_vectorcall_from_eval(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs,
                                      PyObject* kwnames, CallOrigin origin);
PyObject* object_call_noargs(Runtime& rt, PyObject* callable);
PyObject* object_call_one(Runtime& rt, PyObject* callable, PyObject* arg);
// callable(*args_tuple, **kwargs_dict); kwargs may be nullptr.
PyObject* object_call(Runtime& rt, PyObject* callable, PyObject* args, PyObject* kwargs);
// o.name(*args)
PyObject* object_call_method(Runtime& rt, PyObject* o, std::string_view name, PyObject* const* args,
                             Py_ssize_t nargs);
// callable(o): its type has tp_call (2.7: a classic instance, a __call__ it can find).
bool object_callable(Runtime& rt, PyObject* o);

// ---- iteration -------------------------------------------------------------------------------
PyObject* object_get_iter(Runtime& rt, PyObject* o);
// next(it): a new reference; nullptr without an exception at the end.
PyObject* iter_next(Runtime& rt, PyObject* it);

// ---- containers ------------------------------------------------------------------------------
Py_ssize_t object_length(Runtime& rt, PyObject* o);  // -1 with an exception
PyObject* object_getitem(Runtime& rt, PyObject* o, PyObject* key);
int object_setitem(Runtime& rt, PyObject* o, PyObject* key, PyObject* value);
int object_delitem(Runtime& rt, PyObject* o, PyObject* key);
int sequence_contains(Runtime& rt, PyObject* container, PyObject* item);  // `item in container`
// _PySequence_IterSearch's search for `item in container` once it has the container's iterator:
// 1 when an item it yields equals `item`, 0 when none does, -1 on error.
int iterator_contains(Runtime& rt, PyObject* it, PyObject* item);
// Converts an index-like object (an int, or anything with __index__) to a host integer;
// OverflowError names `what` when it does not fit.
bool number_as_ssize(Runtime& rt, PyObject* o, Py_ssize_t* out);
// A new list / tuple holding the items of any iterable.
PyObject* sequence_list(Runtime& rt, PyObject* iterable);
PyObject* sequence_tuple(Runtime& rt, PyObject* iterable);

// ---- arithmetic ------------------------------------------------------------------------------
// The binary operators, in the order of the compiler's BINARY_OP argument (ast::Operator):
enum class BinaryOp : int {
    Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv
};
// a op b, with CPython's dispatch (a's slot, then b's reflected slot, subclass first), and the
// sequence fallbacks (+ concatenates, * repeats). inplace: a op= b (tries the in-place slot first).
PyObject* number_binary_op(Runtime& rt, PyObject* a, PyObject* b, BinaryOp op, bool inplace);
PyObject* number_negative(Runtime& rt, PyObject* o);
PyObject* number_positive(Runtime& rt, PyObject* o);
PyObject* number_invert(Runtime& rt, PyObject* o);
PyObject* number_absolute(Runtime& rt, PyObject* o);
PyObject* number_power(Runtime& rt, PyObject* base, PyObject* exp, PyObject* mod);  // pow(), mod may be None
PyObject* number_divmod(Runtime& rt, PyObject* a, PyObject* b);  // divmod(a, b), nb_divmod both ways
PyObject* number_index(Runtime& rt, PyObject* o);  // operator.index
PyObject* number_long(Runtime& rt, PyObject* o);   // int(o)
PyObject* number_float(Runtime& rt, PyObject* o);  // float(o)
// The operator's symbol as CPython prints it in TypeErrors ("+", "**" , "+=").
const char* binary_op_symbol(BinaryOp op, bool inplace);

}  // namespace pymemlab
