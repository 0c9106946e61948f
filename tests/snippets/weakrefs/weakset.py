# A WeakSet forgets members that die.
import weakref
class Listener:
    pass

listeners = weakref.WeakSet()
a, b, c = Listener(), Listener(), Listener()
for x in (a, b, c):
    listeners.add(x)
print(len(listeners))  # expect: 3
del b
print(len(listeners), a in listeners)  # expect: 2 True
