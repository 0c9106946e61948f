# str.format: automatic and manual numbering, keywords, attributes, indexes, conversions, nested specs.
class P:
    x = 3
    def __repr__(self):
        return "P()"
print("{} {} {}".format(1, "b", [3]), "{1}{0}{1}".format("a", "b"), "{x}{y!r}".format(x=1, y="q"))
print("{0.x} {1[0]} {2[k]} {1[1]}".format(P(), [7, 8], {"k": "v"}))
print("{!r} {!s} {!a} {!r:>8}".format("é", P(), "ü", "x"))
print("{:>{}}|{:^{w}.{p}f}|{:{fill}<6}".format("ab", 5, 3.14159, "z", w=9, p=2, fill="*"))
print("{{literal}} {{{}}}".format("x"), "{:,} {:_} {:08.3f} {:+}".format(1234567, 7654321, -3.5, 4))
print("{0:b} {0:o} {0:x} {0:#X} {0:e} {0:%}".format(10))
print("{:5}|{:<5}|{:.2}|{:x^7}".format("ab", 12, "xyz", "mid"), "{}".format(None), "{:}".format(True))
for fmt, a, k in [("{0}{}", (1, 2), {}), ("{}{0}", (1, 2), {}), ("{2}", (1,), {}), ("{z}", (), {}), ("{", (), {}),
                  ("}", (), {}), ("{0!x}", (1,), {}), ("{0[}", (1,), {}), ("{0.}", (1,), {}), ("{:d}", ("s",), {}),
                  ("{0]}", (1,), {}), ("{0.y}", (P(),), {}), ("{:=5}", ("s",), {}), ("{:,}", ("s",), {})]:
    try:
        print(repr(fmt.format(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)
print("{a}-{b}".format_map({"a": 1, "b": 2}), "abc".format() is "abc".format())
