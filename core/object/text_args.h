// Argument handling for the built-in methods of str, bytes and 2.7's unicode: the arity and
// keyword checks of CPython's three parsers (PyArg_ParseTuple, Argument Clinic's
// _PyArg_CheckPositional, _PyArg_UnpackKeywords) with each one's TypeError text, index and slice
// conversion (PyNumber_AsSsize_t, _PyEval_SliceIndex, PySlice_Unpack/AdjustIndices). Which
// parser a method used changed between versions; the methods pick the style per profile.
#pragma once

#include <array>

#include <cstdint>
#include <initializer_list>
#include <string>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// How a method parsed its arguments, which decides the wording of its arity errors.
enum class ArgStyle {
    kGetArgs,     // PyArg_ParseTuple: "find() takes at least 1 argument (0 given)"
    kPositional,  // _PyArg_CheckPositional: "find expected at least 1 argument, got 0"
    kKeywords,    // _PyArg_UnpackKeywords: "split() takes at most 2 arguments (3 given)"
};

// A method's parameters: the first `min` are required; `keywords` names every parameter when
// they may be passed by keyword (nullptr list: positional only, and any keyword is refused with
// "<name>() takes no keyword arguments"). `posonly` parameters cannot be passed by keyword.
inline constexpr size_t kMaxKeywords = 6;

struct ArgsSpec {
    const char* name;  // as the messages print it, without "()"
    int min;
    int max;
    ArgStyle style;
    // The parameters' names, then nullptr. An array, not an initializer_list: a spec made in a
    // conditional expression would outlive the list's backing array.
    std::array<const char*, kMaxKeywords + 1> keywords = {};
    int posonly = 0;
    // The name the "takes no keyword arguments" refusal prints, when it differs ("str.find").
    const char* nokw_name = nullptr;
};

// Fills out[0..max) with borrowed arguments (nullptr for the missing optional ones), or returns
// false with the TypeError CPython raises.
bool unpack_args(Runtime& rt, const ArgsSpec& spec, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                 PyObject** out);
// The arity check of PyArg_UnpackTuple and Argument Clinic's _PyArg_CheckPositional: false,
// with "<name> expected [at least |at most ]N argument(s), got M", when nargs is outside
// [min, max]. Before 3.`singular_from` (7 or 8, by the function; 0: always) a bound of 1 said
// "arguments".
bool check_positional(Runtime& rt, const char* name, Py_ssize_t nargs, int min, int max, int singular_from = 0);
// The same check worded as PyArg_ParseTuple words it: "<name>() takes exactly|at least|at most N
// argument(s) (M given)".
bool check_getargs_arity(Runtime& rt, const char* name, Py_ssize_t nargs, int min, int max);
// METH_NOARGS: "lower() takes no arguments (1 given)", from 3.10 "str.lower() ...".
bool check_no_args(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames);
// METH_O: "join() takes exactly one argument (0 given)", from 3.10 "str.join() ...".
bool check_one_arg(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames);
// The name METH_VARARGS/FASTCALL methods print when refusing keywords: qualified from `since`.
std::string method_name(const Runtime& rt, const char* type, const char* name, int since_major, int since_minor);
// A refusal of keywords for a positional-only method: "<name>() takes no keyword arguments".
bool check_no_keywords(Runtime& rt, const char* name, PyObject* kwnames);

// A count or width argument: an int or __index__. The TypeError depends on the converter:
// from 3.10 "'float' object cannot be interpreted as an integer" for both; before, a float
// gave "integer argument expected, got float", and anything else "'str' object cannot be
// interpreted as an integer" (Py_ssize_t, getargs "n") or "an integer is required (got type
// str)" (C int, getargs "i"); 2.7 "an integer is required".
enum class IntConv { kSsize, kInt };
bool arg_as_ssize(Runtime& rt, PyObject* o, int64_t* out, IntConv conv = IntConv::kSsize);
// _PyEval_SliceIndex: None leaves *out alone; an int is clamped to the int64 range.
bool slice_index(Runtime& rt, PyObject* o, int64_t* out);
// PySlice_Unpack + PySlice_AdjustIndices for a sequence of `length`: the slice's start, stop,
// step and the number of items it selects.
bool slice_indices(Runtime& rt, PyObject* slice, int64_t length, int64_t* start, int64_t* stop, int64_t* step,
                   int64_t* slicelength);
// ADJUST_INDICES of the find family: negative indices count from the end, then clamp.
void adjust_indices(int64_t* start, int64_t* end, int64_t length);

// encode()'s and decode()'s encoding and errors arguments (a[0], a[1]; null when not given) as
// UTF-8 into names[], or false with the TypeError: "encode() argument 1 must be str, not int",
// from 3.8 "argument 'encoding' ...", in 2.7 "... must be string, not int" (a unicode passes).
bool codec_names(Runtime& rt, const char* method, PyObject* const* a, std::string names[2]);

// The name of an object's type, for messages.
std::string type_name_of(const PyObject* o);

}  // namespace pymemlab
