"""Outcome instruments are content: every problem of every file is reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from midback.content.instruments import BUILTIN, load_instruments
from midback.content.problems import ContentError


def test_the_builtin_files_load(tmp_path: Path) -> None:
    assert list(load_instruments(BUILTIN)) == ["nprs", "psfs", "groc"]


def test_broken_instruments_list_every_problem(tmp_path: Path) -> None:
    good = (BUILTIN / "nprs.yaml").read_text(encoding="utf-8")
    (tmp_path / "nprs.yaml").write_text(good.replace("high: 10", "high: 0"), encoding="utf-8")
    (tmp_path / "other.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "psfs.yaml").write_text(
        (BUILTIN / "psfs.yaml").read_text(encoding="utf-8").replace("  min: 3\n", ""),
        encoding="utf-8",
    )
    (tmp_path / "bad.yaml").write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_instruments(tmp_path)
    found = {(p.file.name, p.field) for p in caught.value.problems}
    assert ("nprs.yaml", "") in found  # low must be below high
    assert ("other.yaml", "id") in found  # the id names another file
    assert ("psfs.yaml", "activities.min") in found
    assert any(name == "bad.yaml" for name, _ in found)
