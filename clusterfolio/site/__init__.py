"""The site: pages from the model (pure functions), then one writer and the mkdocs call."""
