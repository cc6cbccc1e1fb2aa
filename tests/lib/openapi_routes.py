"""Every route in the given C route tables ({ "GET", "/api/v1/x", ...)
is an operation of the OpenAPI document (a "*" route matches a path with
a {parameter} there).  Usage: openapi_routes.py DOC FILE.c..."""
import json, re, sys

doc = json.load(open(sys.argv[1]))
ops = {(m.upper(), p) for p, o in doc["paths"].items() for m in o}
missing = []
for f in sys.argv[2:]:
    for m, p in re.findall(r'\{ "([A-Z]+)", "(/[^"]*)"', open(f).read()):
        if p.endswith("*"):
            pre = p[:-1]
            ok = any(om == m and op.startswith(pre) and "{" in op[len(pre):]
                     for om, op in ops)
        else:
            ok = (m, p) in ops
        if not ok:
            missing.append("%s %s" % (m, p))
if missing:
    print("not documented:", ", ".join(missing), file=sys.stderr)
    sys.exit(1)
