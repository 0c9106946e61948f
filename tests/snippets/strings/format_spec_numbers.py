# The format mini-language for numbers: grouping, percent, bases, padding, signs.
print(format(1234567, ","))  # expect: 1,234,567
print(format(0.25, "%"), format(0.25, ".0%"))  # expect: 25.000000% 25%
print(format(255, "#x"), format(255, "08b"))  # expect: 0xff 11111111
print("{:+d} {:+d}".format(5, -5))  # expect: +5 -5
print("{:08.3f}".format(-3.14159))  # expect: -003.142
print("{:e}".format(12345.678))  # expect: 1.234568e+04
