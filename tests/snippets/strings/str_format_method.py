# str.format with positional, keyword and attribute fields and format specs.
# profiles: all
print("{0} {1} {0}".format("a", "b"))  # expect: a b a
print("{name}: {value:>6.2f}".format(name="x", value=2.5))  # expect: x:   2.50
print("{:^7}|{:<4}|{:>4}".format("mid", "l", "r"))  # expect:   mid  |l   |   r
print("{0[1]} {1.imag}".format([10, 20], 3j))  # expect: 20 3.0
print("{:,}".format(1234567))  # expect: 1,234,567
