# Requests up to 512 bytes come from pymalloc pools, one pool per 16-byte size class;
# larger ones go to malloc.
# profiles: 3.8+
# oracle: 64-bit
import sys
for n in (1, 30, 65, 70, 90, 470, 479, 480, 1000):
    size = sys.getsizeof(bytes(n))
    block = (size + 15) // 16 * 16 if size <= 512 else "malloc"
    print(n, size, block)

a = bytes(65)              # 98 bytes: the 112-byte class
old = id(a)
del a
b = bytes(70)              # 103 bytes: same class, takes the block just freed
print(id(b) == old)
del b
c = bytes(90)              # 123 bytes: the 128-byte class, another pool
print(id(c) == old)
