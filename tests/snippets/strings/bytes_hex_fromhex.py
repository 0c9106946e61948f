# bytes.hex() and bytes.fromhex(), maketrans/translate, and % on bytes.
# profiles: 3.8+
data = bytes(range(0, 256, 37))
print(data.hex(), data.hex(":"), data.hex("-", 2), data.hex(" ", -3), b"".hex())
print(bytes.fromhex("de ad be ef"), bytes.fromhex("00ff\n10"), b"".fromhex("41"))
table = bytes.maketrans(b"abc", b"xyz")
print(len(table), b"aabbcc".translate(table), b"hello".translate(None, b"l"), b"q".translate(table) is b"q")
print(b"%s|%5d|%-4b|%x|%c|%r" % (b"ab", 7, b"z", 255, 65, b"q"))
for f in [lambda: bytes.fromhex('zz'),
          lambda: bytes.fromhex('a'),
          lambda: bytes.fromhex(1),
          lambda: b'a'.translate(b'xy'),
          lambda: bytes.maketrans(b'a', b'bc'),
          lambda: b'%s' % 'x',
          lambda: b'%c' % 300,
          lambda: data.hex('ab')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
