# A list changed by a key function while it is sorted: ValueError after the sort, and the list
# holds the sorted items with what was appended thrown away. Appending while iterating goes on
# until the loop reaches the end; a dict that grows while iterated raises RuntimeError.
l = [3, 1, 2]
def key(x):
    l.append(x)
    return x
try:
    l.sort(key=key)
except ValueError as e:
    print(e)
print(l)
m = [3, 1, 2]
for x in m:
    if len(m) < 9:
        m.append(x)
print(m)
d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1
except RuntimeError as e:
    print(e)
