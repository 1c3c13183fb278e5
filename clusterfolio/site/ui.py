"""Interface strings the templates show as they are (headings, labels), per language.

Strings that need values filled in ("valid until {date}") are formatted by the page
builders instead; templates call no Python.
"""
from __future__ import annotations

from ..i18n import Translator


def strings(t: Translator) -> dict[str, str]:
    """The fixed interface strings of one language, by the name templates use (ui.<name>)."""
    _ = t._
    return {
        "home": _("Home"),
        "members": _("Members"),
        "about_cluster": _("About the cluster"),
        "key_figures": _("Key figures"),
        "focus": _("Focus competences"),
        "get_in_touch": _("Get in touch"),
        "profile": _("Profile"),
        "competences": _("Competences"),
        "value_chain": _("Value chain"),
        "offers": _("Products and services"),
        "seeks": _("Looking for partners"),
        "markets": _("Markets"),
        "details": _("Details"),
        "contact": _("Contact"),
        "all": _("all"),
        "members_with_competence": _("Members with this competence"),
        "members_at_stage": _("Members at this stage"),
        "partner_clusters": _("Partner clusters"),
        "members_based": _("Members based here"),
        "members_active": _("Members active here"),
        "members_seeking": _("Members looking for partners here"),
        "partners_abroad": _("Partner clusters abroad"),
        "target_markets": _("Target markets"),
        "activities": _("International activities"),
        "upcoming_activities": _("Upcoming activities"),
        "past_activities": _("Past activities"),
        "no_upcoming_activities": _("No activity is planned at the moment."),
        "where_members_are": _("Where our members are"),
        "skip": _("Skip to content"),
        "languages": _("Languages"),
        "main_navigation": _("Main navigation"),
        "labels": _("Quality labels"),
        "current_labels": _("Current labels"),
        "upcoming_labels": _("Labels not yet valid"),
        "history": _("History"),
        "status": _("Status"),
        "not_found": _("This page does not exist. Choose a language to go to the home page:"),
        # A pull request's preview, opened from disk (build --preview).
        "preview": _("Preview of pull request — not published"),
        "search_preview": _("Search works on the published site, not in this preview."),
        # The search box, in the page from the start (shown when scripts run: no shift).
        "search": _("Search"),
        "search_placeholder": _("Search members, competences …"),
    }


def search_strings(t: Translator) -> dict[str, str]:
    """Interface strings of the search box (theme/overrides/assets/clusterfolio.js)."""
    _ = t._
    return {
        "search": _("Search"),
        "placeholder": _("Search members, competences …"),
        "filters": _("Filters"),
        "all": _("all"),
        "searching": _("Searching …"),
        "none": _("No results"),
        "count": _("{n} results"),
        "error": _("Search is not available."),
    }
