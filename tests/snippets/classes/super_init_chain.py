# Cooperative __init__ methods run in MRO order when each calls super().__init__().
class Base:
    def __init__(self):
        print("Base")
class Left(Base):
    def __init__(self):
        print("Left")
        super().__init__()
class Right(Base):
    def __init__(self):
        print("Right")
        super().__init__()
class Child(Left, Right):
    def __init__(self):
        print("Child")
        super().__init__()

Child()
