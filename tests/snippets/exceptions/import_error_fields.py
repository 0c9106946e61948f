# The fields an ImportError carries: `from m import x` sets name (the module) and path (None for
# a built-in module) from 3.7, and name_from (the missing name) from 3.12; a missing module sets
# name to the module's name. 3.6 and 2.7 set neither from an import-from.
# profiles: 3.6+
import sys

try:
    from sys import getrefcout
except ImportError as e:
    print(type(e).__name__, repr(e.name), repr(e.path), repr(e.msg))
    print(getattr(e, "name_from", "no name_from"))
    print(e)

try:
    import no_such_module_here
except ImportError as e:
    print(type(e).__name__, repr(e.name), repr(e.path), getattr(e, "name_from", "no name_from"))
    print(e)
