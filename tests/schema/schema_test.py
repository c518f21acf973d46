#!/usr/bin/env python3
"""The JSON Schemas of `pipeline schema` as an editor uses them: each is a valid draft-07
schema, every project file and pipeline.yaml of the given repositories validates against the
schema generated for its repository, and files the tool refuses are refused by the schema too.

    schema_test.py PIPELINE_BINARY REPOSITORY... [--refused FILE...]

Files after --refused are files `pipeline check` refuses for a value's type: the schema must
refuse each of them too.

Needs python3-jsonschema and python3-yaml (Debian). YAML is read as yaml-language-server reads
it (YAML 1.2: a date is a string), not as PyYAML's 1.1 default (a date is a datetime).
"""
import copy
import glob
import json
import os
import subprocess
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's timestamps and yes/no/on/off booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in Yaml12Loader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def schema(binary, repo, kind):
    out = subprocess.run([binary, "-C", repo, "schema", kind], capture_output=True, text=True, check=True).stdout
    s = json.loads(out)
    jsonschema.Draft7Validator.check_schema(s)
    return jsonschema.Draft7Validator(s)


def errors(validator, document):
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(document))


def main():
    binary, args = sys.argv[1], sys.argv[2:]
    refused = args[args.index("--refused") + 1:] if "--refused" in args else []
    repos = args[:args.index("--refused")] if "--refused" in args else args
    failures = []
    checked = 0
    for path in refused:
        repo = os.path.dirname(os.path.dirname(path))
        if not errors(schema(binary, repo, "project"), load_yaml(path)):
            failures.append(f"{path}: pipeline check refuses it, the schema accepts it")
    for repo in repos:
        project = schema(binary, repo, "project")
        config = schema(binary, repo, "config")
        for e in errors(config, load_yaml(os.path.join(repo, "pipeline.yaml"))):
            failures.append(f"{repo}/pipeline.yaml: {e}")
        for path in sorted(glob.glob(os.path.join(repo, "projects", "**", "*.y*ml"), recursive=True)):
            if os.path.abspath(path) in map(os.path.abspath, refused):
                continue
            for e in errors(project, load_yaml(path)):
                failures.append(f"{path}: {e}")
            checked += 1
    # The schema is not vacuous: what check refuses, the schema refuses.
    project = schema(binary, repos[0], "project")
    config = schema(binary, repos[0], "config")
    good = load_yaml(sorted(glob.glob(os.path.join(repos[0], "projects", "**", "*.yaml"), recursive=True))[0])
    bad_projects = {
        "amount as text": {"amount": "1,280,000"},
        "a negative amount": {"amount": -5},
        "an unknown stage": {"stage": "negotiaton"},
        "an unknown status": {"status": "closed"},
        "a date that is no date": {"expected_close": "31.12.2026"},
        "a margin above 100": {"margin": 120},
        "a contact role outside the list": {"contacts": [{"name": "陈", "role": "boss"}]},
        "a risk without likelihood": {"risks": [{"type": "legal", "impact": 3}]},
        "a history entry to nowhere": {"history": [{"date": "2026-01-01", "to": "nowhere"}]},
        "no id": {"id": None},
    }
    for what, change in bad_projects.items():
        doc = copy.deepcopy(good)
        for k, v in change.items():
            if v is None:
                doc.pop(k, None)
            else:
                doc[k] = v
        if not errors(project, doc):
            failures.append(f"the project schema accepts {what}")
    process = load_yaml(os.path.join(repos[0], "pipeline.yaml"))
    for what, change in {"an unknown top-level key": {"stagess": []},
                         "a probability above 100": {"stages": [{"id": "a", "probability": 150}]},
                         "a rule out of range": {"rules": {"risk_threshold": 40}},
                         "a custom field of no type": {"fields": [{"key": "x", "type": "cash"}]}}.items():
        doc = copy.deepcopy(process)
        doc.update(change)
        if not errors(config, doc):
            failures.append(f"the config schema accepts {what}")
    for f in failures:
        print(f)
    if failures:
        return 1
    print(f"{checked} project files and {len(repos)} pipeline.yaml valid; {len(bad_projects) + 4} bad documents refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
