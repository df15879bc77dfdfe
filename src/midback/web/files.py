"""What the file endpoints share: the public base URL for links, file responses and their
OpenAPI descriptions."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from midback.config import Settings
from midback.exports.fhir_codes import FHIR_MIME

ICS = "text/calendar; charset=utf-8"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"
FHIR_JSON = FHIR_MIME  # with the FHIR version (R4B) as its parameter
JSON = "application/json"


def public_base(request: Request) -> str:
    """Where links in files point: MIDBACK_PUBLIC_URL, else the address the request came to."""
    settings: Settings = request.app.state.settings
    return (settings.public_url or str(request.base_url)).rstrip("/")


def file_response(
    body: bytes, media_type: str, filename: str | None = None, *, inline: bool = False
) -> Response:
    """The bytes with their media type, never cached by others; with a `filename`, browsers
    save the file (or show it, `inline`, e.g. a PDF to print)."""
    headers = {"Cache-Control": "private, no-store"}
    if filename:
        how = "inline" if inline else "attachment"
        headers["Content-Disposition"] = f'{how}; filename="{filename}"'
    return Response(body, media_type=media_type, headers=headers)


def file_doc(
    media_type: str,
    description: str,
    *,
    binary: bool = False,
    schema: dict[str, Any] | None = None,
) -> dict[int | str, Any]:
    """The OpenAPI description of a 200 answer that is a file of `media_type` (text, bytes with
    `binary`, or a JSON document described by `schema`)."""
    if schema is None:
        schema = {"type": "string", "format": "binary"} if binary else {"type": "string"}
    content = {media_type.split(";")[0]: {"schema": schema}}
    return {200: {"description": description, "content": content}}
