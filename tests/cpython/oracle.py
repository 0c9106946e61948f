"""What the scripts that compare the lab with the pyenv CPythons share: where each CPython is,
the environment it runs in, and the check that the lab's CLI and every CPython are there (a
missing one is an error, exit 2, never a pass)."""
import os
import subprocess

# PYTHONHASHSEED=0: counts that depend on dict and set layouts are the same every run;
# LC_ALL=C.UTF-8: the locale changes what start-up loads, and with it some counts.
ENV = {'PATH': os.environ.get('PATH', ''), 'HOME': os.environ.get('HOME', '/'), 'PYTHONHASHSEED': '0',
       'LC_ALL': 'C.UTF-8'}


def pyenv_python(version):
    root = os.environ.get('PYENV_ROOT') or subprocess.run(
        ['pyenv', 'root'], capture_output=True, text=True).stdout.strip() or os.path.expanduser('~/.pyenv')
    return os.path.join(root, 'versions', version, 'bin', 'python')


def missing(lab, versions):
    """None when the lab's CLI and each CPython of `versions` are there; else the exit status 2,
    having said what is missing."""
    if not os.path.exists(lab):
        print('no lab CLI at %s (make cli)' % lab)
        return 2
    absent = [pyenv_python(v) for v in versions if not os.path.exists(pyenv_python(v))]
    if absent:
        print('CPython oracle missing: %s (pyenv builds): nothing checked' % ', '.join(absent))
        return 2
    return None
