"""schema.org JSON-LD (SPEC §4.2), built as data and serialised by json, never by templating."""
from __future__ import annotations

from typing import Any

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Member, Project
from ..requests import Request, member_request
from .markup import safe_url
from .requestlinks import card_url, request_node

CONTEXT = "https://schema.org"


def _url(config: Config, lang: str, path: str) -> str:
    return urls.absolute(config.site_url, lang, path)


def _asset(config: Config, name: str | None) -> str | None:
    if not name or not config.site_url:
        return None
    return urls.asset(config.site_url, name)


def _clean(data: Any) -> Any:
    """Drop empty values so the data says only what is known."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def cluster_id(config: Config) -> str:
    return urls.site_base(config.site_url) + "/#organization"


def credentials(project: Project, t: Translator) -> list[dict[str, Any]]:
    """The labels valid on the build date; expired or future labels are not claimed."""
    out = []
    for label in project.cluster.labels:
        if not label.status(project.build_date).current:
            continue
        scheme = project.taxonomy.label_schemes.get(label.scheme)
        name = t.text(scheme.name).text if scheme else label.scheme  # type: ignore[union-attr]
        out.append({
            "@type": "EducationalOccupationalCredential",
            "name": name,
            "credentialCategory": scheme.level if scheme else None,
            "recognizedBy": {"@type": "Organization", "name": scheme.issuer, "url": safe_url(scheme.verify_url)} if scheme else None,
            "validFrom": label.awarded.isoformat(),
            "expires": label.valid_until.isoformat(),
            "identifier": label.certificate_id,
            "url": safe_url(label.certificate_url),
        })
    return out


def contact_points(config: Config, project: Project, t: Translator) -> dict[str, Any] | list[dict[str, Any]]:
    """The cluster office, then one ContactPoint per named contact (its role in the page's language,
    the languages the person speaks); one object, as before, when the cluster names nobody."""
    c = project.cluster
    office = {
        "@type": "ContactPoint",
        "contactType": "customer support",
        "email": c.contact.email,
        "telephone": c.contact.phone,
        "url": safe_url(c.contact.contact_page),
        "availableLanguage": list(project.languages),
    }
    if not c.contacts:
        return office
    people = []
    for p in c.contacts:
        role = t.text(p.role)
        people.append({
            "@type": "ContactPoint",
            "name": p.name,
            "contactType": role.text if role else None,
            "email": p.email,
            "telephone": p.phone,
            "availableLanguage": list(p.languages),
            "image": _asset(config, urls.contact_photo(p.photo) if p.photo else None),
        })
    return [office, *people]


def cluster(config: Config, project: Project, lang: str, limit: int | None = None) -> dict[str, Any]:
    """The cluster as an Organization with its members (the first `limit` by name) and labels."""
    c, t = project.cluster, Translator(lang, project.default_language)
    members = project.index.members[:limit]
    return _clean({
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": cluster_id(config),
        "name": c.name,
        "alternateName": c.short_name,
        "legalName": c.legal_name,
        "url": _url(config, lang, urls.HOME),
        "logo": _asset(config, urls.cluster_logo(c.logo) if c.logo else None),
        "description": t.text(c.summary).text if c.summary else None,  # type: ignore[union-attr]
        "foundingDate": str(c.founded) if c.founded else None,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": c.contact.street,
            "postalCode": c.contact.postal_code,
            "addressLocality": c.contact.city,
            "addressRegion": c.region,
            "addressCountry": c.country,
        },
        "contactPoint": contact_points(config, project, t),
        "areaServed": list(c.target_markets),
        "knowsAbout": [t.text(project.taxonomy.competences[x].label).text for x in c.focus if x in project.taxonomy.competences],  # type: ignore[union-attr]
        "member": [{"@type": "Organization", "name": m.name, "url": _url(config, lang, urls.member(slug))} for slug, m in members],
        "sameAs": [u for u in [safe_url(c.website), safe_url(c.eccp_profile), *(safe_url(v) for _, v in sorted(c.social.items()))] if u],
        "hasCredential": credentials(project, t),
    })


def member_id(config: Config, slug: str) -> str:
    """A member's node: the same in every language (its page in the default language), so the
    board's requests name the Organization the member page describes."""
    return urls.absolute(config.site_url, config.default_language, urls.member(slug)) + "#organization"


def member(config: Config, project: Project, lang: str, slug: str, m: Member, board: dict[str, int] | None = None) -> dict[str, Any]:
    """A member as an Organization, member of the cluster; with its open request as `seeks`
    (`board`: the board's page of each open request, where the Demand's card is)."""
    t = Translator(lang, project.default_language)
    r = member_request(slug, m)
    seeks = demand(config, project, lang, r, board[r.id]) if r and board and r.id in board else None
    return _clean({
        "@context": CONTEXT,
        "@type": "Organization",
        # The node the board's requests name; only where a request is: the member pages are the
        # site's most numerous, and the 10,000-member site is at its size budget.
        "@id": member_id(config, slug) if seeks else None,
        "name": m.name,
        "url": safe_url(m.website),
        "mainEntityOfPage": _url(config, lang, urls.member(slug)),
        "logo": _asset(config, urls.member_logo(slug, m.logo) if m.logo else None),
        "description": t.text(m.summary).text if m.summary else None,  # type: ignore[union-attr]
        "foundingDate": str(m.founded) if m.founded else None,
        "address": {"@type": "PostalAddress", "addressLocality": m.city, "addressCountry": m.country},
        "email": m.contact.email,
        "telephone": m.contact.phone,
        "numberOfEmployees": _employees(m.employees),
        "knowsAbout": [t.text(project.taxonomy.competences[x].label).text for x in m.competences if x in project.taxonomy.competences],  # type: ignore[union-attr]
        "knowsLanguage": list(m.languages),
        "areaServed": list(m.markets),
        "memberOf": {"@type": "Organization", "@id": cluster_id(config), "name": project.cluster.name, "url": _url(config, lang, urls.HOME)},
        "seeks": seeks,
    })


def _employees(band: str | None) -> dict[str, Any] | None:
    if not band:
        return None
    low, _, high = band.rstrip("+").partition("-")
    value: dict[str, Any] = {"@type": "QuantitativeValue", "minValue": int(low)}
    if high:
        value["maxValue"] = int(high)
    return value


def gaps(config: Config, project: Project, lang: str) -> dict[str, Any]:
    """The cluster seeking partners for the value chain's open gaps, each a schema.org Demand."""
    t, tax = Translator(lang, project.default_language), project.taxonomy

    def label(section: dict[str, Any], key: str) -> str:
        return t.text(section[key].label).text  # type: ignore[union-attr]

    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": cluster_id(config),
        "name": project.cluster.name,
        "url": _url(config, lang, urls.HOME),
        "seeks": [
            {
                "@type": "Demand",
                "name": f"{label(tax.competences, cid)} – {label(tax.value_chain, sid)}",
                "itemOffered": {"@type": "Service", "name": label(tax.competences, cid), "category": label(tax.value_chain, sid)},
                "url": _url(config, lang, urls.VALUE_CHAIN) + "#gaps",
            }
            for cid, sid in project.index.gaps
        ],
    }


def demand(config: Config, project: Project, lang: str, r: Request, page: int) -> dict[str, Any]:
    """One open request as a schema.org Demand: its words in the page's language, where partners
    are sought (eligibleRegion), from when to when, and the partner types (itemOffered's category)
    or a gap's cell; its @id (requestlinks.request_node) is the same in every language."""
    t, tax = Translator(lang, project.default_language), project.taxonomy

    def label(section: dict[str, Any], key: str) -> str:
        return t.text(section[key].label).text if key in section else key  # type: ignore[union-attr]

    if r.kind == "gap":
        cid, sid = r.competences[0], r.stage or ""
        # Its cell is all it says (the board's sentence under it, on each gap, would be 3 KB a page).
        name, text = f"{label(tax.competences, cid)} – {label(tax.value_chain, sid)}", None
        item = {"@type": "Service", "name": label(tax.competences, cid), "category": label(tax.value_chain, sid)}
    else:
        found = t.text(r.text) if r.text else None
        # Its words are the description; the name says what it is (one short word per language:
        # the text twice would make the board's pages a fifth larger).
        name, text = t._("Request for partners"), found.text if found else None
        item = {"@type": "Service", "name": t._("Cooperation"), "category": [label(tax.member_types, p) for p in r.partner_types]}
    return _clean({
        "@type": "Demand",
        "@id": request_node(config, r.id),
        "identifier": r.id,
        "name": name,
        "description": text,
        "url": card_url(config, lang, r.id, page),
        "availabilityStarts": r.since.isoformat() if r.since else None,
        "availabilityEnds": r.until.isoformat() if r.until else None,
        "eligibleRegion": [{"@type": "Country", "name": t.country(cc), "identifier": cc} for cc in r.countries],
        "itemOffered": item,
    })


def board(config: Config, project: Project, lang: str, shown: list[Request], page: int, total: int) -> dict[str, Any]:
    """One page of the board: its requests in its order, each as the Organization that asks (the
    member's node, or the cluster's for a gap) with the request as its `seeks`."""
    def asker(r: Request) -> dict[str, Any]:
        # The node and its name: the rest of the Organization is on its own page (the member's, the home page).
        if r.member:
            return {"@type": "Organization", "@id": member_id(config, r.member), "name": project.members[r.member].name}
        return {"@type": "Organization", "@id": cluster_id(config), "name": project.cluster.name}

    start = (page - 1) * config.board_page_size
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "url": _url(config, lang, urls.listing_page(urls.COOPERATION, page)),
        "numberOfItems": total,
        "itemListElement": [
            {"@type": "ListItem", "position": start + n, "item": {**asker(r), "seeks": demand(config, project, lang, r, page)}}
            for n, r in enumerate(shown, start=1)
        ],
    }


def breadcrumbs(config: Config, lang: str, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList from (name, path) pairs, the last being the page itself.

    The last crumb has no `item`: Google's breadcrumb documentation leaves it out for the last one
    and takes the page's own URL for it; it is ~80 B on each of ~36,000 pages at 10,000 members.
    """
    last = len(trail)
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name} | ({} if i == last else {"item": _url(config, lang, path)})
            for i, (name, path) in enumerate(trail, start=1)
        ],
    }
