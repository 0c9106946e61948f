# objgraph.find_backref_chain walks gc.get_referrers breadth first from an object to the first
# one the predicate accepts (a module in sys.modules): the chain that keeps the object alive.
# find_ref_chain walks gc.get_referents the other way. (Dicts are left out of the printed chains:
# 3.11+ instances keep their attributes without a __dict__ dict.)
# profiles: 3.8+
import objgraph


class Cache:
    pass


class Leaked:
    pass


def names(chain):
    return [type(o).__name__ for o in chain if type(o) is not dict]


registry = {'cache': Cache()}
registry['cache'].items = [Leaked()]
chain = objgraph.find_backref_chain(registry['cache'].items[0], objgraph.is_proper_module)
print(names(chain))  # expect: ['module', 'Cache', 'list', 'Leaked']
print(any(o is registry for o in chain), chain[0].__name__)  # expect: True __main__
short = objgraph.find_backref_chain(registry['cache'].items[0], objgraph.is_proper_module, max_depth=2)
print(names(short))  # expect: ['Leaked']
forward = objgraph.find_ref_chain(registry, lambda o: isinstance(o, Leaked))
print(names(forward))  # expect: ['Cache', 'list', 'Leaked']
