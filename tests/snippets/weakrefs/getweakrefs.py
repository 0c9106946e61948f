# weakref.getweakrefs lists the weak references and proxies pointing at an object.
import weakref
class Node:
    pass

n = Node()
r = weakref.ref(n)
p = weakref.proxy(n)
print(len(weakref.getweakrefs(n)))  # expect: 2
del p
print(len(weakref.getweakrefs(n)))  # expect: 1
print(weakref.getweakrefs(n)[0] is r)  # expect: True
