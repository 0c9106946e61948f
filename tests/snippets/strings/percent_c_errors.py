# What %c refuses, for str and bytes: up to 3.13 one message each; 3.14 adds what it got
# ("not float", "not a string of length 2").
for fmt, arg in [('%c', 'ab'), ('%c', 1.5), ('%c', -1), ('%c', ''),
                 (b'%c', b'ab'), (b'%c', 1.5), (b'%c', 'a')]:
    try:
        print(repr(fmt % arg))
    except Exception as e:
        print(type(e).__name__, e)
