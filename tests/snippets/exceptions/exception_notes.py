# 3.11 added notes to exceptions: add_note() stores strings in __notes__.
# profiles: 3.11+
try:
    try:
        raise ValueError("bad")
    except ValueError as e:
        e.add_note("while reading config")
        raise
except ValueError as e:
    print(e.__notes__)  # expect: ['while reading config']
    print(e)  # expect: bad
