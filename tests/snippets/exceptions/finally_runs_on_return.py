# finally runs even when the try block returns; the return value is computed first.
def f():
    try:
        print("in try")  # expect: in try
        return "value"
    finally:
        print("in finally")  # expect: in finally

print(f())  # expect: value
