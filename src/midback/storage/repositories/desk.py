"""The clinician's desk: every linked patient with their plan-inputs version and stored desk
facts in one indexed read, and the facts written back in one statement."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.sqlite import Insert
from sqlalchemy.orm import Session

from midback.domain.accounts import PatientLink
from midback.domain.desk_summary import DeskFacts, OutcomeGlance
from midback.storage.desk_tables import DeskSummaryRow
from midback.storage.tables import PatientLinkRow, UserRow
from midback.storage.training_tables import PlanInputsRow


@dataclass(frozen=True, slots=True)
class DeskLine:
    """One linked patient: the link, their current plan-inputs version (0: nothing written yet)
    and the facts stored for the desk, with the version they were made at (None: none yet)."""

    link: PatientLink
    version: int
    facts: DeskFacts | None
    facts_version: int | None

    @property
    def current(self) -> bool:
        """Whether the stored facts are of the person's current plan inputs."""
        return self.facts is not None and self.facts_version == self.version


_LINES = (
    select(
        PatientLinkRow.id,
        PatientLinkRow.patient_id,
        PatientLinkRow.created_at,
        UserRow.email,
        UserRow.display_name,
        PlanInputsRow.version,
        DeskSummaryRow.version,
        DeskSummaryRow.facts,
    )
    .join(UserRow, UserRow.id == PatientLinkRow.patient_id)
    .outerjoin(PlanInputsRow, PlanInputsRow.user_id == PatientLinkRow.patient_id)
    .outerjoin(DeskSummaryRow, DeskSummaryRow.user_id == PatientLinkRow.patient_id)
    .where(
        PatientLinkRow.clinician_id == bindparam("clinician_id"),
        PatientLinkRow.revoked_at.is_(None),
    )
    .order_by(PatientLinkRow.id)
)


class DeskRepository:
    """Stored desk facts per patient (see domain.desk_summary)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def lines(self, clinician_id: int, clinician_email: str) -> list[DeskLine]:
        """The clinician's active links, oldest first, each with the patient's version and
        stored facts: one statement however many patients."""
        found = self._session.execute(_LINES, {"clinician_id": clinician_id})
        return [
            DeskLine(
                PatientLink(
                    link_id, clinician_id, patient_id, created, None, clinician_email, email, name
                ),
                version or 0,
                None if facts is None else facts_of_json(facts),
                stored,
            )
            for link_id, patient_id, created, email, name, version, stored, facts in found
        ]

    def store(self, made: Sequence[tuple[int, int, DeskFacts]]) -> None:
        """Keep (person, version, facts) for each, in one statement each 500; a row already
        kept at a newer version stays."""
        dialect = self._session.get_bind().dialect.name
        rows = [
            {"user_id": user_id, "version": version, "facts": facts_to_json(facts)}
            for user_id, version, facts in made
        ]
        for start in range(0, len(rows), 500):
            self._session.execute(_upsert(dialect, rows[start : start + 500]))


def _upsert(dialect: str, rows: list[dict[str, object]]) -> Insert:
    """Insert or replace these people's facts unless the kept ones are of a newer version."""
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(DeskSummaryRow).values(rows)
    upsert: Insert = statement.on_conflict_do_update(
        index_elements=[DeskSummaryRow.user_id],
        set_={"version": statement.excluded.version, "facts": statement.excluded.facts},
        where=DeskSummaryRow.version <= statement.excluded.version,
    )
    return upsert


def facts_to_json(facts: DeskFacts) -> str:
    """The facts as compact JSON (dates as ordinals, done as indexes into planned)."""
    done = [i for i, day in enumerate(facts.planned) if day in facts.done]
    document = {
        "last": facts.last_session.toordinal() if facts.last_session else None,
        "pain": facts.last_pain,
        "program": facts.has_program,
        "planned": list(facts.planned),
        "done": done,
        "outcomes": [[o.instrument, o.name, o.first, o.latest, o.count] for o in facts.outcomes],
    }
    return json.dumps(document, separators=(",", ":"))


def facts_of_json(text: str) -> DeskFacts:
    """The facts `facts_to_json` wrote."""
    document = json.loads(text)
    planned: tuple[int, ...] = tuple(document["planned"])
    return DeskFacts(
        last_session=date.fromordinal(document["last"]) if document["last"] else None,
        last_pain=document["pain"],
        has_program=document["program"],
        planned=planned,
        done=frozenset(planned[i] for i in document["done"]),
        outcomes=tuple(
            OutcomeGlance(instrument, name, float(first), float(latest), count)
            for instrument, name, first, latest, count in document["outcomes"]
        ),
    )
