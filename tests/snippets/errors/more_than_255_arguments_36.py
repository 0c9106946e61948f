# Up to 3.6 ast.c counts a call's arguments (2.7: positional and keyword ones, not * or **; 3.6:
# all of them) and 3.6 a definition's named parameters, and more than 255 is a SyntaxError at
# the first argument (its column is the offset, 0-based, before 3.8); from 3.7 any number.
# profiles: 3.6+
def check(label, src):
    try:
        exec(src, {'f': lambda *a, **k: len(a) + len(k), 'x': (), 'y': {}})
        print(label, 'ok')
    except SyntaxError as e:
        print(label, e.msg, e.lineno, e.offset)

names = lambda n, prefix='a': ', '.join('%s%d' % (prefix, i) for i in range(n))
keywords = lambda n: ', '.join('k%d=%d' % (i, i) for i in range(n))
check('255 positional', 'f(%s)' % ', '.join(['1'] * 255))
check('256 positional', 'y = 1\nz = f(%s)' % ', '.join(['1'] * 256))
check('100 + 156 keywords', 'z = f( f(%s, %s))' % (', '.join(['1'] * 100), keywords(156)))
check('255 and *x', 'f(%s, *x)' % ', '.join(['1'] * 255))
check('255 keywords and **y', 'f(%s, **y)' % keywords(255))
check('def 255', 'def g(%s): pass' % names(255))
check('def 256', 'def g(%s): pass' % names(256))
check('def 255 and *rest', 'def g(%s, *rest): pass' % names(255))
check('def 200 + 56 keyword-only', 'def g(%s, *, %s): pass' % (names(200), names(56, 'b')))
check('lambda 256', 'lambda %s: 0' % names(256))
check('class 256 bases', 'class C(%s): pass' % ', '.join(['object'] * 256))
