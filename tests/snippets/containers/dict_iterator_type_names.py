# The type names of dict iterators: 2.7 called them "dictionary-keyiterator" and kin; 3.x
# "dict_keyiterator".
# profiles: all
from __future__ import print_function
d = {1: 2}
values = d.itervalues() if hasattr(d, "itervalues") else iter(d.values())
items = d.iteritems() if hasattr(d, "iteritems") else iter(d.items())
for it in (iter(d), values, items):
    print(type(it).__name__)
