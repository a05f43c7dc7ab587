from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from blog.sitemap import CourseSitemap
from home import views as home_views
from site_project import unavailable

handler404 = home_views.page_not_found
handler500 = unavailable.server_error  # the database out of reach: a 503 page (site_project/unavailable.py)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include("editorial.urls")),  # before Wagtail's: guards for views that leak private posts
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comments/", include("discussion.urls")),
    path("me/", include("members.urls")),
    path("lti/", include("lms.urls")),
    path("accounts/", include("signin.urls")),  # campus sign-in, before Django's log-in views
    path("accounts/password_reset/", home_views.CoursePasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": CourseSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
