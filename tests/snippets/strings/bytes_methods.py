# bytes has most of str's methods, over ASCII only; results are bytes.
b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.title(), b.swapcase(), b.split(b","), b.split())
print(b.find(b"o"), b.rfind(b"o"), b.count(b"l"), b.index(b"W"), b.find(111), b"abc".count(98))
print(b"a,b,,c".split(b","), b"a-b-c".rsplit(b"-", 1), b"k=v".partition(b"="), b"abc".rpartition(b"x"))
print(b"-".join([b"a", b"b"]), b"x".center(5, b"*"), b"7".zfill(3), b"a\tb".expandtabs(4))
print(b"abc".replace(b"b", b"XX"), b"abc".startswith((b"x", b"a")), b"abc".endswith(b"bc"))
print(b"ab12".isalnum(), b"ab".isalpha(), b"12".isdigit(), b"  ".isspace(), b"Ab Cd".istitle(), b"\xe9".isalpha())
print(b"\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"line1\nline2\r\n".splitlines(True))
print(b"abc"[1], b"abc"[1:], b"abc"[::-1], b"ab" * 3, b"ab" + b"cd", b"b" in b"abc", 98 in b"abc")
print(bytes(b"x") is bytes(b"x"), b"abc"[0:1] is b"a", b"a".lower() is b"a", b"ab".strip() is b"ab")
for f in [lambda: b'a' + 'b',
          lambda: b'a'.split('a'),
          lambda: b'a'.find('a'),
          lambda: 'a' in b'abc',
          lambda: 300 in b'a',
          lambda: b'a'.join(['a']),
          lambda: b'a'.center(3, 'x'),
          lambda: b'a'[5],
          lambda: b'a'['x'],
          lambda: bytes('a'),
          lambda: bytes(-1),
          lambda: bytes([256]),
          lambda: bytes(1.5)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
