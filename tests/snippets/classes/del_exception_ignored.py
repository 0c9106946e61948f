# An exception in __del__ cannot propagate: CPython reports it on stderr and carries on.
class Bad:
    def __del__(self):
        raise ValueError("in __del__")

b = Bad()
del b
print("still running")  # expect: still running
