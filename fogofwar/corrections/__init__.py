"""Analysts' corrections, applied to events on the way out (display and export).

A correction never rewrites what was extracted. The store keeps the events as the pipeline
wrote them, plus an append-only log of corrections (who, when, what, why); readers apply the
log, oldest first, with :func:`correct`. So re-running the pipeline keeps every
correction, and a correction whose target has gone (an event no longer linked, a claim no
longer extracted) is skipped and reported (:func:`correct`), never guessed at. An event that a
later report re-keyed (its earliest report's id, ``Store.event_redirects``) is found by the id
the correction names.

Kinds (``CORRECTION_KINDS``):

- ``reject_claim``: claim ``claim_id`` is wrong. It leaves its event; the event's reconciled
  figures are recomputed without it.
- ``set_place``: event ``event_id`` happened at ``place``. Later merges and splits keep it.
- ``merge``: events ``event_ids`` are the same incident as ``event_id`` and join it: claims,
  articles, mentions and actors united, dates widened, reconciled figures recomputed with
  :func:`fogofwar.reconcile.reconcile`. Corrections naming a merged-away id follow it.
- ``split``: mentions ``mention_ids`` and articles ``article_ids`` of ``event_id`` (with the
  claims they carry) are another incident: they move to a new event, whose id is derived from
  the split's content, so it is the same on every read.
- ``set_actor``: on event ``event_id``, actor ``actor`` (its name or an alias, any case) plays
  ``role`` (``ACTOR_ROLES``: side_a, side_b, claimant); an actor the event does not name yet is
  added with that role. Later merges and splits keep it.
- ``set_type``: event ``event_id`` is of ``event_type`` / ``sub_event_type`` (a pair listed in
  ``resources/event_types.json``). Later merges and splits keep it.
- ``set_dates``: event ``event_id`` ran from ``start`` to ``end`` (``end`` absent: one day), with
  ``date_precision`` (absent: 1 for a day, 2 for a range). Later merges and splits keep them.
- ``set_victims``: claim ``claim_id`` is about victim group ``victims``; figures recomputed.
- ``set_claimant``: claim ``claim_id`` was made by ``claimant`` (and, when given, of
  ``claimant_kind``, one of ``fogofwar.model.ACTOR_KINDS``); figures recomputed.
- ``revert``: correction ``reverts`` is withdrawn; it is skipped as if never made.

Modules: ``record`` (the record, its kinds and validation), ``apply`` (replaying the log:
:func:`correct`), ``edits`` (merging, splitting and refreshing one event), ``log`` (the store's
log as records: :class:`CorrectionLog`) and ``refresh`` (the stored log applied to the stored
events: :func:`read_events`, and the materialised table readers query:
:func:`refresh_corrected_events`). Everything is pure (records in, new records out; the inputs
are never changed) except ``log`` and ``refresh``, which read and write the store.
"""

from fogofwar.corrections.apply import Corrected, Rejected, correct
from fogofwar.corrections.edits import merge_actors, merge_events, refresh_figures, split_event, with_role
from fogofwar.corrections.log import CorrectionLog
from fogofwar.corrections.record import (
    ACTOR_ROLES,
    CORRECTION_KINDS,
    Correction,
    CorrectionInvalid,
    event_types,
    validate_correction,
)
from fogofwar.corrections.refresh import corrected_rows, read_events, refresh_corrected_events

__all__ = [
    "ACTOR_ROLES",
    "CORRECTION_KINDS",
    "Corrected",
    "Correction",
    "CorrectionInvalid",
    "CorrectionLog",
    "Rejected",
    "correct",
    "corrected_rows",
    "event_types",
    "merge_actors",
    "merge_events",
    "read_events",
    "refresh_corrected_events",
    "refresh_figures",
    "split_event",
    "validate_correction",
    "with_role",
]
