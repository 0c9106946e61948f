# Both tracebacks of a chained exception carry their markers.
# compare: traceback
def parse(text):
    return int(text)


try:
    parse('forty-two')
except ValueError as error:
    raise KeyError('settings') from error
