# A function's own attributes are fields, not __dict__ entries: setting __name__, __defaults__,
# __kwdefaults__, __doc__, __dict__ changes the function; wrong types and read-only ones raise.
# profiles: 3.6+
def f(a): pass
f.__name__ = "renamed"
print(f.__name__, repr(f).split(" at ")[0])
f.__defaults__ = (1,)
print(f())
try: f.__name__ = 5
except TypeError as e: print(e)
try: f.__globals__ = {}
except AttributeError as e: print(e)
try: del f.__name__
except TypeError as e: print(e)
f.__doc__ = "d"; print(f.__doc__)
f.__module__ = "m"; print(f.__module__)
f.__kwdefaults__ = {"z": 1}; print(f.__kwdefaults__)
try: f.__defaults__ = 5
except TypeError as e: print(e)
del f.__defaults__; print(f.__defaults__)
f.__annotations__ = {"a": int}; print(f.__annotations__)
try: f.__closure__ = None
except AttributeError as e: print(e)
f.__dict__ = {"k": 1}; print(f.k)
try: f.__dict__ = 1
except TypeError as e: print(e)
