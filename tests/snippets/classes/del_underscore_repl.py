# At the prompt an echoed object is kept alive by `_`, so its __del__ waits for the next echo.
# mode: repl
class T:
    def __repr__(self):
        return "<T>"
    def __del__(self):
        print("T freed")

T()
print("still alive in _")
1
