"""clusterfolio: competence profiles of a cluster initiative as a multilingual static site."""
