// The bad-input corpus (issue 9): each input a reader might paste, with what CPython makes of it
// and so what the lab must end in — an exit status and the last line of stderr (or stdout) —
// within a bounded time, leaving the process able to run the next snippet. Inputs too big to keep
// as files are generated. `expect.last` is matched against the last stderr line, `expect.stdout`
// against the whole stdout. Profiles: where CPython's answer differs by version, one case per
// answer. `lab: 'budget'` marks inputs where CPython runs on for minutes, forever or until the
// machine's memory is gone, and the lab stops at its instruction budget, heap cap or native stack
// budget instead.
// run.mjs runs them; ROBUSTNESS.md reports them.

// Deterministic bytes: a linear congruential generator, so the "random bytes" are the same on
// every machine and every run.
function randomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const nest = (open, close, n, inner = '') => `x = ${open.repeat(n)}${inner}${close.repeat(n)}\n`;

function nestedBlocks(n) {
  let s = '';
  for (let i = 0; i < n; i++) s += `${' '.repeat(i)}if True:\n`;
  return `${s}${' '.repeat(n)}pass\n`;
}

const lines = (...l) => `${l.join('\n')}\n`;

export const CASES = [
  // ---- Syntax garbage and bytes
  { name: 'syntax-garbage', what: 'unbalanced garbage', source: 'def f(:\n  return ]]\n', expect: { status: 1, last: /^SyntaxError: / } },
  { name: 'nul-bytes', what: 'NUL bytes in the source', source: Buffer.from('x = 1\0\0\nprint(x)\n'), profiles: ['3.12', '3.13'], expect: { status: 1, last: /^SyntaxError: source code (string )?cannot contain null bytes$/ } },
  { name: 'nul-bytes-old', what: 'NUL bytes in the source (before 3.12: a ValueError)', source: Buffer.from('x = 1\0\0\nprint(x)\n'), profiles: ['3.11'], expect: { status: 1, last: /^(ValueError|SyntaxError): source code (string )?cannot contain null bytes$/ } },
  { name: 'invalid-utf8', what: 'bytes that are not UTF-8', source: Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x27, 0xff, 0xfe, 0x27, 0x0a]), expect: { status: 1, last: /^SyntaxError: / } },
  { name: 'random-bytes', what: '64 KiB of random bytes', source: () => randomBytes(64 * 1024, 0x5eed), expect: { status: 1, last: /^(SyntaxError|ValueError): / } },
  { name: 'random-bytes-27', what: '64 KiB of random bytes under 2.7', source: () => randomBytes(64 * 1024, 0xbeef), profiles: ['2.7'], expect: { status: 1, last: /^(SyntaxError|TypeError): / } },

  // ---- Nesting
  { name: 'nested-parens', what: '100,000 nested parentheses', source: () => nest('(', ')', 100_000, '1'), profiles: ['3.10', '3.13'], expect: { status: 1, last: /^SyntaxError: too many nested parentheses$/ } },
  { name: 'nested-brackets', what: '100,000 nested brackets', source: () => nest('[', ']', 100_000), profiles: ['3.10', '3.13'], expect: { status: 1, last: /^SyntaxError: too many nested parentheses$/ } },
  { name: 'nested-parens-old', what: '100,000 nested parentheses (3.8: the parser stack)', source: () => nest('(', ')', 100_000, '1'), profiles: ['3.8'], expect: { status: 1, last: /^(MemoryError|SyntaxError: too many nested parentheses|RecursionError: .*)$/ } },
  { name: 'nested-unary', what: '100,000 nested unary operators', source: () => `x = ${'-'.repeat(100_000)}1\n`, profiles: ['3.13'], expect: { status: 1, last: /^MemoryError: Parser stack overflowed - Python source too complex to parse$/ } },
  { name: 'nested-blocks', what: '1,000 nested if blocks', source: () => nestedBlocks(1000), expect: { status: 1, last: /^IndentationError: too many levels of indentation$/ } },
  { name: 'nested-loops', what: '25 nested for loops', source: () => { let s = ''; for (let i = 0; i < 25; i++) s += `${' '.repeat(i)}for i${i} in ():\n`; return `${s}${' '.repeat(25)}pass\n`; }, profiles: ['3.13'], expect: { status: 1, last: /^SyntaxError: too many statically nested blocks$/ } },

  // ---- Runaway execution
  { name: 'recursion', what: 'unbounded recursion', source: 'def f(n):\n    return f(n + 1)\nf(0)\n', expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'recursion-getattr-hook', what: 'a __getattr__ that calls getattr on its own instance', source: lines('class A:', '    def __getattr__(self, name):', '        return getattr(self, name)', 'A().x'), expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'recursion-property', what: 'a property whose getter reads itself', source: lines('class A:', '    @property', '    def x(self):', '        return self.x', 'A().x'), expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'recursion-getattr-setlimit', lab: 'budget', what: 'a recursing __getattr__ with sys.setrecursionlimit(10**6)', source: lines('import sys', 'sys.setrecursionlimit(10**6)', 'class A:', '    def __getattr__(self, name):', '        return getattr(self, name)', 'A().x'), expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'recursion-exec-setlimit', lab: 'budget', what: 'exec and eval calling themselves with sys.setrecursionlimit(10**6)', source: 'import sys\nsys.setrecursionlimit(10**6)\ndef g(n):\n    exec("g(n + 1)")\ntry:\n    g(0)\nexcept RecursionError as e:\n    print("exec", e)\nf = lambda: eval("f()")\nf()\n', expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'recursion-setlimit', lab: 'budget', what: 'recursion with sys.setrecursionlimit(10**6)', source: 'import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)\n', expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'while-true', lab: 'budget', what: 'while True: pass', source: 'while True:\n    pass\n', expect: { status: 1, last: /^BudgetExceeded: the snippet ran more than [\d,]+ instructions \(the lab's budget\)$/ } },
  { name: 'del-loops-at-exit', lab: 'budget', what: 'a __del__ that loops forever when the interpreter exits', source: lines('class A:', '    def __del__(self):', '        while True:', '            pass', 'a = A()', "print('end')"), expect: { status: 0, stdout: 'end\n', last: /^BudgetExceeded: / } },
  { name: 'del-loops-after-budget', lab: 'budget', what: 'a loop stopped by the budget, then __del__ methods that loop too as the run unwinds', source: lines('class A:', '    def __del__(self):', '        while True:', '            pass', 'def f():', '    a = A()', '    b = A()', '    while True:', '        pass', 'f()'), expect: { status: 1, last: /^BudgetExceeded: / } },
  { name: 'huge-range', lab: 'budget', what: 'for i in range(10**12)', source: 'for i in range(10**12):\n    pass\n', expect: { status: 1, last: /^BudgetExceeded: / } },
  { name: 'huge-sum', lab: 'budget', what: 'sum(range(10**12)) inside one builtin call', source: 'print(sum(range(10**12)))\n', expect: { status: 1, last: /^BudgetExceeded: / } },
  { name: 'huge-power', lab: 'budget', what: '2 ** 10**9', source: 'x = 2 ** 10**9\n', expect: { status: 1, last: /^(BudgetExceeded: .*|MemoryError)$/ } },

  // ---- Memory
  { name: 'list-repeat', what: '[0] * 10**10', source: 'x = [0] * 10**10\n', expect: { status: 1, last: /^MemoryError$/ } },
  { name: 'str-repeat', what: "'x' * 10**12", source: "x = 'x' * 10**12\n", expect: { status: 1, last: /^MemoryError$/ } },
  { name: 'bytes-repeat', what: "b'x' * 10**12", source: "x = b'x' * 10**12\n", expect: { status: 1, last: /^MemoryError$/ } },
  { name: 'grow-to-cap', lab: 'budget', what: 'a list grown until the heap cap', source: 'l = []\nwhile True:\n    l.append([0] * 1000)\n', expect: { status: 1, last: /^MemoryError$/ } },
  { name: 'format-width', lab: 'budget', what: "a format width of 10**10", source: "print(format(1, '10000000000d'))\n", expect: { status: 1, last: /^(MemoryError|ValueError: .*)$/ } },

  // ---- Printing
  { name: 'deep-repr', what: 'repr of a list nested 100,000 deep', source: 'l = []\nfor i in range(100000):\n    l = [l]\nprint(repr(l))\n', expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded/ } },
  { name: 'deep-tuple-hash', what: 'hash of a tuple nested 100,000 deep', source: 't = ()\nfor i in range(100000):\n    t = (t,)\nprint(hash(t) == hash(t))\n', expect: { status: 0, stdout: 'True\n' } },
  { name: 'deep-deepcopy', lab: 'budget', what: 'copy.deepcopy of a list nested 300,000 deep with sys.setrecursionlimit(10**6)', source: lines('import copy, sys', 'sys.setrecursionlimit(10**6)', 'l = []', 'for i in range(300000):', '    l = [l]', 'copy.deepcopy(l)'), expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded$/ } },
  { name: 'deep-map-chain', lab: 'budget', what: 'map over map over ... 100,000 deep, then list() of it (CPython: a segfault)', source: 'it = iter([1])\nfor i in range(100000):\n    it = map(abs, it)\nprint(list(it))\n', expect: { status: 1, last: /^RecursionError: maximum recursion depth exceeded$/ } },
  { name: 'deep-free', what: 'freeing a list nested 1,000,000 deep', source: 'l = []\nfor i in range(1000000):\n    l = [l]\ndel l\nprint("freed")\n', expect: { status: 0, stdout: 'freed\n' } },
  { name: 'self-reference', what: 'self-referential containers printed', source: lines('l = [1]', 'l.append(l)', 'd = {}', 'd["d"] = d', 'print(l, d)'), expect: { status: 0, stdout: "[1, [...]] {'d': {...}}\n" } },

  // ---- Exceptions where the runtime calls back
  { name: 'del-raises', what: 'an exception raised in __del__', source: lines('class C:', '    def __del__(self):', '        raise ValueError("in del")', 'c = C()', 'del c', 'print("after")'), expect: { status: 0, stdout: 'after\n', stderr: /Exception ignored in: <function C.__del__ at 0x[0-9a-f]+>[\s\S]*ValueError: in del/ } },
  { name: 'weakref-callback-raises', what: 'an exception raised in a weakref callback', source: lines('import weakref', 'class C:', '    pass', 'def cb(r):', '    raise KeyError("cb")', 'c = C()', 'r = weakref.ref(c, cb)', 'del c', 'print("after")'), expect: { status: 0, stdout: 'after\n', stderr: /Exception ignored in: <function cb at 0x[0-9a-f]+>[\s\S]*KeyError: 'cb'/ } },
  { name: 'repr-raises', what: 'an exception in __repr__ during print', source: lines('class C:', '    def __repr__(self):', '        raise RuntimeError("no repr")', 'print([C()])'), expect: { status: 1, last: /^RuntimeError: no repr$/ } },
  { name: 'eq-raises-in-sort', what: 'an exception in __lt__ during sort', source: lines('class C:', '    def __lt__(self, other):', '        raise TypeError("no order")', 'sorted([C(), C()])'), expect: { status: 1, last: /^TypeError: no order$/ } },
  { name: 'eq-raises-in-lookup', what: 'an exception in __eq__ during a dict lookup', source: lines('class K:', '    def __hash__(self):', '        return 1', '    def __eq__(self, other):', '        raise LookupError("no eq")', 'd = {K(): 1}', 'd[K()]'), expect: { status: 1, last: /^LookupError: no eq$/ } },
  { name: 'gc-collect-in-del', what: 'gc.collect() called from __del__ during a collection', source: lines('import gc', 'class C:', '    def __del__(self):', '        print("del", gc.collect() >= 0)', 'a = C()', 'a.self = a', 'del a', 'print(gc.collect() >= 1)'), expect: { status: 0, stdout: 'del True\nTrue\n' } },

  // ---- Mutation while in use
  { name: 'sort-mutation', what: 'a list mutated while it is sorted', source: lines('l = list(range(20))', 'def key(x):', '    l.append(x)', '    return x', 'l.sort(key=key)'), expect: { status: 1, last: /^ValueError: list modified during sort$/ } },
  { name: 'dict-iteration-mutation', what: 'a dict mutated while iterated', source: lines('d = {1: 1}', 'for k in d:', '    d[k + 1] = 1'), expect: { status: 1, last: /^RuntimeError: dictionary changed size during iteration$/ } },
  { name: 'list-iteration-growth', lab: 'budget', what: 'a list appended to while iterated', source: lines('l = [0]', 'for x in l:', '    l.append(x)'), expect: { status: 1, last: /^(MemoryError|BudgetExceeded: .*)$/ } },

  // ---- Size
  { name: 'ten-mb-comments', what: '10 MB of comments and one statement', source: () => `${'# a comment line to make the snippet large\n'.repeat(245_000)}print("ok")\n`, expect: { status: 0, stdout: 'ok\n' } },
  { name: 'ten-mb-literal', what: 'a 10 MB string literal', source: () => `s = '${'x'.repeat(10 * 1024 * 1024)}'\nprint(len(s))\n`, expect: { status: 0, stdout: `${10 * 1024 * 1024}\n` } },
];
