# Exceptions raised by __repr__, __eq__ and __lt__ propagate out of print, sort, list.index,
# `in` and dict lookup; the run goes on after each is caught.
class A(object):
    def __repr__(self):
        raise ValueError('repr fails')
    def __eq__(self, o):
        raise ValueError('eq fails')
    def __lt__(self, o):
        raise TypeError('lt fails')
    def __hash__(self):
        return 1
for f in [lambda: str([A()]), lambda: sorted([A(), A()]), lambda: {A(): 1}[A()],
          lambda: [A()].index(A()), lambda: A() in [A()], lambda: '%s' % A(),
          lambda: print(A())]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
print('done')
