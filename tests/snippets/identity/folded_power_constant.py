# 10**3 is folded to 1000 at compile time; whether two folded results are one constant
# depends on the compiler's constant de-duplication.
# profiles: all
a = 10 ** 3
b = 10 ** 3
print(a is b)
c = 1000
print(a is c)
