# A method name on the line after its object (a backslash continuation): the lookup is
# reported on the method's own line, marked under the name (3.10+ moves the line there).
# compare: traceback
record = None
size = record.\
    total()
