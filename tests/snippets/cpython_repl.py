# The REPL-mode oracle: runs one snippet under the CPython that runs this file as if each
# top-level statement were typed at the interactive prompt. Used by run.mjs; runs unchanged
# on 2.7 and 3.x.  Usage: python cpython_repl.py SNIPPET
#
# Each top-level statement (statements sharing a line, like `a = 1; b = 2`, form one input,
# and a decorated definition starts at its first decorator) is compiled on its own with
# compile(text, '<stdin>', 'single') and executed in one shared `__main__` namespace, as the
# classic prompt does: expression statements go through sys.displayhook (repr to stdout, `_`
# set), each input has its own code object (so equal constants in two inputs are two objects),
# and an exception prints its traceback to stderr, sets sys.last_* (keeping the traceback's
# frames alive, as the prompt does) and the next input runs. Exit status: 1 if any input
# raised, else 0. A snippet that does not parse as a whole prints its SyntaxError and exits 1.
# One thing the prompt does that compile() cannot show: the prompt keeps the parser's objects
# (the AST's arena) until the input has run, so a literal has one reference more meanwhile
# (`c = 1000; print(sys.getrefcount(c))` typed as one input prints 4 at the prompt, 3 here). REPL
# snippets do not print a literal's count; the lab follows the prompt (unit test in
# tests/unit/test_builtins.cpp, measured with `python -i`).
import sys

FILENAME = '<stdin>'


def statement_chunks(source):
    """Returns (first line, last line) of each input, 1-based and inclusive."""
    import ast
    lines = source.splitlines()
    tree = ast.parse(source)
    starts, ends = [], []
    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, 'decorator_list', [])])
        end = getattr(node, 'end_lineno', None)
        if starts and (start == starts[-1] or (ends[-1] is not None and start <= ends[-1])):
            ends[-1] = end if end is None or ends[-1] is None else max(end, ends[-1])
            continue
        starts.append(start)
        ends.append(end)
    chunks = []
    for i, start in enumerate(starts):
        end = ends[i]
        if end is None:  # before 3.8: up to the next input, less trailing blank and comment lines
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines)
            while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith('#')):
                end -= 1
        chunks.append((start, end))
    return lines, chunks


def print_exception(etype, value, tb):
    # The interpreter's own hook, not traceback.print_exception: before 3.12 only the hook
    # adds NameError/AttributeError suggestions ("Did you mean: ...?").
    sys.__excepthook__(etype, value, tb)
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
        source = source.decode('utf-8')
    try:
        lines, chunks = statement_chunks(source)
    except SyntaxError:
        etype, value = sys.exc_info()[:2]
        print_exception(etype, value, None)
        return 1

    module = type(sys)('__main__')
    module.__dict__['__builtins__'] = sys.modules['builtins' if sys.version_info[0] >= 3 else '__builtin__']
    sys.modules['__main__'] = module
    sys.argv = ['']
    sys.path[0] = ''  # as the interactive prompt sets it
    namespace = module.__dict__
    status = 0
    for start, end in chunks:
        text = '\n'.join(lines[start - 1:end]) + '\n'
        try:
            code = compile(text, FILENAME, 'single', 0, True)  # dont_inherit: no harness futures
            exec(code, namespace)
        except SystemExit:
            raise
        except BaseException:
            status = 1
            etype, value, tb = sys.exc_info()
            if not isinstance(value, SyntaxError):
                tb = tb.tb_next  # drop the exec() frame of this harness
            else:
                tb = None
            if hasattr(value, 'with_traceback'):
                value.with_traceback(tb)
            sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
            if sys.version_info >= (3, 12):
                sys.last_exc = value
            print_exception(etype, value, tb)
            del etype, value, tb
        sys.stdout.flush()
    del harness
    return status


if __name__ == '__main__':
    status = main()
    sys.stdout.flush()
    sys.exit(status)
