# Containers that hold themselves print with an ellipsis where the recursion would be:
# [...] for a list, {...} for a dict, (...) never for a tuple alone (it cannot hold itself).
l = [1]
l.append(l)
print(l)
d = {}
d['a'] = d
print(d)
m = [[]]
m[0].append(m)
print(m, repr(m), str(m))
t = ([],)
t[0].append(t)
print(t)
e = {}
e[1] = [e, l]
print(e)
print(len(repr(l)), l[1] is l)
