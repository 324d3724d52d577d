#!/usr/bin/env python3
"""Merges translations into a .resx file (creating it if needed), keeping existing entries.

    tools/resx-merge.py src/ChildProtection.Admin/Resources/AdminText.vi.resx translations.json
translations.json is {"English key": "Vietnamese text", ...}. Entries are written sorted by key.
"""
import json, sys, pathlib
from xml.sax.saxutils import escape
path, source = pathlib.Path(sys.argv[1]), sys.argv[2]
entries = {}
if path.exists():
    import xml.etree.ElementTree as ET
    for d in ET.parse(path).getroot().iter("data"):
        v = d.find("value")
        entries[d.get("name")] = v.text or "" if v is not None else ""
entries.update(json.loads(pathlib.Path(source).read_text(encoding="utf-8")))
header = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
body = "".join(
    f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(v)}</value></data>\n'
    for k, v in sorted(entries.items()))
path.parent.mkdir(parents=True, exist_ok=True)
path.write_text(header + body + "</root>\n", encoding="utf-8")
print(f"{path}: {len(entries)} entries")
