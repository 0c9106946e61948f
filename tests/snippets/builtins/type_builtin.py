# type(x) returns the class; type(name, bases, dict) creates a class.
print(type(1).__name__, type("s").__name__, type([]).__name__)  # expect: int str list
print(type(None).__name__, type(len).__name__)  # expect: NoneType builtin_function_or_method
Point = type("Point", (), {"x": 1})
print(Point.__name__, Point().x)  # expect: Point 1
print(type(Point) is type)  # expect: True
