# Many instances of one class store the same attributes, some in another order: the dicts in the
# shared order stay small, the others pay for keys of their own.
# oracle: 64-bit
import sys
class Row:
    pass

rows = []
for i in range(8):
    r = Row()
    if i % 3 == 2:
        r.b, r.a = i, i
    else:
        r.a, r.b = i, i
    rows.append(r)
print([sys.getsizeof(r.__dict__) for r in rows])
print([list(r.__dict__) for r in rows[:3]])
late = Row()
late.a = 1
print(sys.getsizeof(late.__dict__), sys.getsizeof(Row().__dict__))
