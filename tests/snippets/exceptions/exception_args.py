# Exceptions keep their constructor arguments in args.
e = ValueError("a", 2)
print(e.args)
print(str(ValueError("only")))
print(repr(KeyError("k")))
print(str(KeyError("k")))
print(str(Exception()))
