# Empty and one-byte bytes objects are cached singletons.
a = bytes([65])
b = b"xA"[1:]
print(a is b)
print(bytes() is b"".join([]))
c = bytes([65, 66])
d = bytes([65, 66])
print(c is d, c == d)
