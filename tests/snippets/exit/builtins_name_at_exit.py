# The exit puts back the builtins CPython started with: an object stored in builtins dies
# then, before the collection that frees __main__'s globals.
# profiles: 3.6-3.13
import builtins


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del', self.n)

a = A(1)
builtins.kept = A(2)
print(kept.n)
