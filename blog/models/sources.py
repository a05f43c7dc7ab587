"""The sources a student cites in a post, entered once per post as structured data (issue 22): the post's blocks
and notes cite them by their short name, and blog/citations.py formats them in Chicago notes-bibliography style."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from blog.citations import DATE

KIND_CHOICES = [
    ("book", "Book"),
    ("article", "Journal article"),
    ("chapter", "Chapter in a book"),
    ("archival", "Archival document"),
    ("newspaper", "Newspaper or magazine article"),
    ("website", "Web page"),
    ("image", "Image or artwork"),
    ("film", "Film"),
]
KEY_HELP = "A short name the post's blocks cite it by: letters, numbers and hyphens, e.g. taubman2003 or хрущёв1997."


def validate_date(value):
    if value and not DATE.match(value.strip()) and not re.fullmatch(r"n\.\s?d\.", value.strip()):
        raise ValidationError("Write the date as 1956, 1956-02 or 1956-02-25 (year, month, day), or n.d.")


class Source(Orderable):
    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="sources")
    key = models.SlugField("short name", max_length=40, allow_unicode=True, help_text=KEY_HELP)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default="book")
    authors = models.TextField(
        blank=True,
        max_length=2000,
        help_text="One a line, family name first: “Taubman, William”. A line without a comma stays as written "
        "(an organisation: “Central Committee of the CPSU”). For a film, its director.",
    )
    title = models.CharField(max_length=500)
    container = models.CharField(
        "published in",
        max_length=500,
        blank=True,
        help_text="The journal, book, newspaper or website it is part of.",
    )
    editors = models.TextField("editors", blank=True, max_length=1000, help_text="Of the book a chapter is in.")
    publisher = models.CharField(max_length=300, blank=True)
    place = models.CharField(max_length=200, blank=True, help_text="Of publication, or of the archive.")
    date = models.CharField(
        max_length=40, blank=True, validators=[validate_date], help_text="1956, 1956-02 or 1956-02-25."
    )
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(max_length=40, blank=True, help_text="Of an article or chapter: 303–40.")
    archive = models.CharField(max_length=300, blank=True, help_text="Russian State Archive of Contemporary History")
    collection = models.CharField(max_length=300, blank=True, help_text="The collection or fond.")
    box_folder = models.CharField(
        "box and folder", max_length=200, blank=True, help_text="Box 3, folder 12; or opis, delo: op. 30, d. 141."
    )
    url = models.URLField("URL", max_length=1000, blank=True)
    accessed = models.DateField(null=True, blank=True, help_text="When you read it online.")

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("kind")]),
        FieldPanel("authors"),
        FieldPanel("title"),
        FieldPanel("container"),
        MultiFieldPanel(
            [
                FieldPanel("editors"),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("date"), FieldPanel("volume"), FieldPanel("issue"), FieldPanel("pages")]),
                FieldRowPanel([FieldPanel("archive"), FieldPanel("collection"), FieldPanel("box_folder")]),
                FieldRowPanel([FieldPanel("url"), FieldPanel("accessed")]),
            ],
            heading="Publication details",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "source"

    def __str__(self):
        return f"{self.key}: {self.title}"
