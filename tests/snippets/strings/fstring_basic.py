# f-strings evaluate expressions in place, with conversions (!r) and format specs.
# profiles: 3.6+
name = "lab"
n = 7
pi = 3.14159
print(f"{name} {n}")  # expect: lab 7
print(f"{name!r} {n:>4} {pi:.2f}")  # expect: 'lab'    7 3.14
print(f"{n * 6} {n:03d} {n:b} {name.upper()}")  # expect: 42 007 111 LAB
print(f"{{braces}} {pi:8.3f}|")  # expect: {braces}    3.142|
