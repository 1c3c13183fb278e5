"""The portal (SPEC §7): a site over many clusters, made from the data the clusters publish.

portal.yml lists the clusters (portal/settings.py); `portal harvest` fetches each cluster's
catalogue and data package over HTTP (portal/fetch.py), checks them and keeps the last good copy of
each cluster in the harvest folder (portal/harvest.py). docs/portal.md says how and why.
"""
