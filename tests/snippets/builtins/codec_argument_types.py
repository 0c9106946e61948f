# encode() and decode() given a non-str encoding or errors: 'argument 1' until 3.7, 'argument
# 'encoding'' from 3.8, 'string' in 2.7; isinstance's and issubclass's second argument.
# profiles: all
from __future__ import print_function
for f, args in [("a".encode, (1,)), ("a".encode, ("utf-8", 1)), (b"a".decode, (1,)), (b"a".decode, ("utf-8", 1)),
                (isinstance, (1, 1)), (issubclass, (int, 1))]:
    try:
        f(*args)
    except TypeError as e:
        print(e)
