"""The one path into mkdocs (or ProperDocs, its maintained fork): the only modules that import
mkdocs or material (tests/test_mkdocs_adapter.py walks the imports).

build.py calls the engine's documented `build` with one language's pages; plugin.py is the mkdocs
plugin (entry point `clusterfolio`) that hands those pages to mkdocs as `File.generated` files and
places each page's body and frame through mkdocs' documented events. Moving to another engine
(Zensical, MkDocs 2.0) means rewriting this subpackage only (docs/architecture.md).
"""
