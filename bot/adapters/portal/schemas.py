"""Request bodies of the portal API, validated by hand so every failure gets a clear 4xx."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request

from bot.errors import ClientInputError


class MessageIn(BaseModel):
    """A client message: ``text``, or ``action`` (a button id) with an optional ``article`` slug."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="What the client typed (at most 4,000 characters).")
    action: str | None = Field(default=None, description="A button id from the last bot message.")
    article: str | None = Field(default=None, description="With kb_solved: the article that solved it.")


def json_body_schema(model: type[BaseModel]) -> dict[str, Any]:
    """An OpenAPI requestBody for a body we parse ourselves."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": model.model_json_schema()}},
        }
    }


async def read_json(request: Request, model: type[MessageIn]) -> MessageIn:
    """Parse and validate a JSON body: 415 for another content type, 400 for bad JSON or fields."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        error = ClientInputError("Send the message as JSON (Content-Type: application/json).", code="unsupported_media_type")
        error.status_code = 415
        raise error
    raw = await request.body()
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ClientInputError("The request body is not valid JSON.", code="malformed_json") from None
    if not isinstance(data, dict):
        raise ClientInputError('The body must be a JSON object like {"text": "..."}.', code="bad_body")
    try:
        body = model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise ClientInputError(f"Invalid field {where}: {first.get('msg')}.", code="invalid_field") from None
    if (body.text is None) == (body.action is None):
        raise ClientInputError('Send either "text" or "action".', code="bad_body")
    return body
