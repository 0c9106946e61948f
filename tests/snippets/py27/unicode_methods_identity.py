# Python 2's unicode methods give back the object itself when nothing changes (even lower());
# str methods always make a new str.
# profiles: 2.7
u = u'already lower'
s = 'already lower'
print u.lower() is u, u.upper() is u, u.strip() is u, u.replace(u'x', u'y') is u, u.center(3) is u
print s.lower() is s, s.strip() is s, s.replace('x', 'y') is s, s.center(3) is s, s.expandtabs() is s
print repr(u'hello world'.title()), repr(u'\xdf'.upper()), repr(u'ABC'.swapcase()), repr(u'aBC'.capitalize())
print repr('hello world'.title()), repr('aBC'.capitalize()), repr('a1b'.upper()), repr('Hello'.swapcase())
print u'123'.isdigit(), u'\xb2'.isdigit(), u'\xb2'.isdecimal(), u'\xbd'.isnumeric(), u'abc'.isalpha(), '12'.isdigit()
print repr(u'a\tb'.expandtabs(4)), repr(u'x'.zfill(3)), repr(u'a b  c'.split()), repr(u'a\nb'.splitlines(True))
x = u'xyz'
print x[0] is x[0], x[0:1] is x[0], x[:] is x, repr(x[::-1]), len(x)
print repr(u'%5s|%-4d|%.2f|%x' % (u'ab', 7, 2.5, 255)), repr('%5s|%c|%c' % ('ab', 65, 'z'))
print repr('{0}-{1!r}-{x:>4}'.format(1, 'q', x='k')), repr(u'{0:^7}'.format(u'mid'))
