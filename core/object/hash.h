// CPython's hash functions (Python/pyhash.c, Objects/longobject.c, 2.7's Objects/stringobject.c)
// as a 64-bit build computes them with hash randomization off (PYTHONHASHSEED=0, 2.7's
// default): the string hash of each profile, the int hash, and the pointer hash. Objects cache
// what these return in their own hash fields (str_object.h, bytes_object.h).
#pragma once

#include <cstddef>
#include <cstdint>

#include "object/object.h"
#include "profile/profile.h"

namespace pymemlab {

class Runtime;

using Py_hash_t = int64_t;    // a 64-bit CPython's, on every host
using Py_uhash_t = uint64_t;

// The string hash a profile uses (Py_HASH_ALGORITHM, or 2.7's loop).
enum class StringHash {
    kFnv27,      // 2.7: x = (1000003 * x) ^ unit over bytes or Py_UNICODE units
    kSipHash24,  // 3.4 - 3.10 (PEP 456)
    kSipHash13,  // 3.11+ (bpo-29410: cheaper, still keyed)
};
StringHash string_hash_of(const Profile& p);

// _PyHASH_BITS and _PyHASH_MODULUS: 3.x reduces numbers modulo the Mersenne prime 2**61 - 1.
constexpr int kPyHashBits = 61;
constexpr Py_uhash_t kPyHashModulus = (Py_uhash_t{1} << kPyHashBits) - 1;
static_assert(kPyHashModulus == 2305843009213693951u);

// SipHash-2-4 and SipHash-1-3 of n bytes under the key (k0, k1), as pyhash.c computes them
// (the 64-bit output, little-endian reading of the message).
uint64_t siphash24(uint64_t k0, uint64_t k1, const void* src, size_t n);
uint64_t siphash13(uint64_t k0, uint64_t k1, const void* src, size_t n);

// _Py_HashBytes (3.x) or 2.7's string_hash loop over n bytes: 0 for no bytes, never -1
// (it becomes -2). In 3.x, str hashes its PEP 393 buffer, so `n` is length * kind.
Py_hash_t hash_bytes(const Profile& p, const void* data, size_t n);
// 2.7's unicode_hash: the same loop as string_hash over n Py_UNICODE units (4 bytes on the
// UCS-4 build this lab models), so a unicode and an ASCII str of equal text hash alike.
Py_hash_t hash_units_27(const uint32_t* units, size_t n);

// long_hash: the hash of an int from its 30-bit digits (least significant first) and sign.
// 3.x: the value modulo 2**61 - 1, sign kept; 2.7: modulo 2**64 - 1 (ULONG_MAX), which for a
// value that fits a C long is the value itself. -1 becomes -2 in both.
Py_hash_t hash_long_digits(const Profile& p, const uint32_t* digits, int64_t ndigits, int sign);
// The same, for a value given as a C integer (what hash(v) is for any int that fits).
Py_hash_t hash_int64(const Profile& p, int64_t value);
// hash(o) for a modelled int (long_object.h).
Py_hash_t long_hash(const Runtime& rt, const PyObject* o);

// _Py_HashPointer: the address rotated right by 4 bits (its low bits are always zero); the
// default hash of objects that compare by identity, in every profile.
Py_hash_t hash_pointer(uint64_t address);

// hash(o) for the exact built-in types whose hash needs no user code: int, str, bytes and
// 2.7's unicode. Returns false (and leaves *out alone) for any other type.
bool object_hash(Runtime& rt, PyObject* o, Py_hash_t* out);

// PyObject_Hash: hash(o) for any object, through the type's tp_hash (a class's __hash__ runs
// here); the types above and tuples are hashed directly. -1 with TypeError "unhashable type:
// 'T'" when the type has no hash.
Py_hash_t object_hash_any(Runtime& rt, PyObject* o);

// tuplehash: 2.7-3.7 mix each item's hash with a multiplier that grows by the position
// (Objects/tupleobject.c); 3.8+ feed the item hashes through xxHash's 64-bit round. -1 with
// the exception set when an item is unhashable.
Py_hash_t tuple_hash(Runtime& rt, PyObject* t);
// The same over item hashes already computed (what the tests and constant folding use).
Py_hash_t tuple_hash_of(const Profile& p, const Py_hash_t* item_hashes, int64_t n);

// frozenset_hash over the hashes of the set's n active entries, in any order (xor mixes
// them): 3.x shuffles each entry's bits, folds in the size and disperses the result; its
// table walk also mixes empty and dummy slots but cancels them out again, so only the active
// entries count. 2.7 mixes the size first and differs in the final step. Never -1.
Py_hash_t frozenset_hash_of(const Profile& p, const Py_hash_t* hashes, int64_t n);

}  // namespace pymemlab
