# bool() follows truthiness: empty containers, 0, 0.0, "" and None are false.
values = [0, 1, 0.0, "", "0", [], [0], {}, None, ()]
print([bool(v) for v in values])  # expect: [False, True, False, False, True, False, True, False, False, False]
print(bool())  # expect: False
print(True and "x", 0 or "y")  # expect: x y
