"""The guided session player: a session from library doses, and the feedback at its end.

`render_player` takes any list of GuidedItem, so a planned session (pages/sessions.py) or a
saved routine plays through the same page. The feedback form carries what the session was
(planned date or routine) and what was done of each item; a signed-in person's session is logged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from midback.domain.camera.spec import CameraSpec
from midback.domain.guided import (
    MAX_NOTE_CHARS,
    MAX_SESSION_ITEMS,
    GuidedItem,
    items_for_exercises,
    planned_results,
    session_seconds,
)
from midback.domain.library import ExerciseLibrary, UnknownExerciseError
from midback.domain.planner.dosing import TRANSITION_SECONDS
from midback.domain.profile import Side
from midback.exports.illustration import describe
from midback.services.security import new_secret
from midback.web import forms
from midback.web.deps import LibraryDep
from midback.web.pages.common import Visitor, VisitorDep, render
from midback.web.pages.feedback import symptom_choices
from midback.web.pages.guards import PageRefused
from midback.web.pages.templating import static_url

router = APIRouter(include_in_schema=False)

GET_READY_SECONDS = 3
"""The count-in before a timed hold starts."""
MAX_SPEED = 100
"""`?speed=N` runs every timer N times faster: for demonstrations and browser tests."""


def _speed(request: Request) -> int:
    """`?speed=N` (1 when absent; faster than MAX_SPEED runs at MAX_SPEED); FieldError if odd."""
    raw = request.query_params.get("speed")
    if raw is None:
        return 1
    return min(forms.whole_number(raw, "speed", low=1, high=forms.MAX_ID), MAX_SPEED)


CAMERA_FILES = {
    "bundle": "vendor/mediapipe/vision_bundle.mjs",
    "loader": "vendor/mediapipe/vision_wasm_internal.js",
    "wasm": "vendor/mediapipe/vision_wasm_internal.wasm",
    "model": "vendor/mediapipe/pose_landmarker_lite.task",
}
"""The pose runtime and model, served by midback itself (hashed URLs, cached for a year)."""


def player_data(
    items: Sequence[GuidedItem],
    library: ExerciseLibrary,
    cameras: Mapping[str, CameraSpec] | None = None,
) -> dict[str, Any]:
    """The JSON island player.js reads: the items, each with its illustration if it has one,
    and the camera spec of those the camera coach can follow."""
    cameras = cameras or {}
    rows = []
    for item in items:
        exercise = library.get(item.exercise_id)
        drawn = exercise is not None and exercise.poses is not None
        base = f"/exercises/{item.exercise_id}/illustration.svg"
        sided = f"side={item.side.value}" if item.side != Side.BOTH else ""
        rows.append(
            {
                **item.model_dump(mode="json"),
                "seconds": item.seconds(),  # the player's "time left" counts as Today does
                "illustration": f"{base}?{'&'.join(filter(None, ['animated=1', sided]))}"
                if drawn
                else None,
                "illustration_still": (f"{base}?{sided}" if sided else base) if drawn else None,
                "illustration_alt": describe(exercise, side=item.side)
                if exercise and drawn
                else "",
                "url": f"/exercises/{item.exercise_id}",
                "camera": _camera(cameras.get(item.exercise_id)),
            }
        )
    return {
        "version": 1,
        "items": rows,
        "camera_files": {k: static_url(v) for k, v in CAMERA_FILES.items()},
        "transition_s": TRANSITION_SECONDS,
        "get_ready_s": GET_READY_SECONDS,
    }


def _camera(spec: CameraSpec | None) -> dict[str, Any] | None:
    return None if spec is None else spec.model_dump(mode="json")


def render_player(
    request: Request,
    visitor: Visitor,
    items: Sequence[GuidedItem],
    library: ExerciseLibrary,
    *,
    title: str,
    back_url: str,
    planned: date | None = None,
    routine_id: int | None = None,
    note: str = "",
) -> Response:
    """The player page for `items`, whichever way the session was made (a planned session by
    its date, a routine by its id, or neither)."""
    speed = _speed(request)  # a FieldError is the page's 400 (midback.web.pages.errors)
    exercise_ids = list(dict.fromkeys(item.exercise_id for item in items))
    results = [r.model_dump(mode="json") for r in planned_results(items)]
    names = {item.exercise_id: item.name for item in items}
    context = {
        "title": title,
        "exercise_count": len(exercise_ids),
        "back_url": back_url,
        "items": items,
        "seconds": session_seconds(items),
        "data": player_data(items, library, request.app.state.content.cameras),
        "speed": speed,
        "clinician_note": note,
        "feedback": {
            "session_key": new_secret(),
            "exercises": ",".join(exercise_ids),
            "planned_session": planned.isoformat() if planned else "",
            "routine_id": str(routine_id or ""),
            "results": json.dumps(results, separators=(",", ":")),
            "choices": list(names.items()),
            "symptoms": symptom_choices(request.app.state.content),
        },
        "errors": {},
        "max_note": MAX_NOTE_CHARS,
    }
    return render(request, visitor, "player/play.html", context)


def _exercises(library: ExerciseLibrary, ids: Sequence[str]) -> list[Any]:
    return [library[i] for i in ids]


@router.get("/play")
def play(
    request: Request, visitor: VisitorDep, library: LibraryDep, exercises: str = ""
) -> Response:
    """A session of the listed exercises (`?exercises=a,b,c`) at their library doses."""
    ids = [i.strip() for i in exercises.split(",") if i.strip()]
    if not ids:
        raise PageRefused(400, "Choose one or more exercises in the library to play.")
    if len(ids) > MAX_SESSION_ITEMS:
        raise PageRefused(400, f"A session holds at most {MAX_SESSION_ITEMS} exercises.")
    try:
        chosen = _exercises(library, ids)
    except UnknownExerciseError as error:
        raise PageRefused(404, f"{str(error).capitalize()}.") from None
    items = items_for_exercises(chosen)
    title = chosen[0].name if len(chosen) == 1 else f"A session of {len(chosen)} exercises"
    return render_player(request, visitor, items, library, title=title, back_url="/library")


@router.get("/play/{exercise_id}")
def play_one(
    exercise_id: str, request: Request, visitor: VisitorDep, library: LibraryDep
) -> Response:
    """One exercise at its library dose, both sides if it has sides."""
    try:
        exercise = library[exercise_id]
    except UnknownExerciseError as error:
        raise PageRefused(404, f"{str(error).capitalize()}.") from None
    items = items_for_exercises([exercise])
    back = f"/exercises/{exercise.id}"
    return render_player(request, visitor, items, library, title=exercise.name, back_url=back)
