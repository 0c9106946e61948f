# 2.7 wipes __main__'s globals at exit itself: names with one leading underscore become None
# first, then the others. 3.x leaves the dict to the collector, which finalizes in its order.
# profiles: 2.7, 3.6-3.13
class A(object):
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del ' + str(self.n))

a = A(1)
_b = A(2)
print('end')
