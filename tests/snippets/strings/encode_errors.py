# Encoding to ASCII fails on non-ASCII characters unless an error handler is given.
s = "caf\xe9"
print(s.encode("utf-8"))  # expect: b'caf\xc3\xa9'
print(s.encode("ascii", "replace"))  # expect: b'caf?'
print(s.encode("ascii", "ignore"))  # expect: b'caf'
s.encode("ascii")  # expect error: UnicodeEncodeError: 'ascii' codec can't encode character '\xe9' in position 3: ordinal not in range(128)
