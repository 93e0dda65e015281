#!/usr/bin/env python3
"""Writes a Hugging Face hub cache of N models, laid out as huggingface_hub
writes it (and as tests/support.h HubCache does): models--org--name/ with
blobs/ named by content hash, refs/main holding the revision, and
snapshots/<revision>/ whose files are relative links into ../../blobs/.

Each model has a LICENSE (one of the samples' texts, or an Apache-2.0 or MIT
stand-in of our own), a README.md model card with front matter, a
config.json, and four sparse weight shards (no disk blocks). Every tenth
model has a second revision that shares its LICENSE blob.

    bench/hf_cache.py OUT_DIR MODELS [GIGABYTES_PER_MODEL=20] [SAMPLES_DIR]
"""
import hashlib
import os
import sys

out, models = sys.argv[1], int(sys.argv[2])
size_gb = int(sys.argv[3]) if len(sys.argv) > 3 else 20
samples = sys.argv[4] if len(sys.argv) > 4 else os.path.join(os.path.dirname(__file__), "..", "samples")

licenses = []
for name in sorted(os.listdir(samples)):
    path = os.path.join(samples, name, "LICENSE")
    if os.path.isfile(path):
        licenses.append(("other", open(path, "rb").read()))
licenses.append(("apache-2.0", b"Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"))
licenses.append(("mit", b"MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"))

hub = os.path.join(out, "hub")


def blob(repo, content):
    digest = hashlib.sha256(content).hexdigest()
    path = os.path.join(repo, "blobs", digest)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(content)
    return digest


def sparse_blob(repo, name, size):
    path = os.path.join(repo, "blobs", name)
    with open(path, "wb") as f:
        f.truncate(size)
    return name


def snapshot(repo, rev, files):
    folder = os.path.join(repo, "snapshots", rev)
    os.makedirs(folder, exist_ok=True)
    for name, digest in files:
        os.symlink(os.path.join("..", "..", "blobs", digest), os.path.join(folder, name))


for i in range(models):
    repo = os.path.join(hub, f"models--org{i % 97}--model-{i}")
    os.makedirs(os.path.join(repo, "blobs"))
    os.makedirs(os.path.join(repo, "refs"))
    declared, text = licenses[i % len(licenses)]
    card = f"---\nlicense: {declared}\ntags:\n- text-generation\n---\n# model-{i}\n\nA model.\n".encode()
    config = f'{{"architectures": ["LlamaForCausalLM"], "hidden_size": {4096 + i}}}\n'.encode()
    files = [("LICENSE", blob(repo, text)), ("README.md", blob(repo, card)), ("config.json", blob(repo, config))]
    for shard in range(1, 5):
        weights = hashlib.sha256(f"w{i}-{shard}".encode()).hexdigest()
        files.append((f"model-0000{shard}-of-00004.safetensors",
                      sparse_blob(repo, weights, size_gb * 1024 ** 3 // 4)))
    rev = hashlib.sha1(f"rev{i}".encode()).hexdigest()
    snapshot(repo, rev, files)
    with open(os.path.join(repo, "refs", "main"), "w") as f:
        f.write(rev)
    if i % 10 == 0:
        old = hashlib.sha1(f"old{i}".encode()).hexdigest()
        snapshot(repo, old, files[:3])
