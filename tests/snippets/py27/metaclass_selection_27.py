# 2.7 chooses a class's metaclass after running its body: the body's __metaclass__, else the
# first base's class, else the module's __metaclass__, else classobj (a classic class).
# profiles: 2.7
class M(type):
    pass
class N:
    __metaclass__ = M
class Classic:
    pass
class FromBase(N):
    pass
class New(object):
    pass
print type(N).__name__, type(Classic).__name__, type(FromBase).__name__, type(New).__name__
__metaclass__ = type
class Now:
    pass
class StillClassic(Classic):
    pass
print type(Now).__name__, type(StillClassic).__name__
