# Nested finally blocks unwind from the inside out.
def f():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError:
        print("handled")
    finally:
        print("outer finally")

f()
