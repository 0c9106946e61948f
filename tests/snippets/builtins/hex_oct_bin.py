# hex, oct and bin give prefixed strings; negative numbers keep a sign.
print(hex(255), oct(255), bin(255))  # expect: 0xff 0o377 0b11111111
print(hex(-1), bin(-5))  # expect: -0x1 -0b101
print(hex(2 ** 64))  # expect: 0x10000000000000000
print(int(hex(4096), 16))  # expect: 4096
