"""Call every operation of an OpenAPI document on a running server and check
each answer's status is one the document lists for it.  Each operation is
called with no query parameters, with all documented examples, and with an
unknown parameter; writes also without a token.  Usage:
openapi_walk.py DOC BASE ERRFILE (exit 1 with the failures in ERRFILE)."""
import json, sys, urllib.error, urllib.parse, urllib.request

doc = json.load(open(sys.argv[1]))
base, errfile = sys.argv[2], sys.argv[3]
comp = doc["components"]["parameters"]
bad = []

def call(method, path, query):
    url = base + path + ("?" + urllib.parse.urlencode(query) if query else "")
    data = b"{}" if method == "POST" else None
    rq = urllib.request.Request(url, data=data, method=method.upper(),
                                headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(rq, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code

for path, ops in doc["paths"].items():
    for method, op in ops.items():
        params = [comp[p["$ref"].split("/")[-1]] if "$ref" in p else p
                  for p in op.get("parameters", [])]
        real = path
        for p in params:
            if p["in"] == "path":
                real = real.replace("{%s}" % p["name"],
                                    urllib.parse.quote(str(p["example"])))
        ex = {p["name"]: str(p["example"]) for p in params
              if p["in"] == "query" and "example" in p}
        tries = [{}, ex, {"no_such_parameter": "1"}]
        for q in tries:
            st = call(method, real, q)
            if str(st) not in op["responses"]:
                bad.append("%s %s %s: %d not documented" % (method, real, q, st))
        if "security" in op and call(method, real, {}) != 401:
            bad.append("%s %s: not 401 without a token" % (method, real))
open(errfile, "w").write("\n".join(bad))
sys.exit(1 if bad else 0)
