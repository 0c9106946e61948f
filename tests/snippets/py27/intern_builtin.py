# Python 2 has intern() as a builtin (sys.intern in Python 3).
# profiles: 2.7
a = "".join(["it is", " a good day"])
b = "".join(["it is", " a good day"])
print a is b  # expect: False
print intern(a) is intern(b)  # expect: True
print a == b  # expect: True
