# printf-style % formatting: flags, width, precision, * arguments, mapping keys and errors.
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#X %#o %#08x" % (255, 255, 8, 255, 255, 8, 255))
print("%e %E %f %F %g %G %.3e %10.4f" % (12345.678, 0.00012, 3.14159, 2.5, 1e-5, 1e20, 1.5, -2.25))
print("%.0f %.1f %#.0f %#g %g %g" % (2.5, 0.05, 3.0, 1.0, 100000, 1000000))
print("%s %r %a %c %c %%" % ("é", "é", "é", 65, "z"))
print("%*d|%-*d|%.*f|%*.*s|" % (5, 1, 5, 2, 2, 3.14159, 6, 2, "abcdef"))
print("%(x)s-%(y)05.1f-%(x)r" % {"x": "k", "y": 2.25})
print("%d %i %u" % (3.99, True, -7), "%s" % (None,), "%.3s" % "abcdef", "%5.1s|" % "xyz")
print("%d" % 10**30, "%x" % -255, "%.5d" % -42, "%10.3d|" % 7)
for fmt, args in [("%d", "x"), ("%x", 1.5), ("%s %s", (1,)), ("%s", (1, 2)), ("%(a)s", 1), ("%(a)s", {}),
                  ("%z", 1), ("%", 1), ("%c", "ab"), ("%c", -1), ("%*d", ("a", 1)), ("%f", "x"), ("x", 1)]:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(type(e).__name__, e)
print("no args" % (), "%s" % [1, 2], "x" % {"a": 1}, "%s" % {"a": 1})
