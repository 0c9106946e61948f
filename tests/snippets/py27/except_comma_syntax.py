# Python 2 spells `except E as e` also as `except E, e`, and raise takes a comma form.
# profiles: 2.7
try:
    raise ValueError, "bad value"
except ValueError, e:
    print "caught", e  # expect: caught bad value
print e  # expect: bad value
raise KeyError, "k"  # expect error: KeyError: 'k'
