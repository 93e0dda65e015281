#!/usr/bin/env bash
# check_modules.sh OBLIGE SOURCE_DIR: the optional modules an installed
# oblige loads on first use are found where it was installed, and work: a
# --rev scan (oblige-git.so) identifies the Qwen license in a commit, and a
# PDF (oblige-pdf.so) is read, not reported as missing its module.
set -euo pipefail
oblige=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}
repo=$work/repo
mkdir -p "$repo"
cp "$source/samples/qwen-chat/LICENSE" "$repo/LICENSE"
git -C "$repo" init -q -b main
git -C "$repo" -c user.email=t@example.com -c user.name=t add LICENSE
git -C "$repo" -c user.email=t@example.com -c user.name=t -c commit.gpgsign=false commit -qm init
(cd "$repo" && "$oblige" scan --rev HEAD --format json --fail-on none) >"$work/git.json" ||
  fail "the --rev scan failed: $(cat "$work/git.json")"
grep -q '"tongyi-qianwen-2023"' "$work/git.json" || fail "--rev did not identify the license: $(head -c 600 "$work/git.json")"
# A one-page PDF saying a few words, written by hand.
python3 - "$work/pdf/LICENSE.pdf" <<'PY'
import os, sys
text = b"BT /F1 12 Tf 72 720 Td (Permission is hereby granted, free of charge.) Tj ET"
objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
           b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
           b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
out = b"%PDF-1.4\n"
offsets = []
for i, body in enumerate(objects):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
open(sys.argv[1], "wb").write(out)
PY
"$oblige" scan "$work/pdf" --format json --fail-on none >"$work/pdf.json" || fail "the PDF scan failed"
if grep -q 'cannot be read\|not installed' "$work/pdf.json"; then
  fail "the PDF was not read: $(grep -o '"message": "[^"]*"' "$work/pdf.json")"
fi
grep -q '"encoding": "pdf"' "$work/pdf.json" || fail "the PDF was not read as a PDF: $(head -c 600 "$work/pdf.json")"
echo "modules: OK"
