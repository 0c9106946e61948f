# Too many arguments to a built-in type's constructor: the wording is each type's, and int's
# changed in 3.13 (Argument Clinic's "int expected at most 2 arguments, got 3").
from __future__ import print_function
for make, args in ((int, (1, 2, 3)), (float, (1, 2)), (str, (1, 2, 3, 4)), (bytes, (1, 2, 3, 4)),
                   (complex, (1, 2, 3)), (enumerate, ([], 1, 2)), (tuple, (1, 2)), (list, (1, 2))):
    try:
        make(*args)
    except TypeError as e:
        print(e)
