# Measures what tests/unit/test_long_arith.cpp, test_float_arith.cpp and test_format_spec.cpp
# expect of int, bool and float: results and error messages of the operators, conversions,
# parsing, repr/str, hash, round, format(), and (3.x, tracemalloc) the request sizes of int
# results. Runs on 2.7 and 3.6+; one TSV line per case: `case<TAB>expected`.
#   for v in 2.7.18 3.6.15 3.8.18 3.10.13 3.11.7 3.12.1 3.13.0; do
#     PYTHONHASHSEED=0 $(pyenv root)/versions/$v/bin/python measure_numbers.py > ../data/numbers-$v.tsv; done
#
# A case reads `op arg arg ...`, arguments separated by single spaces. Values are typed tokens:
#   i:<decimal>   an int (2.7: an int when it fits a C long, else a long, as a literal would be)
#   L:<decimal>   2.7: a long even when small (3.x: an int)
#   b:True b:False, f:<float.hex()>, s:<text, escaped as below>, N (None)
# Results are tokens too, plus t:<item>|<item> for a tuple and !<ExceptionType>: <message>.
# Text is escaped with Python's unicode_escape (2.7 str: string_escape), then spaces as \x20,
# so that a token holds no space or tab.
from __future__ import print_function

import math
import operator
import sys

try:
    import tracemalloc
except ImportError:  # 2.7
    tracemalloc = None

PY2 = sys.version_info[0] == 2
if PY2:
    long_type = long  # noqa: F821
    unicode_type = unicode  # noqa: F821
    MAXINT = sys.maxint  # noqa: F821
else:
    long_type = int
    unicode_type = str
    MAXINT = sys.maxsize


def esc(text):
    if PY2 and isinstance(text, str):
        e = text.encode('string_escape')
    else:
        e = text.encode('unicode_escape').decode('ascii')
    return e.replace(' ', '\\x20').replace('\t', '\\t')


def token(v):
    if v is None:
        return "N"
    if isinstance(v, bool):
        return "b:%s" % v
    if isinstance(v, float):
        return "f:" + v.hex()
    if isinstance(v, (int, long_type)):
        # A power of ten of 30 digits or more as 1e<n>; past 1000 digits in hex (3.11+ refuses
        # str() of more than 4300 digits).
        text = "%d" % v if abs(v) < 10**1000 else ("-" if v < 0 else "") + "0x%x" % abs(v)
        stripped = text.lstrip("-").rstrip("L")
        if len(stripped) > 30 and stripped.strip("0") == "1":
            text = ("-" if v < 0 else "") + "1e%d" % (len(stripped) - 1)
        return ("L:" if PY2 and isinstance(v, long_type) else "i:") + text.rstrip("L")
    if isinstance(v, (str, unicode_type)):
        return "s:" + esc(v)
    if isinstance(v, tuple):
        return "t:" + "|".join(token(x) for x in v)
    raise TypeError(type(v))


def outcome(f, *args):
    try:
        return token(f(*args))
    except Exception as e:
        return "!%s: %s" % (type(e).__name__, esc(str(e)))


def emit(case, result):
    print("%s\t%s" % (case, result))


# ---- values ---------------------------------------------------------------------------------

INTS = [0, 1, -1, 7, -7, 257, 2**30 - 1, 2**30, -(2**30), 2**62 + 5, -(2**63), 10**20 + 3, -(7**40)]
FLOATS = [0.0, -0.0, 1.5, -2.25, 0.1, 1e300, -1e-300, 5e-324, float('inf'), float('nan')]
BIN_OPS = [("add", operator.add), ("sub", operator.sub), ("mul", operator.mul),
           ("truediv", operator.truediv), ("floordiv", operator.floordiv), ("mod", operator.mod),
           ("divmod", divmod), ("pow", pow), ("lshift", operator.lshift), ("rshift", operator.rshift),
           ("and", operator.and_), ("or", operator.or_), ("xor", operator.xor)]
CMP_OPS = [("lt", operator.lt), ("le", operator.le), ("eq", operator.eq), ("ne", operator.ne),
           ("gt", operator.gt), ("ge", operator.ge)]
if PY2:
    BIN_OPS.append(("div", operator.div))  # noqa: F821 (classic division)


def lcg(seed):
    state = [seed]

    def nxt():
        state[0] = (state[0] * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return state[0]
    return nxt


def pow_safe(a, b):
    if isinstance(b, (int, long_type)) and isinstance(a, (int, long_type)) and abs(a) > 1 and \
            b * abs(a).bit_length() > 2000:
        raise OverflowError("skipped: too large")
    return pow(a, b)


def shift_safe(op):
    def f(a, b):
        if isinstance(b, (int, long_type)) and b > 10000:
            raise OverflowError("skipped: too large")
        return op(a, b)
    return f


def binops():
    small_shift = [0, 1, 7, 30, 31, 64, 100, -1]
    for name, f in BIN_OPS:
        if name == "pow":
            f = pow_safe
        if name in ("lshift", "rshift"):
            f = shift_safe(f)
        for a in INTS:
            rhs = small_shift if name in ("lshift", "rshift") else INTS
            for b in rhs:
                emit("binop %s %s %s" % (name, token(a), token(b)), outcome(f, a, b))
        if name in ("lshift", "rshift", "and", "or", "xor"):
            continue
        for a in FLOATS:
            for b in FLOATS + [0, -2, 10**20]:
                emit("binop %s %s %s" % (name, token(a), token(b)), outcome(f, a, b))
        for a in [0, -2, 2**53 + 1, 10**400]:
            for b in FLOATS:
                emit("binop %s %s %s" % (name, token(a), token(b)), outcome(f, a, b))
    for a in [0, 1, 7, 3**40, 10**400]:
        for b in [1.0, 0.5, 1e-300, 10**200, 2**64]:
            emit("binop truediv %s %s" % (token(a), token(b)), outcome(operator.truediv, a, b))
            emit("binop truediv %s %s" % (token(b), token(a)), outcome(operator.truediv, b, a))
    nxt = lcg(12345)
    for _ in range(60):
        a = (nxt() << 64 | nxt()) >> (nxt() % 120)
        b = (nxt() << 64 | nxt()) >> (nxt() % 125) or 1
        if nxt() & 1:
            a = -a
        if nxt() & 1:
            b = -b
        emit("binop truediv %s %s" % (token(a), token(b)), outcome(operator.truediv, a, b))
    for x in [True, False]:
        for y in [True, False, 2, 2.5]:
            for name, f in BIN_OPS:
                emit("binop %s %s %s" % (name, token(x), token(y)), outcome(f, x, y))
    # 2.7: ints that are longs.
    if PY2:
        for a in [long_type(0), long_type(5), long_type(-7), long_type(2**62)]:
            for b in [long_type(0), 3, long_type(-2), 2**70]:
                for name, f in BIN_OPS:
                    if name in ("lshift", "rshift", "pow") and b > 100:
                        continue
                    emit("binop %s %s %s" % (name, token(a), token(b)), outcome(f, a, b))


def pow3():
    bases = [0, 1, 2, -3, 10**20 + 7, -(2**70)]
    exps = [0, 1, 5, 100, -1, -3]
    mods = [0, 1, -1, 7, -7, 10**10 + 19, 4, 2**64 + 13]
    for a in bases:
        for b in exps:
            for c in mods:
                emit("pow3 %s %s %s" % (token(a), token(b), token(c)), outcome(pow, a, b, c))
    emit("pow3 %s %s %s" % (token(2.0), token(3), token(5)), outcome(pow, 2.0, 3, 5))
    emit("pow3 %s %s %s" % (token(2), token(0.5), token(5)), outcome(pow, 2, 0.5, 5))


def unops():
    ops = [("neg", operator.neg), ("pos", operator.pos), ("abs", abs), ("invert", operator.invert),
           ("int", int), ("float", float), ("bool", bool), ("repr", repr), ("str", str), ("hash", hash),
           ("hex", hex), ("oct", oct), ("bin", bin), ("round", round), ("trunc", math.trunc),
           ("floor", math.floor), ("ceil", math.ceil)]
    for name, f in ops:
        for a in INTS + [2**64 + 1, -(10**20), 3**100, True, False] + FLOATS + [-7.5, 2.0**63, 1e16, -float('inf')]:
            r = outcome(f, a)
            if name == "hash" and isinstance(a, float) and a != a:
                r = "nan-hash"  # 3.10+: the object's identity
            emit("unop %s %s" % (name, token(a)), r)
    for a in [10**4299, 10**4300, -(10**4300), 2**14000]:
        emit("unop str %s" % token(a), outcome(lambda v: len(str(v)), a))


def compares():
    vals = [0, 1, -7, 2**30, -(2**63), 10**20, 0.0, -0.0, 1.5, -7.5, 1e300, 5e-324, float('inf'),
            float('-inf'), float('nan'), 2.0**53, 2**53 + 1, 10**400, -(10**400), True]
    for name, f in CMP_OPS:
        for a in vals:
            for b in vals:
                emit("cmp %s %s %s" % (name, token(a), token(b)), outcome(f, a, b))


def float_reprs():
    special = [0.0, -0.0, 1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e16, 1e15, 9999999999999998.0,
               1e17, 123456789012345678.0, 1e-4, 1e-5, 0.0001, 0.00011, 1.5e-5, 5e-324, 2.2250738585072014e-308,
               1.7976931348623157e308, 1e22, 1e23, 2.0 ** 60, 2.0 ** -60, 100.0, 1e100, 123.456,
               0.5, 0.25, 0.125, 1e-7, 12345678901.0, 123456789012.0, 1234567890123.0, 1e12, 1e11,
               float('inf'), float('-inf'), float('nan'), -1.5, -1e-10, 4.35, 2.675, 1.005, 9.995]
    nxt = lcg(99)
    import struct
    values = list(special)
    while len(values) < 260:
        bits = nxt()
        v = struct.unpack('<d', struct.pack('<Q', bits))[0]
        if v != v or v in (float('inf'), float('-inf')):
            continue
        values.append(v)
        # Also some with short decimal expansions at various scales.
        values.append(float("%de%d" % (nxt() % 100000, nxt() % 40 - 25)))
    for v in values:
        emit("repr %s" % token(v), outcome(repr, v))
        emit("str %s" % token(v), outcome(str, v))
        h = "nan-hash" if v != v else outcome(hash, v)
        emit("hash %s" % token(v), h)


def rounds():
    floats = [0.5, 1.5, 2.5, -0.5, -2.5, 2.675, 1.005, 0.125, 0.375, 123456.789, -123456.789, 1e300, 1e-300,
              5e-324, 0.0, -0.0, 1e16 + 2, 7.0, float('inf'), float('nan')]
    for x in floats:
        emit("round %s N" % token(x), outcome(round, x))
        for n in [0, 1, 2, 3, -1, -2, 10, 17, 300, 400, -400, -308]:
            emit("round %s %s" % (token(x), token(n)), outcome(round, x, n))
    for x in [0, 5, 15, 25, -25, 12345, -12345, 10**20 + 5 * 10**9, 2**70]:
        emit("round %s N" % token(x), outcome(round, x))
        for n in [0, 1, -1, -2, -5, -10, -30]:
            emit("round %s %s" % (token(x), token(n)), outcome(round, x, n))


def parses():
    texts = ["0", "-0", "+12", " 42 ", "\t7\n", "1_000", "1__0", "_1", "1_", "0x1f", "0X1F", "0o17", "0b101",
             "017", "010", "0", "00", "0_0", "0x_1f", "0x1_f", "ff", "FF", "z", "Z", "12a", "", " ", "-",
             "+-1", "9" * 30, "-" + "9" * 30, "1e5", "1.5", u"\u0661\u0662\u0663", u"\uff11\uff12", "0b", "0x", "12L", "0l", "0x1fL", "1 2",
             "9" * 4301, "9" * 4300]
    for t in texts:
        for base in [10, 0, 16, 8, 2, 36, 7]:
            if len(t) > 100 and base != 10:
                continue
            emit("parse_int %s %s" % (token(t), token(base)), outcome(lambda s, b: int(s, b), t, base))
    for base in [1, 37, -1]:
        emit("parse_int %s %s" % (token("1"), token(base)), outcome(lambda s, b: int(s, b), "1", base))
    ftexts = ["1.5", " 1.5 ", "-2.5e-3", "+1E10", "inf", "-inf", "+Infinity", "iNfInItY", "nan", "-NaN",
              "1_000.5", "1__0", "1_.5", "1._5", "_1", "1e1_0", "1e_10", "x", "", " ", "1.5x", ".5", "5.",
              ".", "e5", "1e", "1e500", "-1e500", "1e-500", "0x1p3", "0.1", "1" * 30, "12345678901234567890.5",
              "infinit", "nan(123)", u"\u0661.\u0665", "1e+", "+.5e-2", "00012", "9" * 400]
    for t in ftexts:
        emit("parse_float %s" % token(t), outcome(float, t))


FORMAT_INTS = [0, 1234567, -1234567, 255, -255, 10**20, 65, True]
FORMAT_FLOATS = [0.0, -0.0, 1234.5678, -0.001, 1e20, 1.5e-7, float('inf'), float('-inf'), float('nan'), 0.125,
                 2.5, 1.0 / 3, 123456789.0, 1e16, -1.5]
INT_SPECS = ["", "d", ",", "_", "10", "<10", "^10", ">10", "=10", "010", "+", " ", "-", "x", "X", "#x", "#X",
             "#o", "o", "b", "#b", "c", "_x", "#_b", "*^12,", "0>8", "010,", "08_", "+010", "-=8", " 5", "e",
             ".2f", "%", "g", ".2", "z", "s", ",x", ",c", "_d", "_,", ",_", "#c", "+c", "n", ",n", "x ", "=",
             "10000000000000000000", ".", u"\u00e9>6", "#10x", "#010x", "=^5", "<<", "0=+8", "1,", "12_b"]
FLOAT_SPECS = ["", "e", "E", ".2f", ".3e", "g", "G", ".0f", ".10g", "%", ".1%", "F", "n", "#.0f", "#g", "#",
               "z.1f", "z", "+.2f", " .2f", ",.2f", "_.3f", "015.3f", "=+12.2f", ".2", ".0", "10.4", ",", "_",
               "x", "d", ",e", "10", "<12", "^12", "*>12", "012", ".3", ".17", ".20e", ".30f", "#.3g", "-",
               "z.0f", ",.0f", "015,.2f", ".1g", ".0e", ".0%", "#e", "=10", "s", "c", ",g"]
STR_SPECS = ["", ">5", "<5", "^6", "*^7", ".1", "10.3", "=5", "+", " ", "#", "s", "d", "05", "z", ",", "_",
             "x<3", "<", "3", ".0", "s ", ">>5"]


def formats():
    for v in FORMAT_INTS:
        for spec in INT_SPECS:
            emit("format %s %s" % (token(v), token(spec)), outcome(format, v, spec))
    for v in FORMAT_FLOATS:
        for spec in FLOAT_SPECS:
            emit("format %s %s" % (token(v), token(spec)), outcome(format, v, spec))
    for v in ["ab", "", "hello"]:
        for spec in STR_SPECS:
            emit("format %s %s" % (token(v), token(spec)), outcome(format, v, spec))


def allocs():
    """3.x: the request sizes of the blocks an int result holds (tracemalloc), largest first."""
    if tracemalloc is None:
        return
    line = measure_alloc.__code__.co_firstlineno + 2
    vals = [0, 1, 7, 1000, -1000, 2**30 - 1, 2**30, -(2**30), 2**40 + 5, -(2**40 + 5), 2**60, 2**90 - 1,
            10**30, -(10**30), 2**200 + 12345]
    ops = [("add", operator.add), ("sub", operator.sub), ("mul", operator.mul), ("floordiv", operator.floordiv),
           ("mod", operator.mod), ("divmod", divmod), ("and", operator.and_), ("or", operator.or_),
           ("xor", operator.xor)]
    for name, f in ops:
        for a in vals:
            for b in vals:
                try:
                    sizes = measure_alloc(line, f, a, b)
                except ZeroDivisionError:
                    continue
                emit("alloc %s %s %s" % (name, token(a), token(b)), ",".join(map(str, sizes)) or "-")
    for a in vals:
        for n in [0, 1, 5, 29, 30, 31, 61, 100]:
            emit("alloc lshift %s %s" % (token(a), token(n)),
                 ",".join(map(str, measure_alloc(line, operator.lshift, a, n))) or "-")
            emit("alloc rshift %s %s" % (token(a), token(n)),
                 ",".join(map(str, measure_alloc(line, operator.rshift, a, n))) or "-")
        for name, f in [("neg", operator.neg), ("invert", operator.invert), ("abs", abs), ("pos", operator.pos)]:
            emit("alloc %s %s" % (name, token(a)), ",".join(map(str, measure_alloc(line, f, a))) or "-")
        emit("alloc parse_int %s" % token(str(a)), ",".join(map(str, measure_alloc(line, int, str(a)))) or "-")
        for e in [0, 1, 2, 3, 5, 17]:
            emit("alloc pow %s %s" % (token(a), token(e)), ",".join(map(str, measure_alloc(line, pow, a, e))) or "-")
        for m in [7, 1000, 2**40 + 5, -(2**40 + 5)]:
            emit("alloc pow3 %s %s %s" % (token(a), token(5), token(m)),
                 ",".join(map(str, measure_alloc(line, pow, a, 5, m))) or "-")


def measure_alloc(line, f, *args):
    tracemalloc.start(1)
    r = f(*args)  # the measured line: `line` above is this one
    snap = tracemalloc.take_snapshot()
    tracemalloc.stop()
    del r
    return sorted((t.size for t in snap.traces
                   if t.traceback[0].lineno == line and t.traceback[0].filename == __file__), reverse=True)


def main():
    emit("python", "%d.%d.%d" % sys.version_info[:3])
    binops()
    pow3()
    unops()
    compares()
    float_reprs()
    rounds()
    parses()
    formats()
    allocs()


if __name__ == "__main__":
    main()
