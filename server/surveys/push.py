"""Applying a pushed batch of changes.

Guarantees (sync.protocol):
- one result per change, in order; a rejected change does not stop the others;
- idempotent: a change id is applied at most once and a replay gets the stored first result;
  the same id with other content is rejected with `id_reuse`;
- no silent overwrite: a save based on an older revision is merged per question with the head
  (3-way, base = the revision the client started from); a question both sides changed to
  different values keeps the server's value and records a Conflict with both;
- nothing partly applied: a change is checked completely before it writes anything.

Speed: a batch reads what it needs in a handful of bulk queries, decides every change in memory
(later changes of the same survey see the earlier ones), then writes everything with one bulk
statement per table and appends the feed last (the feed lock is held only until COMMIT). If a
concurrent request wins a race (the same new survey or change id inserted first), the batch is
retried from fresh reads; a change that still fails is then applied on its own.

Each survey's answers are encoded to JSON once and the same text is stored in the head and in
the revision; the feed entry names the revision instead of copying them (server.feed.models).
A save applied as sent is answered without the survey (the client has it already: it sent it),
so the result, and the stored first result a replay returns, stay a few dozen bytes; a merged or
conflicting save, and a review, carry the server's head (`sync.protocol.ChangeResult.survey`).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import DataError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from pydantic import BaseModel, ValidationError

from server.accounts.models import Device, Role, User
from server.db import JSONText, copy_insert, reserve_ids
from server.feed.echo import tag_echo
from server.feed.models import AppliedChange, FeedEntry
from server.feed.publish import publish
from server.feed.scope import may_see_establishment
from server.registry import actions as registry_actions
from server.registry.models import Assignment, Establishment
from sync import protocol as p

from . import formengine, hygiene, versions
from .models import Conflict, FormVersion, Review, Survey, SurveyRevision, SurveyStatus
from .wire import survey_state, survey_state_fields

log = logging.getLogger(__name__)

MISSING: Any = object()  # a question absent from a snapshot (distinct from an answer of null)
MAX_QUESTION_KEY = 200
BATCH_ATTEMPTS = 3
SURVEY_COLUMNS = [
    "id", "establishment", "form", "status", "answers", "revision", "review_comment", "author",
    "created_at", "updated_at", "received_at", "first_received_at", "device", "user",
]  # fmt: skip
REVISION_COLUMNS = [
    "id", "survey", "revision", "status", "answers", "review_comment", "change_id", "device",
    "user", "created_at", "device_seq",
]  # fmt: skip
APPLIED_COLUMNS = [
    "id", "device", "user", "entity", "content_hash", "result", "applied_at", "device_seq",
]  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """Who pushes: every record written names this device and its user."""

    device: Device
    user: User


class Rejected(Exception):
    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def content_hash(change: p.ChangeIn) -> str:
    """What 'the same change' means for idempotency: everything but the timestamps."""
    canonical = json.dumps(
        [change.entity, change.entity_id, change.op, change.base_revision, change.payload],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def rejected_result(
    change_id: str, code: str, message: str, field: str | None = None
) -> dict[str, Any]:
    return {
        "id": change_id,
        "status": p.REJECTED,
        "revision": None,
        "survey": None,
        "conflicts": [],
        "error": {"code": code, "message": message, "field": field},
    }


def three_way(
    base: dict[str, Any], head: dict[str, Any], ours: dict[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Merge the client's snapshot (`ours`) into the server's head, question by question.

    Changed only by the client: take the client's. Changed only on the server: keep. Changed by
    both to the same value: fine. Changed by both to different values: keep the server's value
    and report a conflict carrying base, server and client values."""
    merged = dict(head)
    conflicts: list[dict[str, Any]] = []
    for question in sorted(base.keys() | head.keys() | ours.keys()):
        b = base.get(question, MISSING)
        t = head.get(question, MISSING)
        o = ours.get(question, MISSING)
        if o is t or o is b or o in (t, b):
            continue
        if t is b or t == b:
            if o is MISSING:
                merged.pop(question, None)
            else:
                merged[question] = o
            continue
        conflicts.append(
            {
                "question": question,
                "base": None if b is MISSING else b,
                "server": None if t is MISSING else t,
                "client": None if o is MISSING else o,
            }
        )
    return merged, conflicts


@dataclass
class RevisionInfo:
    device_id: str | None
    answers: dict[str, Any]
    status: str
    device_seq: int = 0


@dataclass
class Batch:
    """One attempt at applying a list of changes inside the caller's transaction."""

    actor: Actor
    changes: list[p.ChangeIn]
    now_iso: str = ""
    surveys: dict[str, Survey] = field(default_factory=dict)
    establishments: dict[str, Establishment] = field(default_factory=dict)
    forms: dict[tuple[str, str], FormVersion] = field(default_factory=dict)
    assigned_ids: set[str] = field(default_factory=set)
    history: dict[str, dict[int, RevisionInfo]] = field(default_factory=dict)
    new_surveys: dict[str, Survey] = field(default_factory=dict)
    dirty_surveys: dict[str, Survey] = field(default_factory=dict)
    revisions: list[SurveyRevision] = field(default_factory=list)
    encoded: dict[str, JSONText] = field(default_factory=dict)  # survey id -> head's answers
    conflicts: list[Conflict] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    resolved: list[tuple[str, int]] = field(default_factory=list)
    applied: list[AppliedChange] = field(default_factory=list)
    feed: list[FeedEntry] = field(default_factory=list)

    # ---- reading -------------------------------------------------------------------------

    def _parsed(self, change: p.ChangeIn) -> BaseModel | Rejected:
        model: type[BaseModel]
        if change.entity in (p.ENTITY_SURVEY, p.ENTITY_CONFLICT_RESOLUTION):
            model = p.SurveyPayload
        elif change.entity == p.ENTITY_ASSIGNMENT:
            model = p.AssignmentPayload
        elif change.entity == p.ENTITY_REVIEW:
            model = p.ReviewPayload
        else:
            return Rejected("unknown_entity", f"unknown entity '{change.entity}'", "entity")
        try:
            return model.model_validate(change.payload)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = hygiene.printable(".".join(str(x) for x in first["loc"]), 200)
            text = first["type"] in ("string_unicode", "string_pattern_mismatch")
            return Rejected(
                p.ERR_INVALID_TEXT if text else "invalid_payload",
                f"payload.{where}: {first['msg']}",
                f"payload.{where}",
            )

    def load(self, parsed: list[BaseModel | Rejected]) -> None:
        survey_ids: set[str] = set()
        establishment_ids: set[str] = set()
        form_keys: set[tuple[str, str]] = set()
        for change, payload in zip(self.changes, parsed, strict=True):
            if isinstance(payload, p.SurveyPayload):
                survey_ids.add(change.entity_id)
                establishment_ids.add(payload.establishment_id)
                form_keys.add((payload.form_id, payload.form_version))
            elif isinstance(payload, p.ReviewPayload):
                survey_ids.add(payload.survey_id)
            elif isinstance(payload, p.AssignmentPayload):
                establishment_ids.add(payload.establishment_id)
        if form_keys:
            query = Q()
            for form_id, version in form_keys:
                query |= Q(form_id=form_id, version=version)
            self.forms = {(f.form_id, f.version): f for f in FormVersion.objects.filter(query)}
        if survey_ids:
            # Lock the heads this batch may change: a concurrent push of the same survey waits,
            # then merges against what this one wrote.
            rows = (
                Survey.objects.select_for_update(of=("self",))
                .select_related("form")
                .filter(id__in=survey_ids)
            )
            self.surveys = {s.id: s for s in rows}
            establishment_ids.update(s.establishment_id for s in self.surveys.values())
        if establishment_ids:
            self.establishments = Establishment.objects.in_bulk(list(establishment_ids))
            for survey in self.surveys.values():
                survey.establishment = self.establishments[survey.establishment_id]
            if self.actor.user.role == Role.AGENT:
                self.assigned_ids = set(
                    Assignment.objects.filter(
                        agent=self.actor.user, establishment_id__in=establishment_ids
                    ).values_list("establishment_id", flat=True)
                )
        # Revisions from the oldest base any change starts from, for the 3-way merges.
        oldest: dict[str, int] = {}
        for change in self.changes:
            survey = self.surveys.get(change.entity_id)
            if survey is not None and change.base_revision < survey.revision:
                oldest[survey.id] = min(
                    oldest.get(survey.id, survey.revision), change.base_revision
                )
        if oldest:
            query = Q()
            for survey_id, revision in oldest.items():
                query |= Q(survey_id=survey_id, revision__gte=max(revision, 1))
            for rev in SurveyRevision.objects.filter(query).values(
                "survey_id", "revision", "device_id", "answers", "status", "device_seq"
            ):
                self.history.setdefault(rev["survey_id"], {})[rev["revision"]] = RevisionInfo(
                    rev["device_id"], rev["answers"], rev["status"], rev["device_seq"]
                )

    def form_version(self, form_id: str, version: str) -> FormVersion:
        found = self.forms.get((form_id, version))
        if found is None:
            raise Rejected(
                p.ERR_UNKNOWN_FORM,
                f"form {form_id} version {version} is not published on this server",
                "payload.form_version",
            )
        return found

    def establishment_in_scope(self, establishment_id: str) -> Establishment:
        est = self.establishments.get(establishment_id)
        if est is None:
            raise Rejected(
                "unknown_establishment",
                f"establishment {establishment_id} does not exist",
                "payload.establishment_id",
            )
        if not may_see_establishment(self.actor.user, est, self.assigned_ids):
            if self.actor.user.role == Role.AGENT:
                raise Rejected(
                    p.ERR_NOT_ASSIGNED,
                    f"establishment {est.code} is not assigned to {self.actor.user.username}",
                    "payload.establishment_id",
                )
            raise Rejected(
                "out_of_scope",
                f"establishment {est.code} is outside your regions",
                "payload.establishment_id",
            )
        return est

    def require_coordinator(self) -> None:
        if self.actor.user.role not in (Role.COORDINATOR, Role.ADMIN):
            raise Rejected(p.ERR_FORBIDDEN, "only a coordinator or an admin may do this", "entity")

    # ---- deciding ------------------------------------------------------------------------

    def new_revision(
        self,
        survey: Survey,
        change: p.ChangeIn,
        *,
        is_new: bool,
        echo: bool,
        encoded: str | None = None,
    ) -> SurveyRevision:
        """`echo`: the revision is exactly what the pushing device holds once acknowledged
        (server.feed.echo), so its feed entry is not sent back to it. `encoded`: the JSON text
        of `survey.answers` when the caller has it already."""
        survey.revision += 1
        survey.received_at = timezone.now()
        survey.device = self.actor.device
        survey.user = self.actor.user
        if is_new:
            self.new_surveys[survey.id] = survey
        elif survey.id not in self.new_surveys:
            self.dirty_surveys[survey.id] = survey
        self.surveys[survey.id] = survey
        text = JSONText(encoded) if encoded is not None else JSONText.of(survey.answers)
        self.encoded[survey.id] = text
        revision = SurveyRevision(
            survey_id=survey.id,
            revision=survey.revision,
            status=survey.status,
            answers=text,
            review_comment=survey.review_comment,
            change_id=change.id,
            device=self.actor.device,
            user=self.actor.user,
            device_seq=change.device_seq,
        )
        self.revisions.append(revision)
        self.history.setdefault(survey.id, {})[survey.revision] = RevisionInfo(
            self.actor.device.id, survey.answers, survey.status, change.device_seq
        )
        entry = FeedEntry(
            kind="survey",
            object_id=survey.id,
            establishment_id=survey.establishment_id,
            region=survey.establishment.region,
            data=survey_state_fields(survey),  # the answers are the revision's
            revision=revision,
        )
        self.feed.append(tag_echo(entry, self.actor.device.id) if echo else entry)
        return revision

    def apply_save(self, change: p.ChangeIn, payload: p.SurveyPayload) -> dict[str, Any]:
        if self.actor.user.role == Role.COORDINATOR:
            # Coordinators review (approve / return) and assign; answers are the agents'.
            raise Rejected(
                p.ERR_FORBIDDEN,
                "a coordinator reviews and assigns but does not change answers",
                "entity",
            )
        est = self.establishment_in_scope(payload.establishment_id)
        survey = self.surveys.get(change.entity_id)
        if survey is not None and survey.establishment_id != est.id:
            raise Rejected(
                "establishment_mismatch",
                f"survey {survey.id} belongs to another establishment",
                "payload.establishment_id",
            )
        form = self.form_version(payload.form_id, payload.form_version)
        long_keys = [k for k in payload.answers if len(k) > MAX_QUESTION_KEY]
        if long_keys:
            raise Rejected(p.ERR_INVALID_ANSWERS, "a question name is too long", "payload.answers")
        try:
            sent_text = hygiene.check_answers(payload.answers)
        except hygiene.TextProblem as exc:
            raise Rejected(exc.code, exc.message, exc.field) from None
        if change.entity == p.ENTITY_CONFLICT_RESOLUTION and survey is not None:
            self.refuse_dropped_answer(survey, form, payload.answers)
        finalize = payload.status == SurveyStatus.FINALIZED
        problems = formengine.answer_problems(
            form,
            payload.answers,
            finalize=finalize,
            today=formengine.answered_on(payload.updated_at, timezone.now()),
        )
        if problems:
            first = problems[0]
            summary = "; ".join(f"{x['question']}: {x['message']}" for x in problems[:5])
            raise Rejected(p.ERR_INVALID_ANSWERS, summary, f"payload.answers.{first['question']}")
        head = survey.revision if survey is not None else 0
        if change.base_revision > head:
            raise Rejected(
                "bad_base_revision",
                f"base revision {change.base_revision} is newer than the server's {head}",
                "base_revision",
            )
        history = self.history.get(change.entity_id, {})
        self.refuse_superseded(change, head, history)
        # A device never conflicts with itself: revisions it made after its base were already
        # in the snapshot it now sends (its outbox is pushed in order).
        base = change.base_revision
        while (
            base < head
            and history.get(base + 1)
            and history[base + 1].device_id == self.actor.device.id
        ):
            base += 1
        conflicts: list[dict[str, Any]] = []
        if survey is None or base == head:
            answers, status, outcome = payload.answers, str(payload.status), p.APPLIED
            base_answers = survey.answers if survey is not None else {}
        else:
            base_info = history.get(base) if base > 0 else RevisionInfo(None, {}, "")
            if base_info is None:
                raise Rejected(
                    "unknown_base_revision", f"revision {base} not found", "base_revision"
                )
            answers, conflicts = three_way(base_info.answers, survey.answers, payload.answers)
            b, t, o = base_info.status, survey.status, str(payload.status)
            status = o if (t == b and o != b) else t
            outcome = p.CONFLICT if conflicts else p.MERGED
            base_answers = base_info.answers
        if survey is not None:
            # The form version never moves backwards, and nothing is kept where no export
            # of the kept version shows it (server.surveys.versions).
            form, answers, conflicts, told = versions.keep_newer_version(
                survey.form, form, base=base_answers, head=survey.answers,
                ours=payload.answers, answers=answers, conflicts=conflicts,
            )  # fmt: skip
            if told:
                outcome = p.CONFLICT if conflicts else p.MERGED
        if (
            survey is not None
            and survey.form_id == form.pk
            and not conflicts
            and answers == survey.answers
            and status == survey.status
        ):
            # Nothing new (e.g. the same snapshot under a new change id): no new revision.
            # A person who resolved a conflict by keeping the server's value lands here.
            if change.entity == p.ENTITY_CONFLICT_RESOLUTION:
                self.resolved.append((survey.id, change.base_revision))
            return self.result(change, outcome, survey, conflicts, sent=outcome == p.APPLIED)
        if (
            survey is not None
            and survey.status == SurveyStatus.APPROVED
            and self.actor.user.role == Role.AGENT
        ):
            # Under any form version: only a coordinator's "return" unlocks it.
            raise Rejected(
                p.ERR_LOCKED, "this survey is approved; ask your coordinator", "entity_id"
            )
        is_new = survey is None
        if survey is None:
            survey = Survey(
                id=change.entity_id,
                establishment=est,
                created_at=payload.created_at,
                first_received_at=timezone.now(),
            )
        survey.form = form
        survey.answers = answers
        survey.status = status
        # The token says who wrote it, whatever the payload claims (the revision also names
        # the device).
        survey.author = self.actor.user.username
        survey.updated_at = payload.updated_at or self.now_iso
        self.new_revision(
            survey,
            change,
            is_new=is_new,
            echo=outcome == p.APPLIED,
            # Applied as sent: the text hygiene measured is these very answers.
            encoded=sent_text if answers is payload.answers else None,
        )
        for item in conflicts:
            self.conflicts.append(
                Conflict(
                    survey_id=survey.id,
                    revision=survey.revision,
                    change_id=change.id,
                    device=self.actor.device,
                    **item,
                )
            )
            self.feed.append(
                FeedEntry(
                    kind="conflict",
                    object_id=f"{survey.id}:{survey.revision}:{item['question']}",
                    establishment_id=survey.establishment_id,
                    region=est.region,
                    data={"survey_id": survey.id, "revision": survey.revision, **item},
                )
            )
        if change.entity == p.ENTITY_CONFLICT_RESOLUTION:
            self.resolved.append((survey.id, change.base_revision))
        return self.result(change, outcome, survey, conflicts, sent=outcome == p.APPLIED)

    def close_conflicts(self, survey_id: str, revision: int) -> None:
        """A person decided the survey's conflicts up to `revision` (the one their decision
        was made on): close them here and tell the other devices holding them, so that nobody
        decides a conflict again that is already settled and replaces a later answer."""
        open_ = Conflict.objects.filter(
            survey_id=survey_id, revision__lte=revision, resolved_at__isnull=True
        )
        closed = list(open_.values_list("id", "revision", "question"))
        if not closed:
            return
        Conflict.objects.filter(id__in=[c[0] for c in closed]).update(resolved_at=timezone.now())
        survey = self.surveys[survey_id]
        for _, conflict_revision, question in closed:
            self.feed.append(closed_conflict_entry(survey, conflict_revision, question))

    def refuse_dropped_answer(
        self, survey: Survey, form: FormVersion, answers: dict[str, Any]
    ) -> None:
        """A person deciding a conflict on a question the kept form version dropped can only
        keep the server's value: their own would be an answer no version of the survey holds
        (the conflict's record keeps it). Whatever the client offered, the server refuses it."""
        kept, dropped = versions.dropped_by_kept_version(survey.form, form, answers)
        for question in dropped:
            if answers.get(question) not in (None, survey.answers.get(question)):
                raise Rejected(
                    p.ERR_QUESTION_DROPPED,
                    f"question {question} is not in form version {kept.version} that "
                    "this survey keeps: only the server's value can be kept",
                    f"payload.answers.{question}",
                )

    def refuse_superseded(
        self, change: p.ChangeIn, head: int, history: dict[int, RevisionInfo]
    ) -> None:
        """Bundles never roll back: a change older than one this device already had applied
        to this survey (a stale bundle relayed after a direct sync, a replay) is refused, never
        applied as the newer revision. Older is by the device's own numbers; a relayed change of
        a release without them is older than anything its device pushed after the bundle's
        base (its outbox would have rebased it on those)."""
        mine = [
            info
            for number, info in history.items()
            if change.base_revision < number <= head and info.device_id == self.actor.device.id
        ]
        if change.device_seq:
            newer = [info for info in mine if info.device_seq > change.device_seq]
        elif change.relay is not None:
            newer = mine
        else:
            return
        if newer:
            raise Rejected(
                p.ERR_SUPERSEDED,
                "this device already sent a newer version of this survey: this older one is "
                "kept out",
                "device_seq",
            )

    def apply_review(self, change: p.ChangeIn, payload: p.ReviewPayload) -> dict[str, Any]:
        self.require_coordinator()
        if change.op not in (p.OP_APPROVE, p.OP_RETURN):
            raise Rejected(
                "unknown_op", f"a review is 'approve' or 'return', not '{change.op}'", "op"
            )
        try:
            hygiene.check_text(payload.comment, "payload.comment")
        except hygiene.TextProblem as exc:
            raise Rejected(exc.code, exc.message, exc.field) from None
        survey = self.surveys.get(payload.survey_id)
        if survey is None:
            raise Rejected(
                "unknown_survey", f"survey {payload.survey_id} does not exist", "payload.survey_id"
            )
        self.establishment_in_scope(survey.establishment_id)
        if change.base_revision != survey.revision:
            raise Rejected(
                "stale_revision",
                f"you reviewed revision {change.base_revision} but the survey is at "
                f"revision {survey.revision}; pull and review again",
                "base_revision",
            )
        # Returning an approved survey is how a coordinator unlocks it for a correction.
        reviewable = [SurveyStatus.FINALIZED]
        if change.op == p.OP_RETURN:
            reviewable.append(SurveyStatus.APPROVED)
        if survey.status not in reviewable:
            raise Rejected(
                "not_finalized",
                f"the survey is {survey.status}, not finalized",
                "payload.survey_id",
            )
        survey.status = (
            SurveyStatus.APPROVED if change.op == p.OP_APPROVE else SurveyStatus.RETURNED
        )
        survey.review_comment = payload.comment
        survey.updated_at = self.now_iso
        self.new_revision(survey, change, is_new=False, echo=True)
        self.reviews.append(
            Review(
                survey_id=survey.id,
                revision=survey.revision,
                decision=change.op,
                comment=payload.comment,
                reviewer=self.actor.user,
                device=self.actor.device,
            )
        )
        review_entry = FeedEntry(
            kind="review",
            object_id=change.entity_id,
            establishment_id=survey.establishment_id,
            region=survey.establishment.region,
            data={
                "survey_id": survey.id,
                "decision": change.op,
                "comment": payload.comment,
                "revision": survey.revision,
                "reviewer": self.actor.user.username,
            },
        )
        self.feed.append(tag_echo(review_entry, self.actor.device.id))
        return self.result(change, p.APPLIED, survey, [])

    def apply_assignment(self, change: p.ChangeIn, payload: p.AssignmentPayload) -> dict[str, Any]:
        self.require_coordinator()
        if change.op not in (p.OP_ASSIGN, p.OP_UNASSIGN):
            raise Rejected(
                "unknown_op", f"an assignment is 'assign' or 'unassign', not '{change.op}'", "op"
            )
        est = self.establishment_in_scope(payload.establishment_id)
        agent = User.objects.filter(username=payload.username).first()
        if agent is None:
            raise Rejected("unknown_user", f"no user named {payload.username}", "payload.username")
        if agent.role != Role.AGENT:
            raise Rejected(
                "not_an_agent", f"{agent.username} is not a field agent", "payload.username"
            )
        if change.op == p.OP_ASSIGN:
            registry_actions.assign(est, agent, by=self.actor.user, feed=self.feed)
        else:
            registry_actions.unassign(est, agent, feed=self.feed)
        return self.result(change, p.APPLIED, None, [])

    def result(
        self,
        change: p.ChangeIn,
        outcome: str,
        survey: Survey | None,
        conflicts: list[dict[str, Any]],
        *,
        sent: bool = False,
    ) -> dict[str, Any]:
        """`sent`: the server's copy is the client's snapshot (answers and status), so the
        survey is left out of the result."""
        return {
            "id": change.id,
            "status": outcome,
            "revision": survey.revision if survey is not None else None,
            "survey": survey_state(survey) if survey is not None and not sent else None,
            "conflicts": conflicts,
            "error": None,
        }

    def decide(self, change: p.ChangeIn, payload: BaseModel | Rejected) -> dict[str, Any]:
        try:
            if isinstance(payload, Rejected):
                raise payload
            if isinstance(payload, p.SurveyPayload):
                if change.op != p.OP_SAVE:
                    raise Rejected(
                        "unknown_op", f"a survey change is 'save', not '{change.op}'", "op"
                    )
                return self.apply_save(change, payload)
            if isinstance(payload, p.ReviewPayload):
                return self.apply_review(change, payload)
            if isinstance(payload, p.AssignmentPayload):
                return self.apply_assignment(change, payload)
            raise Rejected("unknown_entity", f"unknown entity '{change.entity}'", "entity")
        except Rejected as exc:
            return rejected_result(change.id, exc.code, exc.message, exc.field)

    # ---- running -------------------------------------------------------------------------

    def run(self) -> list[dict[str, Any]]:
        self.now_iso = timezone.now().isoformat(timespec="milliseconds")
        ids = [c.id for c in self.changes]
        prior = {a.id: a for a in AppliedChange.objects.filter(id__in=ids)}
        parsed = [self._parsed(c) for c in self.changes]
        self.load(parsed)
        # One number, one change id per device: another id under a number already used is a
        # copy of the profile on another machine (`device_forked`, not recorded: once the copy
        # enrolls as a new device the same change goes through and merges like another's).
        numbers = {c.device_seq for c in self.changes if c.device_seq}
        taken: dict[int, str] = {}
        if numbers:
            taken = dict(
                AppliedChange.objects.filter(
                    device=self.actor.device, device_seq__in=numbers
                ).values_list("device_seq", "id")
            )
        results: list[dict[str, Any]] = []
        seen: dict[str, tuple[str, dict[str, Any]]] = {}
        for change, payload in zip(self.changes, parsed, strict=True):
            digest = content_hash(change)
            first = seen.get(change.id)
            if first is None and change.id in prior:
                first = (prior[change.id].content_hash, prior[change.id].result)
            if first is not None:
                if first[0] == digest:
                    results.append(first[1])
                else:
                    results.append(
                        rejected_result(
                            change.id,
                            p.ERR_ID_REUSE,
                            "this change id was already used for different content",
                            "id",
                        )
                    )
                continue
            if change.device_seq and taken.setdefault(change.device_seq, change.id) != change.id:
                results.append(
                    rejected_result(
                        change.id,
                        p.ERR_DEVICE_FORKED,
                        "another change already came with this device number: this profile "
                        "was copied to another machine; enroll this copy as a new device",
                        "device_seq",
                    )
                )
                continue
            result = self.decide(change, payload)
            seen[change.id] = (digest, result)
            self.applied.append(
                AppliedChange(
                    id=change.id,
                    device=self.actor.device,
                    user=self.actor.user,
                    entity=change.entity[:40],
                    content_hash=digest,
                    result=result,
                    device_seq=change.device_seq,
                )
            )
            results.append(result)
        self.flush()
        return results

    def flush(self) -> None:
        for survey in (*self.new_surveys.values(), *self.dirty_surveys.values()):
            survey.answers = self.encoded[survey.id]  # the text its last revision stores
        copy_insert(Survey, list(self.new_surveys.values()), SURVEY_COLUMNS)
        if self.dirty_surveys:
            Survey.objects.bulk_update(
                self.dirty_surveys.values(),
                ["form", "status", "answers", "revision", "review_comment", "author",
                 "updated_at", "received_at", "device", "user"],
            )  # fmt: skip
        if self.revisions and connection.vendor == "postgresql":
            # The feed entries name their revision: its id is taken before the COPY.
            ids = reserve_ids(SurveyRevision, len(self.revisions))
            for revision, revision_id in zip(self.revisions, ids, strict=True):
                revision.id = revision_id
        copy_insert(SurveyRevision, self.revisions, REVISION_COLUMNS)
        Conflict.objects.bulk_create(self.conflicts)
        Review.objects.bulk_create(self.reviews)
        for survey_id, revision in self.resolved:
            self.close_conflicts(survey_id, revision)
        copy_insert(AppliedChange, self.applied, APPLIED_COLUMNS)
        publish(self.feed)  # last: the feed lock is held until COMMIT


def closed_conflict_entry(survey: Survey, revision: int, question: str) -> FeedEntry:
    """The feed entry telling every device holding a conflict that a person decided it (v2:
    they close their copy; v1 devices never see it, server.api.v1.pull). `value` is the
    survey's answer once decided."""
    answers = survey.answers
    if isinstance(answers, JSONText):  # encoded once for the rows of this push
        answers = json.loads(answers)
    return FeedEntry(
        kind="conflict",
        object_id=f"{survey.id}:{revision}:closed"[:64],
        establishment_id=survey.establishment_id,
        region=survey.establishment.region,
        data={
            "survey_id": survey.id,
            "revision": revision,
            "question": question,
            "resolved": True,
            "value": answers.get(question),
        },
    )


def apply_push(actor: Actor, changes: list[p.ChangeIn]) -> list[dict[str, Any]]:
    """Apply a pushed batch; one result per change, in order."""
    for _ in range(BATCH_ATTEMPTS):
        try:
            with transaction.atomic():
                return Batch(actor, changes).run()
        except IntegrityError as exc:
            # A concurrent push inserted the same survey or change id: read again.
            log.info("push batch lost a race, retrying: %s", exc)
            continue
        except (DataError, UnicodeError):
            break  # one change carries something the database refuses: find which, below
    # Last resort: each change on its own, so one bad change cannot hold back the others.
    results = []
    for change in changes:
        results.append(_apply_one(actor, change))
    return results


def _apply_one(actor: Actor, change: p.ChangeIn) -> dict[str, Any]:
    for _ in range(BATCH_ATTEMPTS):
        try:
            with transaction.atomic():
                return Batch(actor, [change]).run()[0]
        except IntegrityError as exc:
            log.warning("change %s lost a race, retrying: %s", change.id, exc)
            continue
        except (DataError, UnicodeError) as exc:
            # The database's own words stay in the server log: they describe the schema.
            log.warning("change %s refused by the database: %s", change.id, exc)
            return rejected_result(
                change.id, p.ERR_INVALID_DATA, "the server could not store this change"
            )
    log.warning("change %s kept losing races; asking the client to retry", change.id)
    return rejected_result(change.id, "busy", "the server was busy with the same records; retry")
