# bytes() from a size, a list of ints, or a string with an encoding.
print(bytes(3))  # expect: b'\x00\x00\x00'
print(bytes([72, 105]))  # expect: b'Hi'
print(bytes("h\xe9", "utf-8"))  # expect: b'h\xc3\xa9'
print(bytes(b"ab") + b"c")  # expect: b'abc'
bytes([256])  # expect error: ValueError: bytes must be in range(0, 256)
