# Measures how the running CPython lays out its objects and what it asks the allocator for.
# Prints one TSV (header first) to stdout: an "obj" row per case, then "fact" rows (caches,
# interning, refcounts, free lists, growth sequences, id spacing). Runs unchanged on 2.7 and 3.6+;
# the allocator columns need tracemalloc (3.4+) and read NA on 2.7. Method and limits: README.md.
#   for v in 2.7.18 3.6.15 ...; do $(pyenv root)/versions/$v/bin/python measure_objects.py > ../data/objects-$v.tsv; done
from __future__ import print_function

import functools
import gc
import struct
import sys
import types
import weakref

try:
    import tracemalloc
except ImportError:  # 2.7
    tracemalloc = None

PY2 = sys.version_info[0] == 2
NFRAMES = 40             # traceback depth kept by tracemalloc; the creating line must be in it
REPS = 300               # per-case warm-up creations before the cold one (drains per-type free lists)
TUPLE_DRAIN = 2100       # > 2000, the tuple free list's cap per length
OTHER_DRAIN = 300        # > 100 / 80, the float / list / dict / dict-keys free lists' caps
Py_TPFLAGS_HAVE_GC = 1 << 14
GENERIC_DRAIN = POST_START_DRAIN = None   # made by make_drain() in main()
NA = "NA"                # could not be measured on this interpreter
NOT_APPLICABLE = "-"

COLUMNS = ["section", "case", "type", "getsizeof", "sizeof", "basicsize", "itemsize",
           "gc_type", "tracked", "tracked_after_gc", "capacity",
           "req_n", "req_bytes", "req_sizes", "warm_n", "warm_bytes", "warm_sizes",
           "first_n", "first_bytes", "first_sizes", "value", "code"]


# ---------------------------------------------------------------------------------------------
# Cases. A case is a snippet that binds the object to `_o`. Its setup runs first (same function,
# earlier lines) and pre-builds every argument, so that the snippet's own lines allocate nothing
# but the object and the blocks it keeps. Snippets bind no other name (defs and classes are named
# `_o`), so `del _o` frees the object when nothing else holds it.
# ---------------------------------------------------------------------------------------------

CASES = []


def case(name, code, setup="", reps=REPS, note=""):
    CASES.append({"name": name, "code": code.strip("\n"), "setup": setup.strip("\n"),
                  "reps": reps, "note": note})


def int_case(label, expr):
    # Negating a pre-built negative number makes an exactly sized int (long_neg copies the
    # digits; small values go through PyLong_FromLong and hit the small-int cache).
    case("int " + label, "_o = -_n", setup="_n = -(%s)" % expr)


def build_cases():
    for label, expr in [("0", "0"), ("1", "1"), ("-1", "-1"), ("-5", "-5"), ("-6", "-6"),
                        ("256", "256"), ("257", "257"), ("1000", "1000"),
                        ("2**30-1", "2**30-1"), ("2**30", "2**30"), ("2**60", "2**60"),
                        ("2**62", "2**62"), ("2**63", "2**63"), ("2**100", "2**100"),
                        ("2**200", "2**200")]:
        int_case(label, expr)
    case("bool True", "_o = True")
    case("float", "_o = _x * _y", setup="_x = 1.25\n_y = 3.0")
    case("complex", "_o = _x + _y", setup="_x = complex(1, 2)\n_y = complex(3, 4)")

    # str: concatenation of two pre-built halves; on 2.7 `str` is the bytes type.
    for label, a, b in [("''", "''", "''"), ("'a'", "'a'", "''"), ("'abc'", "'ab'", "'c'"),
                        ("'abcdefg'", "'abcd'", "'efg'"), ("'abcdefgh'", "'abcd'", "'efgh'"),
                        ("'hello world'", "'hello '", "'world'"), ("'x'*100", "'x'*50", "'x'*50")]:
        case("str " + label, "_o = _a + _b", setup="_a = %s\n_b = %s" % (a, b))
    case("str latin1 '\\xe9'", "_o = _chr(0xe9)")
    case("str latin1 'ab\\xe9'", "_o = _a + _b", setup="_a = u'ab'\n_b = u'\\xe9'")
    case("str ucs2 '\\u20ac'", "_o = _chr(0x20ac)")
    case("str ucs2 'ab\\u20ac'", "_o = _a + _b", setup="_a = u'ab'\n_b = u'\\u20ac'")
    case("str ucs4 emoji", "_o = _chr(0x1f600)")
    case("str ucs4 'ab'+emoji", "_o = _a + _b", setup="_a = u'ab'\n_b = _chr(0x1f600)")
    case("str literal 'abc'", "_o = 'abc'", note="constant: made by the compiler, not on this line")

    for label, a, b in [("b''", "b''", "b''"), ("b'a'", "b'a'", "b''"), ("b'ab'", "b'a'", "b'b'"),
                        ("b'abc'", "b'ab'", "b'c'"), ("b'x'*100", "b'x'*50", "b'x'*50")]:
        case("bytes " + label, "_o = _a + _b", setup="_a = %s\n_b = %s" % (a, b))
    case("bytearray b'abc'", "_o = bytearray(_a)", setup="_a = b'abc'")

    case("tuple ()", "_o = ()")
    case("tuple (1,)", "_o = (_a,)", setup="_a = 1")
    case("tuple (1,2,3)", "_o = (_a, _b, _c)", setup="_a = 1\n_b = 2\n_c = 3")
    case("tuple const (1,2,3)", "_o = (1, 2, 3)", note="constant: made by the compiler")
    for n in [2, 4, 5, 8, 16, 19, 20, 21, 25]:
        case("tuple len %d" % n, "_o = tuple(_l)", setup="_l = list(range(%d))" % n)

    case("list []", "_o = []")
    case("list [1,2,3]", "_o = [1, 2, 3]", note="literal of constants: 3.9+ builds it with LIST_EXTEND")
    case("list [a,b,c]", "_o = [_a, _b, _c]", setup="_a = 1\n_b = 2\n_c = 3")
    case("list(tuple3)", "_o = list(_t)", setup="_t = (1, 2, 3)")
    for n in range(0, 41):
        case("list append x %d" % n, "_o = []\nfor _k in _ks:\n    _o.append(_k)",
             setup="_ks = list(range(%d))" % n)

    case("dict {}", "_o = {}")
    case("dict {'a':1} literal", "_o = {'a': 1}")
    case("dict literal 6 const keys", "_o = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}")
    for n in range(0, 41):
        case("dict %d key%s" % (n, "" if n == 1 else "s"), "_o = {}\nfor _k in _ks:\n    _o[_k] = None",
             setup="_ks = ['k%%d' %% _i for _i in range(%d)]" % n)
    for n in [1, 5, 6, 10, 11, 21, 22, 40]:
        case("dict %d int key%s" % (n, "" if n == 1 else "s"), "_o = {}\nfor _k in _ks:\n    _o[_k] = None",
             setup="_ks = list(range(1000, %d))" % (1000 + n))

    case("set()", "_o = set()")
    for n in range(1, 41):
        case("set %d item%s" % (n, "" if n == 1 else "s"), "_o = set()\nfor _k in _ks:\n    _o.add(_k)",
             setup="_ks = list(range(%d))" % n)
    case("set {a,b,c}", "_o = {_a, _b, _c}", setup="_a = 1\n_b = 2\n_c = 3")
    case("frozenset()", "_o = frozenset()")
    case("frozenset {1,2,3}", "_o = frozenset(_t)", setup="_t = (1, 2, 3)")

    case("range", "_o = _range(_n)", setup="_n = 10")
    case("slice", "_o = slice(_a, _b)", setup="_a = 1\n_b = 5")
    case("object()", "_o = object()")

    case("instance empty class", "_o = _C()", setup="class _C(object):\n    pass")
    for n in range(1, 9):
        body = "\n".join("        self.a%d = %d" % (i, i) for i in range(n))
        case("instance %d attr%s" % (n, "" if n == 1 else "s"), "_o = _C()",
             setup="class _C(object):\n    def __init__(self):\n%s" % body,
             note="attributes set in __init__ (allocations there are charged to the creating line)")
    case("instance 2 attrs set outside", "_o = _C()\n_o.a = 1\n_o.b = 2",
         setup="class _C(object):\n    pass")
    case("instance 2 attrs + __dict__ read", "_o = _C()\n_o.__dict__",
         setup="class _C(object):\n    def __init__(self):\n        self.a = 1\n        self.b = 2",
         note="reading __dict__ materialises the dict where values live elsewhere (3.11+)")
    case("instance __slots__=('a',)", "_o = _C()", setup="class _C(object):\n    __slots__ = ('a',)")
    case("instance __slots__=('a',) set", "_o = _C()\n_o.a = 1",
         setup="class _C(object):\n    __slots__ = ('a',)")
    case("instance __slots__=('a','b')", "_o = _C()", setup="class _C(object):\n    __slots__ = ('a', 'b')")
    case("instance __slots__=()", "_o = _C()", setup="class _C(object):\n    __slots__ = ()")
    case("class object", "class _o(object):\n    pass", reps=0,
         note="includes blocks the class leaves outside itself (e.g. its entry in object's subclass table)")
    case("class object with method", "class _o(object):\n    def m(self):\n        pass", reps=0)

    case("function", "def _o():\n    pass")
    case("function with defaults (a=1,b=2)", "def _o(a=1, b=2):\n    pass")
    case("function with defaults (a=x,b=y)", "def _o(a=_x, b=_y):\n    pass", setup="_x = 1.5\n_y = 2.5")
    case("closure (function+cell)", "_o = _mk(_v)",
         setup="def _mk(x):\n    def g():\n        return x\n    return g\n_v = 1.5")
    case("closure cell", "_o = _mk(_v).__closure__[0]",
         setup="def _mk(x):\n    def g():\n        return x\n    return g\n_v = 1.5")
    case("bound method", "_o = _i.m",
         setup="class _C(object):\n    def m(self):\n        pass\n_i = _C()")
    case("builtin method [].append", "_o = _l.append", setup="_l = []")
    case("module", "_o = _ModuleType(_s)", setup="_s = 'modname'")
    case("code object compile('a = b + 1')", "_o = compile(_src, _fn, 'exec')",
         setup="_src = 'a = b + 1'\n_fn = '<m>'", note="approximate: everything the compiler keeps")
    case("generator", "_o = _g()", setup="def _g():\n    yield 1")
    case("list iterator", "_o = iter(_l)", setup="_l = [1, 2, 3]")
    case("weakref.ref", "_o = _ref(next(_it))",
         setup="class _W(object):\n    pass\n_ts = [_W() for _i in range(%d)]\n_it = iter(_ts)" % (REPS + 10))
    case("weakref.proxy", "_o = _proxy(next(_it))",
         setup="class _W(object):\n    pass\n_ts = [_W() for _i in range(%d)]\n_it = iter(_ts)" % (REPS + 10))
    case("exception ValueError('x')", "_o = ValueError(_s)", setup="_s = 'x'")
    case("None", "_o = None")
    case("True", "_o = True")
    case("NotImplemented", "_o = NotImplemented")
    case("Ellipsis", "_o = Ellipsis")


# ---------------------------------------------------------------------------------------------
# Running a case. The source is one function; the snippet is placed four times:
#   first:   right after setup, in whatever state the free lists are in (run_case's gc.collect()
#            has just emptied them, and setup may have put some entries back);
#   cold:    after REPS creations kept alive and the generic drain, so the free lists are empty
#            and every part of the object is a real allocator request;
#   prewarm: its object is deleted at once, so a free list that exists holds an entry;
#   warm:    the next one; what comes off a free list makes no request.
# Tracing runs only around `first`, `cold` and `warm` (three tracing sessions, one snapshot
# each), so every block that exists before the measured line is untraced. That matters: since
# 3.7/3.8 tracemalloc re-attributes a traced block that is taken off a free list or a cache (a
# code object's zombie frame, for one) to the line that reuses it (_PyTraceMalloc_NewReference),
# which would make a reuse look like a request; an untraced block is left alone.
# A traced block belongs to the placement whose line appears anywhere in its traceback, so the
# blocks an __init__ body makes count for the line that called the class.
# ---------------------------------------------------------------------------------------------

def indent(code, n):
    return "\n".join((" " * n + line) if line else line for line in code.split("\n"))


def build_source(c):
    lines = ["def _case(_drain, _post_drain, _reps, _keep, _start, _stop):"]
    ranges = {}

    def add(block, depth=4):
        for line in indent(block, depth).split("\n"):
            lines.append(line)

    def place(tag, depth=4):
        lo = len(lines) + 1
        add(c["code"], depth)
        ranges[tag] = (lo, len(lines))

    if c["setup"]:
        add(c["setup"])
    add("_start()")
    place("first")
    add("_stop('first', _o)\n_first = _o\ndel _o\nfor _rep_i in _reps:")
    place("reps", 8)
    add("_keep[_rep_i] = _o\ndel _o", 8)
    add("_drained = _drain()\n_start()\n_post = _post_drain()")
    place("cold")
    add("_stop('cold', _o)\n_cold = _o\ndel _o, _keep, _drained, _post")
    place("prewarm")
    add("del _o\n_start()")
    place("warm")
    add("_stop('warm', _o)\n_warm = _o\nreturn _first, _cold, _warm")
    return "\n".join(lines) + "\n", ranges


class Tracer(object):
    """Stops tracemalloc after each measured placement and keeps its snapshot; after `cold`,
    also reads the object's gc tracking before and after a full collection."""

    def __init__(self):
        self.tracing = tracemalloc is not None
        self.snaps = {}

    def stop(self, tag, obj):
        if tag == "cold":
            self.tracked = int(gc.is_tracked(obj))
        # A full collection empties the free lists: a block that the measured line allocated and
        # then parked on one (an argument tuple, say) is really freed and leaves the snapshot.
        # It also frees cyclic garbage the line made. The measured object is still referenced.
        gc.collect()
        if tag == "cold":
            self.tracked_after_gc = int(gc.is_tracked(obj))
        if self.tracing:
            self.snaps[tag] = tracemalloc.take_snapshot()
            tracemalloc.stop()


def make_drain(n_other, n_tuple):
    """A function that empties the float, list, dict, dict-keys, slice and tuple free lists
    (n_other objects of each of the first kinds, n_tuple tuples of each length 1..21) and returns
    the objects. It frees nothing on its way, or the free lists would end with an entry back:
    objects go into a pre-built list by index (no list.append bound method, no int arithmetic),
    tuples are built with BUILD_TUPLE (calling tuple() frees an argument tuple on 3.6), and
    tuples come last because slice() frees its argument tuple there too."""
    per = 6
    total = per * n_other + 21 * n_tuple
    g = {"TEMPLATE": [None] * total, "X": 1.0001,
         "OTHER": [tuple(range(per * k, per * k + per)) for k in range(n_other)],
         "TUPLES": [list(range(per * n_other + n_tuple * (n - 1), per * n_other + n_tuple * n))
                    for n in range(1, 22)]}
    src = ["def _drain():",
           "    keep = TEMPLATE[:]",
           "    x = X",
           "    for i0, i1, i2, i3, i4, i5 in OTHER:",
           "        keep[i0] = x * 1.5",
           "        keep[i1] = []",
           "        keep[i2] = slice(i0, x)",
           "        d = {}",
           "        d['k'] = None",          # str-keyed table of minimum size (3.11+ keys free list is str-only)
           "        keep[i3] = d",
           "        d = {}",
           "        d[x] = None",            # general table of minimum size
           "        keep[i4] = d",
           "        keep[i5] = {}",
           "    d = None"]
    for n in range(1, 22):
        src.append("    for i in TUPLES[%d]:" % (n - 1))
        src.append("        keep[i] = (%s,)" % ", ".join(["x"] * n))
    src.append("    return keep")
    exec(compile("\n".join(src) + "\n", "<pymemlab-drain>", "exec"), g)
    return g["_drain"]


def base_namespace():
    ns = {"__name__": "pymemlab_case", "_chr": unichr if PY2 else chr,  # noqa: F821
          "_range": xrange if PY2 else range,  # noqa: F821
          "_ref": weakref.ref, "_proxy": weakref.proxy, "_ModuleType": types.ModuleType}
    return ns


def traced_blocks(snapshot, filename, ranges):
    """Sizes of the live blocks created on each placement's lines, in line order, each line's
    blocks largest first."""
    out = dict((tag, []) for tag in ranges)
    if snapshot is None:
        return None
    flt = tracemalloc.Filter(True, filename, all_frames=True)
    for trace in snapshot.filter_traces([flt]).traces:
        hit = None
        for frame in trace.traceback:
            if frame.filename != filename:
                continue
            for tag, (lo, hi) in ranges.items():
                if lo <= frame.lineno <= hi:
                    hit = (tag, frame.lineno)
                    break
            if hit:
                break
        if hit:
            out[hit[0]].append((hit[1], trace.size))
    for tag in out:
        out[tag].sort(key=lambda ls: (ls[0], -ls[1]))
        out[tag] = [s for _, s in out[tag]]
    return out


def type_facts(o):
    t = type(o)
    try:
        sizeof = type(o).__sizeof__(o)
    except Exception:
        sizeof = NA
    return {"type": t.__name__, "getsizeof": sys.getsizeof(o), "sizeof": sizeof,
            "basicsize": t.__basicsize__, "itemsize": t.__itemsize__,
            "gc_type": int(bool(t.__flags__ & Py_TPFLAGS_HAVE_GC))}


def capacity(o, basic):
    """Allocated slots where getsizeof tells them: list items, set table entries."""
    if type(o) is list:
        return (o.__sizeof__() - basic) // struct.calcsize("P")
    if type(o) in (set, frozenset):
        extra = o.__sizeof__() - basic
        return 8 if extra == 0 else extra // (2 * struct.calcsize("P"))   # setentry = key + hash
    return NOT_APPLICABLE


def fmt_sizes(sizes):
    if sizes is None:
        return NA, NA, NA
    return len(sizes), sum(sizes), ",".join(str(s) for s in sizes) if sizes else NOT_APPLICABLE


def run_case(idx, c):
    filename = "<pymemlab-case-%d>" % idx
    src, ranges = build_source(c)
    ns = base_namespace()
    exec(compile(src, filename, "exec"), ns)
    t = Tracer()
    nothing = lambda: None  # noqa: E731
    if t.tracing:
        start = functools.partial(tracemalloc.start, NFRAMES)   # C callable: no frame, no garbage
        # Starting tracemalloc frees a 1-tuple on some versions; the small post-start drain
        # takes it (and anything like it) back off the free list before the cold line.
        drain, post_drain, reps = GENERIC_DRAIN, POST_START_DRAIN, list(range(c["reps"]))
    else:
        start, drain, post_drain, reps = nothing, nothing, nothing, []
    keep = [None] * len(reps)
    gc.collect()
    gc.disable()
    try:
        first, cold, warm = ns["_case"](drain, post_drain, reps, keep, start, t.stop)
        del keep
    finally:
        if t.tracing and tracemalloc.is_tracing():
            tracemalloc.stop()
        gc.enable()
    row = type_facts(cold)
    row["tracked"], row["tracked_after_gc"] = t.tracked, t.tracked_after_gc
    blocks = None
    if t.tracing:
        blocks = {}
        for tag in ("first", "cold", "warm"):
            blocks.update(traced_blocks(t.snaps[tag], filename, {tag: ranges[tag]}))
    row["capacity"] = capacity(cold, row["basicsize"])
    for tag, prefix in [("cold", "req"), ("warm", "warm"), ("first", "first")]:
        n, total, sizes = fmt_sizes(blocks[tag] if blocks else None)
        row[prefix + "_n"], row[prefix + "_bytes"], row[prefix + "_sizes"] = n, total, sizes
    row["section"] = "obj"
    row["case"] = c["name"]
    row["value"] = NOT_APPLICABLE
    code = c["code"].replace("\n", "\\n")
    if c["setup"]:
        code = "setup: " + c["setup"].replace("\n", "\\n") + " || " + code
    if c["note"]:
        code += " || note: " + c["note"]
    row["code"] = code
    return row


# ---------------------------------------------------------------------------------------------
# Facts: small-int cache, interning, refcounts, gc threshold, free-list reuse, growth sequences,
# id spacing. Each is one row with the answer in `value`.
# ---------------------------------------------------------------------------------------------

FACTS = []


def fact(name, value):
    FACTS.append((name, value))


def small_int_range():
    def cached(n):
        return int(str(n)) is int(str(n))
    lo = [n for n in range(-50, 1) if cached(n)]
    hi = [n for n in range(0, 2000) if cached(n)]
    return min(lo), max(hi)


def interning_facts():
    g = {}
    exec("x = 'hello_world'", g)
    exec("y = 'hello_world'", g)
    fact("intern identifier-like literal, separate compiles", g["x"] is g["y"])
    exec("x = 'hello world'", g)
    exec("y = 'hello world'", g)
    fact("intern non-identifier literal, separate compiles", g["x"] is g["y"])
    exec("x = 'hello world'; y = 'hello world'", g)
    fact("equal non-identifier literals in one code object are one object", g["x"] is g["y"])
    exec("x = 257; y = 257", g)
    fact("equal int literals 257 in one code object are one object", g["x"] is g["y"])
    a = "".join(["hello", "_world2"])
    b = "".join(["hello", "_world2"])
    fact("intern runtime-built identifier-like string", a is b)
    if PY2:
        import __builtin__
        intern = __builtin__.intern
    else:
        intern = sys.intern
    fact("runtime-built strings equal after sys.intern are one object", intern(a) is intern(b))
    hw = "hello_world"
    fact("identifier-like literal is the interned one", intern("".join(["hello", "_world"])) is hw)
    long_ident = "a" * 5000
    exec("x = '%s'" % long_ident, g)
    exec("y = '%s'" % long_ident, g)
    fact("intern identifier-like literal of 5000 chars, separate compiles", g["x"] is g["y"])
    chr_ = unichr if PY2 else chr  # noqa: F821
    fact("latin-1 one-char str cached: chr(200) is chr(200)", chr_(200) is chr_(200))
    fact("one-char str cached: chr(0x20ac) is chr(0x20ac)", chr_(0x20ac) is chr_(0x20ac))
    bb = b"xa"
    fact("one-char bytes cached: b'xa'[1:2] is b'xa'[1:2]", bb[1:2] is bb[1:2])
    fact("empty tuple singleton", tuple() is tuple([]))
    empty_s, empty_b = "", b""
    fact("empty str singleton", "".join([]) is empty_s)
    fact("empty bytes singleton", b"".join([]) is empty_b)
    fact("empty frozenset singleton", frozenset() is frozenset([]))


def refcount_facts():
    fact("getrefcount(None)", sys.getrefcount(None))
    fact("getrefcount(True)", sys.getrefcount(True))
    fact("getrefcount(1)", sys.getrefcount(1))
    fact("getrefcount(())", sys.getrefcount(()))
    fact("getrefcount('')", sys.getrefcount(""))
    o = object()
    fact("getrefcount(new object) bound to one local", sys.getrefcount(o))


def same_size_int(size):
    """A fresh int whose block request is `size` bytes (24 + 4 per 30-bit digit on 3.x and for
    2.7's long), or 28 when `size` is smaller: same pymalloc size class once ALIGNMENT is 16."""
    digits = max(1, (size - 24) // 4)
    value = 1000 * 2 ** (30 * (digits - 1))
    if PY2:
        value = long(value)  # noqa: F821  (2.7's int is not a pymalloc object)
    neg = -value
    return lambda: -neg    # long_neg copies the digits into an exactly sized object


def freelist_reuse(make, intruder=False):
    """Is a freed object's block handed to the next object of its kind? pymalloc alone would say
    yes too (a freed block goes to the front of its pool's free list), so with intruder=True an
    int of the same request size is made in between: without a free list it takes the block,
    with one the block waits for the next object of the kind."""
    x = make()
    a = id(x) - (sys.getsizeof(x) - type(x).__sizeof__(x))  # block start: GC header first
    other = same_size_int(sys.getsizeof(x)) if intruder else None
    del x
    filler = other() if other else None
    y = make()
    same = id(y) - (sys.getsizeof(y) - type(y).__sizeof__(y)) == a
    if filler is not None and id(filler) == a:
        return "False (the int took the block)"
    return same


PUSH_POP_SRC = """
def _probe(make, start, stop, blocks, r):
    keep = [make() for _ in r]
    t = make()
    a0 = blocks()
    a1 = blocks()
    del t
    a2 = blocks()
    del keep
    t = make()
    del t
    start()
    u = make()
    fresh = stop()
    return a1 - a0 == a2 - a1, fresh, u
"""


def freelist_push_pop(make):
    """Is a freed object of this kind kept on a free list, and is a kept one handed back?
    Kept: after line 3 has emptied the free list, deleting a fresh object (line 7) leaves
    sys.getallocatedblocks() where it was (a0 -> a1 measures the +1 of the int a0 itself).
    Handed back: the object made on line 13, traced from just before it, makes no request of
    its own size although line 11 has just freed one like it."""
    if tracemalloc is None or not hasattr(sys, "getallocatedblocks"):
        return NA, NA
    ns = {}
    exec(compile(PUSH_POP_SRC, "<pymemlab-freelist>", "exec"), ns)

    def stop():
        snap = tracemalloc.take_snapshot()
        tracemalloc.stop()
        return snap
    gc.collect()    # empties the free lists
    gc.disable()
    try:
        kept, fresh, u = ns["_probe"](make, functools.partial(tracemalloc.start, 5), stop,
                                      sys.getallocatedblocks, range(TUPLE_DRAIN))
    finally:
        gc.enable()
    t = type(u)
    size = t.__basicsize__ + (t.__itemsize__ * len(u) if t is tuple else 0)
    if t.__flags__ & Py_TPFLAGS_HAVE_GC:
        size += sys.getsizeof([]) - [].__sizeof__()    # the GC header
    requested = False
    for trace in fresh.traces:
        for frame in trace.traceback:
            if frame.filename == "<pymemlab-freelist>" and frame.lineno == 13 and trace.size == size:
                requested = True
    gc.collect()
    return kept, not requested


def freelist_facts():
    v = [1.5, 2.5, 7, 8]
    nv = -(2 ** 40)
    for label, make in [("float", lambda: v[0] * v[1]), ("1-tuple", lambda: (v[0],)),
                        ("3-tuple", lambda: (v[0], v[1], v[2])), ("list", lambda: [v[0]]),
                        ("dict", lambda: {v[0]: v[1]}), ("set", lambda: set(v)),
                        ("int 2**40", lambda: -nv)]:
        fact("freed %s: next one gets its block" % label, freelist_reuse(make))
        fact("freed %s: next one gets its block though a same-size int is made in between" % label,
             freelist_reuse(make, intruder=True))
    lists = dict((n, list(range(n))) for n in (19, 20, 21))
    for label, make in [("float", lambda: v[0] * v[1]), ("empty list", lambda: []),
                        ("empty dict", lambda: {}), ("set", lambda: set()),
                        ("1-tuple", lambda: (v[0],)),
                        ("19-tuple", lambda: tuple(lists[19])), ("20-tuple", lambda: tuple(lists[20])),
                        ("21-tuple", lambda: tuple(lists[21]))]:
        kept, reused = freelist_push_pop(make)
        fact("free list keeps a freed %s (getallocatedblocks)" % label, kept)
        fact("free list hands a kept %s back (tracemalloc)" % label, reused)


def id_spacing(make, n=20000, tail=4000):
    """Most common distance between the ids of consecutive new objects. The first objects fill
    the holes other code left in partly used pools; the last `tail` come from fresh pools, where
    pymalloc hands out blocks in address order, one block size apart."""
    keep = [None] * n
    for i in range(n):
        keep[i] = make()
    diffs = {}
    for i in range(n - tail, n):
        d = id(keep[i]) - id(keep[i - 1])
        diffs[d] = diffs.get(d, 0) + 1
    mode = max(diffs, key=lambda d: diffs[d])
    return "%d (%d%% of the last %d pairs)" % (mode, 100 * diffs[mode] // tail, tail)


def spacing_facts():
    v = [1.5, 2.5, -(2 ** 40)]
    gc.disable()
    try:
        fact("id spacing object()", id_spacing(object))
        fact("id spacing float", id_spacing(lambda: v[0] * v[1]))
        fact("id spacing int 2**40", id_spacing(lambda: -v[2]))
        fact("id spacing 1-tuple", id_spacing(lambda: (v[0],)))
        fact("id spacing 3-tuple", id_spacing(lambda: (v[0], v[1], v[2])))
        fact("id spacing []", id_spacing(lambda: []))
        fact("id spacing {}", id_spacing(lambda: {}))
    finally:
        gc.enable()


def misc_facts():
    fact("python", sys.version.split()[0])
    fact("pointer size", struct.calcsize("P"))
    fact("tracemalloc", tracemalloc is not None)
    if hasattr(sys, "long_info"):    # 2.7: the figures are for `long`
        info = sys.long_info
    else:
        info = sys.int_info
    fact("int bits_per_digit/sizeof_digit", "%d/%d" % (info.bits_per_digit, info.sizeof_digit))
    fact("gc.get_threshold()", gc.get_threshold())
    fact("GC header bytes (getsizeof([]) - [].__sizeof__())", sys.getsizeof([]) - [].__sizeof__())

    class E(object):
        pass
    e = E()
    fact("instance getsizeof - __sizeof__ (GC header + pre-header)", sys.getsizeof(e) - e.__sizeof__())
    lo, hi = small_int_range()
    fact("small int cache min", lo)
    fact("small int cache max", hi)


def sequence_facts(rows):
    """Growth sequences gathered from the case rows; entries are comma-separated, the block
    sizes of one entry are joined with '+'."""
    by = dict((r["case"], r) for r in rows)

    def seq(names, col):
        vals = []
        for name in names:
            r = by.get(name)
            vals.append(str(r[col]).replace(",", "+") if r else "?")
        return ",".join(vals)

    def plural(n, word):
        return "%d %s%s" % (n, word, "" if n == 1 else "s")
    lists = ["list append x %d" % n for n in range(41)]
    dicts = ["dict " + plural(n, "key") for n in range(41)]
    sets = ["set()"] + ["set " + plural(n, "item") for n in range(1, 41)]
    fact("list capacity after append x 0..40", seq(lists, "capacity"))
    fact("list request sizes after append x 0..40", seq(lists, "req_sizes"))
    fact("dict getsizeof after insert 0..40 str keys", seq(dicts, "getsizeof"))
    fact("dict request sizes after insert 0..40 str keys", seq(dicts, "req_sizes"))
    fact("set getsizeof after add 0..40", seq(sets, "getsizeof"))
    fact("set table slots after add 0..40", seq(sets, "capacity"))
    fact("set request sizes after add 0..40", seq(sets, "req_sizes"))


def main():
    global GENERIC_DRAIN, POST_START_DRAIN
    misc_facts()
    refcount_facts()     # early: ordinary counts are smallest in a fresh interpreter
    spacing_facts()      # early, while the heap has few holes
    build_cases()
    GENERIC_DRAIN = make_drain(OTHER_DRAIN, TUPLE_DRAIN)
    POST_START_DRAIN = make_drain(4, 4)
    rows = [run_case(i, c) for i, c in enumerate(CASES)]
    interning_facts()
    freelist_facts()
    sequence_facts(rows)
    out = sys.stdout
    out.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        out.write("\t".join(str(r.get(col, NOT_APPLICABLE)) for col in COLUMNS) + "\n")
    for name, value in FACTS:
        r = dict((col, NOT_APPLICABLE) for col in COLUMNS)
        r["section"], r["case"], r["value"] = "fact", name, value
        out.write("\t".join(str(r[col]) for col in COLUMNS) + "\n")


if __name__ == "__main__":
    main()
