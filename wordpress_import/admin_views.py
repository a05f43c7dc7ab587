"""The admin's "Import from WordPress" pages (URL namespace `wordpress_import`), for instructors: upload an export,
read the dry run's report, then import it in the background and read the import's report when it is done. No
media folder here: images keep their WordPress addresses as links (the command's --media-dir imports them).
An instructor imports into, and sees the imports of, the courses they instruct (site administrators: every course);
another course's import is a 404."""

from django import forms
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import DetailView, FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from blog.models import CourseUnitPage
from courses.choice import chosen_course, courses_for
from courses.instructors import InstructorRequiredMixin
from courses.models import Role
from courses.roles import is_site_admin
from home.models import HomePage
from wordpress_import.importer import Importer
from wordpress_import.models import WordPressImport
from wordpress_import.tasks import run_import
from wordpress_import.wxr import WxrError, parse_wxr

MAX_EXPORT_BYTES = 50 * 1024 * 1024
Status = WordPressImport.Status
app_name = "wordpress_import"


def own_imports(user):
    """The imports into the courses `user` instructs, newest first."""
    return WordPressImport.objects.filter(course__in=courses_for(user, (Role.INSTRUCTOR,)))


def within_courses(courses):
    within = Q(pk__in=[])
    for course_path in courses.values_list("path", flat=True):
        within |= Q(path__startswith=course_path)
    return within


class ImportForm(forms.Form):
    file = forms.FileField(label="WordPress export (.xml)", help_text="Tools → Export → All content, at most 50 MB.")
    course = forms.ModelChoiceField(queryset=HomePage.objects.all(), empty_label=None)
    unit = forms.ModelChoiceField(
        queryset=CourseUnitPage.objects.all(),
        required=False,
        empty_label="One unit per category (the first of each post)",
        help_text="Or put every post into one unit of the course.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        courses = courses_for(user, (Role.INSTRUCTOR,))
        self.fields["course"].queryset = courses
        units = CourseUnitPage.objects.order_by("path")
        self.fields["unit"].queryset = units if is_site_admin(user) else units.filter(within_courses(courses))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_EXPORT_BYTES:
            raise forms.ValidationError(f"The file is {upload.size / 1024 / 1024:.0f} MB; the limit is 50 MB.")
        self.data_bytes = b"".join(upload.chunks())
        try:
            self.export = parse_wxr(self.data_bytes)
        except WxrError as error:
            raise forms.ValidationError(f"{error} Nothing was imported.") from None
        return upload

    def clean(self):
        course, unit = self.cleaned_data.get("course"), self.cleaned_data.get("unit")
        if course and unit and not unit.is_child_of(course):
            self.add_error("unit", f"“{unit.title}” is not a unit of {course.title}.")
        return self.cleaned_data


class UploadView(InstructorRequiredMixin, WagtailAdminTemplateMixin, FormView):
    page_title = "Import from WordPress"
    header_icon = "download"
    template_name = "wordpress/upload.html"
    form_class = ImportForm

    def get_initial(self):
        if self.request.method != "GET":
            return {}  # the form says what is wrong with the course posted
        course = chosen_course(self.request, (Role.INSTRUCTOR,))
        return {"course": course} if course else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        imports = own_imports(self.request.user).select_related("course")[:10]
        return {**super().get_context_data(**kwargs), "imports": imports}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        course, unit = form.cleaned_data["course"], form.cleaned_data["unit"]
        preview = Importer(form.export, course, unit=unit, dry_run=True).run()
        job = WordPressImport.objects.create(
            course=course,
            unit=unit,
            uploaded_by=self.request.user,
            file_name=form.cleaned_data["file"].name[:255],
            export=WordPressImport.compress(form.data_bytes),
            preview=preview.lines(),
        )
        return redirect("wordpress_import:detail", job.pk)


class ImportDetailView(InstructorRequiredMixin, WagtailAdminTemplateMixin, DetailView):
    header_icon = "download"
    template_name = "wordpress/detail.html"
    model = WordPressImport
    context_object_name = "job"

    def get_queryset(self):
        return own_imports(self.request.user)

    def get_page_title(self):
        return f"WordPress import: {self.object.file_name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wordpress_import:index"), "label": "Import from WordPress"},
            {"url": "", "label": self.object.file_name},
        ]


class ConfirmView(InstructorRequiredMixin, View):
    """Start the import of a previewed upload: once, however often the button is pressed."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = get_object_or_404(own_imports(request.user), pk=pk)
        if WordPressImport.objects.filter(pk=pk, status=Status.PREVIEWED).update(status=Status.QUEUED):
            transaction.on_commit(lambda: run_import.enqueue(job.pk))
            messages.success(request, "The import has started. This page shows its report when it is done.")
        return redirect("wordpress_import:detail", job.pk)


urlpatterns = [
    path("", UploadView.as_view(), name="index"),
    path("<int:pk>/", ImportDetailView.as_view(), name="detail"),
    path("<int:pk>/import/", ConfirmView.as_view(), name="confirm"),
]
