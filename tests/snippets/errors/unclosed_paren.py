# An unclosed bracket: older versions blame the end of the file, 3.10+ the opening bracket.
print("never printed")
values = [1, 2,
          3
total = sum(values)
print(total)
