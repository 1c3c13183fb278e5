"""Interface strings the templates show as they are (headings, labels), per language.

Strings that need values filled in ("valid until {date}") are formatted by the page
builders instead; templates call no Python.
"""
from __future__ import annotations

import functools
import json

from babel import Locale
from babel.plural import PluralRule, to_javascript

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
        "colon": t.colon,  # between a label and its value: ": ", French " : " (a no-break space before)
        "not_found": _("This page does not exist. Choose a language to go to the home page:"),
        # A pull request's preview, opened from disk (build --preview).
        "preview": _("Preview of pull request — not published"),
        "search_preview": _("Search works on the published site, not in this preview."),
    }


def search_strings(t: Translator) -> dict[str, str | dict[str, str]]:
    """Interface strings of the search box (theme/overrides/assets/clusterfolio.js). The result count
    has a form for each plural category of the language (CLDR: one, few, many, other …), each the
    catalog's ngettext form for a number of that category; the script picks one with `plural`."""
    _ = t._
    return {
        "search": _("Search"),
        "placeholder": _("Search members, competences …"),
        "filters": _("Filters"),
        "all": _("all"),
        "searching": _("Searching …"),
        "none": _("No results"),
        "count": {category: t.ngettext("{n} result", "{n} results", n) for category, n in plural_samples(t.lang).items()},
        "error": _("Search is not available."),
    }


# Counts to try for a plural category: the small numbers, then powers of ten (French says
# "1 million de résultats": its category `many` starts there).
_CANDIDATES = (*range(1000), *(10 ** k for k in range(3, 10)))


@functools.cache
def plural_samples(lang: str) -> dict[str, int]:
    """The smallest count of each plural category of the language that whole numbers reach
    (de: one 1, other 0; fr: one 0, other 2, many 1000000)."""
    rule = Locale.parse(lang).plural_form
    samples: dict[str, int] = {}
    for n in _CANDIDATES:
        samples.setdefault(rule(n), n)
    return dict(sorted(samples.items()))


def plural_function(rule: PluralRule) -> str:
    """The language's CLDR plural rule as a JavaScript function from a count to its category.

    Babel's JavaScript leaves the operand `e` (c), the exponent of a compact number ("1,2 M"),
    undefined, and French's rule reads it: the function defines it as 0, which it is for a count.
    """
    return f"(function(n){{var e=0,c=0;return {to_javascript(rule)}(n);}})"


def search_script(t: Translator) -> str:
    """assets/strings.js of one language: the search box's strings and the language's plural rule."""
    strings = json.dumps(search_strings(t), ensure_ascii=False, sort_keys=True)
    return f"window.cfStrings={strings};\nwindow.cfStrings.plural={plural_function(t.locale.plural_form)};\n"
