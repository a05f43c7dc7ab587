"""Campus sign-in's URLs, under /accounts/ (before Django's own log-in views, which stay ours: allauth's account
views are not mounted). OpenID Connect: oidc/campus/login/ and …/login/callback/; SAML: saml/campus/login/, acs/,
metadata/; allauth's error, cancelled and signup pages are our own pages."""

from allauth.socialaccount.providers.openid_connect import urls as oidc_urls
from allauth.socialaccount.providers.saml import urls as saml_urls
from django.urls import path

from signin import views

urlpatterns = [
    path("3rdparty/login/cancelled/", views.cancelled, name="socialaccount_login_cancelled"),
    path("3rdparty/login/error/", views.failed, name="socialaccount_login_error"),
    path("3rdparty/signup/", views.signup, name="socialaccount_signup"),
    # allauth's provider views, each guarded (signin.views.guarded), then allauth's own patterns for the rest.
    path("oidc/<str:provider_id>/login/", views.oidc_login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", views.oidc_callback, name="openid_connect_callback"),
    path("saml/<str:organization_slug>/login/", views.saml_login, name="saml_login"),
    path("saml/<str:organization_slug>/metadata/", views.saml_metadata, name="saml_metadata"),
    path("saml/<str:organization_slug>/acs/finish/", views.finish_saml, name="saml_finish_acs"),
    *saml_urls.urlpatterns,
    *oidc_urls.urlpatterns,
]
