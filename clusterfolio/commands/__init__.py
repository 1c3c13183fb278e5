"""The command line's parts: its parser, what every command shares, and the commands by family
(the site: check, build, serve; the managers' tools; a cluster's setup). clusterfolio/cli.py runs them."""
