"""Text run across the rule between two columns is found on the PDF (enface.checks.layout)."""

from pathlib import Path

import weasyprint

from enface.checks.layout import inspect_layout

PAGE = """<html lang="de"><style>@page {{ size: A6; margin: 10mm }}
table {{ table-layout: fixed; border-collapse: collapse; width: 60mm }}
td {{ width: 30mm; vertical-align: top; font-size: 10pt; hyphens: manual }}
td + td {{ border-left: 0.5pt solid #999 }}</style>
<body><table><tr><td>{left}</td><td>Das ist der zweite Text.</td></tr></table></body></html>"""


def _layout(tmp_path: Path, left: str):
    path = tmp_path / "page.pdf"
    weasyprint.HTML(string=PAGE.format(left=left)).write_pdf(path)
    return inspect_layout(path)


def test_a_word_wider_than_its_column_is_an_overrun(tmp_path: Path) -> None:
    # 30 mm hold about 14 characters of 10 pt text: a 34-letter word cannot fit
    report = _layout(tmp_path, "Die Donaudampfschifffahrtsgesellschaftskapitäne kommen.")
    # one line crosses the rule once (the extracted word runs into the next column's text)
    assert len(report.overruns) == 1
    page, word = report.overruns[0]
    assert page == 1 and word.startswith("Donaudampf")
    assert any("column rule" in problem for problem in report.problems())
    assert "1 words across a column rule" in report.summary()


def test_words_that_fit_are_no_overrun(tmp_path: Path) -> None:
    report = _layout(tmp_path, "Die Kapitäne kommen heute an.")
    assert report.overruns == []
    assert report.problems() == []
