from __future__ import annotations

from pathlib import Path

import pytest

from enface.errors import EnfaceError
from enface.manifest import load_edition


def test_bundled_manifest_is_honest(bundled_dir):
    edition = load_edition(bundled_dir)
    assert edition.slug == "face-of-another"
    assert edition.languages == ["fr", "id", "ru"]
    assert [s.lang for s in edition.appendices] == ["ru"]
    # the summaries are not the novel, and Abe did not write them
    assert "summary" in edition.description and "unknown" in edition.description
    assert all("Abe" not in credit.name for credit in edition.credits)
    assert edition.work is not None and edition.work.author == "Kōbō Abe"


def test_identifier_is_stable(bundled_dir):
    assert load_edition(bundled_dir).uid() == load_edition(bundled_dir).uid()
    assert load_edition(bundled_dir).uid().startswith("urn:uuid:")


def _manifest(tmp_path: Path, body: str) -> Path:
    (tmp_path / "edition.toml").write_text(body, encoding="utf-8")
    return tmp_path


BASE = """slug = "x"
description = "d"
[titles]
fr = "T"
"""


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ('[[sources]]\nfile = "a.txt"\nlang = "xx"\nrole = "translation"\n', "unknown language code 'xx'"),
        ('[[sources]]\nfile = "../a.txt"\nlang = "fr"\nrole = "translation"\n', "outside the edition folder"),
        ('[[sources]]\nfile = "/etc/passwd"\nlang = "fr"\nrole = "translation"\n', "outside the edition folder"),
        (
            '[[sources]]\nfile = "a.txt"\nlang = "fr"\nrole = "translation"\n'
            '[[sources]]\nfile = "a.txt"\nlang = "fr"\nrole = "appendix"\n',
            "listed twice",
        ),
        ('[[sources]]\nfile = "a.txt"\nlang = "fr"\nrole = "preface"\n', "sources.0.role"),
        ('[[sources]]\nfile = "a.txt"\nlang = "fr"\nrole = "translation"\ncolour = "red"\n', "not a known setting"),
        ('[[sources]]\nfile = "a.txt"\nlang = "ru"\nrole = "translation"\n', "no title for ru"),
    ],
)
def test_manifest_mistakes_are_named(tmp_path, sources, expected):
    folder = _manifest(tmp_path, BASE + sources)
    with pytest.raises(EnfaceError) as info:
        load_edition(folder)
    assert expected in str(info.value)
    assert "edition.toml" in str(info.value)


def test_toml_syntax_error_names_the_line(tmp_path):
    folder = _manifest(tmp_path, 'slug = "x"\ndescription = \n')
    with pytest.raises(EnfaceError) as info:
        load_edition(folder)
    assert info.value.line == 2
    assert "edition.toml:2" in str(info.value)


def test_missing_manifest(tmp_path):
    with pytest.raises(EnfaceError, match="edition manifest not found"):
        load_edition(tmp_path)
