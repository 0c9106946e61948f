# An error inside an except block: both tracebacks print, the newer exception last.
try:
    {}["first"]
except KeyError:
    print("handling")
    [][1]
