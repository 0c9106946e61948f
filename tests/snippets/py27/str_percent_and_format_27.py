# Python 2 str % and str.format: '%#o' keeps its old '0' prefix; a literal '%' after flags pads.
# profiles: 2.7
print repr('%#o %#o %#x' % (8, 0, 255)), repr('%5%|%-5%|' % ()), repr('%x' % 255.0), repr('%d' % 3.9)
print repr('%s %r' % (None, 'a')), repr('%(a)s %(b)05.1f' % {'a': 1, 'b': 2.25}), repr('%c' % 97)
print repr('{} {}'.format(1, 2)), repr('{:>5}|{:<5}|'.format('a', 'b')), repr('{0[1]}'.format([1, 2]))
for f in [lambda: '%d' % 'x', lambda: '%c' % 256, lambda: u'%c' % 0x110000, lambda: '%s %s' % (1,),
          lambda: '%a' % 1, lambda: '{0}'.format(), lambda: '%(a)s' % 1, lambda: '%y' % 1]:
    try:
        print repr(f())
    except Exception as e:
        print type(e).__name__, e
