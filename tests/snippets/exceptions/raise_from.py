# `raise ... from ...` sets __cause__; an uncaught one prints both tracebacks, the new error last.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("bad config value") from e

print(parse("12"))  # expect: 12
parse("x")  # expect error: RuntimeError: bad config value
