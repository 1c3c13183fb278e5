"""schema/ ships inside the package as clusterfolio.schemas (package data: the JSON Schemas).

This file only makes the folder importable, so clusterfolio/resources.py finds it with importlib.resources
in an editable checkout and in an installed wheel alike (docs/decisions.md, "An installed tool").
"""
