# A list literal is allocated exactly; the same items appended one by one leave spare room.
# oracle: 64-bit
import sys
a = [1, 2, 3, 4, 5]
b = []
for i in range(5):
    b.append(i + 1)
print(a == b)
print(sys.getsizeof(a), sys.getsizeof(b))
print(sys.getsizeof(list(range(5))))
