# In Python 2, str is bytes and unicode is text; ASCII values compare equal.
# profiles: 2.7
s = "abc"
u = u"abc"
print type(s).__name__, type(u).__name__  # expect: str unicode
print s == u  # expect: True
print repr(u"caf\xe9")  # expect: u'caf\xe9'
print len("caf\xc3\xa9"), len(u"caf\xe9")  # expect: 5 4
