# An attribute lookup on None marks just that lookup (`^`), not the whole statement; a name
# that is not there is marked where it is read.
# compare: traceback
class Node:
    def __init__(self):
        self.next = None


head = Node()
depth = head.next.next.value
