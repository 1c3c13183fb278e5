"""schema.org JSON-LD (SPEC §4.2), built as data and serialised by json, never by templating."""
from __future__ import annotations

from typing import Any

from .. import urls
from ..config import Config
from ..i18n import Translator
from ..model import Member, Project
from .markup import safe_url

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


def member(config: Config, project: Project, lang: str, slug: str, m: Member) -> dict[str, Any]:
    """A member as an Organization, member of the cluster."""
    t = Translator(lang, project.default_language)
    return _clean({
        "@context": CONTEXT,
        "@type": "Organization",
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


def breadcrumbs(config: Config, lang: str, trail: list[tuple[str, str]]) -> dict[str, Any]:
    """A BreadcrumbList from (name, path) pairs."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": _url(config, lang, path)}
            for i, (name, path) in enumerate(trail, start=1)
        ],
    }
