# Python 2's UnicodeEncodeError and UnicodeDecodeError keep the codec, the text and the range;
# str() writes the character as a unicode literal.
# profiles: 2.7
try:
    u'caf\xe9'.encode('ascii')
except UnicodeEncodeError as e:
    print e
    print e.start, e.end, e.encoding, repr(e.object)
try:
    'caf\xc3'.decode('ascii')
except UnicodeDecodeError as e:
    print e
    print repr(e.object)
