# A misspelt class attribute: the suggestion comes from the class's names (3.10+), and 3.13
# leaves out the underscored ones, so `balance` finds nothing there while 3.10-3.12 offer
# `_balance`.
# compare: traceback
# profiles: 3.8+
class Ledger:
    _balance = 0
    total = 0


Ledger.balance
