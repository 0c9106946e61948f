# The automatic collector can be switched off; gc.collect() still works when it is.
import gc
print(gc.isenabled())  # expect: True
gc.disable()
print(gc.isenabled())  # expect: False
a = []
a.append(a)
del a
print(gc.collect() >= 1)  # expect: True
gc.enable()
print(gc.isenabled())  # expect: True
