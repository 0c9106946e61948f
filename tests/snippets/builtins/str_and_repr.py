# str() is for people, repr() for programmers; they differ for strings.
print(str("a"), repr("a"))  # expect: a 'a'
print(str(1.5), repr(1.5))  # expect: 1.5 1.5
print(str([1, "a"]))  # expect: [1, 'a']
print(repr(None), str(None))  # expect: None None
print(str(b"x"))  # expect: b'x'
