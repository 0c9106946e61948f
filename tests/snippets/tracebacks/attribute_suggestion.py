# "Did you mean": from 3.10 an AttributeError names the closest attribute of the object (its
# dir()), here a misspelt method; 3.13 passes over underscored names unless the missing one is.
# compare: traceback
# profiles: 3.8+
class Account:
    def __init__(self):
        self._balance = 0
        self.owner = 'ada'

    def deposit(self, amount):
        self._balance += amount


acct = Account()
acct.deposit(5)
acct.depsoit(10)
