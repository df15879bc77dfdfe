"""CSV and JSON of a person's data, read back with csv and json; the JSON export round-trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from midback.domain.intake import InputError
from midback.domain.records import DatedMeasurement
from midback.exports.tabular import (
    PersonExport,
    export_json,
    import_json,
    measurements_csv,
    person_export,
    sessions_csv,
)

from ...support.planning import START, feedback, profile

NOW = datetime(2026, 12, 30, 9, 15, tzinfo=UTC)
ROT = {"protocol": "rot", "side": "left", "degrees": 41.5}
SESSIONS = feedback(
    {"date": "2026-12-03", "completed": True, "pain_during": 7, "pain_next_day": 4,
     "difficulty": 7, "painful_exercises": ["open-book", "cat-cow"], "measurements": [ROT]},
    {"date": "2026-12-01", "completed": True, "pain_during": 2, "difficulty": 3},
    {"date": "2026-12-02", "completed": False},
)  # fmt: skip
CHECK = DatedMeasurement(protocol="ext", side="both", degrees=22, date=date(2026, 12, 20))


def document() -> PersonExport:
    person = profile(measurements=[{"protocol": "rot", "side": "right", "degrees": 30}])
    return person_export(profile=person, sessions=SESSIONS, measurements=[CHECK], exported_at=NOW)


def rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_sessions_csv_has_one_row_per_session_in_date_order() -> None:
    found = rows(sessions_csv(SESSIONS))
    assert [r["date"] for r in found] == ["2026-12-01", "2026-12-02", "2026-12-03"]
    assert found[1] == {
        "date": "2026-12-02", "completed": "no", "pain_during": "", "pain_next_day": "",
        "difficulty": "", "painful_exercises": "", "measurements": "0",
        "new_symptoms": "", "seen_clinician": "no",
    }  # fmt: skip
    assert found[2]["painful_exercises"] == "open-book;cat-cow"
    assert found[2]["measurements"] == "1"


def test_new_symptoms_and_seen_clinician_go_to_the_csv_and_round_trip_in_the_json() -> None:
    sessions = feedback(
        {"date": "2026-12-01", "completed": True, "pain_during": 2, "difficulty": 3,
         "new_symptoms": ["fever_or_unwell", "night_or_rest_pain"]},
        {"date": "2026-12-04", "completed": False, "seen_clinician": True},
    )  # fmt: skip
    found = rows(sessions_csv(sessions))
    assert [(r["new_symptoms"], r["seen_clinician"]) for r in found] == [
        ("fever_or_unwell;night_or_rest_pain", "no"),
        ("", "yes"),
    ]
    original = person_export(profile=None, sessions=sessions, exported_at=NOW)
    again = import_json(export_json(original))
    assert again == original
    assert again.sessions[0].new_symptoms == sessions[0].new_symptoms
    assert again.sessions[1].seen_clinician


def test_measurements_csv_dates_every_measurement_and_says_where_it_came_from() -> None:
    found = rows(measurements_csv(document().all_measurements()))
    assert [(r["date"], r["protocol"], r["side"], r["degrees"], r["source"]) for r in found] == [
        (START.isoformat(), "rot", "right", "30", "baseline"),
        ("2026-12-03", "rot", "left", "41.5", "session"),
        ("2026-12-20", "ext", "both", "22", "check"),
    ]


def test_the_json_export_round_trips_without_loss() -> None:
    original = document()
    data = export_json(original)
    parsed = json.loads(data)
    assert parsed["format"] == "midback-export" and parsed["version"] == 2
    again = import_json(data)
    assert again == original
    assert export_json(again) == data


@given(
    pains=st.lists(st.integers(min_value=0, max_value=10), max_size=6),
    degrees=st.lists(st.floats(min_value=0, max_value=180).map(lambda d: round(d, 1)), max_size=4),
)
def test_any_export_round_trips(pains: list[int], degrees: list[float]) -> None:
    sessions = feedback(
        *(
            {"date": date(2026, 12, 1 + i).isoformat(), "completed": True, "pain_during": p,
             "difficulty": 1 + p % 10}
            for i, p in enumerate(pains)
        )
    )  # fmt: skip
    checks = [
        DatedMeasurement(protocol="ext", side="both", degrees=d, date=date(2026, 12, 20))
        for d in degrees
    ]
    original = person_export(profile=None, sessions=sessions, measurements=checks, exported_at=NOW)
    assert import_json(export_json(original)) == original


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"format": "other-app", "exported_at": "2026-12-30T00:00:00Z"}', "not a midback export"),
        (b'{"version": 7, "exported_at": "2026-12-30T00:00:00Z"}', "version 7 is not supported"),
        (b'{"exported_at": "2026-12-30T00:00:00Z", "sessions": [{"completed": true}]}', "date"),
    ],
)
def test_import_says_what_is_wrong(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        import_json(data)
    assert any(message in f"{p.loc} {p.message}" for p in caught.value.problems)


def test_a_version_1_file_still_reads_and_an_unknown_version_does_not() -> None:
    old = {"format": "midback-export", "version": 1, "exported_at": "2026-12-01T09:00:00Z"}
    read = import_json(json.dumps(old))
    assert read.version == 1 and read.program is None and read.reminders is None
    with pytest.raises(InputError) as refused:
        import_json(json.dumps({**old, "version": 3}))
    assert refused.value.problems[0].loc == ("version",)
