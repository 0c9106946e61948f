# encode/decode with the error handlers, and the UnicodeError messages.
s = "naïve €uro \U0001f600"
for enc in ["utf-8", "ascii", "latin-1"]:
    for errors in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
        print(enc, errors, s.encode(enc, errors))
data = b"ok \xff \xe2\x82 \xe2\x82\xac \xed\xa0\x80 end"
for errors in ["ignore", "replace", "backslashreplace", "surrogateescape"]:
    print(errors, ascii(data.decode("utf-8", errors)))
print(ascii(data.decode("latin-1")), data.decode("ascii", "replace"))
for f in [lambda: s.encode('ascii'),
          lambda: s.encode('latin-1'),
          lambda: data.decode(),
          lambda: b'\xe2\x82'.decode('utf-8'),
          lambda: b'\xe2\x82x'.decode('utf-8'),
          lambda: b'\x80'.decode('ascii'),
          lambda: '\udc80'.encode(),
          lambda: s.encode('nope'),
          lambda: s.encode('utf-8', 'bogus'),
          lambda: str(b'\xff', 'utf-8'),
          lambda: str(b'a', 'UTF8'),
          lambda: 'x'.encode('UTF-8', errors='strict')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
