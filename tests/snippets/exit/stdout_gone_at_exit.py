# An object that only the sys module keeps dies when the exit wipes sys itself: sys.stdout is
# None by then, so its __del__ prints nothing, and the error it meets is not reported either.
# profiles: 2.7, 3.6-3.13
import sys


class A(object):
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print('del ' + str(self.n))
        raise ValueError('lost')

sys.keep = A(1)
sys.keep.me = sys.keep
_b = A(2)
print('end')
