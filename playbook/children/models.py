"""The child (the case), the school team, and the IEP with its services, goals and
accommodations."""

from __future__ import annotations

import functools
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connections, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from playbook.accounts.access import for_user
from playbook.accounts.models import AccessEvent, Household, Membership, Role, User
from playbook.days_in_reach import in_reach

from .computed import child_path, records_changed
from .uploads import document_suffix

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
    "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}  # fmt: skip


# The names a Spanish reader knows otherwise; the rest are written alike in both.
STATE_NAMES = {
    "DC": _("District of Columbia"),
    "HI": _("Hawaii"),
    "LA": _("Louisiana"),
    "MI": _("Michigan"),
    "NH": _("New Hampshire"),
    "NJ": _("New Jersey"),
    "NM": _("New Mexico"),
    "NY": _("New York"),
    "NC": _("North Carolina"),
    "ND": _("North Dakota"),
    "OR": _("Oregon"),
    "PA": _("Pennsylvania"),
    "SC": _("South Carolina"),
    "SD": _("South Dakota"),
    "WV": _("West Virginia"),
    "VI": _("U.S. Virgin Islands"),
    "AS": _("American Samoa"),
    "MP": _("Northern Mariana Islands"),
}


def state_name(code: str) -> str:
    """The state's name in the reader's language: STATE_NAMES where a Spanish reader knows
    it otherwise, else as US_STATES writes it (the code for one it does not know)."""
    return str(STATE_NAMES.get(code, US_STATES.get(code, code)))


# A first guess at the state from the family's time zone: the state of the place the zone
# is named after. Only a default on the child form, shown and changeable; the parent's
# choice is what counts.
ZONE_STATES = {
    "America/New_York": "NY", "America/Detroit": "MI", "America/Chicago": "IL",
    "America/Denver": "CO", "America/Phoenix": "AZ", "America/Los_Angeles": "CA",
    "America/Boise": "ID", "America/Anchorage": "AK", "America/Juneau": "AK",
    "America/Sitka": "AK", "America/Nome": "AK", "America/Yakutat": "AK",
    "America/Metlakatla": "AK", "America/Adak": "AK", "Pacific/Honolulu": "HI",
    "America/Menominee": "MI", "America/Puerto_Rico": "PR", "America/St_Thomas": "VI",
    "Pacific/Guam": "GU", "Pacific/Pago_Pago": "AS", "Pacific/Saipan": "MP",
}  # fmt: skip
ZONE_PREFIX_STATES = {
    "America/Indiana/": "IN", "America/Kentucky/": "KY", "America/North_Dakota/": "ND",
}  # fmt: skip


def state_for_zone(zone: str) -> str:
    """The state a time zone suggests, or "" when it suggests none (outside the US)."""
    if zone in ZONE_STATES:
        return ZONE_STATES[zone]
    return next((st for prefix, st in ZONE_PREFIX_STATES.items() if zone.startswith(prefix)), "")


def default_state(household: Household) -> str:
    """The state to start a new child's form with: a brother's or sister's, else the one
    the family's time zone suggests."""
    sibling = (
        Child.objects.filter(household=household).order_by("-created_at").values("state").first()
    )
    return sibling["state"] if sibling else state_for_zone(household.time_zone)


class Grade(models.TextChoices):
    # Shown in the reader's language (issue 19); an English letter renders them in English.
    PK = "PK", _("Preschool")
    K = "K", _("Kindergarten")
    G1 = "1", _("Grade 1")
    G2 = "2", _("Grade 2")
    G3 = "3", _("Grade 3")
    G4 = "4", _("Grade 4")
    G5 = "5", _("Grade 5")
    G6 = "6", _("Grade 6")
    G7 = "7", _("Grade 7")
    G8 = "8", _("Grade 8")
    G9 = "9", _("Grade 9")
    G10 = "10", _("Grade 10")
    G11 = "11", _("Grade 11")
    G12 = "12", _("Grade 12")
    POST = "post", _("Post-secondary / transition (18-21)")


# A deleted child can be restored by the family's owner for this long; then it is purged.
RESTORABLE_FOR = timedelta(days=30)

DELETED, RESTORED = AccessEvent.Action.DELETED, AccessEvent.Action.RESTORED


class TooLateToRestore(Exception):
    """The deleted child's restore window has closed; the message says so in plain words."""


class LiveChildren(models.Manager):
    """The children no owner has deleted: what pages, the API, digests and backups see."""

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)

    def get_for_member(self, user_id: int, pk: object) -> Child:
        """The child with this id if the user is a member of its household, with the
        household (its name and time zone) and the member's role as ``viewer_role``:
        ``accounts.access.get_for_user``'s scoping, in one hand-written query.

        Every request that reaches a child starts here, 304s included. Through the ORM
        this one query cost about 0.4 ms to build and compile, and through ``raw()``
        0.11 ms to set up, where a repeat view's whole budget over the bare page is about
        0.3 ms; this costs 0.03 ms (decision 0071). The SQL is written out from the
        models' own table and column names, and each value goes through the converters
        the ORM would apply; tests/children/test_member_lookup.py holds it to the ORM's
        scoping case by case. Raises Child.DoesNotExist for an id that is unknown,
        deleted, someone else's or not an id at all."""
        connection = connections[self.db]
        try:
            value = Child._meta.pk.get_db_prep_value(pk, connection)
        except (ValidationError, ValueError, TypeError) as exc:
            raise Child.DoesNotExist from exc
        lookup = _member_lookup(self.db)
        with connection.cursor() as cursor:
            cursor.execute(lookup.sql, [value, user_id])
            row = cursor.fetchone()
        if row is None:
            raise Child.DoesNotExist
        values = list(row[: len(lookup.fields)])
        for at, (field, converters) in enumerate(
            zip(lookup.fields, lookup.converters, strict=True)
        ):
            for convert in converters:
                values[at] = convert(values[at], field, connection)
        child = Child.from_db(self.db, [field.attname for field in lookup.fields], values)
        child.viewer_role, child.household_time_zone, household_name = row[len(lookup.fields) :]
        household = Household.from_db(
            self.db, ["id", "name", "time_zone"],
            [child.household_id, household_name, child.household_time_zone],
        )  # fmt: skip
        Child.household.field.set_cached_value(child, household)
        return child


class _MemberLookup(NamedTuple):
    sql: str
    fields: list
    converters: list  # per field, what the ORM's compiler applies to the database's value


@functools.cache
def _member_lookup(alias: str) -> _MemberLookup:
    """The one query of ``LiveChildren.get_for_member`` for one database connection, and
    the converters of its columns (the backend's and the field's own, as the ORM finds
    them): worked out once, from the models."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    child, member, home = Child._meta, Membership._meta, Household._meta

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    fields = list(child.concrete_fields)
    converters = [
        connection.ops.get_db_converters(field.get_col(child.db_table))
        + field.get_db_converters(connection)
        for field in fields
    ]
    columns = ", ".join(f"c.{quote(field.column)}" for field in fields)
    household = column(child, "household")
    sql = (
        f"SELECT {columns}, m.{column(member, 'role')}, h.{column(home, 'time_zone')}, "
        f"h.{column(home, 'name')} "
        f"FROM {quote(child.db_table)} c "
        f"INNER JOIN {quote(member.db_table)} m ON m.{column(member, 'household')} = c.{household} "
        f"INNER JOIN {quote(home.db_table)} h ON h.{column(home, 'id')} = c.{household} "
        f"WHERE c.{column(child, 'id')} = %s AND m.{column(member, 'user')} = %s "
        f"AND c.{column(child, 'deleted_at')} IS NULL"
    )
    return _MemberLookup(sql, fields, converters)


class Child(models.Model):
    household_path = "household"
    path_param = "child_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, models.CASCADE, related_name="children")
    name = models.CharField(max_length=150)
    # Optional since issue 17: the grade is enough to start; the rules that count from a
    # birthday (transition at 16, the age of majority, the third birthday) say "add the
    # birth date" until it is given.
    birth_date = models.DateField(null=True, blank=True, validators=[in_reach])
    grade = models.CharField(max_length=4, choices=Grade.choices)
    school = models.CharField(max_length=200, blank=True)
    # For the inside address of a printed letter.
    school_address = models.TextField(max_length=300, blank=True)
    district = models.CharField(max_length=200, blank=True)
    state = models.CharField(
        max_length=2,
        choices=sorted(US_STATES.items()),
        validators=[RegexValidator(r"^[A-Z]{2}$", "Use the two-letter state code, like CA.")],
    )
    disability_categories = models.CharField(max_length=300, blank=True)
    school_year_start_month = models.PositiveSmallIntegerField(
        default=8, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    # Federal holidays (by name) the district teaches on: school days for school-day clocks.
    holidays_in_session = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # One more with every change to the child's records, in the same transaction
    # (playbook.children.computed); pages and API reads answer 304 while it stays.
    records_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = LiveChildren()

    class Meta:
        ordering = ["name", "created_at"]
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Only records_changed moves the version: a save of an instance read earlier must
        # not put back the number it was read with (a later change would then repeat it).
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "records_version"
            ]
        super().save(*args, **kwargs)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else self.name

    @property
    def school_year_start_name(self) -> str:
        from django.utils.dates import MONTHS  # in the reader's language

        return str(MONTHS[self.school_year_start_month])

    def age_on(self, day: date) -> int | None:
        """Age in whole years on ``day``; None while the birth date is not given."""
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years

    def current_iep(self) -> IEP | None:
        """The IEP in effect: the one that started most recently. One query, none when the
        IEPs were prefetched (a page that reads them several times prefetches them once)."""
        if "ieps" in getattr(self, "_prefetched_objects_cache", {}):
            return max(self.ieps.all(), key=lambda i: (i.start_date, i.created_at), default=None)
        return self.ieps.order_by("-start_date", "-created_at").first()

    @property
    def shown_state(self) -> str:
        """The state's name in the reader's language; get_state_display() stays English
        (the English letters and the API read it)."""
        return state_name(self.state)

    def zone(self) -> ZoneInfo:
        """The household's time zone. for_user / get_for_user annotate it
        (``household_time_zone``), which saves fetching the household."""
        name = getattr(self, "household_time_zone", None)
        return ZoneInfo(name) if name else self.household.zone()

    def today(self) -> date:
        """Today where the family lives."""
        return self.day_of(timezone.now())

    def day_of(self, moment: datetime) -> date:
        """The date ``moment`` falls on where the family lives."""
        return timezone.localdate(moment, self.zone())

    def moment(self, day: date) -> datetime:
        """A timestamp for something that happened on ``day``: now if it is today, else noon
        there. In UTC, because the trail hashes the timestamp as written and the database
        gives it back in UTC."""
        zone = self.zone()
        now = timezone.localtime(timezone=zone)
        moment = now if day == now.date() else datetime.combine(day, time(12, 0), tzinfo=zone)
        return moment.astimezone(UTC)

    def restorable_until(self, deleted_at: datetime) -> date:
        """The last day (the family's) on which a deletion made at ``deleted_at`` can be
        undone."""
        return self.day_of(deleted_at + RESTORABLE_FOR)

    def delete_by(self, user: User, *, via_api: bool = False) -> None:
        """The owner's deletion: the child and every record about them disappear for every
        member at once, and the access log says who did it. Nothing is removed yet: an
        owner can restore it all (DeletedChild.restore_by) until ``restorable_until``; the
        purge (``playbook purge-deleted``, run by ``playbook remind``) removes it after."""
        _require_owner(user, self, "delete a child's records")
        with transaction.atomic():
            self.deleted_at = timezone.now()
            self.deleted_by = user
            self.save(update_fields=["deleted_at", "deleted_by"])
            _log(self, user, DELETED, via_api=via_api)


class DeletedChildQuerySet(models.QuerySet):
    def restorable_by(self, user: User, now: datetime) -> list[DeletedChild]:
        """The deleted children this user can restore: in households they own, and still
        within the restore window."""
        owned = (
            for_user(user, DeletedChild, self)
            .filter(household__memberships__user=user, household__memberships__role=Role.OWNER)
            .select_related("household", "deleted_by")
        )
        # Two days' margin: the window ends with the family's day, whatever its time zone.
        recent = owned.filter(deleted_at__gte=now - RESTORABLE_FOR - timedelta(days=2))
        return [child for child in recent if child.can_be_restored(now)]

    def purge_expired(self, now: datetime) -> int:
        """Remove for good, files included, every deleted child whose restore window has
        closed; returns how many. Safe to run on several hosts at once."""
        candidates = self.filter(deleted_at__lt=now - RESTORABLE_FOR).select_related("household")
        expired = [child for child in candidates if not child.can_be_restored(now)]
        for child in expired:
            child.purge()
        return len(expired)


class DeletedChildren(models.Manager.from_queryset(DeletedChildQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> DeletedChildQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=False)


class DeletedChild(Child):
    """A child an owner deleted: hidden everywhere (accounts.access leaves out the child and
    everything recorded about them) but the owner's list of recently deleted children.

    A proxy, so its id can be named in a path (``deleted_child_id``) and checked like any
    other, and so a household backup carries deleted children too, still deleted.
    """

    path_param = "deleted_child_id"  # "child_id" (like every lookup) leaves deleted ones out
    objects = DeletedChildren()

    class Meta:
        proxy = True
        verbose_name_plural = "deleted children"

    @property
    def deleted_on(self) -> date:
        return self.day_of(self.deleted_at)  # type: ignore[arg-type]

    @property
    def restore_deadline(self) -> date:
        return self.restorable_until(self.deleted_at)  # type: ignore[arg-type]

    def can_be_restored(self, now: datetime) -> bool:
        return self.day_of(now) <= self.restore_deadline

    def restore_by(self, user: User, *, via_api: bool = False) -> None:
        """Bring the child back, every record as it was (nothing was changed or removed)."""
        _require_owner(user, self, "restore a deleted child")
        if not self.can_be_restored(timezone.now()):
            raise TooLateToRestore(
                gettext(
                    "%(name)s was deleted more than %(days)s days ago and is being removed for "
                    "good, so it can no longer be restored here. If you kept a backup, restore "
                    "it from there."
                )
                % {"name": self.name, "days": RESTORABLE_FOR.days}
            )
        with transaction.atomic():
            self.deleted_at = None
            self.deleted_by = None
            self.save(update_fields=["deleted_at", "deleted_by"])
            _log(self, user, RESTORED, via_api=via_api)
            # Saved as a DeletedChild, which computed's Child signals do not hear.
            records_changed(self.pk)

    def purge(self) -> None:
        """Delete the child and every record about them, then their files once that is
        committed (a rolled-back purge must not lose files)."""
        with transaction.atomic():
            files = _stored_files(self)
            # Still deleted: an owner may have restored the child since it was listed.
            removed, _ = Child._base_manager.filter(pk=self.pk, deleted_at__isnull=False).delete()
            if removed:
                transaction.on_commit(lambda: _delete_files(files))


def _require_owner(user: User, child: Child, doing: str) -> None:
    is_owner = Membership.objects.filter(
        user=user, household_id=child.household_id, role=Role.OWNER
    ).exists()
    if not is_owner:
        raise PermissionDenied(f"Only the family's owner can {doing}.")


def _log(child: Child, user: User, action: str, *, via_api: bool) -> None:
    AccessEvent.objects.create(
        household_id=child.household_id,
        child=child,
        user=user,
        action=action,
        what=f"{child.name}'s records"[:100],
        via_api=via_api,
    )


def _stored_files(child: Child) -> list[FieldFile]:
    """Every uploaded file the child's records point at (IEPs, trail attachments, evidence,
    binders)."""
    files = []
    for model in apps.get_models():
        path = child_path(model)
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not path or not names or model._meta.proxy:
            continue
        for record in model._base_manager.filter(**{path: child.pk}).only(*names):
            files.extend(getattr(record, name) for name in names if getattr(record, name))
    return files


def _delete_files(files: list[FieldFile]) -> None:
    for field_file in files:
        field_file.storage.delete(field_file.name)


class SchoolBreak(models.Model):
    """A stretch with no school (winter break, spring break, summer)."""

    household_path = "child__household"
    path_param = "break_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="breaks")
    name = models.CharField(max_length=100)
    start = models.DateField(validators=[in_reach])
    end = models.DateField(validators=[in_reach])

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="children_break_end_after_start",
            )
        ]


class TeamRole(models.TextChoices):
    GENERAL_ED_TEACHER = "general_ed_teacher", "General education teacher"
    SPECIAL_ED_TEACHER = "special_ed_teacher", "Special education teacher"
    THERAPIST = "therapist", "Therapist or related-service provider"
    CASE_MANAGER = "case_manager", "Case manager"
    SCHOOL_PSYCHOLOGIST = "school_psychologist", "School psychologist"
    SPECIAL_ED_SUPERVISOR = "special_ed_supervisor", "Special education supervisor"
    DIRECTOR_SPECIAL_SERVICES = "director_special_services", "Director of special services"
    ASSISTANT_SUPERINTENDENT = "assistant_superintendent", "Assistant superintendent"
    SUPERINTENDENT = "superintendent", "Superintendent"
    PRINCIPAL = "principal", "Principal"
    OTHER = "other", "Other"


class TeamQuerySet(models.QuerySet):
    def current(self) -> TeamQuerySet:
        """The people still on the team (a removed member stays if records name them)."""
        return self.filter(left_on__isnull=True)


class TeamMember(models.Model):
    """A person on the school side."""

    household_path = "child__household"
    path_param = ("team_member_id", "member_id")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="team")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=40, choices=TeamRole.choices)
    discipline = models.CharField(
        max_length=100, blank=True, help_text="For a therapist: speech, OT, PT, counseling..."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    left_on = models.DateField(
        null=True,
        blank=True,
        help_text="Taken off the team on this day; kept for the records.",
        validators=[in_reach],
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role_label})"

    def is_named_in_records(self) -> bool:
        """Whether anything else (a trail entry, an ask, a meeting...) points at this person.

        Such a member is never deleted: the trail's hash covers who each entry was with.
        """
        for relation in self._meta.get_fields(include_hidden=True):
            if not relation.auto_created or relation.concrete:
                continue
            if not (relation.one_to_many or relation.many_to_many):
                continue
            related = relation.related_model._base_manager
            if related.filter(**{relation.field.name: self}).exists():
                return True
        return False

    def take_off_team(self, day: date) -> bool:
        """Remove from the team; returns True if deleted, False if kept as a former member."""
        if self.is_named_in_records():
            self.left_on = day
            self.save(update_fields=["left_on"])
            return False
        self.delete()
        return True

    def back_on_team(self) -> None:
        """A former member is on the team again (the page's "Back on the team" and the API's
        ``team/{id}/restore``)."""
        if self.left_on is not None:
            self.left_on = None
            self.save(update_fields=["left_on"])

    @property
    def role_label(self) -> str:
        label = TeamRole(self.role).label if self.role in TeamRole.values else self.role
        if self.role == TeamRole.THERAPIST and self.discipline:
            return f"{self.discipline} therapist"
        return label


def iep_upload_to(instance: IEP, filename: str) -> str:
    # The stored name is random: the parent's own file name is kept in file_name.
    return f"ieps/{instance.child_id}/{uuid.uuid4().hex}{document_suffix(filename)}"


class IEP(models.Model):
    household_path = "child__household"
    path_param = "iep_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="ieps")
    meeting_date = models.DateField(null=True, blank=True, validators=[in_reach])
    start_date = models.DateField(validators=[in_reach])
    end_date = models.DateField(
        help_text="The annual review is due by this date.", validators=[in_reach]
    )
    last_evaluation_date = models.DateField(null=True, blank=True, validators=[in_reach])
    reevaluation_due = models.DateField(null=True, blank=True, validators=[in_reach])
    placement = models.CharField(max_length=300, blank=True)
    progress_reporting = models.CharField(max_length=300, blank=True)
    parent_concerns_text = models.TextField(blank=True)
    file = models.FileField(upload_to=iep_upload_to, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-created_at"]
        verbose_name = "IEP"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="children_iep_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"IEP {self.start_date} to {self.end_date}"

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = gettext("The end date must be after the start date.")
        last, due = self.last_evaluation_date, self.reevaluation_due
        if last and due and due <= last:
            errors["reevaluation_due"] = gettext(
                "The reevaluation is due after the last evaluation date."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def reevaluation_cycle(self):
        """Three years (§ 300.303(b)(2)), or the state's shorter cycle for the child."""
        from .reevaluation import cycle_for

        return cycle_for(self.child.state, self.child.disability_categories)

    @property
    def reevaluation_due_or_derived(self) -> date | None:
        """The date the parent entered, else the reevaluation cycle after the last
        evaluation."""
        if self.reevaluation_due:
            return self.reevaluation_due
        if self.last_evaluation_date:
            last, years = self.last_evaluation_date, self.reevaluation_cycle.years
            try:
                return last.replace(year=last.year + years)
            except ValueError:  # 29 February
                return last.replace(year=last.year + years, day=28)
        return None


class Per(models.TextChoices):
    DAY = "day", "per day"
    WEEK = "week", "per week"
    MONTH = "month", "per month"


class Service(models.Model):
    """A service the IEP promises: ``minutes`` in all, each ``per`` period."""

    household_path = "iep__child__household"
    path_param = "service_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    iep = models.ForeignKey(IEP, models.CASCADE, related_name="services")
    service = models.CharField(max_length=150)
    minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    per = models.CharField(max_length=5, choices=Per.choices)
    sessions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many sessions make up those minutes, if stated."
    )
    setting = models.CharField(max_length=150, blank=True)
    provider_role = models.CharField(max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "service"]

    def __str__(self) -> str:
        return f"{self.service}: {self.minutes} minutes {Per(self.per).label}"


class Goal(models.Model):
    household_path = "iep__child__household"
    path_param = "goal_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    iep = models.ForeignKey(IEP, models.CASCADE, related_name="goals")
    text = models.TextField()
    area = models.CharField(max_length=100, blank=True)
    # Where the child started, in the IEP's words ("62 words per minute"): the progress
    # chart's first point (issue 16).
    baseline = models.CharField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class Accommodation(models.Model):
    household_path = "iep__child__household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    iep = models.ForeignKey(IEP, models.CASCADE, related_name="accommodations")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text
