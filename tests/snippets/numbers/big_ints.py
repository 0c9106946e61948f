# Python ints have no fixed size: they grow as needed.
# profiles: all
print(2 ** 100)  # expect: 1267650600228229401496703205376
print(len(str(2 ** 1000)))  # expect: 302
print((2 ** 64) * (2 ** 64) == 2 ** 128)  # expect: True
print(-(2 ** 70) // 3)  # expect: -393530540239137101142
