"""Public identity of a post author: the name readers see and the stable slug of their archive page."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify


class NameStyle(models.TextChoices):
    INITIAL = "initial", "First name and last initial (Ana P.)"
    FULL = "full", "Full name (Ana Petrova)"


FORMER_STUDENT = "Former student"


def public_name(user, style=NameStyle.INITIAL):
    """How readers see a course member: never an email or username; the course chooses how much of the name.
    A deleted account, or one whose name was erased on request (roster/removal.py), is a former student."""
    if user is None:
        return FORMER_STUDENT
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last:
        return f"{first} {last}" if style == NameStyle.FULL else f"{first} {last[0]}."
    return first or last or ("Student" if user.is_active else FORMER_STUDENT)


class AuthorProfile(models.Model):
    """One per author, created with their first post. The slug is fixed at creation so links never break."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="author_profile")
    slug = models.SlugField(max_length=80, unique=True)
    section = models.CharField(max_length=50, blank=True, help_text="The class section, from the roster.")
    email_on_comments = models.BooleanField(default=True, verbose_name="Email me when someone comments on my posts")

    class Meta:
        verbose_name = "author profile"

    def __str__(self):
        return self.slug

    @classmethod
    def for_user(cls, user):
        try:
            return user.author_profile
        except cls.DoesNotExist:
            pass
        # Never more than the shortest form of the name, and room for "-999" in the column's 80 characters.
        base = slugify(public_name(user, NameStyle.INITIAL))[:70].strip("-") or "student"
        for n in range(1, 1000):
            slug = base if n == 1 else f"{base}-{n}"
            try:
                with transaction.atomic():
                    return cls.objects.create(user=user, slug=slug)
            except IntegrityError:
                if cls.objects.filter(user=user).exists():
                    return cls.objects.get(user=user)
        raise RuntimeError(f"No free author slug for {base!r}")
