# Built-in functions and types are themselves objects of built-in types.
print(type(print).__name__)  # expect: builtin_function_or_method
print(type(int).__name__, type(object).__name__)  # expect: type type
print(isinstance(len, object), isinstance(None, object))  # expect: True True
print(type(range(1)).__name__, type(iter([])).__name__)  # expect: range list_iterator
print(type(zip()).__name__, type(reversed([])).__name__)  # expect: zip list_reverseiterator
