# divmod returns (a // b, a % b) in one call.
# 3.14 shortened the zero-division message.
print(divmod(17, 5), divmod(-17, 5))
print(divmod(7.5, 2))
q, r = divmod(100, 7)
print(q * 7 + r)
divmod(1, 0)
