"""Campus sign-in's URLs, under /accounts/ (before Django's own log-in views)."""

urlpatterns = []
