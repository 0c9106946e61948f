# What each division by zero says: the wording differs by type and operation up to 3.13
# ("integer modulo by zero", "float floor division by zero", ...); 3.14 says "division by
# zero" for all of them and "zero to a negative power" for 0.0 ** -1.
# profiles: all
def attempt(label, f):
    try:
        f()
    except ZeroDivisionError as e:
        print(label, '->', e)


attempt('1 / 0', lambda: 1 / 0)
attempt('1 // 0', lambda: 1 // 0)
attempt('1 % 0', lambda: 1 % 0)
attempt('divmod(1, 0)', lambda: divmod(1, 0))
attempt('1.0 / 0', lambda: 1.0 / 0)
attempt('1.0 // 0', lambda: 1.0 // 0)
attempt('1.0 % 0', lambda: 1.0 % 0)
attempt('divmod(1.0, 0)', lambda: divmod(1.0, 0))
attempt('0.0 ** -1', lambda: 0.0 ** -1)
attempt('1j / 0', lambda: 1j / 0)
attempt('0j ** -1', lambda: 0j ** -1)
