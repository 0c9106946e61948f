# `except E as e` deletes e when the handler ends (to break the traceback cycle).
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught:", e)  # expect: caught: division by zero
print("e" in dir())  # expect: False
print(e)  # expect error: NameError: name 'e' is not defined
