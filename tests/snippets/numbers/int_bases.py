# Integer literals and int() in other bases.
print(0x1F, 0o17, 0b101)  # expect: 31 15 5
print(int("ff", 16), int("0b101", 0), int("777", 8))  # expect: 255 5 511
print(hex(255), oct(8), bin(5))  # expect: 0xff 0o10 0b101
print(1_000_000)  # expect: 1000000
