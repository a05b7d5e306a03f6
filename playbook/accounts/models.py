"""Accounts, households and who may see which children."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import date
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in with an email address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField("your name", max_length=150, blank=True)
    # The parent's contact details as they choose to give them; every letter carries them.
    phone = models.CharField("phone", max_length=40, blank=True)
    postal_address = models.TextField("postal address", max_length=300, blank=True)
    # When the owner of the address opened the link we emailed to it; cleared when the
    # address changes. Until then the account cannot accept an invitation (accounts.invites)
    # nor, where email is really sent, reach family records (accounts.verification).
    email_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Each person reads the app in their own language; two parents of a household may differ.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.email

    def natural_key(self) -> tuple[str]:
        return (self.email,)

    def save(self, *args, **kwargs) -> None:
        # Every way of setting a password (the account page, a reset, `changepassword`)
        # calls set_password(), which keeps the new one in _password until this save;
        # a stronger hash made at log-in clears it first, as it is not a new password.
        update_fields = kwargs.get("update_fields")
        new_password = (
            self._password is not None
            and self.pk is not None
            and (update_fields is None or "password" in update_fields)
        )
        super().save(*args, **kwargs)
        if new_password:
            self.revoke_api_tokens()

    def revoke_api_tokens(self) -> None:
        """End every API token of the account: whoever held one must sign in again."""
        self.api_tokens.all().delete()

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def signature_name(self) -> str:
        """The name a letter is signed with."""
        return self.display_name or self.get_full_name() or self.email

    @property
    def letter_name(self) -> str:
        """The parent's own name, or "" when none was given: a letter is never signed with
        an email address."""
        return (self.display_name or self.get_full_name()).strip()


class Household(models.Model):
    path_param = "household_id"
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=150)
    time_zone = models.CharField(max_length=64, default="America/New_York")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name

    # Every default, letter, file name and log line uses the family's date, never the
    # server's: these two (and the same on Child) are the one place it is worked out.
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def today(self) -> date:
        """Today where the family lives."""
        return timezone.localdate(timezone=self.zone())

    def set_time_zone(self, name: str) -> None:
        """The one write of the family's time zone (the household page and the API both
        call it). Only an IANA zone name is taken, like America/Chicago."""
        name = (name or "").strip()
        if not is_time_zone(name):
            raise ValidationError(
                {
                    "time_zone": f"“{name[:64]}” is not a time zone we know. Choose one "
                    "from the list, like America/Chicago."
                }
            )
        self.time_zone = name
        self.save(update_fields=["time_zone"])


def time_zone_names() -> list[str]:
    """The IANA zones a family can choose (the old aliases like US/Eastern are left out)."""
    return sorted(
        z
        for z in available_timezones()
        if "/" in z and not z.startswith(("Etc/", "SystemV/", "US/"))
    )


def is_time_zone(name: str) -> bool:
    return bool(name) and len(name) <= 64 and name in available_timezones()


# The latest date it is anywhere (UTC+14): with no family at hand, a date after this one is
# in the future for every family, and no family's today is refused.
LATEST_ZONE = ZoneInfo("Pacific/Kiritimati")


def latest_today() -> date:
    return timezone.localdate(timezone=LATEST_ZONE)


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    PARENT = "parent", "Parent (can edit)"
    ADVOCATE_EDIT = "advocate_edit", "Advocate (can edit)"
    ADVOCATE_READ = "advocate_read", "Advocate (read only)"


# The roles as pages and invitations name them, in the reader's language (Role's labels
# stay English underneath, as the other label maps of decision 0041).
ROLE_WORDS = {
    Role.OWNER: gettext_noop("Owner"),
    Role.PARENT: gettext_noop("Parent (can edit)"),
    Role.ADVOCATE_EDIT: gettext_noop("Advocate (can edit)"),
    Role.ADVOCATE_READ: gettext_noop("Advocate (read only)"),
}

WRITE_ROLES = {Role.OWNER, Role.PARENT, Role.ADVOCATE_EDIT}
INVITABLE_ROLES = [Role.PARENT, Role.ADVOCATE_EDIT, Role.ADVOCATE_READ]


class Membership(models.Model):
    household_path = "household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["household", "user"], name="accounts_membership_no_duplicates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.household} ({self.role})"

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES


def _invite_token() -> str:
    return secrets.token_urlsafe(32)


class Invite(models.Model):
    """An emailed link that makes its taker a member of the household."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, models.CASCADE, related_name="invites")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_invite_token, editable=False)
    invited_by = models.ForeignKey(User, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="API token")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def digest(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str = "API token") -> tuple[ApiToken, str]:
        """Create a token; returns it with the raw key, which is shown once."""
        raw = "pb_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=cls.digest(raw))
        return token, raw

    @classmethod
    def user_for(cls, raw: str) -> User | None:
        token = cls.objects.select_related("user").filter(key_hash=cls.digest(raw)).first()
        if token is None or not token.user.is_active:
            return None
        return token.user


class RateCount(models.Model):
    """How many API requests one account (or address) made in one counting window, when
    the shared cache is the database table: its own increment is a read then a write, so
    requests arriving together all saw room left (playbook.accounts.rates)."""

    key = models.CharField(max_length=200, primary_key=True)  # who, and which window
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [
            # The sweep of windows that have ended (rates.count_request).
            models.Index(fields=["expires_at"], name="accounts_ratecount_expiry")
        ]


class AccessEvent(models.Model):
    """Who opened or exported which child's data, and when: the household owner can read it.

    Every read of a child's records (a page or an API route) is an opening of one *area*
    of them (the timeline, the asks, the IEPs...), listed once per person, child and area
    in any five minutes (``window``); every download or export is listed each time
    (playbook.accounts.access_log)."""

    household_path = "household"

    class Action(models.TextChoices):
        OPENED = "opened", "Opened"
        EXPORTED = "exported", "Exported or downloaded"
        DELETED = "deleted", "Deleted"
        RESTORED = "restored", "Restored"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, models.CASCADE, related_name="access_events")
    child = models.ForeignKey(
        "children.Child", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(User, models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    area = models.CharField(max_length=20, blank=True)  # "" in rows from before areas
    what = models.CharField(max_length=100)
    via_api = models.BooleanField(default=False)
    at = models.DateTimeField(default=timezone.now)
    # Which five minutes ``at`` fell in (Unix time // 300). None in rows from before windows.
    window = models.BigIntegerField(null=True, blank=True)

    WINDOW_SECONDS = 5 * 60

    class Meta:
        ordering = ["-at"]
        indexes = [
            # The owner's access log page: newest first for one household.
            models.Index(fields=["household", "-at"], name="accounts_access_by_household")
        ]
        constraints = [
            # One "opened" row per person, child and area in any five minutes, however many
            # app processes serve the reads: the access log's INSERT skips a second one.
            models.UniqueConstraint(
                fields=["user", "child", "area", "window"],
                condition=models.Q(action="opened"),
                name="accounts_access_opened_once_per_window",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.what} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def shown_what(self) -> str:
        """``what`` in the reader's language: the log keeps the English words (access_log's
        AREAS and EXPORTS, marked for translation) and the page translates them."""
        from django.utils.translation import gettext

        records = "'s records"
        if self.what.endswith(records):
            return gettext("%(name)s's records") % {"name": self.what.removesuffix(records)}
        return gettext(self.what)

    @classmethod
    def window_of(cls, at) -> int:
        return int(at.timestamp()) // cls.WINDOW_SECONDS
