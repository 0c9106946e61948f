# Stands in for the lab's CLI in run.test.mjs: accepts `run [--profile V] [--mode M] FILE`
# and runs the snippet under the CPython that runs this file, through the oracle harness.
# The runner's passing, failing and xfail paths are tested with it (a CPython "implementation"
# matches its own version's oracle and differs from other versions').
import os
import sys

args = sys.argv[1:]
if not args or args[0] != 'run':
    sys.stderr.write('usage: cpython_as_impl.py run [--profile V] [--mode script|repl] FILE\n')
    sys.exit(2)
mode = 'script'
rest = []
i = 1
while i < len(args):
    if args[i] in ('--profile', '--mode'):
        if args[i] == '--mode':
            mode = args[i + 1]
        i += 2
        continue
    rest.append(args[i])
    i += 1
here = os.path.dirname(os.path.abspath(__file__))
harness = os.path.join(here, 'cpython_repl.py' if mode == 'repl' else 'cpython_script.py')
os.execv(sys.executable, [sys.executable, harness, rest[0]])
