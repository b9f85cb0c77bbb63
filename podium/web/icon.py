"""The site's icon at the address every browser asks for, so that no page logs a 404."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

ICON = Path(__file__).parent / "static" / "favicon.ico"

router = APIRouter(include_in_schema=False)


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(
        ICON, media_type="image/x-icon", headers={"Cache-Control": "public, max-age=604800"}
    )
