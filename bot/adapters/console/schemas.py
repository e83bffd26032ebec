"""Request bodies of the console API. Every POST takes JSON (``{}`` when it has no fields), which
a cross-site form cannot send — a second guard beside the ``SameSite=Strict`` cookie."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request

from bot.errors import ClientInputError

Body = TypeVar("Body", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginIn(_Strict):
    name: str = Field(description="The user name given to `deskbot user add`.", max_length=120)
    password: str = Field(max_length=1000)


class EmptyIn(_Strict):
    """No fields: send ``{}``."""


class TakeoverIn(_Strict):
    force: bool = Field(default=False, description="Take it from the analyst who holds it (the client is told).")


class TextIn(_Strict):
    text: str = Field(description="Message to the client, or the note's text.")


class PriorityIn(_Strict):
    priority: str = Field(description="Emergency, High, Medium or Low.")
    reason: str = Field(description="Why; required and recorded on the ticket.")


class StatusIn(_Strict):
    status: str = Field(description="new, in_progress, waiting_for_client or closed (resolve with /resolve).")
    reason: str | None = None


class ResolveIn(_Strict):
    resolution: str = Field(description="What fixed it; shown to the client, who is asked to confirm.")


def body_schema(model: type[BaseModel]) -> dict[str, Any]:
    """An OpenAPI requestBody for a body parsed by :func:`read_body`."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


async def read_body(request: Request, model: type[Body]) -> Body:
    """Parse a JSON object into ``model``: 415 for another content type, 400 for bad JSON or fields."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        error = ClientInputError("Send JSON (Content-Type: application/json); {} when there are no fields.", code="unsupported_media_type")
        error.status_code = 415
        raise error
    try:
        data = json.loads(await request.body() or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ClientInputError("The request body is not valid JSON.", code="malformed_json") from None
    if not isinstance(data, dict):
        raise ClientInputError("The body must be a JSON object.", code="bad_body")
    try:
        return model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise ClientInputError(f"Invalid field {where}: {first.get('msg')}.", code="invalid_field") from None
