# A bare raise inside except re-raises the exception being handled.
try:
    int("nope")
except ValueError:
    print("logging and re-raising")  # expect: logging and re-raising
    raise  # expect error: ValueError: invalid literal for int() with base 10: 'nope'
