# Classes that do not inherit from object are old-style: their instances all share one
# type, 'instance'.
# profiles: 2.7
class Old:
    pass
class New(object):
    pass

print type(Old()).__name__  # expect: instance
print type(New()).__name__  # expect: New
print type(Old).__name__, type(New).__name__  # expect: classobj type
