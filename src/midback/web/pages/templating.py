"""Helpers the page templates call: static URLs that change with the file, and readable labels."""

from __future__ import annotations

import hashlib
import math
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from fastapi.templating import Jinja2Templates

from midback.domain.profile import compact_number
from midback.exports.plain import plain_text

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

LEVEL_NAMES = {1: "Gentle", 2: "Moderate", 3: "Challenging"}

NICE_LABELS = {
    "side_bending": "Side bending",
    "pec_flexibility": "Chest (pec) flexibility",
    "lat_flexibility": "Lat flexibility",
    "scapular_control": "Shoulder-blade control",
    "shoulder_flexion": "Reaching overhead",
    "core_control": "Core control",
    "neck_control": "Neck control",
    "half_kneeling": "Half kneeling",
    "tall_kneeling": "Tall kneeling",
    "quadruped": "On hands and knees",
    "supine": "Lying on your back",
    "prone": "Lying on your front",
    "side_lying": "Lying on your side",
    "foam_roller": "Foam roller",
}


@lru_cache(maxsize=64)
def static_url(path: str) -> str:
    """`/static/<path>?v=<hash>`: browsers may cache it for long, and reload when it changes."""
    file = STATIC_DIR / path
    version = hashlib.sha256(file.read_bytes()).hexdigest()[:10] if file.is_file() else "0"
    return f"/static/{path}?v={version}"


def label(value: StrEnum | str) -> str:
    """A vocabulary value as people say it: 'side_bending' → 'Side bending'."""
    raw = str(value)
    return NICE_LABELS.get(raw, raw.replace("_", " ").capitalize())


def minutes(seconds: float) -> str:
    """A duration rounded up to whole minutes, e.g. '6 min'."""
    return f"{max(1, math.ceil(seconds / 60))} min"


def keep_units(text: str) -> str:
    """Glue numbers to their units so '30 s rest' never breaks across lines."""
    return re.sub(r"(\d) (?=\S)", "\\1\u00a0", text).replace("\u00a0s rest", "\u00a0s\u00a0rest")


def degrees(value: float) -> str:
    """An angle as people write it: '45°', '8.7°'."""
    return f"{compact_number(value)}°"


def day_text(day: date, with_year: bool = False) -> str:
    """'Tue 3 Mar' (with the year if asked)."""
    text = f"{day.strftime('%a')} {day.day} {day.strftime('%b')}"
    return f"{text} {day.year}" if with_year else text


def configure(templates: Jinja2Templates) -> None:
    """Make the helpers available to every template."""
    env = templates.env
    env.globals.update(static_url=static_url, level_names=LEVEL_NAMES)
    env.filters.update(label=label, minutes=minutes, keep_units=keep_units)
    env.filters.update(deg=degrees, day=day_text, num=compact_number, plain=plain_text)
    env.trim_blocks = True
    env.lstrip_blocks = True
