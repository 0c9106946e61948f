# objgraph.show_backrefs draws what refers to an object, stopping at modules (coloured green);
# filter= keeps only some referrers, highlight= colours nodes blue, and refcounts=True adds
# each object's reference count to its label as objgraph computes it (sys.getrefcount - 4;
# _show_graph's `srcnode` still holds the last edge's source).
# profiles: 3.8-3.10
import objgraph


class Sink:
    text = ''

    def write(self, s):
        self.text += s


payload = ['data']
holders = [payload, [payload]]
out = Sink()
objgraph.show_backrefs([payload], output=out, max_depth=2, filter=lambda o: type(o) is list,
                       highlight=lambda o: o is holders, refcounts=True)
labels = [line.split('[', 1)[1] for line in out.text.splitlines() if 'label=' in line]
print('\n'.join(labels))
# expect: label="list [4]\n1 items"];
# expect: label="list [1]\n2 items"];
# expect: label="list [2]\n1 items"];
print(out.text.count(' -> '), out.text.count('fillcolor="0.6,0.6,'))  # expect: 3 1
