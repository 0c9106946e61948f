# Stands in for the lab's CLI in run.test.mjs: accepts `run [--profile V] [--mode M] FILE`
# and runs the snippet under the CPython that runs this file, through the oracle harness; and
# `batch` (lines PROFILE<TAB>MODE<TAB>FILE on stdin, one JSON result line each), which fails at
# once when SHIM_BATCH_FAIL is set and touches the file SHIM_BATCH_MARK names when it runs.
# The runner's passing, failing and xfail paths are tested with it (a CPython "implementation"
# matches its own version's oracle and differs from other versions').
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
# The lab's tracebacks always show their source lines: so do the harness's here (see
# cpython_script.py), for `# compare: traceback` snippets.
os.environ['PYMEMLAB_SOURCE_LINES'] = '1'


def harness_for(mode):
    return os.path.join(here, 'cpython_repl.py' if mode == 'repl' else 'cpython_script.py')


args = sys.argv[1:]
if args == ['batch']:
    import json
    import subprocess
    if os.environ.get('SHIM_BATCH_FAIL'):
        sys.exit(3)
    if os.environ.get('SHIM_BATCH_MARK'):
        open(os.environ['SHIM_BATCH_MARK'], 'w').close()
    for line in sys.stdin:
        profile, mode, path = line.rstrip('\n').split('\t')
        r = subprocess.run([sys.executable, harness_for(mode), path], capture_output=True)
        print(json.dumps({'status': r.returncode, 'stdout': r.stdout.decode('utf-8', 'replace'),
                          'stderr': r.stderr.decode('utf-8', 'replace')}), flush=True)
    sys.exit(0)
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
os.execv(sys.executable, [sys.executable, harness_for(mode), rest[0]])
