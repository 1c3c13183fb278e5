"""theme/ ships inside the package as clusterfolio.theme (package data: templates/, overrides/, locales/).

This file only makes the folder importable, so clusterfolio/resources.py finds it with importlib.resources
in an editable checkout and in an installed wheel alike (docs/decisions.md, "An installed tool").
"""
