# Python 2 str methods hand their work to unicode when an argument is unicode, and the result
# is unicode; ASCII-only str values decode silently.
# profiles: 2.7
print repr('a,b'.split(u',')), repr('abc'.replace(u'b', 'x')), repr('-'.join(['a', u'b']))
print repr('abc'.strip(u'a')), repr('abc'.partition(u'b')), repr('a' + u'b'), repr(u'a' + 'b')
print 'abc'.startswith(u'a'), 'abc'.find(u'c'), u'abc'.find('c'), 'b' in u'abc', u'b' in 'abc'
print repr('%s-%s' % ('x', u'y')), repr(u'%s' % 'x'), repr('%r' % u'x'), repr('{0}'.format(u'z'))
print repr(u'caf\xe9'), repr('caf\xc3\xa9'), repr(u'caf\xe9'.encode('utf-8')), repr('caf\xc3\xa9'.decode('utf-8'))
print repr(str(u'abc')), repr(unicode('abc')), repr(unicode('caf\xc3\xa9', 'utf-8'))
for f in [lambda: 'caf\xc3\xa9' + u'x', lambda: str(u'caf\xe9'), lambda: unicode('\xc3'),
          lambda: u'a'.join([1]), lambda: 'a'.join([1]), lambda: '\xff'.decode('utf-8'), lambda: 'a' + 1,
          lambda: u'a' + 1, lambda: 'a'.split(1), lambda: 1 in 'a', lambda: unicode(u'a', 'ascii')]:
    try:
        print repr(f())
    except Exception as e:
        print type(e).__name__, e
