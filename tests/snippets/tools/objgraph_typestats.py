# objgraph.typestats, most_common_types and show_most_common_types count the objects of a given
# list (or of gc.get_objects()) by type name; shortnames=False qualifies the name by module.
# profiles: 3.8+
import objgraph


class Point:
    pass


class Segment:
    def __init__(self):
        self.ends = (Point(), Point())


shapes = [Segment(), Segment(), Point()]
objects = shapes + [p for s in shapes[:2] for p in s.ends] + [{}, [], []]
print(sorted(objgraph.typestats(objects).items()))
# expect: [('Point', 5), ('Segment', 2), ('dict', 1), ('list', 2)]
print(objgraph.typestats(objects, shortnames=False)['__main__.Point'])  # expect: 5
print(objgraph.most_common_types(limit=2, objects=objects))  # expect: [('Point', 5), ('Segment', 2)]
objgraph.show_most_common_types(objects=objects, filter=lambda o: not isinstance(o, Point))
# expect: Segment 2
# expect: list    2
# expect: dict    1
print(objgraph.typestats(filter=lambda o: isinstance(o, Segment)))  # expect: {'Segment': 2}
