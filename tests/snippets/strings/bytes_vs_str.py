# bytes and str never compare equal in Python 3; encode/decode convert between them.
b = b"abc"
s = "abc"
print(b == s)  # expect: False
print(b.decode() == s, s.encode() == b)  # expect: True True
print(b[0], s[0])  # expect: 97 a
print(repr(b), list(b))  # expect: b'abc' [97, 98, 99]
print(bytes([104, 105]))  # expect: b'hi'
