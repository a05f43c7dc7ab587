"""LTI 1.3's URLs, under /lti/: login initiation, launch, the tool's key set, the deep-linking picker."""

from django.urls import path

from lms import views

app_name = "lms"

urlpatterns = [
    path("login/", views.login_initiation, name="login"),
    path("launch/", views.launch, name="launch"),
    path("jwks/", views.jwks, name="jwks"),
    path("deep-link/<str:launch_id>/", views.deep_link, name="deep_link"),
]
