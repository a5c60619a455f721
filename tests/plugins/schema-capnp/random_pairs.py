#!/usr/bin/env python3
# Random evolution pairs for hunting disagreements between the capnp plugin's `breaking` and the wire
# oracle (test_wire_oracle.cpp). Not part of the suite: the committed pairs under evolution/ are. Each run
# writes N pairs (a random Root struct with unions, groups, lists, generics, enums and defaults, and one or
# two random mutations of it) into a directory; point the oracle test at it:
#
#   tests/plugins/schema-capnp/random_pairs.py SEED /tmp/pairs 500
#   SSMD_EVOLUTION_DIR=/tmp/pairs build-test/tests/plugins/schema-capnp/schema_capnp_tests \
#       --gtest_filter='CapnpWireOracle.*'
#
# A few generated pairs do not compile (the test says so); every disagreement is a bug in the checker or
# the oracle, and deserves a pair of its own under evolution/.
import random, os, sys, copy
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/fuzzpairs"
N = int(sys.argv[3]) if len(sys.argv) > 3 else 300
os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT): os.remove(os.path.join(OUT, f))

PRIM = ["Bool","Int8","Int16","Int32","Int64","UInt8","UInt16","UInt32","UInt64","Float32","Float64","Text","Data","Void"]
PTR_ARGS = ["Text","Data","List(Int32)","Point","Vec","Point3","AnyPointer"]
ENUMS = {"Side": ["buy","sell","short"], "Color": ["red","green","blue"], "Few": ["one"]}
def rtype(depth=0):
    r = random.random()
    if r < 0.45: return random.choice(PRIM)
    if r < 0.55: return random.choice(list(ENUMS))
    if r < 0.7 and depth < 2:
        e = rtype(depth+1).replace("Void","Int8")
        return "List(%s)" % ("Text" if e.startswith("Any") or e.startswith("Box(Any") else e)
    if r < 0.82: return random.choice(["Point","Vec","Point3","Wide"])
    if r < 0.92: return "Box(%s)" % random.choice(PTR_ARGS)
    return random.choice(["AnyPointer","AnyStruct","AnyList"])

class F:
    def __init__(s, name, t, d=None): s.name, s.t, s.d = name, t, d
class U:
    def __init__(s, members, name=None): s.members, s.name = members, name
class G:
    def __init__(s, name, members): s.name, s.members = name, members

def leaves(ms):
    for m in ms:
        if isinstance(m, F): yield m
        else: yield from leaves(m.members)

def render(ms, ind, counter):
    out = ""
    for m in ms:
        if isinstance(m, F):
            d = " = %s" % m.d if m.d is not None else ""
            out += "%s%s @%d :%s%s;\n" % (ind, m.name, counter[m], m.t, d)
        elif isinstance(m, U):
            out += "%s%sunion {\n%s%s}\n" % (ind, (m.name + " :") if m.name else "", render(m.members, ind+"  ", counter), ind)
        else:
            out += "%s%s :group {\n%s%s}\n" % (ind, m.name, render(m.members, ind+"  ", counter), ind)
    return out

DEFAULTS = {"Int32": ["5","-3"], "UInt16": ["2","7"], "Bool": ["true"], "Float64": ["1.5"], "Text": ['"a"', '""'], "Int8": ["-1"]}

def base():
    ms = []
    for i in range(random.randint(2,5)):
        t = rtype()
        d = random.choice(DEFAULTS[t]) if t in DEFAULTS and random.random() < 0.3 else None
        ms.append(F("f%d" % i, t, d))
    if random.random() < 0.4:
        ms.append(U([F("u%d" % i, rtype()) for i in range(random.randint(2,3))]))
    if random.random() < 0.3:
        ms.append(G("g", [F("g%d" % i, rtype()) for i in range(2)]))
    return {"fields": ms, "order": list(leaves(ms)), "helpers": {
        "Point": [("x","Int32"),("y","Int32")], "Vec": [("a","Int32"),("b","Int32")],
        "Point3": [("x","Int32"),("y","Int32"),("z","Int32")], "Wide": [("x","Int64"),("y","Int32")]},
        "enums": copy.deepcopy(ENUMS)}

def render_schema(sc):
    counter = {f: i for i, f in enumerate(sc["order"])}
    out = "@0xd0a1b2c3d4e5f601;\nstruct Root {\n" + render(sc["fields"], "  ", counter) + "}\n"
    out += "struct Box(T) {\n  v @0 :T;\n  n @1 :UInt32;\n}\n"
    for name, fs in sc["helpers"].items():
        out += "struct %s {\n" % name + "".join("  %s @%d :%s;\n" % (n, i, t) for i, (n, t) in enumerate(fs)) + "}\n"
    for name, es in sc["enums"].items():
        out += "enum %s {\n" % name + "".join("  %s @%d;\n" % (e, i) for i, e in enumerate(es)) + "}\n"
    return out

def mutate(sc):
    sc = copy.deepcopy(sc)
    kinds = ["retype","add","remove_last","rename","swap","default","wrap","helper_retype","helper_add","enum_swap","enum_add","box_arg","unwrap_group","join_union"]
    k = random.choice(kinds)
    order = sc["order"]
    if k == "retype":
        f = random.choice(order); f.t = rtype(); f.d = None
    elif k == "add":
        f = F("n%d" % random.randint(0,99), rtype()); sc["fields"].append(f); order.append(f)
    elif k == "remove_last":
        f = order[-1]
        def rm(ms):
            for m in list(ms):
                if m is f: ms.remove(m); return True
                if not isinstance(m, F) and rm(m.members):
                    if len(m.members) < (2 if isinstance(m, U) else 1): ms.remove(m)
                    return True
            return False
        rm(sc["fields"]); order.pop()
        if not order: return None
    elif k == "rename":
        random.choice(order).name = "r%d" % random.randint(0,99)
    elif k == "swap":
        if len(order) < 2: return None
        a, b = random.sample(range(len(order)), 2); order[a], order[b] = order[b], order[a]
    elif k == "default":
        f = random.choice(order)
        if f.t in DEFAULTS: f.d = random.choice(DEFAULTS[f.t] + [None])
        else: return None
    elif k == "wrap":
        plain = [m for m in sc["fields"] if isinstance(m, F)]
        if not plain or any(isinstance(m, U) for m in sc["fields"]): return None
        f = random.choice(plain); i = sc["fields"].index(f)
        n = F("w%d" % random.randint(0,99), rtype()); order.append(n)
        sc["fields"][i] = U([f, n])
    elif k == "helper_retype":
        h = random.choice(list(sc["helpers"])); fs = sc["helpers"][h]; i = random.randrange(len(fs))
        fs[i] = (fs[i][0], random.choice(["Int32","Int64","UInt32","Text","Int16"]))
    elif k == "helper_add":
        h = random.choice(list(sc["helpers"])); sc["helpers"][h].append(("e", random.choice(["Int32","Text"])))
    elif k == "enum_swap":
        e = random.choice(list(sc["enums"])); es = sc["enums"][e]
        if len(es) < 2: return None
        es[0], es[1] = es[1], es[0]
    elif k == "enum_add":
        e = random.choice(list(sc["enums"])); sc["enums"][e].append("extra")
    elif k == "box_arg":
        boxes = [f for f in order if "Box(" in f.t]
        if not boxes: return None
        f = random.choice(boxes); f.t = f.t.replace(f.t[f.t.index("Box(")+4:].split(")")[0], random.choice(PTR_ARGS), 1)
    elif k == "unwrap_group":
        gs = [m for m in sc["fields"] if isinstance(m, G)]
        if not gs: return None
        g = gs[0]
        if any(isinstance(m, U) for m in g.members) and any(isinstance(m, U) for m in sc["fields"]): return None
        i = sc["fields"].index(g); sc["fields"][i:i+1] = g.members
    elif k == "join_union":
        us = [m for m in sc["fields"] if isinstance(m, U)]
        plain = [m for m in sc["fields"] if isinstance(m, F)]
        if not us or not plain: return None
        f = random.choice(plain); sc["fields"].remove(f); us[0].members.append(f)
    return sc, k

made = 0
while made < N:
    b = base()
    m = mutate(b)
    if not m: continue
    if random.random() < 0.3:
        m2 = mutate(m[0])
        if m2: m = (m2[0], m[1] + "+" + m2[1])
    old, new = render_schema(b), render_schema(m[0])
    with open(os.path.join(OUT, "f%04d-%s.pair" % (made, m[1])), "w") as f:
        f.write("# %s\n=== old\n%s=== new\n%s" % (m[1], old, new))
    made += 1
