# Order of the clauses: else runs only without an exception, finally always runs last.
def attempt(x):
    try:
        print("try", x)
        r = 10 // x
    except ZeroDivisionError:
        print("except")
    else:
        print("else", r)
    finally:
        print("finally")

attempt(2)
attempt(0)
