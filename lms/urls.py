"""LTI 1.3's URLs, under /lti/: login initiation, launch, the tool's key set."""

urlpatterns = []
