# Dividing by zero raises ZeroDivisionError.
print(10 / 4)  # expect: 2.5
print(10 // 4)  # expect: 2
print(-10 // 4)  # expect: -3
print(1 / 0)  # expect error: ZeroDivisionError: division by zero
