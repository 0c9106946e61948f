# Bit operations on ints, including negative ones (infinite two's complement).
print((255).bit_length(), (256).bit_length())  # expect: 8 9
print(6 & 3, 6 | 3, 6 ^ 3)  # expect: 2 7 5
print(~5, -6 >> 1, 1 << 70)  # expect: -6 -3 1180591620717411303424
print(-1 & 0xFF)  # expect: 255
