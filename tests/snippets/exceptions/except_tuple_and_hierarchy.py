# An except clause names a class or a tuple of classes, and catches their subclasses too.
def kind(f):
    try:
        f()
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except ArithmeticError as e:
        return "arith " + type(e).__name__

print(kind(lambda: [][1]))  # expect: lookup IndexError
print(kind(lambda: {}[1]))  # expect: lookup KeyError
print(kind(lambda: 1 / 0))  # expect: arith ZeroDivisionError
print(issubclass(KeyError, LookupError))  # expect: True
