"""The parser's references to names while a script runs: CPython's sys.getrefcount against the lab's.

`python FILE` keeps the parser's arena until the module has run, and the arena holds a reference
to the str of every identifier the parser made: up to 3.8 one for each time the AST holds the
name (Python/ast.c), from 3.9 one for each time the PEG parser read the token, backtracking
included. The lab makes the first (core/interp/parser_identifiers.h), in every version.

Runs each probe (a script whose names start with `zq`, plus a tail that prints the count of
every such str in the module's globals and code objects) under the pyenv CPython of each of the
lab's profiles 2.7-3.11 as
`python -s FILE`, and under the lab's CLI, and compares:
  - 2.7-3.8: the lab's count must be CPython's;
  - 3.10, 3.11: the lab's count must be CPython's under compile() then exec() (whose arena is freed
    before the code runs) plus the times the AST holds the name (counted with the host's ast
    module), and at most CPython's script count: tests/cpydiff/peg_parser_identifier_refs.md.

    python3 tests/cpython/parser_arena_refs.py [--lab build/native/pymemlab]   exit 1 on a difference

A missing pyenv build is an error (exit 2), never a pass. Runs under Python 3.
"""
import argparse
import ast
import os
import subprocess
import sys
import tempfile

from oracle import ENV, missing, pyenv_python

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The lab's profiles whose names are mortal (from 3.12 interned strs are immortal).
VERSIONS = {'2.7': '2.7.18', '3.6': '3.6.15', '3.8': '3.8.18', '3.10': '3.10.13', '3.11': '3.11.7'}
PEG_FROM = (3, 9)

# (what it shows, the oldest and newest profile it runs in, the script). Names start with zq, but
# for one: `q` (chr(113) to the tail, which spells no name it counts).
PROBES = [
    ('a def and two calls', '2.7', '3.11', 'def zq_f(): pass\nzq_f()\nzq_f()\n'),
    ('classes with and without bases', '2.7', '3.11',
     'class zq_B(object): pass\nclass zq_C(zq_B): pass\nclass zq_D: pass\nclass zq_E(): pass\n'),
    ('parameters', '2.7', '3.11', 'def zq_f(zq_p, zq_q=1, *zq_args, **zq_kw):\n    return zq_p\n'),
    ('keyword-only parameters', '3.6', '3.11', 'def zq_f(*, zq_k): return zq_k\n'),
    ('a lambda', '2.7', '3.11', 'zq_l = lambda zq_p, *zq_a: zq_p\n'),
    # In a function never called: a lookup would leave a reference in CPython's type attribute
    # cache (_PyType_Lookup's method_cache), which the lab does not model
    # (tests/cpydiff/type_attribute_cache_refs.md).
    ('attributes', '2.7', '3.11',
     'zq_o = None\ndef zq_never():\n    zq_o.zq_at = 1\n    zq_o.zq_at += zq_o.zq_at\n    del zq_o.zq_at\n'),
    ('keywords in calls', '2.7', '3.11', 'def zq_f(**zq_k): pass\nzq_f(zq_kw=1)\nzq_f(zq_kw=2, zq_kx=3)\n'),
    ('global', '2.7', '3.11', 'def zq_f():\n    global zq_g\n    zq_g = 1\nzq_f()\n'),
    ('nonlocal', '3.6', '3.11',
     'def zq_f():\n    zq_n = 1\n    def zq_h():\n        nonlocal zq_n\n        zq_n = 2\n    return zq_h\n'),
    ('except as', '2.7', '3.11', 'try:\n    zq_x = 1\nexcept Exception as zq_e:\n    pass\n'),
    ('loops and comprehensions', '2.7', '3.11',
     'zq_s = 0\nfor zq_i in range(3):\n    zq_s += zq_i\nzq_r = [zq_j * 2 for zq_j in range(3) if zq_j]\n'),
    ('imports', '2.7', '3.11', 'import gc as zq_gc\nfrom sys import getrefcount as zq_grc, maxsize as zq_max\n'),
    ('decorators', '2.7', '3.11', 'def zq_d(zq_fn): return zq_fn\n@zq_d\ndef zq_f(): pass\n'),
    ('an f-string', '3.6', '3.11', 'zq_v = 1\nzq_s = f"{zq_v} {zq_v!r:>{zq_v}}"\n'),
    ('a str constant spelled as a name', '2.7', '3.11', 'zq_a = "zq_b"\nzq_b = 1\nzq_c = zq_b\n'),
    ('deletions and augmented assignments', '2.7', '3.11', 'zq_a = [1]\nzq_a[0] += 1\ndel zq_a[0]\nzq_b = 1\ndel zq_b\n'),
    # 3.10's and 3.11's one-character strs take the parser's references otherwise (cached, and
    # statically allocated in 3.11): tests/cpydiff/peg_parser_identifier_refs.md.
    ('a one-character name', '2.7', '3.8', 'q = 1\nq = q + 1\nzq_q = [q, q]\n'),
]

# Valid 2.7 and 3.x; its own names do not start with zq. A code object is found by its type
# (the lab's has no co_code).
TAIL = '''
import sys as _M_sys
_M_code_type = type(_M_sys._getframe().f_code)
_M_cand = list(globals().keys())
_M_todo = [_M_sys._getframe().f_code]
while _M_todo:
    _M_c = _M_todo.pop()
    for _M_t in (_M_c.co_names, _M_c.co_varnames, _M_c.co_cellvars, _M_c.co_freevars, (_M_c.co_name,)):
        _M_cand.extend(_M_t)
    for _M_k in _M_c.co_consts:
        if type(_M_k) is _M_code_type:
            _M_todo.append(_M_k)
        elif isinstance(_M_k, str):
            _M_cand.append(_M_k)
        elif isinstance(_M_k, tuple):
            _M_cand.extend(_M_k)
_M_seen = {}
for _M_s in _M_cand:
    if isinstance(_M_s, str) and (_M_s[:2] == chr(122) + chr(113) or _M_s == chr(113)):
        _M_seen[id(_M_s)] = _M_s
_M_cand = _M_c = _M_k = _M_t = _M_s = None
_M_out = []
for _M_s in _M_seen.values():
    _M_out.append('%s %d' % (_M_s, _M_sys.getrefcount(_M_s)))
_M_s = None
for _M_line in sorted(_M_out):
    print(_M_line)
'''

# compile() then exec(): the arena is freed before the code runs.
EXEC_RUNNER = '''import sys
path = sys.argv[1]
source = open(path).read()
exec(compile(source, path, 'exec'), {'__name__': '__main__', '__builtins__': __builtins__})
'''


def counts(cmd, env, cwd):
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd)
    if r.returncode != 0:
        sys.exit('%s failed (%d):\n%s%s' % (' '.join(cmd), r.returncode, r.stdout, r.stderr))
    out = {}
    for line in r.stdout.splitlines():
        name, n = line.rsplit(' ', 1)
        out[name] = int(n)
    return out


def ast_occurrences(source, name):
    """How many times the AST (the host's, 3.x syntax) holds `name` as an identifier."""
    n = 0
    for node in ast.walk(ast.parse(source)):
        for field in ('id', 'attr', 'arg', 'name', 'asname', 'module'):
            n += getattr(node, field, None) == name
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            n += node.names.count(name)
    return n


def spelled_as_literal(source, name):
    return any(isinstance(node, ast.Constant) and node.value == name for node in ast.walk(ast.parse(source)))


def version_tuple(text):
    return tuple(int(x) for x in text.split('.'))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lab', default=os.path.join(ROOT, 'build', 'native', 'pymemlab'))
    o = ap.parse_args()
    status = missing(o.lab, VERSIONS.values())
    if status is not None:
        return status
    env = ENV
    differences = []
    compared = 0
    with tempfile.TemporaryDirectory() as tmp:
        runner = os.path.join(tmp, 'exec_runner.py')
        open(runner, 'w').write(EXEC_RUNNER)
        for i, (label, oldest, newest, body) in enumerate(PROBES):
            probe = os.path.join(tmp, 'probe%d.py' % i)
            open(probe, 'w').write(body + TAIL)
            for profile, version in VERSIONS.items():
                if not version_tuple(oldest) <= version_tuple(profile) <= version_tuple(newest):
                    continue
                python = pyenv_python(version)
                script = counts([python, '-s', probe], env, tmp)
                lab = counts([o.lab, 'run', '--profile', profile, probe], env, tmp)
                peg = version_tuple(profile) >= PEG_FROM
                executed = counts([python, '-s', runner, probe], env, tmp) if peg else {}
                if not script:
                    differences.append('%s, %s: the probe printed nothing' % (label, profile))
                for name in sorted(set(script) | set(lab)):
                    compared += 1
                    got, want = lab.get(name), script.get(name)
                    where = '%s, %s, %r' % (label, profile, name)
                    if not peg:
                        if got != want:
                            differences.append('%s: CPython %s %s, lab %s' % (where, version, want, got))
                        continue
                    if spelled_as_literal(body, name):
                        continue  # the literal's own str takes the arena's reference: not this rule's
                    model = executed.get(name, 0) + ast_occurrences(body, name)
                    if got != model or want is None or got > want:
                        differences.append('%s: lab %s, want compile()+exec() %s + %d in the AST = %d, at most '
                                           'CPython %s script %s' % (where, got, executed.get(name), model - executed.get(name, 0),
                                                                    model, version, want))
    for d in differences:
        print(d)
    print('parser arena references: %d probes, %d counts compared, %d differences' % (len(PROBES), compared, len(differences)))
    return 1 if differences else 0


if __name__ == '__main__':
    sys.exit(main())
