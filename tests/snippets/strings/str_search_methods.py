# find/rfind/index/count/startswith/endswith with start and end, negative indices and tuples.
s = "the cat sat on the mat"
print(s.find("at"), s.find("at", 6), s.find("at", 6, 9), s.rfind("at"), s.rfind("at", 0, -5))
print(s.find(""), s.find("", 30), s.rfind(""), s.count("at"), s.count(""), s.count("", 3, 5))
print(s.index("sat"), s.rindex("the"), s.count("t", -5), s.find("x") == -1)
print(s.startswith("the"), s.startswith(("a", "the")), s.startswith("cat", 4), s.endswith("mat", 0, -1))
print(s.endswith(("at", "zz")), s.startswith(""), "abc".startswith("", 3), "abc".startswith("", 4))
print("aaaa".count("aa"), "aaaa".find("aa", 1), "aaaa".rfind("aa"), "abc".find("c", None, None))
for f in [lambda: s.index('dog'),
          lambda: s.rindex('dog'),
          lambda: s.find(1),
          lambda: s.startswith(1),
          lambda: s.endswith(('a', 2)),
          lambda: s.count(),
          lambda: s.find('a', 'x'),
          lambda: s.startswith('a', 1, 2, 3)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
