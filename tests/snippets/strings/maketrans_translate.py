# str.maketrans builds a dict of code points; translate maps, replaces or deletes characters.
t = str.maketrans("abc", "xyz", "!")
print(sorted(t.items()))
print("a!b!c".translate(t), "hello".translate({ord("l"): None, ord("o"): "0"}), "x".translate({}))
print(sorted(str.maketrans({"a": "1", 98: None}).items()))
for f in [lambda: str.maketrans(1),
          lambda: str.maketrans('ab', 'c'),
          lambda: str.maketrans({'ab': 1}),
          lambda: str.maketrans({1.5: 1}),
          lambda: 'abc'.translate({97: 1.5}),
          lambda: 'abc'.translate({97: 0x110000}),
          lambda: 'abc'.translate(1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
