# // rounds toward negative infinity and % takes the sign of the divisor.
print(7 // 2, -7 // 2, 7 // -2, -7 // -2)  # expect: 3 -4 -4 3
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)  # expect: 1 2 -2 -1
print(divmod(-7, 2))  # expect: (-4, 1)
print(-7.5 // 2, -7.5 % 2)  # expect: -4.0 0.5
