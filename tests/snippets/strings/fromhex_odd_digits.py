# bytes.fromhex() with a digit left over: up to 3.13 "non-hexadecimal number found" at the
# missing digit's position; 3.14 says the digits must come in pairs. Other bad input keeps its
# position message.
for text in ['a', 'abc', 'a b', '0 a', '1', 'zz', 'a z', 'ab c']:
    try:
        print(bytes.fromhex(text))
    except ValueError as e:
        print(repr(text), e)
