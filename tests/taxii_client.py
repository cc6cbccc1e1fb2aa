"""A TAXII 2.1 client walk for tests/taxii.sh: discovery, API root,
collections, then every collection's objects and manifest page by page
with `next`, checked against the oracle (the union of `manrs feed`
bundles, argv[3:]).  Prints one line per finding; exit 1 on a failure.

usage: taxii_client.py BASE TOKEN BUNDLE...
(TAXII_PAGE in the environment: objects per page, default 3, so that a
small fixture takes many pages.)
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

TAXII = "application/taxii+json;version=2.1"
base, token, bundles = sys.argv[1], sys.argv[2], sys.argv[3:]
failed = 0


def get(path, params=None, accept=TAXII, auth=True):
    url = base + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, headers={"Accept": accept})
    if auth:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.loads(e.read() or b"{}")


def expect(cond, what):
    global failed
    print(("ok " if cond else "FAIL ") + what)
    if not cond:
        failed += 1


objs = {}
for b in bundles:
    for o in json.load(open(b))["objects"]:
        objs.setdefault(o["id"], o)
TYPES = {
    "routing-incidents": {"identity", "autonomous-system", "ipv4-addr",
                          "ipv6-addr", "observed-data", "sighting"},
    "indicators": {"identity", "indicator"},
    "conformance-reports": {"identity", "report"},
}

st, h, d = get("/taxii2/")
expect(st == 200 and h["Content-Type"] == TAXII, "discovery is TAXII 2.1")
root = d["api_roots"][0]
st, h, d = get(root)
expect(st == 200 and TAXII in d["versions"], "API root lists 2.1")
st, h, d = get(root + "collections/")
cols = {c["alias"]: c for c in d["collections"]}
expect(set(cols) == set(TYPES), "three collections")
expect(all(c["can_read"] and not c["can_write"] for c in cols.values()),
       "all readable with a token, none writable")

walked = set()
for alias, c in cols.items():
    want = {i for i, o in objs.items() if o["type"] in TYPES[alias]}
    for kind in ("objects", "manifest"):
        seen, pages, nxt, last_added = [], 0, None, ""
        while True:
            params = {"limit": os.environ.get("TAXII_PAGE", "3")}
            if nxt:
                params["next"] = nxt
            st, h, d = get(root + "collections/" + c["id"] + "/" + kind + "/",
                           params)
            if st != 200:
                expect(False, f"{alias} {kind} page {pages}: status {st}")
                break
            pages += 1
            items = d.get("objects", [])
            if items:
                first = h["X-TAXII-Date-Added-First"]
                lastd = h["X-TAXII-Date-Added-Last"]
                if not (last_added <= first <= lastd):
                    expect(False, f"{alias} {kind}: date-added headers out "
                           f"of order ({last_added}, {first}, {lastd})")
                last_added = lastd
            seen += [o["id"] for o in items]
            if kind == "objects":
                for o in items:
                    if o != objs.get(o["id"]):
                        expect(False, f"{o['id']} differs from the bundle")
            if not d.get("more"):
                break
            nxt = d["next"]
        expect(len(seen) == len(set(seen)),
               f"{alias} {kind}: no object twice ({len(seen)} in {pages} "
               "pages)")
        expect(set(seen) == want,
               f"{alias} {kind}: every object of the feed ({len(want)})")
        if kind == "objects":
            walked |= set(seen)
expect(walked == set(objs), f"all {len(objs)} feed objects over the "
       "three collections")
sys.exit(1 if failed else 0)
