# repr() escapes control characters and backslashes so the result is valid source.
print(repr("a\nb\tc"))  # expect: 'a\nb\tc'
print(repr("back\\slash"))  # expect: 'back\\slash'
print(repr("\x00\x7f"))  # expect: '\x00\x7f'
print(repr("caf\xe9"))  # expect: 'café'
print(len(repr("a\nb")))  # expect: 6
