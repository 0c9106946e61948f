# An exception raised while handling another records it as __context__.
try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("second")
except ValueError as e:
    print(type(e).__name__, e)  # expect: ValueError second
    print(type(e.__context__).__name__, e.__context__)  # expect: KeyError 'k'
    print(e.__cause__)  # expect: None
    print(e.__suppress_context__)  # expect: False
