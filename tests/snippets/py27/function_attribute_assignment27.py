# Python 2's func_* names for the same fields, and its TypeError for read-only ones.
# profiles: 2.7
def f(a=1): return a
f.func_name = "g"
print(f.__name__, f.func_name)
f.func_defaults = (5,)
print(f(), f.__defaults__)
f.__defaults__ = None
try: f()
except TypeError as e: print(e)
try: f.__name__ = 3
except TypeError as e: print(e)
try: f.func_globals = {}
except (AttributeError, TypeError) as e: print(type(e).__name__, e)
try: f.func_dict = 3
except TypeError as e: print(e)
try: del f.__dict__
except TypeError as e: print(e)
f.func_doc = "doc"; print(f.__doc__)
f.x = 1; print(f.x, f.__dict__)
try: f.__defaults__ = [1]
except TypeError as e: print(e)
