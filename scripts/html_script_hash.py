#!/usr/bin/env python3
"""Prints the CSP hash ("sha256-BASE64") of the <script> of an HTML report read on stdin, for
html_script_hash() in engine/report/html_page.cpp after the script changed."""
import base64
import hashlib
import re
import sys

page = sys.stdin.read()
scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
if len(scripts) != 1:
    sys.exit(f"html_script_hash: expected one <script>, found {len(scripts)}")
print("sha256-" + base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode())
