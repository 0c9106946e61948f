# At the prompt, `_` keeps the last echoed value; the exit sets builtins._ to None first of
# all, so that object dies before the globals do.
# mode: repl
# profiles: 3.6-3.13
class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
    def __repr__(self):
        return 'A(%d)' % self.n

a = A(1)
A(2)
print('end')
