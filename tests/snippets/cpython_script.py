# The script-mode oracle: runs one snippet under the CPython that runs this file, as
# `python snippet.py` would, except that the file is named "<snippet>" in tracebacks.
# With PYMEMLAB_SOURCE_LINES=1 (`# compare: traceback` snippets) tracebacks show the source
# lines as `python FILE` does: before 3.13 the interpreter's printer reads them from the file,
# so the snippet is compiled under its real path and the path renamed in what is printed.
# Used by run.mjs; runs unchanged on 2.7 and 3.x.  Usage: python cpython_script.py SNIPPET
#
# The snippet executes as module code in a fresh `__main__` module, so module-level
# sys.getrefcount, gc and __del__ behave as in a script (run.mjs --self-check compares every
# script-mode snippet against a direct `python FILE` run). The harness imports nothing beyond
# sys before the snippet runs, and linecache only once the snippet has raised.
# One thing `python FILE` does that compile() then exec() cannot show: it keeps the parser's
# objects (the AST's arena) until the module has run, so each literal has one reference more
# meanwhile (`a = 1000; print(sys.getrefcount(a))` prints 4 there, 3 here). Snippets do not print
# a literal's count; the lab follows `python FILE` (unit test in tests/unit/test_builtins.cpp).
import sys

FILENAME = '<snippet>'
REAL_PATH = None  # the path compiled under, when it is not FILENAME


def print_exception(etype, value, tb):
    """Prints what CPython prints for an uncaught exception, minus this harness's frame."""
    import linecache
    source = getattr(print_exception, 'source', None)
    if source is not None:
        lines = source.splitlines(True)
        linecache.cache[FILENAME] = (len(source), None, lines, FILENAME)
    # The interpreter's own hook, not traceback.print_exception: before 3.12 only the hook
    # adds NameError/AttributeError suggestions ("Did you mean: ...?").
    if REAL_PATH is None:
        sys.__excepthook__(etype, value, tb)
    else:
        stderr = sys.stderr
        sys.stderr = __import__('io' if sys.version_info[0] >= 3 else 'StringIO').StringIO()
        try:
            sys.__excepthook__(etype, value, tb)
            text = sys.stderr.getvalue()
        finally:
            sys.stderr = stderr
        stderr.write(text.replace('File "%s"' % REAL_PATH, 'File "%s"' % FILENAME))
    sys.stderr.flush()


def main():
    harness = sys.modules['__main__']  # kept alive: 2.7 clears a deallocated module's dict
    path = sys.argv[1]
    f = open(path, 'rb')
    try:
        source = f.read()
    finally:
        f.close()
    if sys.version_info[0] >= 3:
        print_exception.source = source.decode('utf-8', 'replace')
    else:
        print_exception.source = source

    global REAL_PATH
    os = sys.modules.get('os')  # already loaded by site: importing nothing new
    if os is not None and os.environ.get('PYMEMLAB_SOURCE_LINES') == '1' and sys.version_info < (3, 13):
        REAL_PATH = path
    try:
        code = compile(source, REAL_PATH or FILENAME, 'exec', 0, True)  # dont_inherit: no harness futures
    except SyntaxError:
        etype, value = sys.exc_info()[:2]
        print_exception(etype, value, None)
        return 1

    module = type(sys)('__main__')
    module.__dict__['__builtins__'] = sys.modules['builtins' if sys.version_info[0] >= 3 else '__builtin__']
    sys.modules['__main__'] = module
    sys.argv = [path]
    sys.path[0] = path.rpartition('/')[0] or '.'  # as `python FILE` sets it
    try:
        exec(code, module.__dict__)
    except SystemExit:
        raise
    except BaseException:
        etype, value, tb = sys.exc_info()
        tb = tb.tb_next  # drop the exec() frame of this harness
        if hasattr(value, 'with_traceback'):
            value.with_traceback(tb)
        # PyErr_Print keeps the exception, its traceback and so its frames in sys.last_*
        # until the interpreter's exit clears them.
        sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
        if sys.version_info >= (3, 12):
            sys.last_exc = value
        print_exception(etype, value, tb)
        del etype, value, tb
        return 1
    finally:
        del harness
    return 0


if __name__ == '__main__':
    status = main()
    sys.stdout.flush()
    sys.exit(status)
