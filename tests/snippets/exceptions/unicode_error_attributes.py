# UnicodeEncodeError and UnicodeDecodeError are ValueErrors that keep the codec, the text,
# the failing range and the reason; str() names one character or a range.
try:
    "caf\xe9 \u20ac".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, isinstance(e, UnicodeError), isinstance(e, ValueError))
    print(e.encoding, repr(e.object), e.start, e.end, e.reason)
    print(e)
try:
    b"ab\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
    print(e)
e = UnicodeDecodeError("ascii", b"xyz", 0, 3, "bad")
print(e)
e = UnicodeTranslateError("abc", 1, 2, "no map")
print(e, e.encoding)
e.start = 0
e.end = 3
print(e)
