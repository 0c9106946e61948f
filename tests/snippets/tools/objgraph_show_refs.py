# objgraph.show_refs writes objgraph's DOT text: a box per object labelled with its type and
# short repr, edges labelled with the dict key, grey getting darker with depth, and a red
# "more references" box past too_many. (The node ids, o<id>, are cut off here.)
# profiles: 3.8+
import objgraph


class Sink:
    text = ''
    def write(self, s): self.text += s

config = {'name': 'lab', 'sizes': [1, 2], 'flags': {3}}
out = Sink()
objgraph.show_refs([config], output=out, max_depth=1, too_many=2)
print('\n'.join(line.split('[', 1)[-1] for line in out.text.splitlines()[2:]))
# expect: fontcolor=red];
# expect: label="dict\n3 items"];
# expect: fillcolor="0,0,1"];
# expect: label="name",weight=2];
# expect: label="sizes",weight=2];
# expect: color=red,style=dotted,len=0.25,weight=10];
# expect: label="1 more references",shape=box,height=0.25,color=red,fillcolor="0,1,0.3",fontsize=6];
# expect: fontcolor=white];
# expect: label="str\n'lab'"];
# expect: fillcolor="0,0,0.3"];
# expect: fontcolor=white];
# expect: label="list\n2 items"];
# expect: fillcolor="0,0,0.3"];
# expect: fontcolor=white];
# expect: }
