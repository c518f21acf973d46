#!/usr/bin/env python3
"""The folders of include/pipeline and src are layers of the data flow (ARCHITECTURE.md).

Fails when a file includes a header of a later layer, or when code below the command
layer prints or exits.  Usage: check_layers.py SOURCE_DIR
"""
import os
import re
import sys

LAYERS = ["base", "yaml", "model", "store", "check", "figures", "change", "render", "cli"]
RANK = {name: i for i, name in enumerate(LAYERS)}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# What only the command layer may do: write to the terminal or end the process.
OUTPUT = re.compile(r"\b(std::cout|std::cerr|printf\s*\(|puts\s*\(|stdout|stderr|std::exit|exit\s*\(|abort\s*\()")


def layer_of(path, root):
    rel = os.path.relpath(path, root).split(os.sep)
    if rel[0] == "include" and len(rel) > 2 and rel[1] == "pipeline":
        return rel[2]
    if rel[0] == "src" and len(rel) > 1:
        return rel[1]
    return None


def included_layer(name, including_file, root):
    if name.startswith("pipeline/"):
        parts = name.split("/")
        return parts[1] if len(parts) > 2 else None
    target = os.path.normpath(os.path.join(os.path.dirname(including_file), name))
    return layer_of(target, root)


def main():
    root = os.path.abspath(sys.argv[1])
    problems = []
    for top in ("include/pipeline", "src"):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for f in sorted(files):
                if not f.endswith((".hpp", ".cpp")):
                    continue
                path = os.path.join(folder, f)
                rel = os.path.relpath(path, root)
                layer = layer_of(path, root)
                if layer not in RANK:
                    problems.append(f"{rel}: not in a layer folder ({', '.join(LAYERS)})")
                    continue
                text = open(path, encoding="utf-8").read()
                for m in INCLUDE.finditer(text):
                    target = included_layer(m.group(1), path, root)
                    if target is None:
                        continue
                    if target not in RANK:
                        problems.append(f"{rel}: includes \"{m.group(1)}\", which is in no layer")
                    elif RANK[target] > RANK[layer]:
                        line = text.count("\n", 0, m.start()) + 1
                        problems.append(f"{rel}:{line}: the {layer} layer includes \"{m.group(1)}\" of the later {target} layer")
                if layer != "cli":
                    code = re.sub(r"//[^\n]*|\"(?:\\.|[^\"\\])*\"", "", text)
                    for m in OUTPUT.finditer(code):
                        line = code.count("\n", 0, m.start()) + 1
                        problems.append(f"{rel}:{line}: {m.group(1)} below the command layer (only src/cli prints or exits)")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s); the layers, in order: {' < '.join(LAYERS)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
