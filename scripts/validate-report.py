#!/usr/bin/python3
"""Validates mpathboot JSON (probe/assemble reports, resolve answers) against
docs/report.schema.json. Usage: validate-report.py [SCHEMA] FILE... ('-' for stdin).
Exits 1 naming the file and the first violation; 0 when every document is valid."""
import json, os, sys
import jsonschema

args = sys.argv[1:]
schema_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "report.schema.json")
if args and args[0].endswith(".schema.json"):
    schema_path = args.pop(0)
schema = json.load(open(schema_path))
jsonschema.Draft7Validator.check_schema(schema)
# Validate against the branch the document claims to be (a resolve answer has "query"),
# so that an error names the field rather than "not valid under any of the given schemas".
validators = {kind: jsonschema.Draft7Validator({"definitions": schema["definitions"],
                                                 "allOf": [{"$ref": "#/definitions/" + kind}]})
              for kind in ("report", "resolution")}
status = 0
for name in args or ["-"]:
    try:
        doc = json.load(sys.stdin if name == "-" else open(name))
    except ValueError as error:
        print(f"{name}: not JSON: {error}", file=sys.stderr)
        status = 1
        continue
    kind = "resolution" if isinstance(doc, dict) and "query" in doc else "report"
    errors = list(validators[kind].iter_errors(doc))
    if not errors:
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
    for error in errors[:5]:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        print(f"{name}: {kind} {where}: {error.message[:300]}", file=sys.stderr)
    if errors:
        status = 1
sys.exit(status)
