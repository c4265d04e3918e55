"""Corrections: the audit trail ``GET /api/corrections``, ``POST /api/corrections`` (JSON, with the
bearer token) and the correction forms of the event page, ``POST /events/{id}/corrections``
(plain HTML forms, the token in a field). Both go through the same checks
(:func:`fogofwar.api.services.add_correction`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from fogofwar.api import schemas
from fogofwar.api.deps import EventsDep, SettingsDep, check_token, require_token
from fogofwar.api.limits import read_body, read_json
from fogofwar.api.queries import printable_query
from fogofwar.api.services import add_correction, correction_note, event_trail, find_event, trail
from fogofwar.api.views import event_page, render
from fogofwar.corrections import Correction
from fogofwar.model import Event
from fogofwar.store import Store

router = APIRouter(responses={400: {"model": schemas.Problem}})

# A correction is a few hundred bytes; a body past this is refused before it is read further.
MAX_CORRECTION_BYTES = 64 * 1024
# A correction form is a few fields; anything bigger is not one of ours.
MAX_FORM_BYTES = 64 * 1024
_CORRECTION = TypeAdapter(schemas.CorrectionIn)
_SEPARATORS = re.compile(r"[\s,;]+")


def correction_out(correction: Correction, note: str) -> schemas.CorrectionOut:
    """The audit-trail entry of a stored correction."""
    return schemas.CorrectionOut.model_validate({**correction.to_dict(), "status": note})


# -- JSON ---------------------------------------------------------------------------------


@router.get(
    "/api/corrections", response_model=list[schemas.CorrectionOut], summary="The corrections audit trail"
)
async def list_corrections(
    store: EventsDep,
    event_id: Annotated[
        str | None, printable_query("only those concerning this event", max_length=64)
    ] = None,
) -> Any:
    """Every correction, oldest first, with what it does now: applied, reverted, or skipped and why."""
    entries = trail(store) if event_id is None else event_trail(store, find_event(store, event_id))
    return [correction_out(c, note) for c, note in entries]


@router.post(
    "/api/corrections",
    response_model=schemas.CorrectionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Correct an event: mark a claim wrong, move an event, merge or split events, or revert",
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CorrectionIn"}}},
        }
    },
    responses={
        401: {"model": schemas.Problem, "description": "missing or wrong token"},
        403: {"model": schemas.Problem, "description": "writes are disabled (no FOGOFWAR_TOKEN)"},
        404: {"model": schemas.Problem, "description": "a target does not exist"},
        413: {"model": schemas.Problem, "description": "body over 64 KiB"},
    },
)
async def post_correction(request: Request, store: EventsDep, settings: SettingsDep) -> Any:
    """Append a correction to the audit trail. Extracted records are never changed: the correction
    overrides them wherever events are shown or exported, and survives re-running the pipeline.

    Needs `Authorization: Bearer <token>`, checked before the body is read; a body over 64 KiB is
    refused (413) without reading the rest. Example body:
    `{"kind": "reject_claim", "claim_id": "8218cc7353349f36", "author": "ana", "reason": "misread"}`
    """
    body = await read_json(request, _CORRECTION, limit=MAX_CORRECTION_BYTES)
    stored = add_correction(store, schemas.correction_record(body), rule=settings.reconcile_rule)
    return correction_out(stored, correction_note(store, stored.id or 0))


# -- the forms of the event page ----------------------------------------------------------


@router.post("/events/{event_id}/corrections", response_class=HTMLResponse, include_in_schema=False)
async def correct_event(request: Request, event_id: str, store: EventsDep, settings: SettingsDep) -> Response:
    """The correction forms of the event page: same checks as POST /api/corrections, token in a field."""
    event = find_event(store, event_id)
    form = await _read_form(request)
    try:
        check_token(request.app.state.token, _first(form, "token"))
        body = _CORRECTION.validate_python(_correction_fields(form, event))
        stored = add_correction(store, schemas.correction_record(body), rule=settings.reconcile_rule)
    except HTTPException as e:
        return _form_error(request, store, event, form, str(e.detail), e.status_code)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(map(str, err['loc'][1:])) or 'form'}: {err['msg']}" for err in e.errors()
        )
        return _form_error(request, store, event, form, problems, status.HTTP_422_UNPROCESSABLE_CONTENT)
    # After a merge, the page to show is the merged event's; it keeps this event's id.
    return RedirectResponse(
        f"/events/{quote(event.id)}?done={stored.id}#corrections", status_code=status.HTTP_303_SEE_OTHER
    )


def _form_error(
    request: Request,
    store: Store,
    event: Event,
    form: dict[str, list[str]],
    error: str,
    code: int,
) -> HTMLResponse:
    kept = {k: v for k, v in form.items() if k != "token"}  # never echo the token back
    context = {**event_page(store, event), "error": error, "form": kept, "done": None}
    return render(request, "event.html", context, status_code=code)


async def _read_form(request: Request) -> dict[str, list[str]]:
    """The urlencoded body of a form post (no multipart: our forms have no files)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail="send the form urlencoded")
    body = await read_body(request, limit=MAX_FORM_BYTES)
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=False, max_num_fields=500)


def _first(form: Mapping[str, list[str]], name: str) -> str | None:
    values = form.get(name) or [None]
    return values[0].strip() if values[0] is not None else None


def _whole_number(text: str | None) -> int | str | None:
    """A form's digits as a number: a Literal field of numbers does not take the text "2"."""
    return int(text) if text and text.isdigit() else text


def _ids(form: Mapping[str, list[str]], *names: str) -> list[str]:
    return [i for name in names for value in form.get(name, []) for i in _SEPARATORS.split(value) if i]


def _correction_fields(form: Mapping[str, list[str]], event: Event) -> dict[str, Any]:
    """The JSON body a correction form stands for (validated by schemas.CorrectionIn afterwards)."""
    kind = _first(form, "kind")
    fields: dict[str, Any] = {
        "kind": kind,
        "author": _first(form, "author"),
        "reason": _first(form, "reason"),
    }
    if kind == "reject_claim":
        fields["claim_id"] = _first(form, "claim_id")
    elif kind == "set_place":
        place = {
            "name": _first(form, "place_name"),
            "lat": _first(form, "place_lat"),
            "lon": _first(form, "place_lon"),
            "admin1": _first(form, "place_admin1"),
            "country": _first(form, "place_country"),
            "precision": _first(form, "place_precision") or 1,
        }
        fields.update(event_id=event.id, place={k: v for k, v in place.items() if v not in (None, "")})
    elif kind == "merge":
        fields.update(event_id=event.id, event_ids=_ids(form, "event_ids", "more_event_ids"))
    elif kind == "split":
        fields.update(
            event_id=event.id, mention_ids=_ids(form, "mention_ids"), article_ids=_ids(form, "article_ids")
        )
    elif kind == "revert":
        fields["reverts"] = _first(form, "reverts")
    elif kind == "set_actor":
        fields.update(event_id=event.id, actor=_first(form, "actor"), role=_first(form, "role"))
    elif kind == "set_type":
        # One select holds both: "Battles|Armed clash".
        event_type, _, sub_type = (_first(form, "type") or "").partition("|")
        fields.update(event_id=event.id, event_type=event_type, sub_event_type=sub_type)
    elif kind == "set_dates":
        fields.update(
            event_id=event.id,
            start=_first(form, "start"),
            end=_first(form, "end"),
            date_precision=_whole_number(_first(form, "date_precision")),
        )
    elif kind in ("set_victims", "set_claimant"):
        fields["claim_id"] = _first(form, "claim_id")
        names = ("victims",) if kind == "set_victims" else ("claimant", "claimant_kind")
        fields.update({name: _first(form, name) for name in names})
    return {k: v for k, v in fields.items() if v not in (None, "")}
