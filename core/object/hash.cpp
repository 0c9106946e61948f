// Hashing: SipHash as Python/pyhash.c writes it, 2.7's multiplicative string loop, the int
// hash of both lines, the pointer hash, tuple and frozenset hashes, and hash() dispatch through
// tp_hash (PyObject_Hash) for any object.
#include "object/hash.h"

#include <string>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/bytes_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// The key with randomization off: _Py_HashSecret is all zeros (PYTHONHASHSEED=0).
constexpr uint64_t kSipKey0 = 0, kSipKey1 = 0;
// 2.7's _Py_HashSecret.prefix and .suffix, both 0 unless -R or PYTHONHASHSEED asks otherwise.
constexpr uint64_t kPrefix27 = 0, kSuffix27 = 0;
constexpr uint64_t kFnvMultiplier27 = 1000003;

// tuplehash, 2.7-3.7: _PyHASH_MULTIPLIER, grown by 82520 + 2 * (items left) after each item.
constexpr uint64_t kTupleMultiplier = 1000003;
constexpr uint64_t kTupleSeed = 0x345678;
constexpr uint64_t kTupleMultiplierStep = 82520;
constexpr uint64_t kTupleFinal = 97531;
// tuplehash, 3.8+: xxHash's 64-bit primes and rotation; the length is mixed with a constant.
constexpr uint64_t kXXPrime1 = 11400714785074694791ull;
constexpr uint64_t kXXPrime2 = 14029467366897019727ull;
constexpr uint64_t kXXPrime5 = 2870177450012600261ull;
constexpr uint64_t kXXLengthMix = 3527539;
constexpr Py_hash_t kTupleHashForMinusOne = 1546275796;
// frozenset_hash: _shuffle_bits's constants and the final dispersion (Objects/setobject.c).
constexpr uint64_t kShuffleXor = 89869747;
constexpr uint64_t kShuffleMultiplier = 3644798167;
constexpr uint64_t kFrozensetSizeMultiplier = 1927868237;
constexpr uint64_t kFrozensetFinalMultiplier = 69069;
constexpr uint64_t kFrozensetFinalAdd = 907133923;
constexpr Py_hash_t kFrozensetHashForMinusOne = 590923713;

constexpr uint64_t rotl(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct SipState {
    uint64_t v0, v1, v2, v3;

    void round() {
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
    }
};

// SipHash-c-d: c rounds per 8-byte word, d rounds of finalization; the message is read as
// little-endian words whatever the host, and its length mod 256 tops the last word.
template <int C, int D>
uint64_t siphash(uint64_t k0, uint64_t k1, const void* src, size_t n) {
    SipState s{k0 ^ 0x736f6d6570736575ull, k1 ^ 0x646f72616e646f6dull, k0 ^ 0x6c7967656e657261ull,
               k1 ^ 0x7465646279746573ull};
    const auto* in = static_cast<const unsigned char*>(src);
    const uint64_t b = static_cast<uint64_t>(n) << 56;
    for (; n >= 8; n -= 8, in += 8) {
        uint64_t m = 0;
        for (int i = 7; i >= 0; --i) m = (m << 8) | in[i];
        s.v3 ^= m;
        for (int r = 0; r < C; ++r) s.round();
        s.v0 ^= m;
    }
    uint64_t t = 0;
    for (size_t i = n; i > 0; --i) t = (t << 8) | in[i - 1];
    const uint64_t last = b | t;
    s.v3 ^= last;
    for (int r = 0; r < C; ++r) s.round();
    s.v0 ^= last;
    s.v2 ^= 0xff;
    for (int r = 0; r < D; ++r) s.round();
    return (s.v0 ^ s.v1) ^ (s.v2 ^ s.v3);
}

// 2.7's string_hash and unicode_hash share this loop; only the unit type differs. The C code
// multiplies signed longs; unsigned arithmetic gives the same bits without the overflow.
template <class Unit>
Py_hash_t fnv27(const Unit* p, size_t n) {
    if (n == 0) return 0;  // not prefix ^ suffix: that would leak the secret
    uint64_t x = kPrefix27;
    x ^= static_cast<uint64_t>(p[0]) << 7;
    for (size_t i = 0; i < n; ++i) x = (kFnvMultiplier27 * x) ^ static_cast<uint64_t>(p[i]);
    x ^= static_cast<uint64_t>(n);
    x ^= kSuffix27;
    auto h = static_cast<Py_hash_t>(x);
    return h == -1 ? -2 : h;
}

}  // namespace

StringHash string_hash_of(const Profile& p) {
    if (p.major == 2) return StringHash::kFnv27;
    return p.at_least(3, 11) ? StringHash::kSipHash13 : StringHash::kSipHash24;
}

uint64_t siphash24(uint64_t k0, uint64_t k1, const void* src, size_t n) { return siphash<2, 4>(k0, k1, src, n); }
uint64_t siphash13(uint64_t k0, uint64_t k1, const void* src, size_t n) { return siphash<1, 3>(k0, k1, src, n); }

Py_hash_t hash_bytes(const Profile& p, const void* data, size_t n) {
    const StringHash algorithm = string_hash_of(p);
    if (algorithm == StringHash::kFnv27) return fnv27(static_cast<const unsigned char*>(data), n);
    if (n == 0) return 0;
    // Py_HASH_CUTOFF is 0 in every release build: no small-string shortcut.
    const uint64_t x = algorithm == StringHash::kSipHash13 ? siphash13(kSipKey0, kSipKey1, data, n)
                                                           : siphash24(kSipKey0, kSipKey1, data, n);
    auto h = static_cast<Py_hash_t>(x);
    return h == -1 ? -2 : h;
}

Py_hash_t hash_units_27(const uint32_t* units, size_t n) { return fnv27(units, n); }

Py_hash_t hash_long_digits(const Profile& p, const uint32_t* digits, int64_t ndigits, int sign) {
    uint64_t x = 0;
    if (p.major == 2) {
        // A 64-bit circular shift keeps x congruent to the value modulo ULONG_MAX; a carry out
        // of the addition is folded back in for the same reason.
        for (int64_t i = ndigits - 1; i >= 0; --i) {
            x = (x << PyLong_SHIFT) | (x >> (64 - PyLong_SHIFT));
            x += digits[i];
            if (x < digits[i]) ++x;
        }
    } else {
        // Multiplying by 2**30 modulo 2**61 - 1 is a 61-bit rotation.
        for (int64_t i = ndigits - 1; i >= 0; --i) {
            x = ((x << PyLong_SHIFT) & kPyHashModulus) | (x >> (kPyHashBits - PyLong_SHIFT));
            x += digits[i];
            if (x >= kPyHashModulus) x -= kPyHashModulus;
        }
    }
    if (sign < 0) x = 0 - x;
    auto h = static_cast<Py_hash_t>(x);
    return h == -1 ? -2 : h;
}

Py_hash_t hash_int64(const Profile& p, int64_t value) {
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    uint32_t digits[3];
    int64_t n = 0;
    for (; magnitude != 0; magnitude >>= PyLong_SHIFT) digits[n++] = static_cast<uint32_t>(magnitude & PyLong_MASK);
    return hash_long_digits(p, digits, n, value < 0 ? -1 : value > 0 ? 1 : 0);
}

Py_hash_t long_hash(const Runtime& rt, const PyObject* o) {
    const Profile& p = rt.profile();
    if (p.major == 2) {  // PyIntObject: int_hash is the value
        const int64_t v = reinterpret_cast<const PyIntObject*>(o)->ob_ival;
        return v == -1 ? -2 : v;
    }
    const auto* l = reinterpret_cast<const PyLongObject*>(o);
    const int64_t ndigits = long_ndigits(p, o);
    const int sign = long_sign(p, o);
    if (ndigits <= 1) {
        // One digit is below both moduli: the hash is the value (as CPython's fast path). Before
        // 3.11, 0 has no digit at all.
        const int64_t v = ndigits == 0 ? 0 : sign * static_cast<int64_t>(l->ob_digit[0]);
        return v == -1 ? -2 : v;
    }
    return hash_long_digits(p, l->ob_digit, ndigits, sign);
}

Py_hash_t hash_pointer(uint64_t address) {
    auto h = static_cast<Py_hash_t>(rotl(address, 60));  // rotate right by 4
    return h == -1 ? -2 : h;
}

Py_hash_t tuple_hash_of(const Profile& p, const Py_hash_t* item_hashes, int64_t n) {
    if (p.at_least(3, 8)) {
        uint64_t acc = kXXPrime5;
        for (int64_t i = 0; i < n; ++i) {
            acc += static_cast<uint64_t>(item_hashes[i]) * kXXPrime2;
            acc = rotl(acc, 31);
            acc *= kXXPrime1;
        }
        acc += static_cast<uint64_t>(n) ^ (kXXPrime5 ^ kXXLengthMix);
        return acc == ~uint64_t{0} ? kTupleHashForMinusOne : static_cast<Py_hash_t>(acc);
    }
    uint64_t x = kTupleSeed;
    uint64_t mult = kTupleMultiplier;
    for (int64_t i = 0, left = n - 1; i < n; ++i, --left) {
        x = (x ^ static_cast<uint64_t>(item_hashes[i])) * mult;
        mult += kTupleMultiplierStep + static_cast<uint64_t>(left) + static_cast<uint64_t>(left);
    }
    x += kTupleFinal;
    return x == ~uint64_t{0} ? -2 : static_cast<Py_hash_t>(x);
}

// A tuple's items that are tuples hashing as tuples are hashed here, from a stack of pending
// tuples, not by recursion: CPython's tuplehash recurses in frames of a few dozen bytes and
// hashes a tuple nested 100,000 deep; the lab's frames are larger.
static bool hashes_as_tuple(const Builtins& b, const PyObject* o) {
    const PyTypeObject* t = Py_TYPE(o);
    return t == b.tuple_type && (t->tp_hash == nullptr || t->tp_hash == b.object_type->tp_hash || t->tp_hash == tuple_hash);
}

Py_hash_t tuple_hash(Runtime& rt, PyObject* t) {
    struct Pending {
        PyObject* tuple;
        std::vector<Py_hash_t> hashes;  // of the items before the next
    };
    const Builtins& b = rt.builtins();
    std::vector<Pending> pending;
    pending.push_back({t, {}});
    for (;;) {
        Pending& top = pending.back();
        const auto n = static_cast<size_t>(Py_SIZE(top.tuple));
        if (top.hashes.size() == n) {
            const Py_hash_t h = tuple_hash_of(rt.profile(), top.hashes.data(), static_cast<int64_t>(n));
            pending.pop_back();
            if (pending.empty()) return h;
            pending.back().hashes.push_back(h);
            continue;
        }
        PyObject* item = tuple_items(top.tuple)[top.hashes.size()];
        if (hashes_as_tuple(b, item)) {
            pending.push_back({item, {}});
            continue;
        }
        const Py_hash_t h = object_hash_any(rt, item);
        if (h == -1) return -1;
        top.hashes.push_back(h);
    }
}

Py_hash_t frozenset_hash_of(const Profile& p, const Py_hash_t* hashes, int64_t n) {
    uint64_t hash;
    if (p.major == 2) {
        hash = kFrozensetSizeMultiplier * static_cast<uint64_t>(n + 1);
        for (int64_t i = 0; i < n; ++i) {
            const uint64_t h = static_cast<uint64_t>(hashes[i]);
            hash ^= (h ^ (h << 16) ^ kShuffleXor) * kShuffleMultiplier;
        }
        hash = hash * kFrozensetFinalMultiplier + kFrozensetFinalAdd;
    } else {
        hash = 0;
        for (int64_t i = 0; i < n; ++i) {
            const uint64_t h = static_cast<uint64_t>(hashes[i]);
            hash ^= ((h ^ kShuffleXor) ^ (h << 16)) * kShuffleMultiplier;
        }
        hash ^= static_cast<uint64_t>(n + 1) * kFrozensetSizeMultiplier;
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash * kFrozensetFinalMultiplier + kFrozensetFinalAdd;
    }
    return hash == ~uint64_t{0} ? kFrozensetHashForMinusOne : static_cast<Py_hash_t>(hash);
}

Py_hash_t object_hash_any(Runtime& rt, PyObject* o) {
    Py_hash_t h;
    if (object_hash(rt, o, &h)) return h;
    PyTypeObject* t = Py_TYPE(o);
    const Builtins& b = rt.builtins();
    // A tuple hashes its items unless the tuple type has a tp_hash of its own by now (not the
    // identity hash type_ready lets it inherit from object).
    if (t == b.tuple_type && (t->tp_hash == nullptr || t->tp_hash == b.object_type->tp_hash)) return tuple_hash(rt, o);
    if (t->tp_hash != nullptr) return t->tp_hash(rt, o);
    err_format(rt, b.exc.TypeError, "unhashable type: '%s'", type_name(t).c_str());
    return -1;
}

bool object_hash(Runtime& rt, PyObject* o, Py_hash_t* out) {
    const Builtins& b = rt.builtins();
    PyTypeObject* type = Py_TYPE(o);
    if (type == b.long_type)
        *out = long_hash(rt, o);
    else if (type == b.unicode_type)
        *out = unicode_hash(rt, o);
    else if (type == b.bytes_type)
        *out = bytes_hash(rt, o);
    else
        return false;
    return true;
}

}  // namespace pymemlab
