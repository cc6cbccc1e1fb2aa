// Validate a STIX 2.1 bundle against the official OASIS JSON schemas
// (draft 2020-12) with ajv: the bundle against common/bundle.json, then
// each object against the schema of its type.  One line per object,
// "valid TYPE ID" or "invalid TYPE ID: what"; exit 1 if any is invalid.
//
// usage: NODE_PATH=.../node_modules node stix_validate.js SCHEMAS BUNDLE
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const [dir, file] = process.argv.slice(2);
// The schemas' regexes are not valid in unicode mode (see SOURCES.md).
const ajv = new Ajv2020({ strict: false, unicodeRegExp: false,
    allErrors: true });
addFormats(ajv);
const byType = {};
for (const sub of ["common", "observables", "sdos", "sros"]) {
	for (const f of fs.readdirSync(path.join(dir, sub))) {
		if (!f.endsWith(".json"))
			continue;
		const s = JSON.parse(fs.readFileSync(path.join(dir, sub, f)));
		ajv.addSchema(s);
		if (sub !== "common")
			byType[f.slice(0, -5)] = s.$id;
	}
}
const bundleId = Object.keys(ajv.schemas).find(
    (k) => k.endsWith("/common/bundle.json"));
const bundle = JSON.parse(fs.readFileSync(file));
let bad = 0;
const say = (ok, what, id, v) => {
	if (ok) {
		console.log(`valid ${what} ${id}`);
		return;
	}
	bad++;
	console.log(`invalid ${what} ${id}: ` +
	    ajv.errorsText(v.errors, { separator: "; " }));
};
let v = ajv.getSchema(bundleId);
say(v(bundle), "bundle", bundle.id, v);
for (const o of bundle.objects || []) {
	if (!byType[o.type]) {
		bad++;
		console.log(`invalid ${o.type} ${o.id}: no schema for the type`);
		continue;
	}
	v = ajv.getSchema(byType[o.type]);
	say(v(o), o.type, o.id, v);
}
process.exit(bad ? 1 : 0);
