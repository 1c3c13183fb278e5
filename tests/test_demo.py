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
