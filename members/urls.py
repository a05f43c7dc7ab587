"""The members' pages, under /me/."""

from django.urls import path

from members import views

urlpatterns = [
    path("", views.home, name="member_home"),
    path("bar/", views.bar, name="member_bar"),
]
