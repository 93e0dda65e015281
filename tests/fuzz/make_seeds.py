#!/usr/bin/env python3
"""Writes the hand-made seeds of tests/fuzz/corpus/<target>/: the hostile
cases of issue 11 in small form, all our own bytes. The rest of the corpus
was grown from these, samples/ and signatures/ by the fuzzers themselves
(README.md, "Sanitizers and fuzzing"). Run from anywhere; rewrites only the
files named here."""
import os, struct, zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def put(target, name, data):
    os.makedirs(os.path.join(ROOT, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(ROOT, target, "seed-" + name), "wb") as f:
        f.write(data)


def deflate_repeated(chunk, times):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + piece * times + c.flush(zlib.Z_FINISH) + struct.pack(">I", adler)


def pdf(objects, header=b"%PDF-1.4\n"):
    out = header
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def pages_sharing(content, filters, pages, header=b"%PDF-1.4\n"):
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(content), filters) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                       b"/Resources << /Font << /F1 4 0 R >> >> >>")
    return pdf(objects, header)


TEXT = b"BT /F1 9 Tf 36 770 Td 11 TL\n(Licensed under the Example Model License.) Tj T*\n(No use above 1 million monthly active users.) Tj T*\nET\n"
CHINESE = "本协议适用于示例大模型。月活跃用户超过1亿的，须另行申请商用许可。"

# decode_normalize: encodings and invisible characters.
put("decode_normalize", "stray-latin1", b"Licensed under the Example Licens\xe9 terms, version 2.\n")
put("decode_normalize", "latin1-words", b"A caf\xe9 license, na\xefve terms, d\xe9j\xe0 vu.\n")
put("decode_normalize", "utf8-chinese-stray", CHINESE.encode() + b"\xe9" + CHINESE.encode())
put("decode_normalize", "gb18030", CHINESE.encode("gb18030"))
put("decode_normalize", "gb18030-stray", CHINESE.encode("gb18030") + b"\xff" + CHINESE.encode("gb18030"))
put("decode_normalize", "utf16le-nobom", "Licensed under the Example License.\n".encode("utf-16-le"))
put("decode_normalize", "utf16be-bom", b"\xfe\xff" + "许可 License\n".encode("utf-16-be"))
put("decode_normalize", "zero-width", "Com\u200bmer\u00adcial use by li\u2060cen\u200dsees\ufeff is al\u200clowed.\n")
put("decode_normalize", "bidi-tags", "\u202eterms\u202c \u2066iso\u2069 vs\ufe0f\U000e0041tag\U000e007f \u180emongol\n")
put("decode_normalize", "markdown", "## 3. License\n> **You shall** [see](https://example.com) <b>x</b> &amp; &nbsp;\n"
    "| a | b |\n|---|---|\n- non-\ntransferable\n")
put("decode_normalize", "cjk-breaks", "本协议适用 于示例 大模型\n\u2f00\u3001定义 \uff21\uff22\uff23\uff11\n")

# front_matter: what the Hub's parser and ours may disagree on, and the caps.
put("front_matter", "duplicate-keys", "license: apache-2.0\nlanguage: en\nlicense: llama3\nlicense_name: a\nlicense_name: b\n")
put("front_matter", "base-model-repeated", "license: mit\nbase_model:\n" + "- org/base\n" * 40)
put("front_matter", "base-model-many", "base_model:\n" + "".join("- org/base-%d\n" % i for i in range(80)))
put("front_matter", "aliases", "license: &l mit\nbase_model: [*l, *l]\nlicense_name: *l\n")
put("front_matter", "nested", "tags: " + "[" * 60 + "x" + "]" * 60 + "\n")
put("front_matter", "flow", "license: [mit, {a: b}, ~]\ntags: {x: [1, 2], y: null}\nbase_model: org/x\n")
put("front_matter", "malformed", "license: [mit\n  : : :\nfoo: bar\n")
put("front_matter", "not-mapping", "- a\n- b\n")
put("front_matter", "gated", "license: other\nlicense_name: example\nlicense_link: LICENSE\n"
    "extra_gated_prompt: Accept\nextra_gated_fields: {Name: text}\nbase_model_relation: finetune\n")

# identify: numbers and words a matcher must survive.
put("identify", "threshold-28-digits", "Example License\nCommercial use by a licensee with more than "
    "1000000000000000000000000000 million monthly active users requires a separate license.\n")
put("identify", "threshold-401-digits", "Use by more than " + "9" * 401 + " million monthly active users.\n")
put("identify", "threshold-zh", "月活跃用户超过1.5亿的，须申请商用许可。日均活跃用户超过10万的，须另行授权。\n")
put("identify", "zero-width-terms", "The Mo\u200bdel may be used for non\u00adcommercial re\u2060search only.\n")

# read_text: PDFs, bombs in small, and text that only quotes a PDF header.
one_page = pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> >> >>",
                b"<< /Length %d >>\nstream\n" % len(TEXT) + TEXT + b"endstream",
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
put("read_text", "one-page.pdf", one_page)
put("read_text", "junk-prefix.pdf", b"\x00\x05MacBinary\x80\x81\x00\x00" + one_page)
put("read_text", "truncated.pdf", one_page[:120])
put("read_text", "pages-bomb.pdf", pages_sharing(zlib.compress(TEXT * 40, 9), b"/FlateDecode", 80))
put("read_text", "inflate-bomb.pdf",
    pages_sharing(zlib.compress(deflate_repeated(b"q Q " * (1 << 16), 32), 9), b"/FlateDecode /FlateDecode", 4))
put("read_text", "quoted-header.md", "---\nlicense: cc-by-nc-4.0\n---\n%PDF-1.7 files are what the model reads.\n")
put("read_text", "stray-latin1.txt", b"Licensed under the Example Licens\xe9 terms.\n")

# numbers: what a pattern's capture group may hold.
for name, text in [("plain", "700"), ("thousands", "100,000,000"), ("dots", "1.000.000"), ("decimal", "1.5"),
                   ("decimal-comma", "1,5"), ("mixed", "1.000.000,5"), ("bound", "9007199254740993"),
                   ("28-digits", "1" + "0" * 27), ("401-digits", "9" * 401), ("bad-groups", "1,00,000"),
                   ("full-stop", "700,000,000.")]:
    put("numbers", name, text)

# signature_loader: malformed signatures.
put("signature_loader", "bad-regex", "id: x\nname: X\nkind: license\nclauses:\n  - id: a\n    kind: attribution\n"
    "    patterns: ['(unclosed']\n")
put("signature_loader", "capture-out-of-range", "id: x\nname: X\nkind: license\nclauses:\n  - id: a\n"
    "    kind: commercial-threshold\n    patterns: ['more than ([0-9]+) users']\n"
    "    parameters: {threshold: {capture: 9, scale: 1000000}}\n")

# model_caches: records "<kind><path>\n<content>" separated by NUL (see
# fuzz_model_caches.cc): f file, d folder, l symbolic link, p FIFO.
def tree(*records):
    return b"\0".join(r.encode("utf-8", "surrogateescape") if isinstance(r, str) else r for r in records)

REV = "0123456789abcdef0123456789abcdef01234567"
HF = "models--org--name/"
put("model_caches", "hf-snapshot", tree(
    "f" + HF + "refs/main\n" + REV,
    "f" + HF + "blobs/b1\n---\nlicense: apache-2.0\n---\n",
    "l" + HF + "snapshots/" + REV + "/README.md\n../../blobs/b1",
    "f" + HF + "refs/refs/pr/3\n" + REV))
put("model_caches", "hf-refs-link-out", tree("l" + HF + "refs\n/etc", "d" + HF + "snapshots/" + REV))
put("model_caches", "hf-ref-fifo", tree("p" + HF + "refs/main", "d" + HF + "snapshots/" + REV))
put("model_caches", "hf-ref-not-hash", tree("f" + HF + "refs/main\nroot:x:0:0:root:/root:/bin/bash\n",
                                            "d" + HF + "snapshots/" + REV))
put("model_caches", "hf-escapes", tree(b"fmodels--org--na\x1b]52;c;eA==\x07me/refs/ma\x1b[2Jin\n" + REV.encode(),
                                       b"dmodels--org--na\x1b]52;c;eA==\x07me/snapshots/" + REV.encode(),
                                       b"dmodels--org--\xff\xfe\r\n/snapshots/x\xe2\x80\xae"))
put("model_caches", "hf-incomplete", tree("f" + HF + "blobs/b2.incomplete\npartial",
                                          "l" + HF + "snapshots/" + REV + "/LICENSE\n../../blobs/b2.incomplete",
                                          "d" + HF + ".no_exist/" + REV + "/LICENSE"))
put("model_caches", "modelscope", tree("forg/na___me/.mv\nRevision:v1.0.2,CreatedAt:1700000000",
                                       "forg/na___me/README.md\n---\nlicense: mit\n---\n",
                                       "forg/na___me/.mdl\n\x80\x04pickle", "porg/other/.mv"))
put("model_caches", "modelscope-mv-link", tree("lorg/name/.mv\n/proc/self/environ"))
put("model_caches", "local-dir", tree("f.cache/huggingface/download/README.md.metadata\n" + REV + "\netag\n1700000000\n",
                                      "fREADME.md\n---\nlicense: mit\n---\n",
                                      "l.cache/huggingface/download/LICENSE.metadata\n/dev/zero"))

# git_tree: records "<mode> <path>\n<content>" separated by NUL (see
# fuzz_git_tree.cc); the raw trees may hold what git would refuse.
put("git_tree", "license-and-card", tree("100644 LICENSE\nLicensed under the Apache License, Version 2.0\n",
                                         "100644 models/a/README.md\n---\nlicense: apache-2.0\n---\n",
                                         "100644 models/a/config.json\n{}"))
put("git_tree", "names-git-refuses", tree(b"100644 LICENSE-FRAN\xc7AIS\nLicence\n",
                                          b"100644 ..\nx", b"100644 .git\nx", b"100644 \nempty name",
                                          b"100644 LICEN\x1b[2JSE\r\n::error::x\nMIT", b"100644 LICENSE\nfirst",
                                          b"100644 LICENSE\nsecond, unsorted and repeated"))
put("git_tree", "modes", tree("120000 LICENSE\n/etc/passwd", "160000 vendor/sub\nnot an object",
                              "100755 NOTICE\nNotice", "40000 empty\n", "123456 LICENSE.txt\nodd mode",
                              "644 COPYING\nshort mode"))
put("git_tree", "lfs-and-large", tree("100644 LICENSE\nversion https://git-lfs.github.com/spec/v1\n"
                                      "oid sha256:abc\nsize 12\n", "100644 LICENSE.md\n" + "x" * 5000,
                                      "100644 a/LICENSE\n" + "x" * 5000, "100644 b/LICENSE\n" + "x" * 5000))
