#!/usr/bin/env python3
"""End-to-end test of `pipeline report html`: writes the page for a repository, renders it in
headless Chromium to a PNG and checks that a page was drawn — the PNG has the window's size and
many distinct colours over a good part of it (text, tables and the four charts), not a blank or
an error page.

    html_render.py --binary build/pipeline --repo tests/fixtures/reports --today 2026-11-23
"""
import argparse
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

WIDTH, HEIGHT = 1280, 2000
TIMEOUT = 90  # seconds for Chromium to start, render and exit


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    fail("no Chromium found (Debian package `chromium`; `make deps` or scripts/ensure-deps installs it)")


def decode_png(path):
    """Returns (width, height, rows of RGB(A) bytes) for an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG file")
    pos, idat, header = 8, b"", None
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    if not header:
        fail(f"{path} has no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        fail(f"{path}: unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            up_left = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, bpp, rows


def run(argv, **kwargs):
    """Runs a command in its own process group; kills the whole group on timeout."""
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **kwargs)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        fail(f"{os.path.basename(argv[0])} did not finish within {TIMEOUT} seconds: {' '.join(argv)}")
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--today", required=True)
    args = ap.parse_args()
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="pipeline-e2e-") as tmp:
        page = os.path.join(tmp, "report.html")
        status, _, err = run([os.path.abspath(args.binary), "-C", args.repo, "--today", args.today,
                              "report", "html", "-o", page])
        if status != 0:
            fail(f"pipeline report html exited {status}:\n{err}")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        if "<script" in html.lower():
            fail("the page holds a <script> element")
        png = os.path.join(tmp, "report.png")
        status, out, err = run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--hide-scrollbars", f"--user-data-dir={os.path.join(tmp, 'profile')}",
                                f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", "file://" + page],
                               cwd=tmp, env=dict(os.environ, HOME=tmp))
        if not os.path.exists(png):
            fail(f"Chromium wrote no screenshot (exit status {status}):\n{err[-2000:]}")
        size = os.path.getsize(png)
        if size < 20_000:
            fail(f"the screenshot is only {size} bytes: nothing much was drawn")
        width, height, bpp, rows = decode_png(png)
        if (width, height) != (WIDTH, HEIGHT):
            fail(f"the screenshot is {width}x{height}, expected {WIDTH}x{HEIGHT}")
        colours, inked, samples = set(), 0, 0
        for y in range(0, height, 4):
            row = rows[y]
            for x in range(0, width * bpp, 4 * bpp):
                pixel = row[x:x + 3]
                colours.add(pixel)
                samples += 1
                if pixel != b"\xff\xff\xff":
                    inked += 1
        share = inked / samples
        print(f"{args.repo}: {width}x{height} PNG, {size} bytes, {len(colours)} distinct colours, "
              f"{share:.0%} of the sampled pixels not white")
        if len(colours) < 200:
            fail(f"only {len(colours)} distinct colours: the page looks blank or unstyled")
        if share < 0.10:
            fail(f"only {share:.0%} of the page is not white: the page looks blank")
    return 0


if __name__ == "__main__":
    sys.exit(main())
