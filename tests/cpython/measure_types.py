# Measures the interpreter-level types of the running CPython: functions, methods, descriptors,
# modules, code objects, classes and their instances (how an instance and its __dict__ are laid
# out), exceptions, tracebacks, iterators, generators, frames, weak references, super, views.
# Prints one TSV (header first): an "obj" row per case, then "fact" rows. Runs unchanged on 2.7,
# 3.6+ and Pyodide; borrows its measuring method (placements, drains, tracing sessions) from
# measure_objects.py. README.md describes both, and how to run this one under Pyodide.
#   for v in 2.7.18 3.6.15 ...; do $(pyenv root)/versions/$v/bin/python measure_types.py > ../data/types-$v.tsv; done
from __future__ import print_function

import functools
import gc
import sys
import types

import measure_objects as mo
from measure_objects import NA, NOT_APPLICABLE, PY2, tracemalloc

REPS = mo.REPS
Py_TPFLAGS_HAVE_GC = mo.Py_TPFLAGS_HAVE_GC
ATTR_COUNTS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 15, 20, 21, 22, 30, 31]

COLUMNS = ["section", "case", "type", "getsizeof", "sizeof", "header", "basicsize", "itemsize",
           "gc_type", "tracked", "req_n", "req_bytes", "req_sizes", "warm_n", "warm_sizes",
           "first_n", "first_sizes", "value", "code"]


# ---------------------------------------------------------------------------------------------
# Cases, as in measure_objects.py: a snippet binds the object to `_o`; its setup pre-builds every
# argument. Setup runs inside the case function, so a name it binds is a local of that function:
# a def in the setup that used one would become a closure (and grow its frame by a free
# variable). Helpers that functions call are therefore globals of the case (base_namespace).
# ---------------------------------------------------------------------------------------------

CASES = []


def case(name, code, setup="", reps=REPS, note="", describe=None):
    """`describe`, if given, maps the measured object to the row's `value` (what its size
    depends on: a code object's length and slot counts)."""
    CASES.append({"name": name, "code": code.strip("\n"), "setup": setup.strip("\n"),
                  "reps": reps, "note": note, "describe": describe})


def code_shape(co):
    """What a code object's, frame's or generator's size depends on: the bytecode length
    (3.11+ code objects hold it inline), the local slots (locals + cells + frees) and the
    value stack depth; a frame has one slot per local and per stack entry."""
    slots = co.co_nlocals + len(co.co_cellvars) + len(co.co_freevars)
    return "co_code=%d slots=%d stacksize=%d" % (len(co.co_code), slots, co.co_stacksize)


def init_class(n, base="object"):
    """Setup source of a class `_C` whose __init__ sets n attributes a0..a{n-1} to small ints."""
    if n == 0:
        body = "    pass"
    else:
        body = "    def __init__(self):\n" + "\n".join(
            "        self.a%d = %d" % (i, i) for i in range(n))
    return "class _C(%s):\n%s" % (base, body)


def plural(n, word):
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


def build_cases():
    # -- functions and methods ------------------------------------------------------------------
    case("function plain def", "def _o():\n    pass")
    case("function with defaults (a=x,b=y)", "def _o(a=_x, b=_y):\n    pass", setup="_x = 1.5\n_y = 2.5",
         note="the defaults tuple is built at run time; constant defaults are one constant tuple")
    case("function with constant defaults (a=1,b=2)", "def _o(a=1, b=2):\n    pass")
    case("function closure", "_o = _mk(_v)",
         setup="def _mk(x):\n    def g():\n        return x\n    return g\n_v = 1.5",
         note="blocks: function, cell (made when _mk starts), closure tuple")
    case("lambda", "_o = lambda: 0")
    case("bound method o.m", "_o = _i.m", setup="class _C(object):\n    def m(self):\n        pass\n_i = _C()")
    case("builtin method [].append", "_o = _l.append", setup="_l = []")
    case("builtin function len", "_o = len", note="exists already: getsizeof only")
    case("method descriptor list.append", "_o = list.append", note="exists already: getsizeof only")
    case("classmethod object", "_o = classmethod(_f)", setup="def _f(cls):\n    pass")
    case("staticmethod object", "_o = staticmethod(_f)", setup="def _f():\n    pass")
    case("property object", "_o = property(_f)", setup="def _f(self):\n    pass")

    # -- modules and code ------------------------------------------------------------------------
    case("module", "_o = _ModuleType(_s)", setup="_s = 'modname'",
         note="module object, its __dict__ (and keys table)")
    case("module __dict__", "_o = _ModuleType(_s).__dict__", setup="_s = 'modname'",
         note="the module is freed, its dict (and keys) stay")
    for label, src in CODE_FUNCTIONS:
        case("code object of " + label, "_o = _f.__code__", setup=src,
             note="made by the compiler: getsizeof only", describe=code_shape)

    # -- classes -----------------------------------------------------------------------------------
    case("class statement class C: pass", "class _o(object):\n    pass", reps=0,
         note="everything the statement leaves: heap type, its dict and keys, bases/mro tuples, "
              "__dict__/__weakref__ descriptors, instances' cached keys, weakref in object's subclass table")
    case("class statement with one method", "class _o(object):\n    def m(self):\n        pass", reps=0)
    case("class statement with __slots__=('a','b')", "class _o(object):\n    __slots__ = ('a', 'b')", reps=0)
    case("class C mappingproxy C.__dict__", "_o = _C.__dict__", setup="class _C(object):\n    pass")
    case("getset descriptor C.__dict__['__dict__']", "_o = _C.__dict__['__dict__']",
         setup="class _C(object):\n    pass", note="made by the class statement: getsizeof only")
    case("member descriptor of __slots__", "_o = _C.__dict__['a']",
         setup="class _C(object):\n    __slots__ = ('a',)", note="made by the class statement: getsizeof only")
    case("type object int", "_o = int", note="static type: getsizeof only")
    case("type object object", "_o = object", note="static type: getsizeof only")

    # -- instances ---------------------------------------------------------------------------------
    case("object()", "_o = object()")
    for n in ATTR_COUNTS:
        case("instance %s" % plural(n, "attr"), "_o = _C()", setup=init_class(n),
             note="cold = steady state (after %d instances); first = first instance of the class" % REPS)
    for n in [0, 1, 2, 5, 10, 30]:
        case("instance %s then __dict__ read" % plural(n, "attr"), "_o = _C()\n_o.__dict__",
             setup=init_class(n), note="line groups split by |: the instance, then the __dict__ access")
    for n in [0, 2, 10]:
        case("instance %s second of its class" % plural(n, "attr"), "_o = _C()",
             setup=init_class(n) + "\n_p = _C()",
             note="first = the second instance ever made of the class (setup made one)")
    case("instance 2 attrs set outside __init__", "_o = _C()\n_o.a0 = 0\n_o.a1 = 1", setup=init_class(0))
    case("instance __slots__=('a','b')", "_o = _C()", setup="class _C(object):\n    __slots__ = ('a', 'b')")
    case("instance __slots__=('a','b') both set", "_o = _C()\n_o.a = 1\n_o.b = 2",
         setup="class _C(object):\n    __slots__ = ('a', 'b')")
    case("instance of subclass of __slots__=('a','b') class", "_o = _C()",
         setup="class _B(object):\n    __slots__ = ('a', 'b')\n" + init_class(0, base="_B"))
    case("instance of subclass of __slots__ class, 2 attrs", "_o = _C()",
         setup="class _B(object):\n    __slots__ = ('a', 'b')\n" + init_class(2, base="_B"))
    case("instance of subclass of list", "_o = _C()", setup="class _C(list):\n    pass")

    # -- exceptions and tracebacks -----------------------------------------------------------------
    case("exception Exception()", "_o = Exception()")
    case("exception Exception('x')", "_o = Exception(_s)", setup="_s = 'x'")
    case("exception KeyError('k')", "_o = KeyError(_s)", setup="_s = 'k'")
    case("exception ValueError()", "_o = ValueError()")
    case("traceback from sys.exc_info()[2]", "_o = _tb()",
         setup="def _tb():\n    try:\n        raise _ValueError\n    except Exception:\n        return _exc_info()[2]",
         note="all the raise leaves: traceback, and the frame it holds (3.11+: a frame object made for it)",
         describe=lambda o: code_shape(o.tb_frame.f_code))

    # -- iterators ---------------------------------------------------------------------------------
    case("iter(list)", "_o = iter(_l)", setup="_l = [1, 2, 3]")
    case("iter(tuple)", "_o = iter(_t)", setup="_t = (1, 2, 3)")
    case("iter(range(10))", "_o = iter(_r)", setup="_r = _range(10)")
    if not PY2:  # xrange is limited to C longs
        case("iter(range(2**64))", "_o = iter(_r)", setup="_r = range(2 ** 64)",
             note="longrangeiterator; the ints it makes are listed with it")
    case("iter(str)", "_o = iter(_s)", setup="_s = 'abc'")
    case("iter(dict)", "_o = iter(_d)", setup="_d = {'a': 1}")
    if PY2:
        case("iter(d.values())", "_o = _d.itervalues()", setup="_d = {'a': 1}", note="2.7: d.itervalues()")
        case("iter(d.items())", "_o = _d.iteritems()", setup="_d = {'a': 1}", note="2.7: d.iteritems()")
        case("dict view d.keys()", "_o = _d.viewkeys()", setup="_d = {'a': 1}", note="2.7: d.viewkeys()")
    else:
        case("iter(d.values())", "_o = iter(_d.values())", setup="_d = {'a': 1}")
        case("iter(d.items())", "_o = iter(_d.items())", setup="_d = {'a': 1}",
             note="the iterator keeps a result 2-tuple")
        case("dict view d.keys()", "_o = _d.keys()", setup="_d = {'a': 1}")
    case("iter(set)", "_o = iter(_s)", setup="_s = {1, 2}")
    case("enumerate(a)", "_o = enumerate(_l)", setup="_l = [1, 2]",
         note="enumerate object, list iterator, result 2-tuple (3.x)")
    case("zip(a,b)", "_o = _zip(_l, _m)", setup="_l = [1, 2]\n_m = [3, 4]",
         note="2.7: itertools.izip; zip object, tuple of iterators, iterators, result tuple")
    case("zip(a,b,c)", "_o = _zip(_l, _m, _n)", setup="_l = [1, 2]\n_m = [3, 4]\n_n = [5, 6]",
         note="2.7: itertools.izip")
    case("map(f,a)", "_o = _map(_f, _l)", setup="_l = [1, 2]\n_f = abs", note="2.7: itertools.imap")
    case("filter(f,a)", "_o = _filter(_f, _l)", setup="_l = [1, 2]\n_f = abs", note="2.7: itertools.ifilter")
    case("reversed(list)", "_o = reversed(_l)", setup="_l = [1, 2]")
    case("reversed(range)", "_o = reversed(_r)", setup="_r = _range(10)")

    # -- generators and frames ---------------------------------------------------------------------
    for label, src in GENERATOR_FUNCTIONS:
        case("generator " + label, "_o = _g(_a)" if "argument" in label else "_o = _g()",
             setup=src + "\n_a = 1",
             note="<= 3.10: generator + frame; 3.11+: the frame is inside the generator",
             describe=lambda o: code_shape(o.gi_code))
    case("generator expression", "_o = (x for x in _l)", setup="_l = [1, 2]",
         note="also the list iterator it keeps as its argument .0 (3.12+: and the function, f_funcobj)",
         describe=lambda o: code_shape(o.gi_code))
    for label, src in FRAME_FUNCTIONS:
        case("frame " + label, "_o = _f()", setup=src,
             note="<= 3.10: the frame is made by the call; 3.11+: sys._getframe() makes a frame object",
             describe=lambda o: code_shape(o.f_code))

    # -- weak references, super, cell, slice -------------------------------------------------------
    referents = ("class _W(object):\n    pass\n_ts = [_W() for _i in _range(%d)]\n_it = iter(_ts)"
                 % (REPS + 10))
    case("weakref.ref(o)", "_o = _ref(next(_it))", setup=referents)
    case("weakref.ref(o, callback)", "_o = _ref(next(_it), _cb)", setup=referents + "\n_cb = id")
    case("weakref.proxy(o)", "_o = _proxy(next(_it))", setup=referents)
    case("super(C, o)", "_o = super(_C, _i)", setup="class _C(object):\n    pass\n_i = _C()",
         note="the two-argument form: the zero-argument one needs a method's __class__ cell")
    case("cell", "_o = _mk(_v).__closure__[0]",
         setup="def _mk(x):\n    def g():\n        return x\n    return g\n_v = 1.5")
    case("slice(a,b)", "_o = slice(_a, _b)", setup="_a = 1\n_b = 5")


# Functions whose code objects are measured: growing numbers of instructions and locals.
CODE_FUNCTIONS = [
    ("def f(): pass", "def _f():\n    pass"),
    ("def f(a, b): 1 local, 2 statements", "def _f(a, b):\n    c = a + b\n    return c"),
    ("a 10-local function", "def _f(a, b):\n" + "".join("    v%d = a + b * %d\n" % (i, i) for i in range(8))
     + "    return v0 + v7"),
    ("a 30-local function with a loop", "def _f(a, b):\n" + "".join("    v%d = a + b * %d\n" % (i, i) for i in range(28))
     + "    for i in range(a):\n        v0 += i\n    return v0 + v27"),
]

GENERATOR_FUNCTIONS = [
    ("0 locals", "def _g():\n    yield 1"),
    ("1 local", "def _g():\n    a = 1\n    yield a"),
    ("5 locals", "def _g():\n    a = b = c = d = e = 1\n    yield a"),
    ("5 locals, 1 argument", "def _g(x):\n    a = b = c = d = e = x\n    yield a"),
]

FRAME_FUNCTIONS = [
    ("of a function with 0 locals", "def _f():\n    return _getframe()"),
    ("of a function with 5 locals", "def _f():\n    a = b = c = d = e = 1\n    return _getframe()"),
]


# ---------------------------------------------------------------------------------------------
# Running a case: the placements, drains and tracing sessions of measure_objects.py. Blocks are
# reported per snippet line: blocks of one line joined by '+', largest first; lines that made
# blocks joined by '|' in line order (so "48+40|64" is two blocks on the first line, one on a
# later one).
# ---------------------------------------------------------------------------------------------

def base_namespace():
    ns = mo.base_namespace()
    ns.update({"_getframe": sys._getframe, "_exc_info": sys.exc_info, "_ValueError": ValueError})
    if PY2:
        import itertools
        ns.update({"_zip": itertools.izip, "_map": itertools.imap, "_filter": itertools.ifilter})
    else:
        ns.update({"_zip": zip, "_map": map, "_filter": filter})
    return ns


def traced_blocks(snapshot, filename, lo, hi):
    """Sizes of the live blocks made on lines lo..hi, grouped by line: [[sizes of line], ...]."""
    by_line = {}
    flt = tracemalloc.Filter(True, filename, all_frames=True)
    for trace in snapshot.filter_traces([flt]).traces:
        for frame in trace.traceback:
            if frame.filename == filename and lo <= frame.lineno <= hi:
                by_line.setdefault(frame.lineno, []).append(trace.size)
                break
    return [sorted(by_line[ln], reverse=True) for ln in sorted(by_line)]


def fmt_groups(groups):
    if groups is None:
        return NA, NA
    n = sum(len(g) for g in groups)
    if n == 0:
        return 0, NOT_APPLICABLE
    return n, "|".join("+".join(str(s) for s in g) for g in groups)


def run_case(idx, c):
    filename = "<pymemlab-types-%d>" % idx
    src, ranges = mo.build_source(c)
    ns = base_namespace()
    exec(compile(src, filename, "exec"), ns)
    t = mo.Tracer()
    if t.tracing:
        start = functools.partial(tracemalloc.start, mo.NFRAMES)
        drain, post_drain, reps = mo.GENERIC_DRAIN, mo.POST_START_DRAIN, list(range(c["reps"]))
    else:
        nothing = lambda: None  # noqa: E731
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
    tp = type(cold)
    sizeof = tp.__sizeof__(cold)
    row = {"section": "obj", "case": c["name"], "type": tp.__name__,
           "getsizeof": sys.getsizeof(cold), "sizeof": sizeof,
           "header": sys.getsizeof(cold) - sizeof,
           "basicsize": tp.__basicsize__, "itemsize": tp.__itemsize__,
           "gc_type": int(bool(tp.__flags__ & Py_TPFLAGS_HAVE_GC)), "tracked": t.tracked,
           "value": c["describe"](cold) if c["describe"] else NOT_APPLICABLE}
    for tag, prefix in [("cold", "req"), ("warm", "warm"), ("first", "first")]:
        groups = None
        if t.tracing:
            groups = traced_blocks(t.snaps[tag], filename, *ranges[tag])
        n, sizes = fmt_groups(groups)
        row[prefix + "_n"], row[prefix + "_sizes"] = n, sizes
        if prefix == "req":
            row["req_bytes"] = NA if groups is None else sum(sum(g) for g in groups)
    code = c["code"].replace("\n", "\\n")
    if c["setup"]:
        code = "setup: " + c["setup"].replace("\n", "\\n") + " || " + code
    if c["note"]:
        code += " || note: " + c["note"]
    row["code"] = code
    return row


# ---------------------------------------------------------------------------------------------
# Facts: figures that are not one object's request. Each is a row with the answer in `value`.
# ---------------------------------------------------------------------------------------------

FACTS = []


def fact(name, value):
    FACTS.append((name, value))


def cached_keys_bytes(cls):
    """Bytes of the class's cached keys (ht_cached_keys, PEP 412), which type.__sizeof__ adds to
    sizeof(PyHeapTypeObject) (3.x); 0 on 2.7, which has no shared keys."""
    return type.__sizeof__(cls) - type.__basicsize__


def make_class(n, name="C"):
    ns = {}
    exec(init_class(n).replace("_C", name), ns)
    return ns[name]


def instance_facts():
    """Per attribute count: the shape of the instance dict, what the class's cached keys weigh
    before and after instances exist, and what reading __dict__ does to getsizeof."""
    fact("class C: pass, type.__sizeof__(C) - type.__basicsize__ (cached keys bytes)",
         cached_keys_bytes(make_class(0)))
    for n in ATTR_COUNTS:
        label = "instance %s, fresh class: " % plural(n, "attr")
        cls = make_class(n)
        before = cached_keys_bytes(cls)
        a = cls()
        after_first = cached_keys_bytes(cls)
        b = cls()
        fact(label + "class cached keys bytes before any instance / after the first / after the second",
             "%d/%d/%d" % (before, after_first, cached_keys_bytes(cls)))
        size_before = sys.getsizeof(b)
        d = b.__dict__
        fact(label + "second instance: getsizeof(o) before / after reading o.__dict__",
             "%d/%d" % (size_before, sys.getsizeof(b)))
        fact(label + "second instance: getsizeof(o.__dict__)", sys.getsizeof(d))
        fact(label + "second instance: getsizeof(o.__dict__) after one more attribute",
             (setattr(b, "extra", 1), sys.getsizeof(d))[1])
        fact(label + "second instance: o.__dict__ is o.__dict__", d is b.__dict__)
        del a, b, d


def class_facts():
    class C(object):
        pass
    fact("getsizeof(C) for class C: pass", sys.getsizeof(C))
    fact("getsizeof(int)", sys.getsizeof(int))
    fact("getsizeof(object)", sys.getsizeof(object))
    fact("type.__basicsize__ / type.__itemsize__", "%d/%d" % (type.__basicsize__, type.__itemsize__))
    fact("getsizeof(C.__mro__)", sys.getsizeof(C.__mro__))
    fact("getsizeof(C.__bases__)", sys.getsizeof(C.__bases__))
    fact("getsizeof(C.__dict__) (mappingproxy)", sys.getsizeof(C.__dict__))
    underlying = [r for r in gc.get_referents(C.__dict__) if type(r) is dict]
    fact("getsizeof of the dict behind C.__dict__", sys.getsizeof(underlying[0]) if underlying else NA)
    fact("keys of C.__dict__", ",".join(sorted(C.__dict__.keys())))
    mod = types.ModuleType("m")
    fact("entries of a new module's __dict__", len(mod.__dict__))

    def f():
        pass
    cm = classmethod(f)
    entries = len(cm.__dict__) if hasattr(cm, "__dict__") else 0
    fact("entries of classmethod(f).__dict__ (copied from f, 3.10+)", entries)


def code_facts():
    """For each measured code object: getsizeof and what it is made of."""
    for label, src in CODE_FUNCTIONS:
        ns = {}
        exec(src, ns)
        co = ns["_f"].__code__
        nlocals = co.co_nlocals
        ncells = len(co.co_cellvars) + len(co.co_freevars)
        fact("code of %s: getsizeof / len(co_code) / co_nlocals / cells+frees / co_stacksize"
             % label, "%d/%d/%d/%d/%d" % (sys.getsizeof(co), len(co.co_code), nlocals, ncells,
                                          co.co_stacksize))
        fact("code of %s: getsizeof of co_code / co_consts / co_names" % label,
             "%d/%d/%d" % (sys.getsizeof(co.co_code), sys.getsizeof(co.co_consts),
                           sys.getsizeof(co.co_names)))


def frame_facts():
    def f0():
        return sys._getframe()

    def f5():
        a = b = c = d = e = 1  # noqa: F841
        return sys._getframe()

    def g0():
        yield 1

    def g5():
        a = b = c = d = e = 1  # noqa: F841
        yield a
    fact("getsizeof(sys._getframe()) of a function with 0 locals (sys is a global)", sys.getsizeof(f0()))
    fact("getsizeof(sys._getframe()) of a function with 5 locals", sys.getsizeof(f5()))
    fact("frame co_stacksize of the 0-local / 5-local function",
         "%d/%d" % (f0.__code__.co_stacksize, f5.__code__.co_stacksize))
    for label, g in [("0 locals", g0), ("5 locals", g5)]:
        gen = g()
        fact("generator of %s: getsizeof(gen) / getsizeof(gen.gi_frame) / co_stacksize" % label,
             "%d/%d/%d" % (sys.getsizeof(gen), sys.getsizeof(gen.gi_frame), g.__code__.co_stacksize))


def misc_facts():
    fact("python", sys.version.split()[0])
    fact("tracemalloc", tracemalloc is not None)
    fact("GC header bytes (getsizeof([]) - [].__sizeof__())", sys.getsizeof([]) - [].__sizeof__())


def main():
    misc_facts()
    build_cases()
    mo.GENERIC_DRAIN = mo.make_drain(mo.OTHER_DRAIN, mo.TUPLE_DRAIN)
    mo.POST_START_DRAIN = mo.make_drain(4, 4)
    rows = [run_case(i, c) for i, c in enumerate(CASES)]
    class_facts()
    instance_facts()
    code_facts()
    frame_facts()
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
