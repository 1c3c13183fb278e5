"""The atlas's view models: what theme/templates/atlas/atlas.html shows, every value plain text
(escaped by the template) or sanitised Markdown (views.Text.html, made by site/markup.py)."""
from __future__ import annotations

from dataclasses import dataclass

from ..site import views as v
from ..site.qr import QrCode
from ..site.worldmap import WorldMap


@dataclass(frozen=True)
class Image:
    """A picture the PDF embeds: a file: or data: address (atlas/render.py fetches nothing else)."""

    src: str
    alt: str


@dataclass(frozen=True)
class LabelLine:
    """A label the cluster holds on the build date, with its validity."""

    name: str
    level: str
    until: str  # "valid until 14 January 2027"
    status: str | None  # "expiring soon"; None while plainly valid


@dataclass(frozen=True)
class Cover:
    title: str  # "Competence atlas"
    name: str
    logo: Image | None
    tagline: v.Text | None
    as_of: str  # "Status on 26 November 2026."
    labels_heading: str
    labels: tuple[LabelLine, ...]
    site: str  # the site's address as a reader types it ('' without site_url)
    qr: QrCode | None
    qr_alt: str
    selection: str | None  # a partial atlas: "Competence: Laser systems"


@dataclass(frozen=True)
class MapKey:
    """A mark of the cluster page's map: its colour, what it means and its countries, as text (the
    map's alternative in the tagged PDF, and its legend on paper)."""

    mark: str  # the CSS class suffix of site/worldmap.py's marks: "members", "partners"
    colour: str  # a checked #rrggbb
    meaning: str  # "Members based here"
    countries: str  # "France, Germany and Switzerland"
    text: str  # both as this language labels: "Partner clusters: Austria, Canada and Japan"


@dataclass(frozen=True)
class ClusterPage:
    heading: str
    summary: v.Text | None
    figures_heading: str
    figures: tuple[v.Fact, ...]
    markets_heading: str
    markets: str  # the target markets' names, as a list of this language
    contact_heading: str
    address: v.Address
    people: tuple[v.Person, ...]
    partners_heading: str
    partners: tuple[v.Partner, ...]
    map_heading: str
    map: WorldMap | None  # the site's world map (site/worldmap.py), the members' and partners' countries marked
    map_label: str  # the figure's alternative text: "World map. Members based here: …; Partner clusters: …"
    map_keys: tuple[MapKey, ...]


@dataclass(frozen=True)
class MatrixRow:
    competence: str
    cells: tuple[str, ...]  # the number of members per stage, '' for none


@dataclass(frozen=True)
class Matrix:
    heading: str
    corner: str  # "Competence / stage"
    stages: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    note: str


@dataclass(frozen=True)
class MemberSheet:
    anchor: str  # the page's id, which the contents and the indexes link to
    name: str
    logo: Image | None
    initials: str
    type_label: str
    where: str  # "Reutlingen, Germany"
    summary: v.Text | None
    description: v.Text | None
    facts: tuple[v.Fact, ...]  # competences, stages, markets, certifications
    contact_heading: str
    contacts: tuple[str, ...]  # e-mail, phone, website as printed text
    online: str  # "This profile online"
    address: str  # the member page's address as typed ('' without site_url)
    qr: QrCode | None
    qr_alt: str


@dataclass(frozen=True)
class Ref:
    """A member named in an index or the contents: its name and the anchor of its page."""

    text: str
    anchor: str
    page: str = ""  # the page number it is on (atlas/paging.py), '' until the parts are laid out


@dataclass(frozen=True)
class IndexEntry:
    term: str
    members: tuple[Ref, ...]


@dataclass(frozen=True)
class Index:
    anchor: str
    heading: str
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True)
class Section:
    """A line of the table of contents: a part of the atlas, and the members under "Members"."""

    text: str
    anchor: str
    members: tuple[Ref, ...] = ()
    page: str = ""


@dataclass(frozen=True)
class Atlas:
    lang: str
    title: str  # the document's title: "<cluster> – Competence atlas"
    cluster: str  # the running header
    created: str  # the build date as a W3C date-time (the PDF's creation and modification date)
    generator: str
    contents_heading: str
    cover: Cover
    contents: tuple[Section, ...]
    cluster_page: ClusterPage
    matrix: Matrix
    members_heading: str
    members: tuple[MemberSheet, ...]
    indexes: tuple[Index, ...]
