"""The reader's IP address as the app server can trust it: behind N proxies of our own (the load balancer that
terminates TLS), the Nth address from the right of X-Forwarded-For; with none, the socket's. Anything further left
in that header is whatever the client chose to send, so it never counts."""

from django.conf import settings


def client_ip(request):
    proxies = settings.SEMINAR_TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
