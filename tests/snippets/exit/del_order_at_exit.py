# At exit, objects still named by globals die and their __del__ runs. __main__'s dict is in a
# cycle with the class's methods (their __globals__), so the exit's collections free it: the
# finalizers run in the collector's order, whatever the names look like.
# profiles: 3.6-3.13
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del', self.n)

a = A(1)
b = A(2)
_c = A(3)
d = [A(4)]
print('end')
