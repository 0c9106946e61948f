# len counts code points; the UTF-8 encoding of the same text may be longer.
samples = ["abc", "h\xe9llo", "\u20ac", "\U0001f600"]
for s in samples:
    encoded = s.encode("utf-8")
    print(len(s), len(encoded), encoded)
