"""A code object's bytes, CPython's against the lab's: how long each is, over every code object of
tests/snippets.

For each snippet (2.7's area aside), its source is compiled as the body of one function, by each
pyenv CPython and by the lab's CLI, and for every code object in the result the lengths of the
bytes it holds are compared: co_code and co_lnotab up to 3.9, co_code and co_linetable in 3.10,
co_linetable and co_exceptiontable from 3.11 (the lab's count for 3.11+'s inline code units is
code_object_size.md's). Printed per version and part: how many lengths are CPython's exactly,
and how many give the block CPython's size class (a bytes object requests 33 + length bytes,
rounded up to 8 bytes before 3.8 and to 16 from 3.8). Also how many co_stacksize values are
CPython's (up to 3.10 it sizes every frame object's block), and from 3.11 how many code objects
have CPython's getsizeof (which counts the code units inline: code_object_size.md). tests/cpydiff/code_object_parts.md
keeps the figures.

    python3 tests/cpython/measure_code_parts.py [--lab build/native/pymemlab] [--show N] [VERSION ...]

VERSION is a profile (3.6 3.8 3.10 3.11 3.12 3.13, the default all); --show lists the N largest
differences. A missing lab or pyenv build is an error (exit 2), never a pass. Runs under Python 3.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

from oracle import ENV, missing, pyenv_python

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VERSIONS = {'3.6': '3.6.15', '3.8': '3.8.18', '3.10': '3.10.13', '3.11': '3.11.7', '3.12': '3.12.1',
            '3.13': '3.13.0'}
PARTS = ['co_code', 'co_lnotab', 'co_linetable', 'co_exceptiontable', 'co_stacksize', 'getsizeof']

# Prints one line, `PARTS name:len,len,... | ...`, code objects depth first; a version without a
# part prints '-' for it. Runs the same under CPython and the lab; runs nothing of the snippet.
PROBE = '''import sys
SRC = %r
SRC = 'def __wrap():' + chr(10) + ''.join('    ' + l for l in SRC.splitlines(True)) + chr(10) + '    pass' + chr(10)
PARTS = %r
def measure(v):
    return str(v if type(v) is int else len(v))
def part(co, p):
    if p == 'getsizeof':
        return str(sys.getsizeof(co))
    return measure(getattr(co, p)) if hasattr(co, p) else '-'
def walk(co, out):
    out.append(co.co_name + ':' + ','.join(part(co, p) for p in PARTS))
    for c in co.co_consts:
        if type(c).__name__ == 'code':
            walk(c, out)
ns = {}
try:
    exec(SRC, ns)
except SyntaxError:
    print('PARTS SKIP')
    sys.exit()
out = []
walk(ns['__wrap'].__code__, out)
print('PARTS ' + ' | '.join(out))
'''


def parts_line(stdout):
    lines = [line[6:] for line in stdout.splitlines() if line.startswith('PARTS ')]
    return lines[0] if lines else None


def stored_parts(version):
    """The parts a code object holds: 3.10+ computes co_lnotab, and 3.11+ co_code, when read."""
    if version >= (3, 11):  # and the code units inline, which getsizeof counts
        return ['co_linetable', 'co_exceptiontable', 'co_stacksize', 'getsizeof']
    return ['co_code', 'co_linetable' if version >= (3, 10) else 'co_lnotab', 'co_stacksize']


def size_class(n, version):
    if n == 0:
        return 0  # b''
    align = 16 if version >= (3, 8) else 8
    return (33 + n + align - 1) // align * align


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--lab', default=os.path.join(ROOT, 'build', 'native', 'pymemlab'))
    ap.add_argument('--show', type=int, default=0)
    ap.add_argument('versions', nargs='*')
    args = ap.parse_args()
    versions = args.versions or list(VERSIONS)
    status = missing(args.lab, [VERSIONS[v] for v in versions])
    if status is not None:
        return status
    sources = sorted(f for f in glob.glob(os.path.join(ROOT, 'tests', 'snippets', '*', '*.py'))
                     if os.sep + 'py27' + os.sep not in f)
    with tempfile.TemporaryDirectory() as tmp:
        probes = []
        for src in sources:
            probe = os.path.join(tmp, os.path.basename(os.path.dirname(src)) + '__' + os.path.basename(src))
            with open(src) as f, open(probe, 'w') as out:
                out.write(PROBE % (f.read(), PARTS))
            probes.append(probe)
        for v in versions:
            vt = tuple(int(x) for x in v.split('.'))
            batch = ''.join('%s\tscript\t%s\n' % (v, p) for p in probes)
            res = subprocess.run([args.lab, 'batch'], input=batch, capture_output=True, text=True, env=ENV)
            labs = [parts_line(json.loads(line).get('stdout', '')) for line in res.stdout.splitlines()]
            total, exact, same_class, differences, compared = {}, {}, {}, [], 0
            for probe, lab in zip(probes, labs):
                cp = parts_line(subprocess.run([pyenv_python(VERSIONS[v]), probe], capture_output=True,
                                               text=True, env=ENV).stdout)
                if cp in (None, 'SKIP') or lab in (None, 'SKIP'):
                    continue
                a, b = cp.split(' | '), lab.split(' | ')
                if [x.split(':')[0] for x in a] != [x.split(':')[0] for x in b]:
                    continue  # the lab's code objects are not CPython's (a comprehension not inlined)
                compared += 1
                for x, y in zip(a, b):
                    name = x.split(':')[0]
                    for part, n, m in zip(PARTS, x.split(':')[1].split(','), y.split(':')[1].split(',')):
                        if n == '-' or part not in stored_parts(vt):
                            continue
                        n, m = int(n), int(m) if m != '-' else -1
                        total[part] = total.get(part, 0) + 1
                        exact[part] = exact.get(part, 0) + (n == m)
                        same_class[part] = same_class.get(part, 0) + (size_class(n, vt) == size_class(m, vt))
                        if n != m:
                            differences.append((abs(n - m), part, n, m, os.path.basename(probe), name))
            print('%s: %d snippets compared' % (v, compared))
            for part in PARTS:
                if part in ('co_stacksize', 'getsizeof') and part in total:
                    t = total[part]
                    print('  %-18s value  %4d of %4d (%3.0f%%)' % (part, exact[part], t, 100.0 * exact[part] / t))
                elif part in total:
                    t = total[part]
                    print('  %-18s length %4d of %4d (%3.0f%%), size class %4d (%3.0f%%)'
                          % (part, exact[part], t, 100.0 * exact[part] / t, same_class[part],
                             100.0 * same_class[part] / t))
            for d in sorted(differences, reverse=True)[:args.show]:
                print('    %s: CPython %d, lab %d (%s, %s)' % (d[1], d[2], d[3], d[4], d[5]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
