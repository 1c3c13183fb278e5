"""The quality label page: every label of the cluster with its status on the build date."""
from __future__ import annotations

from dataclasses import dataclass

from ... import urls
from ...model import Label, LabelStatus
from .. import views as v
from ..kinds import Kind
from ..markup import safe_url
from .context import Context
from .parts import atlas_download


@dataclass(frozen=True)
class LabelCard:
    name: str
    seal: str
    status: str
    status_text: str
    facts: tuple[v.Fact, ...]  # level, issuer, awarded, valid until
    proofs: tuple[v.Fact, ...]  # certificate, verification
    about: v.Text | None
    valid_until: str


@dataclass(frozen=True)
class LabelView:
    title: str
    as_of: str
    current: tuple[LabelCard, ...]
    upcoming: tuple[LabelCard, ...]
    history: tuple[LabelCard, ...]
    none_current: str
    expired: str  # the status word the page's script writes once the visitor's clock passes a label's end
    atlas: v.Download | None = None  # the competence atlas of this language (PDF), whose cover shows the labels


def label(cx: Context) -> v.Page:
    _ = cx.t._
    return v.Page(urls.LABEL, Kind.LABEL, _("Quality label"), _("Quality labels of the cluster management and their status"), lambda: label_view(cx))


def label_view(cx: Context) -> LabelView:
    _, here, labels = cx.t._, urls.LABEL, cx.ix.labels
    return LabelView(
        title=_("Quality label"),
        as_of=_("Status on {date}.").format(date=cx.t.date(cx.project.build_date)),
        current=tuple(label_card(cx, here, lab, s) for lab, s in labels if s.current),
        upcoming=tuple(label_card(cx, here, lab, s) for lab, s in labels if s is LabelStatus.NOT_YET_VALID),
        history=tuple(label_card(cx, here, lab, s) for lab, s in labels if s is LabelStatus.EXPIRED),
        none_current=_("The cluster holds no valid label at present."),
        expired=cx.words.status(LabelStatus.EXPIRED),
        atlas=atlas_download(cx, here),
    )


def label_card(cx: Context, here: str, label: Label, status: LabelStatus) -> LabelCard:
    t, words, scheme = cx.t, cx.words, cx.tax.label_schemes.get(label.scheme)
    _ = t._
    certificate = None
    if label.certificate_url:
        certificate = v.Fact(_("Certificate"), links=(v.Link(label.certificate_id or _("View certificate"), safe_url(label.certificate_url), external=True),))
    elif label.certificate_id:
        certificate = v.Fact(_("Certificate"), label.certificate_id)
    verification = None
    if scheme and scheme.verify_url:
        verification = v.Fact(_("Verification"), links=(v.Link(_("Public list of the issuer"), safe_url(scheme.verify_url), external=True),))
    facts = [
        v.Fact(_("Level"), words.level(scheme.level)) if scheme else None,
        v.Fact(_("Issuer"), scheme.issuer) if scheme else None,
        v.Fact(_("Awarded"), t.date(label.awarded)),
        v.Fact(_("Valid until"), t.date(label.valid_until)),
    ]
    return LabelCard(
        name=words.scheme(label.scheme),
        seal=urls.to_site_root(here) + urls.seal(label.scheme, label.awarded.isoformat()),
        status=status.slug,
        status_text=words.status(status),
        facts=tuple(f for f in facts if f),
        proofs=tuple(f for f in (certificate, verification) if f),
        about=words.text(scheme.description) if scheme and scheme.description else None,
        valid_until=label.valid_until.isoformat(),
    )
