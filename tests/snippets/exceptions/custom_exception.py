# A user exception class: args, str() and repr().
class AppError(Exception):
    def __init__(self, code, text):
        super().__init__(code, text)
        self.code = code

try:
    raise AppError(404, "not found")
except AppError as e:
    print(e.code, e.args)  # expect: 404 (404, 'not found')
    print(str(e))  # expect: (404, 'not found')
    print(repr(e))  # expect: AppError(404, 'not found')
