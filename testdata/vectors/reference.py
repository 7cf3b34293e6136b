#!/usr/bin/env python3
"""A second implementation of audit/SPEC.md, written from the spec alone
(Python 3 standard library only), to check the test vectors and records.

  reference.py                 check the vectors in this directory
  reference.py generate        recompute the expected results of draw.json
                               and alternates.json
  reference.py AUDIT.json...   check records: format, gap, faithful uniform
                               lottery, canonical digests, commitment, and
                               seed -> index -> selected panel (and alternates);
                               for a replacement, its chain back to the first
                               selection (SPEC.md 9.2), each predecessor found
                               among the other records given or beside its
                               replacement's folder, by its commitment;
                               alternates chosen for dropouts (SPEC.md 7.2:
                               scenarios regenerated, every replacement step
                               re-solved by brute force, the claimed loss,
                               bound and figures) and replacements from the
                               alternates (9.2.1)
"""
import decimal, hashlib, json, os, re, sys

def es6(x):  # SPEC.md "Numbers": ECMAScript Number::toString
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    if x == 0:
        return "0"
    sign, digits, exp = decimal.Decimal(repr(abs(x))).normalize().as_tuple()
    d, k = "".join(map(str, digits)), len(digits)
    n = k + exp
    s = ("-" if x < 0 else "")
    if k <= n <= 21:
        return s + d + "0" * (n - k)
    if 0 < n <= 21:
        return s + d[:n] + "." + d[n:]
    if -6 < n <= 0:
        return s + "0." + "0" * -n + d
    e = n - 1
    return s + d[0] + ("." + d[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))

def enc(v):  # SPEC.md "Canonical JSON", compact form
    if isinstance(v, dict):
        return "{" + ",".join(enc(k) + ":" + enc(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(enc(x) for x in v) + "]"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    if v is None or isinstance(v, bool):
        return json.dumps(v)
    return es6(v)

def sha(b):
    return hashlib.sha256(b).hexdigest()

def draw_index(commitment_hex, seed, m):  # SPEC.md "The draw"
    prefix = b"tirage-draw-v1\x00" + bytes.fromhex(commitment_hex) + seed.encode("utf-8")
    limit = 2**64 - 2**64 % m
    block, rejected = 0, 0
    while True:
        digest = hashlib.sha256(prefix + block.to_bytes(8, "big")).digest()
        for i in range(0, 32, 8):
            w = int.from_bytes(digest[i:i + 8], "big")
            if w < limit:
                return w % m, rejected
            rejected += 1
        block += 1

def alternates(commitment_hex, seed, panels, index, n):  # SPEC.md "Alternates"
    prefix = b"tirage-alternates-v1\x00" + bytes.fromhex(commitment_hex) + seed.encode("utf-8")
    words = []  # the stream's words, read in order, never reused
    def word():
        if not words:
            digest = hashlib.sha256(prefix + word.block.to_bytes(8, "big")).digest()
            word.block += 1
            words.extend(int.from_bytes(digest[i:i + 8], "big") for i in range(0, 32, 8))
        return words.pop(0)
    word.block = 0
    def below(bound):  # uniform in [0, bound), rejecting as the draw does
        limit = 2**64 - 2**64 % bound
        while True:
            w = word()
            if w < limit:
                return w % bound
    if n <= 0:
        return []
    def shuffled(xs):
        for i in reversed(range(1, len(xs))):
            j = below(i + 1)
            xs[i], xs[j] = xs[j], xs[i]
        return xs
    order = shuffled([j for j in range(len(panels)) if j != index])
    seen, out = set(panels[index]), []
    for j in order:
        if len(out) >= n:
            break
        fresh = [person for person in panels[j] if person not in seen]
        seen.update(fresh)
        out.extend(shuffled(fresh)[:n - len(out)])
    return out

def seed_from_numbers(text):  # SPEC.md "Seeds"
    sources = text.split("/")
    if len(sources) > 1 and sources[-1].strip() == "":
        sources.pop()
    out = ""
    for src in sources:
        numbers = [n for n in re.split(r"[ \t\n\r,]+", src) if n != ""]
        if not numbers or not all(re.fullmatch(r"[0-9]+", n) for n in numbers):
            raise ValueError("bad source %r" % src)
        out += "".join(str(n) + "." for n in sorted(int(n) for n in numbers)) + "/"
    return out

COMMITTED = ["format", "tool", "inputs", "k", "settings", "replaces", "quotas", "relaxation", "people", "lottery"]

def replacement_seed(commitment_hex, seed, dropped):  # SPEC.md "Replacements"
    m = b"tirage-replacement-v1\x00" + bytes.fromhex(commitment_hex)
    for s in [seed] + dropped:
        b = s.encode("utf-8")
        m += len(b).to_bytes(8, "big") + b
    return hashlib.sha256(m).hexdigest()

def file_quotas(r):  # SPEC.md "Quota file": the quota table with the relaxation undone
    table = json.loads(json.dumps(r["quotas"]))
    for b in r.get("relaxation", []):
        c = next(c for c in table if c["category"] == b["category"])
        c[b["bound"]][c["values"].index(b["value"])] = b["from"]
    return table

def commitment(r):  # SPEC.md section 5
    committed = {k: r[k] for k in COMMITTED if k in r}  # "relaxation" only when present
    return sha(b"tirage-commitment-v1\x00" + enc(committed).encode())

def load(path):
    return json.load(open(path, encoding="utf-8"))

def find_chain(path, given):  # SPEC.md 9.2, check C1: R0 first; None and the missing commitment if not found
    known = {}
    for p in given:
        try:
            known.setdefault(commitment(load(p)), p)
        except (OSError, ValueError, KeyError, TypeError):
            pass
    r, folder, chain, seen = load(path), os.path.dirname(os.path.abspath(path)), [], set()
    chain.append(r)
    while "replaces" in r:
        want = r["replaces"]["commitment"]
        if want in seen:
            return None, want
        seen.add(want)
        name = re.split(r"[/\\]", r["replaces"]["directory"])[-1]
        places = [os.path.dirname(os.path.abspath(known[want]))] if want in known else []
        if name not in ("", ".", ".."):
            up = os.path.dirname(folder)
            places += [os.path.join(up, name), os.path.join(os.path.dirname(up), name, os.path.basename(folder))]
        found = None
        for place in places:
            try:
                o = load(os.path.join(place, "audit.json"))
            except (OSError, ValueError):
                continue
            if commitment(o) == want:
                found, folder = o, place
                break
        if found is None:
            return None, want
        chain.append(found)
        r = found
    chain.reverse()
    return chain, None

def check_chain(chain, check):  # SPEC.md 9.2, check C3 for every step, from the definitions of P and E
    r0 = chain[0]
    rows, homes = r0["people"]["rows"], r0["people"]["households"]
    order = {row[0]: i for i, row in enumerate(rows)}
    home = lambda i: homes[order[i]] if homes else None
    in_order = lambda ids: sorted(ids, key=lambda i: order.get(i, len(order)))
    panel, eligible, withdrawn = set(r0["draw"]["selected"]), set(order), set()
    for j, (before, r) in enumerate(zip(chain, chain[1:]), 1):
        step = "step %d: " % j
        rp, dropped = r["replaces"], set(r["replaces"]["dropped"])
        kept = panel - dropped
        withdrawn |= dropped
        check(step + "commitment of the predecessor", commitment(before), rp["commitment"])
        check(step + "selected is the predecessor's current panel", rp["selected"], in_order(panel))
        check(step + "dropped: members of it, in pool order", rp["dropped"], [i for i in in_order(dropped) if i in panel])
        check(step + "k is the number who withdrew", r["k"], len(dropped))
        check(step + "inputs and settings are the first selection's", [r["inputs"], r["settings"]] == [r0["inputs"], r0["settings"]], True)
        people = [row[0] for row in r["people"]["rows"]]
        check(step + "nobody who withdrew is a candidate", [i for i in people if i in withdrawn], [])
        check(step + "nobody on the panel is a candidate", [i for i in people if i in panel], [])
        kept_homes = {home(i) for i in kept} if homes else set()
        eligible = {i for i in eligible if i not in panel and not (homes and home(i) in kept_homes)}
        quotas = json.loads(json.dumps(r0["quotas"]))
        for c, q in enumerate(quotas):
            for i in kept:
                v = q["values"].index(rows[order[i]][c + 1])
                q["min"][v], q["max"][v] = max(0, q["min"][v] - 1), q["max"][v] - 1
        check(step + "quotas (digest)", sha(enc(r["quotas"]).encode()), sha(enc(quotas).encode()))
        want = {"columns": r0["people"]["columns"], "rows": [row for row in rows if row[0] in eligible],
                "households": [homes[order[row[0]]] for row in rows if row[0] in eligible] if homes else []}
        check(step + "people (digest)", sha(enc(r["people"]).encode()), sha(enc(want).encode()))
        if before["draw"] is None or r["draw"] is None:
            check(step + "drawn", False, True)
            return
        check(step + "seed", r["draw"]["seed"], replacement_seed(rp["commitment"], before["draw"]["seed"], rp["dropped"]))
        panel = kept | set(r["draw"]["selected"])

def floats(seed_text, n):  # SPEC.md 7.2.4: the stream's Float64s
    prefix = b"tirage-stream-v1\x00" + seed_text.encode("utf-8")
    out, block = [], 0
    while len(out) < n:
        d = hashlib.sha256(prefix + block.to_bytes(8, "big")).digest()
        out += [(int.from_bytes(d[i:i + 8], "big") >> 11) / 2**53 for i in range(0, 32, 8)]
        block += 1
    return out[:n]

def sample(seed_text, count, rates):  # SPEC.md 7.2.4: per scenario, the set of people who drop out
    return [{i for i, (x, q) in enumerate(zip(floats(seed_text + "/" + str(j), len(rates)), rates)) if x < q} for j in range(count)]

class Problem:  # SPEC.md 7.2.2: a record's quotas, values numbered across categories, and people as value numbers
    def __init__(self, r):
        self.k, self.lo, self.hi, self.start = r["k"], [], [], []
        for q in r["quotas"]:
            self.start.append(len(self.lo))
            self.lo += q["min"]
            self.hi += q["max"]
        self.values = [[self.start[c] + q["values"].index(row[c + 1]) for c, q in enumerate(r["quotas"])] for row in r["people"]["rows"]]
        self.order = {row[0]: i for i, row in enumerate(r["people"]["rows"])}

    def counts(self, people):
        c = [0] * len(self.lo)
        for i in people:
            for v in self.values[i]:
                c[v] += 1
        return c

    def deviation(self, c):
        return sum(max(0, lo - x, x - hi) for lo, hi, x in zip(self.lo, self.hi, c))

    def replace(self, stayed, budget, alternates):  # SPEC.md 7.2.3, by brute force: (loss, called)
        base, m, best = self.counts(stayed), len(alternates), None
        for bits in range(2**m - 1, -1, -1):
            called = [alternates[j] for j in range(m) if bits >> (m - 1 - j) & 1]
            if len(called) > budget:
                continue
            c = list(base)
            for i in called:
                for v in self.values[i]:
                    c[v] += 1
            l = self.deviation(c) + self.k - len(stayed) - len(called)
            if best is None or l < best[0]:
                best = (l, called, c)
        return best

    def bound(self, panel, dropped, n):  # SPEC.md 7.2.5: B_j
        stayed = [i for i in panel if i not in dropped]
        c = self.counts(stayed)
        a = self.counts(i for i in range(len(self.values)) if i not in panel and i not in dropped)
        r = min(len(set(panel) & dropped), n)
        ns, fs = [], []
        for g, s in enumerate(self.start):
            e = self.start[g + 1] if g + 1 < len(self.start) else len(self.lo)
            need = [min(a[v], max(0, self.lo[v] - c[v])) for v in range(s, e)]
            ns.append(sum(need))
            fs.append(sum(min(a[v] - need[v - s], max(0, self.hi[v] - max(c[v], self.lo[v]))) for v in range(s, e)))
        best = min(-t + sum(-min(t, ng) + max(0, t - ng - fg) for ng, fg in zip(ns, fs)) for t in range(r + 1))
        return self.deviation(c) + self.k - len(stayed) + best

    def figures(self, panel, alternates, scenarios):  # SPEC.md 7.2.6: loss, meet_quotas, full, perfect, called
        total = meet = full = perfect = called = 0
        for dropped in scenarios:
            stayed = [i for i in panel if i not in dropped]
            l, got, c = self.replace(stayed, len(panel) - len(stayed), [a for a in alternates if a not in dropped])
            total, called = total + l, called + len(got)
            meet += self.deviation(c) == 0
            full += len(stayed) + len(got) == self.k
            perfect += l == 0
        return {"total_loss": total, "meet_quotas": meet, "full": full, "perfect": perfect, "called": called}

def check_dropout(r, check):  # SPEC.md 7.2.7.1
    d, draw, p = r["draw"]["dropout"], r["draw"], Problem(r)
    check("dropout rates: one per person, each in [0, 1]", len(d["rates"]) == len(p.values) and all(0 <= q <= 1 for q in d["rates"]), True)
    check("dropout scenarios: from 1 to 100000 in each sample", all(1 <= d[k] <= 100000 for k in ("scenarios", "evaluation_scenarios")), True)
    panel = [p.order[i] for i in draw["selected"]]
    chosen = [p.order[i] for i in draw["alternates"]]
    check("dropout alternates: distinct, off the panel", len(set(chosen)) == len(chosen) and not set(chosen) & set(panel), True)
    text = lambda purpose: r["commitment"] + "/" + draw["seed"] + "/" + purpose
    choose = sample(text("choose"), d["scenarios"], d["rates"])
    check("dropout total_loss (steps re-solved)", p.figures(panel, chosen, choose)["total_loss"], d["total_loss"])
    check("dropout lower_bound", sum(p.bound(panel, s, len(chosen)) for s in choose), d["lower_bound"])
    fresh = sample(text("evaluate"), d["evaluation_scenarios"], d["rates"])
    panels = [q["members"] for q in r["lottery"]["panels"]]
    ranked = alternates(r["commitment"], draw["seed"], panels, draw["index"], len(chosen))
    check("dropout sets", [f["set"] for f in d["figures"]], ["none", "scaled", "ranked", "chosen"])
    check("dropout ranked set (7.1)", d["figures"][2]["alternates"], ranked)
    check("dropout chosen set", d["figures"][3]["alternates"], draw["alternates"])
    check("dropout none set", d["figures"][0]["alternates"], [])
    for f in d["figures"]:
        want = {k: f[k] for k in ("total_loss", "meet_quotas", "full", "perfect", "called")}
        check("dropout figures of " + f["set"], p.figures(panel, [p.order[i] for i in f["alternates"]], fresh), want)

def check_from_alternates(chain, check):  # SPEC.md 9.2.1, for every step from the alternates
    r0, p = chain[0], Problem(chain[0])
    in_order = lambda ids: sorted(ids, key=lambda i: p.order[i])
    panel, used = set(r0["draw"]["selected"]), set()
    for j, (before, r) in enumerate(zip(chain, chain[1:]), 1):
        step, rp = "step %d: " % j, r["replaces"]
        dropped = set(rp["dropped"])
        used |= dropped
        if "from_alternates" not in rp:
            panel = (panel - dropped) | set(r["draw"]["selected"])
            continue
        a = rp["from_alternates"]
        check(step + "commitment of the predecessor", commitment(before), rp["commitment"])
        check(step + "selected is the current panel", rp["selected"], in_order(panel))
        check(step + "k, inputs, settings, quotas, people are the first selection's", [r["k"], r["inputs"], r["settings"], r["quotas"], r["people"]],
              [len(dropped), r0["inputs"], r0["settings"], r0["quotas"], r0["people"]])
        rest = [i for i in r0["draw"]["alternates"] if i not in used and i not in panel]
        check(step + "declined: alternates still available, in order", a["declined"], [i for i in rest if i in a["declined"]])
        available = [i for i in rest if i not in a["declined"]]
        check(step + "available", a["available"], available)
        stayed = [p.order[i] for i in panel if i not in dropped]
        loss, called, _ = p.replace(stayed, len(dropped), [p.order[i] for i in available])
        check(step + "called and loss (re-solved by brute force)", [a["called"], a["loss"]], [[r0["people"]["rows"][i][0] for i in called], loss])
        used |= set(a["declined"]) | set(a["called"])
        panel = (panel - dropped) | set(a["called"])

FORMAT, GAP, MIN_PANELS, MAX_SHIFT_TICKETS = "tirage-audit/2", 1e-6, 1000, 4  # SPEC.md 3.1

def exact_panels(r):  # SPEC.md 3: each panel is the previous one without "out", with "in"
    order = {row[0]: i for i, row in enumerate(r["people"]["rows"])}
    panel = set()
    for p in r["lottery"]["distribution"]:
        if not set(p["out"]) <= panel or set(p["in"]) & (panel - set(p["out"])):
            raise ValueError("a panel of the distribution is not a difference from the one before it")
        panel = (panel - set(p["out"])) | set(p["in"])
        yield p["probability"], sorted(panel, key=order.__getitem__)

def faithful(r):  # SPEC.md 3.1: m, no lost chance, |tickets - m*p| <= 4
    m, exact, tickets = r["lottery"]["m"], {}, {}
    for prob, members in exact_panels(r):
        for i in members:
            exact[i] = exact.get(i, 0) + prob
    for p in r["lottery"]["panels"]:
        for i in p["members"]:
            tickets[i] = tickets.get(i, 0) + 1
    if m < MIN_PANELS:
        return "m = %d < %d" % (m, MIN_PANELS)
    for row in r["people"]["rows"]:
        i, t, p = row[0], tickets.get(row[0], 0), exact.get(row[0], 0)
        if p > 0 and t == 0:
            return "%s has no ticket" % i
        if abs(t - m * p) > MAX_SHIFT_TICKETS + m * 1e-9:
            return "%s has %d tickets for %g" % (i, t, m * p)
    return "faithful"

def seed_form(seed, kind, replacement):  # SPEC.md 6.2
    if replacement != (kind == "derived"):
        return False
    if kind == "rfc3797":
        return re.fullmatch(r"(((0|[1-9][0-9]*)\.)+/)+", seed) is not None and seed_from_numbers(seed.replace(".", " ")) == seed
    if kind == "generated":
        return re.fullmatch(r"[0-9a-f]{32}", seed) is not None
    return kind in ("text", "derived") and seed != ""

def check_record(path, given=()):
    r = load(path)
    ok = True
    def check(name, got, want):
        nonlocal ok
        ok &= got == want
        print("%-6s %s: %s" % ("OK" if got == want else "FAILED", name, got))
    def follow_chain(check_steps):  # SPEC.md 9.2, C1, then the steps' checks
        chain, missing = find_chain(path, given)
        if chain is None:
            check("chain: the selection committed as %s is found" % missing, False, True)
        else:
            print("OK     chain: %d steps from the first selection %s" % (len(chain) - 1, chain[0]["commitment"]))
            check_steps(chain, check)
    if "replaces" in r and "from_alternates" in r["replaces"]:
        follow_chain(check_from_alternates)
        check("format", r["format"], FORMAT)
        check("no lottery, no draw", [r["lottery"]["algorithm"], r["lottery"]["m"], r["draw"]], ["alternates", 0, None])
        check("commitment", commitment(r), r["commitment"])
        return ok
    if "replaces" in r:
        # A replacement's tables derive from the first selection's; its inputs are the first selection's.
        print("SKIP   canonical digests: a replacement of the selection committed as %s" % r["replaces"]["commitment"])
        if r["draw"] is not None:
            follow_chain(check_chain)
    else:
        check("quotas canonical_sha256", sha(enc(file_quotas(r)).encode()), r["inputs"]["quotas"]["canonical_sha256"])
        check("people canonical_sha256", sha(enc(r["people"]).encode()), r["inputs"]["pool"]["canonical_sha256"])
    check("format", r["format"], FORMAT)
    check("gap (a constant of the format)", r["settings"]["gap"], GAP)
    check("uniform lottery", faithful(r), "faithful")
    check("commitment", commitment(r), r["commitment"])
    if r["draw"] is not None:
        index, _ = draw_index(r["commitment"], r["draw"]["seed"], r["lottery"]["m"])
        check("index", index, r["draw"]["index"])
        check("selected", r["lottery"]["panels"][index]["members"], r["draw"]["selected"])
        check("seed of kind " + r["draw"]["seed_kind"], seed_form(r["draw"]["seed"], r["draw"]["seed_kind"], "replaces" in r), True)
        if "dropout" in r["draw"]:
            check_dropout(r, check)
        elif "alternates" in r["draw"]:
            listed = r["draw"]["alternates"]
            panels = [p["members"] for p in r["lottery"]["panels"]]
            check("alternates", alternates(r["commitment"], r["draw"]["seed"], panels, index, len(listed)), listed)
    return ok

def main(args):
    here = os.path.dirname(os.path.abspath(__file__))
    if args and args[0] != "generate":
        return all([check_record(p, args) for p in args])
    path = os.path.join(here, "draw.json")
    vectors = json.load(open(path, encoding="utf-8"))
    ok = True
    for v in vectors:
        index, rejected = draw_index(v["commitment"], v["seed"], v["m"])
        if args:
            v["index"], v["rejected"] = index, rejected
        elif (index, rejected) != (v["index"], v["rejected"]):
            print("FAILED draw", v, index, rejected)
            ok = False
    if args:
        with open(path, "w", encoding="utf-8") as f:
            f.write("[\n" + ",\n".join("  " + enc(v) for v in vectors) + "\n]\n")
    path = os.path.join(here, "alternates.json")
    vectors = json.load(open(path, encoding="utf-8"))
    for v in vectors:
        got = alternates(v["commitment"], v["seed"], v["panels"], v["index"], v["n"])
        if args:
            v["alternates"] = got
        elif got != v["alternates"]:
            print("FAILED alternates", v, got)
            ok = False
    if args:
        with open(path, "w", encoding="utf-8") as f:
            f.write("[\n" + ",\n".join("  " + enc(v) for v in vectors) + "\n]\n")
    for v in json.load(open(os.path.join(here, "seeds.json"), encoding="utf-8")):
        try:
            got = seed_from_numbers(v["numbers"])
        except ValueError:
            got = None
        if got != v["seed"]:
            print("FAILED seed", v, got)
            ok = False
    print("vectors:", "OK" if ok else "FAILED")
    return ok

if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1:]) else 1)
