#!/usr/bin/env python3
"""Lists the localizer keys a project uses that its Vietnamese resource file lacks.

    tools/extract-keys.py src/ChildProtection.Admin AdminText T
prints one missing key per line (JSON-quoted). Keys are the English text passed to T["..."].
"""
import json, re, sys, pathlib, xml.etree.ElementTree as ET
root, marker, *names = sys.argv[1:]
names = names or ["T"]
pattern = re.compile(r'\b(?:%s)\["((?:[^"\\]|\\.)*)"' % "|".join(map(re.escape, names)))
keys = set()
for path in pathlib.Path(root).rglob("*"):
    if path.suffix in (".cs", ".cshtml") and "/obj/" not in str(path) and "/bin/" not in str(path):
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            keys.add(m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
resx = pathlib.Path(root) / "Resources" / f"{marker}.vi.resx"
have = set()
if resx.exists():
    have = {d.get("name") for d in ET.parse(resx).getroot().iter("data")}
for k in sorted(keys - have):
    print(json.dumps(k, ensure_ascii=False))
