"""Public identity of a post author: the name readers see and the stable slug of their archive page."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify


def public_name(user):
    """First name and last initial: what a classmate's byline shows, never an email or username."""
    if user is None:
        return "Former student"
    first, last = user.first_name.strip(), user.last_name.strip()
    if first and last:
        return f"{first} {last[0]}."
    return first or last or "Student"


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

    @property
    def display_name(self):
        return public_name(self.user)

    @classmethod
    def for_user(cls, user):
        try:
            return user.author_profile
        except cls.DoesNotExist:
            pass
        base = slugify(public_name(user)) or "student"
        for n in range(1, 1000):
            slug = base if n == 1 else f"{base}-{n}"
            try:
                with transaction.atomic():
                    return cls.objects.create(user=user, slug=slug)
            except IntegrityError:
                if cls.objects.filter(user=user).exists():
                    return cls.objects.get(user=user)
        raise RuntimeError(f"No free author slug for {base!r}")
