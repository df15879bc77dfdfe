"""`GET /api/v1/ping`: a constant answer, the baseline the load benchmark compares with."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["meta"])


@router.get("/ping")
async def ping() -> dict[str, str]:
    """Always `{"status": "ok"}`; needs no login and touches no database."""
    return {"status": "ok"}
