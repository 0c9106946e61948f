# Complex numbers are built in; j marks the imaginary part.
z = (1 + 2j) * (3 - 1j)
print(z)  # expect: (5+5j)
print(abs(3 + 4j))  # expect: 5.0
print(z.real, z.imag)  # expect: 5.0 5.0
print((1j) ** 2)  # expect: (-1+0j)
