# A cycle reached only from a function's default argument survives collections.
import gc
gc.collect()
def make():
    a = []
    a.append(a)
    return a
def keeper(x=make()):
    return x
print(gc.collect())
print(keeper() is keeper()[0])
del keeper
print(gc.collect())
