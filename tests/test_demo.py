"""The demo cluster is credible and clean: it passes check --strict."""
from __future__ import annotations

from pathlib import Path

from .conftest import ROOT, TEST_DATE


def test_demo_passes_strict_check(run) -> None:
    result = run("--root", ROOT, "check", "--strict", "--format", "json", "--date", TEST_DATE)
    assert result.code == 0, result.out
    assert result.problems == []


def test_demo_is_the_size_the_issue_asks_for() -> None:
    import datetime as dt

    from clusterfolio.config import read_config
    from clusterfolio.project import load_project

    project, _ = load_project(read_config(ROOT), dt.date(2026, 11, 26))
    assert project is not None
    assert 20 <= len(project.members) <= 30
    assert {m.type for m in project.members.values()} >= {"sme", "startup", "large-company", "research", "university", "service"}
    assert 18 <= len(project.taxonomy.competences) <= 24 and len(project.taxonomy.value_chain) == 5
    assert 3 <= len(project.taxonomy.competence_groups) <= 4
    assert {"esca-bronze", "esca-silver", "esca-gold", "cluster-excellence-bw"} <= set(project.taxonomy.label_schemes)
    assert {a.level for a in project.cluster.activities} == {"management", "members"}
    assert len({p.country for p in project.cluster.partners}) >= 3
    # Some texts are deliberately left untranslated, to show the fallback.
    assert any("fr" not in m.summary for m in project.members.values())
    # Fictional: every address is on example.org or example.com.
    import re

    for path in (ROOT / "profiles").rglob("*.yml"):
        for host in re.findall(r"(?:https://|[a-z0-9]@)([a-z0-9.-]+)", path.read_text()):
            assert host.endswith(("example.org", "example.com")), (path, host)


def test_parallel_loading_gives_the_same_project_and_problems(project: Path, monkeypatch) -> None:
    import datetime as dt

    from clusterfolio import project as loading
    from clusterfolio.config import read_config

    for i in range(6):  # a few members, one with a problem, and two that share a logo
        text = (project / "profiles/members/good.yml").read_text().replace("Gute Optik GmbH", f"Firma {i} GmbH")
        if i == 3:
            text = text.replace("type: sme", "type: smee")
        (project / f"profiles/members/m{i}.yml").write_text(text + ("logo: logos/bad.svg\n" if i in (1, 2) else ""))
    (project / "profiles/logos/bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>')
    config = read_config(project)
    day = dt.date(2026, 11, 26)
    sequential = loading.load_project(config, day)
    monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
    parallel = loading.load_project(config, day)
    assert sorted(parallel[1]) == sorted(sequential[1])
    assert [p.message for p in parallel[1]].count("<script> is not allowed in a logo") == 1
    assert any("unknown member type 'smee'" in p.message for p in parallel[1])


def test_check_alone_finds_the_same_problems_without_keeping_the_models(project: Path, monkeypatch) -> None:
    """`check` loads with problems_only: the workers send back a little of each member, not its
    model; the problems across files (a name used twice, CODEOWNERS out of date) stay the same."""
    import datetime as dt

    from clusterfolio import project as loading
    from clusterfolio.config import read_config

    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + '  managers: ["@test-cluster/managers"]\n')
    good = (project / "profiles/members/good.yml").read_text()
    for i in range(9):
        text = good.replace("Gute Optik GmbH", f"Firma {i} GmbH") + f"maintainers: [user-{i}]\n"
        (project / f"profiles/members/m{i}.yml").write_text(text)
    day = dt.date(2026, 11, 26)

    def both() -> tuple[tuple, tuple]:
        config = read_config(project)
        monkeypatch.setattr(loading, "PARALLEL_FROM", 10**6)
        full = loading.load_project(config, day)
        monkeypatch.setattr(loading, "PARALLEL_FROM", 1)
        monkeypatch.setattr(loading, "PIECE", 2)  # several pieces, taken by both processes
        alone = loading.load_project(config, day, problems_only=True)
        return full, alone

    full, alone = both()
    assert full[0] is not None and alone[0] is None
    assert [p.code for p in alone[1]] == ["CF-W701"]  # the maintainers are not in CODEOWNERS yet
    assert alone[1] == full[1]
    from clusterfolio.codeowners import write

    write(read_config(project), full[0])  # made from the models; the gists must find it current
    full, alone = both()
    assert alone[1] == full[1] == []

    (project / "profiles/members/m7.yml").write_text((project / "profiles/members/m7.yml").read_text().replace("Firma 7 GmbH", "FIRMA 2 GMBH"))
    full, alone = both()
    assert full[0] is None and alone[0] is None
    assert sorted(alone[1]) == sorted(full[1])
    assert sorted((p.file, p.code) for p in alone[1] if p.code == "CF-E205") == [
        ("profiles/members/m2.yml", "CF-E205"), ("profiles/members/m7.yml", "CF-E205"),
    ]


def test_translatable_texts_are_found_without_looking_into_every_field() -> None:
    """translatables looks only into fields that are, or may hold, texts: it finds what a walk
    through every field finds, in the demo and the fixture cluster."""
    import datetime as dt

    from pydantic import BaseModel

    from clusterfolio import model as m
    from clusterfolio.config import read_config
    from clusterfolio.project import load_project

    def every_field(obj, path=()):  # noqa: ANN001, ANN202 - the walk before the shortcut
        if isinstance(obj, BaseModel):
            rules = m.text_fields(type(obj))
            for name in type(obj).model_fields:
                value = getattr(obj, name)
                if value is None:
                    continue
                if name in rules and isinstance(value, dict) and not isinstance(value, (m.LangMap, m.LangListMap)):
                    for key, item in value.items():
                        yield path + (name, key), item, rules[name], type(obj), name
                elif name in rules:
                    yield path + (name,), value, rules[name], type(obj), name
                else:
                    yield from every_field(value, path + (name,))
        elif isinstance(obj, list):
            for index, item in enumerate(obj):
                yield from every_field(item, path + (index,))
        elif isinstance(obj, dict):
            for key, item in obj.items():
                yield from every_field(item, path + (key,))

    found = 0
    for root in (ROOT, ROOT / "tests/fixtures/nordlicht"):
        project, _ = load_project(read_config(root), dt.date(2026, 11, 26))
        assert project is not None
        for obj in (project.cluster, project.taxonomy, *project.members.values()):
            texts = list(m.translatables(obj))
            assert texts == list(every_field(obj))
            found += len(texts)
    assert found > 150
