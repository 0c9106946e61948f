# A function's docstring is the first constant of its code when that is a str: __doc__,
# a method's and a bound method's __doc__ read it.
# profiles: all
def f():
    "fdoc"
    return 1
print(f.__doc__)
class C:
    "cdoc"
    def m(self):
        "mdoc"
        return 2
print(C.__doc__, C.m.__doc__, C().m.__doc__, f.__code__.co_consts)
def g():
    return "x"
print(g.__doc__, g.__code__.co_consts)
l = lambda: "y"
print(l.__doc__, l.__code__.co_consts)
