"""Settings shared by every environment. Anything deploy-specific comes from the environment."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from site_project import embed_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_rate(name, default):
    """A rate as django-ratelimit writes it: a count per period, e.g. 10/h or 5/10m."""
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", value):
        raise ImproperlyConfigured(f"{name}={value!r}: write a count per period, e.g. 10/h or 5/10m")
    return value


# The project's apps come after Wagtail's (editorial's ready() replaces wagtail.admin's workflow emails, so it must
# run second), bottom layer first (tests/test_layering.py). discussion comes before django-comments-xtd and
# django-contrib-comments: its templates override theirs. Site-wide overrides live in templates/ (DIRS), which
# wins over every app.
INSTALLED_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "discussion",
    "django_comments_xtd",
    "django_comments",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "courses",
    "home",
    "blog",
    "editorial",
    "roster",
    "reports",
    "wordpress_import",
    "terms",
    "signin",
    # django-allauth for campus sign-in only (signin/): after signin, whose templates override its own.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "lti_tool",  # django-lti: LMS platform registrations, deployments, the tool's keys (used by lms)
    "lms",
    "grading",
    "members",
    "caching",
    "privacy",
]

MIDDLEWARE = [
    # The load balancer's /healthz and /readyz, before the HTTPS redirect, the host check and the page cache.
    "site_project.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that a page served from it carries the policy too.
    "site_project.csp.SeminarCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the cache, as sent (compressed, with their ETag): outside GZip and ETags.
    "caching.page_cache.PageCacheMiddleware",
    # Pages and feeds gzipped (whitenoise sends static files' own gzip and brotli variants). Django's gzip pads
    # each response against BREACH, and cached public pages carry no CSRF token to steal anyway.
    "django.middleware.gzip.GZipMiddleware",
    # An ETag and a 304 for GET responses that are not no-store; outside the cache headers, so a 304 carries them.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside sessions, CSRF and messages: it sees the cookies they set, which make a response private.
    "caching.cache_headers.CacheHeadersMiddleware",
    # An LMS launch's session: its cookies SameSite=None and its pages framable by that LMS (lms.framing).
    "lms.framing.LtiFramingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The member cookie (members.cookie) after a log-in or log-out: a hint for seminar.js to draw the members' bar.
    "members.cookie.MemberCookieMiddleware",
    "blog.visibility.ViewRestrictionsOncePerRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # allauth's request context, and its ImmediateHttpResponse answered (campus sign-in's refusals).
    "allauth.account.middleware.AccountMiddleware",
    # Around the views: the database out of reach is a 503 page with Retry-After, not a 500.
    "site_project.unavailable.DatabaseUnavailableMiddleware",
    # Last: it answers a locked-out login attempt with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_project.urls"
WSGI_APPLICATION = "site_project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.course",
            ],
        },
    },
]

DATABASES = {
    # Embedded SQLite unless DATABASE_URL names a server (an empty value means the default too).
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out username or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Seed dates and due dates are wall-clock times in the course's own time zone.
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Django's FileSystemStorage, writing each file whole or not at all (site_project/media_storage.py).
    "default": {"BACKEND": "site_project.media_storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads (images and their renditions) in S3-compatible object storage once a bucket is named, so that every app
# server reads and writes the same files (`pip install ".[s3]"`). boto3 takes the credentials from the environment
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the machine's role. URLs are unsigned: shared cached pages would
# outlive a signature, so the bucket (or the CDN named in AWS_S3_CUSTOM_DOMAIN) serves media publicly.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# The page editor posts one field per StreamField block value.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SITE_ID = 1

# Local memory is one process's own: with several app servers, set REDIS_URL so that they share the page cache
# and an invalidation reaches all of them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "site_project.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A Redis that hangs costs a request at most this much before it counts as out of reach.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
# While Redis is out of reach the comment rate limits cannot count: comments go through (moderation, the honeypot
# and the form's signature still apply) rather than every comment being refused (docs/operations.md).
RATELIMIT_FAIL_OPEN = True

# Sessions kept in the database and read through the cache: the page cache answers a member from the cache alone
# (caching/audience.py), and a page rendered for them costs no session query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Every email goes through the outbox (courses/outbox.py): stored with the change that sent it, delivered by the task
# worker over OUTBOX_DELIVERY_BACKEND, retried while the mail server is down (after 1, 2, 4, 8, 16 minutes), then
# listed under Reports → Emails not sent. `manage.py deliver_outbox` queues what a killed worker left waiting.
EMAIL_BACKEND = "courses.outbox.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "60"))
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "6"))
# A delivery task still "running" this long after it started, its email held by nobody, lost its worker.
OUTBOX_LOST_TASK_SECONDS = int(os.environ.get("OUTBOX_LOST_TASK_SECONDS", "120"))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))  # a stuck server is a failed attempt, not a stuck worker
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Seminar <seminar@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "Seminar"
# No Gravatar: the admin would otherwise send a hash of every user's email to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# English stemming on PostgreSQL whatever the server's default text search configuration is.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Wagtail refuses, with a message, image files over IMAGE_MAX_UPLOAD_MB and images over IMAGE_MAX_MEGAPIXELS.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_MEGAPIXELS", "40")) * 1_000_000
# Wagtail's image with one change: a rendition the media storage refuses shows the original (blog/models/images.py).
WAGTAILIMAGES_IMAGE_MODEL = "blog.SeminarImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "blog.images.ImageForm"  # a file that cannot be decoded is refused, not a 500
# The player alone, sized by the page's stylesheet: the responsive wrapper's inline style would break the CSP.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "login"
# Class-only pages send anonymous readers to the course's own log-in page, not Wagtail's bare one.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Every member lands on their home: their courses, units, posts and the way to write (members.views.home).
LOGIN_REDIRECT_URL = "member_home"

# Campus sign-in (signin/, django-allauth): the IdPs come from the environment (signin/config.py, read by
# signin.adapter), not from here. Our password log-in stays Django's LoginView: allauth's own authentication backend
# is left out (it would match usernames case-insensitively) and its account views are not mounted. An IdP's sign-in
# makes or finds the account by the address it vouches for, with no mail, signup form or confirmation step.
SOCIALACCOUNT_ADAPTER = "signin.adapter.CampusSocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_EMAIL_VERIFICATION = "none"

# Discussion (django-comments-xtd). Level 0 is a comment, so 2 allows comment → reply → reply.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = int(os.environ.get("COMMENTS_MAX_THREAD_LEVEL", "2"))
COMMENT_MAX_LENGTH = int(os.environ.get("COMMENT_MAX_LENGTH", "3000"))
COMMENTS_XTD_CONFIRM_EMAIL = True
COMMENTS_XTD_FORM_CLASS = "discussion.forms.CommentForm"
COMMENTS_XTD_SALT = b"seminar-comments"
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "blog.studentpostpage": {
        "who_can_post": "all",
        "allow_flagging": True,
        "allow_feedback": True,
        "show_feedback": True,
    }
}

# How long a page is kept at most (caching/page_cache.py); 0 turns the cache off.
# Changes invalidate pages at once; the limit bounds only what time alone changes (comments closing).
SEMINAR_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How long a part of a page shared by every reader (a post's discussion) is kept at most between two changes to its
# course, for the renders the page cache does not spare (caching/fragments.py); 0 turns it off.
SEMINAR_FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
# With the cache in Redis, each process keeps the pages it served last (up to this many MB) and fetches only their
# course's tokens from Redis on a hit; with the cache in local memory there is nothing to save.
SEMINAR_PAGE_CACHE_LOCAL_BYTES = int(
    os.environ.get("PAGE_CACHE_LOCAL_MB", "32" if os.environ.get("REDIS_URL") else "0")
)
SEMINAR_PAGE_CACHE_LOCAL_BYTES *= 1024 * 1024

# A CDN or Varnish in front of the app servers, purged of the URLs a change shows on (caching/frontend_purge.py):
# an HTTP PURGE endpoint (Varnish, nginx, Fastly-style), and/or Cloudflare's API.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
# How long such a cache may serve a page without asking (s-maxage; browsers always ask): it bounds what no purge
# names, such as a member's new name on other courses' pages.
SEMINAR_FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "300")) if WAGTAILFRONTENDCACHE else 0

# How many comments one sender may post, counted before anything is stored or mailed (discussion/limits.py):
# per email address, and per network address for strangers (a class behind one school address posts as members).
# With several app servers the counts are shared only when REDIS_URL is set.
SEMINAR_COMMENT_RATE_PER_EMAIL = env_rate("COMMENT_RATE_PER_EMAIL", "10/h")
SEMINAR_COMMENT_RATE_PER_IP = env_rate("COMMENT_RATE_PER_IP", "20/h")

SEMINAR_POSTS_PER_PAGE = 10
SEMINAR_SEARCH_RESULTS_PER_PAGE = 10
SEMINAR_SEARCH_MAX_QUERY_LENGTH = 200

# --- Security (README: Security) ---

# Proxies of our own in front of the app servers (the load balancer): how many X-Forwarded-For entries, from the
# right, to believe (site_project/client_ip.py). Production counts one unless told otherwise.
SEMINAR_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Embeds: the providers students may use, and only their players may be framed (site_project/embed_providers.py).
EMBED_PROVIDERS = env_list("EMBED_PROVIDERS", "youtube,vimeo")
WAGTAILEMBEDS_FINDERS = embed_providers.finders(EMBED_PROVIDERS)

# Images may come from the object store's own host (or its CDN) when uploads live there.
MEDIA_ORIGINS = []
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    MEDIA_ORIGINS = [
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else os.environ.get("AWS_S3_ENDPOINT_URL")
        or f"https://{os.environ['AWS_STORAGE_BUCKET_NAME']}.s3.amazonaws.com"
    ]

# Public pages come from a shared cache, so the policy has no nonce: scripts and styles only from our own static
# files, nothing inline. The admin's policy (site_project/csp.py) allows what Wagtail's templates still inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "frame-src": embed_providers.frame_origins(EMBED_PROVIDERS) or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SEMINAR_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "frame-src": [SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
        # The editor's live preview frames the admin's own preview view.
        "frame-ancestors": [SELF],
    }
}
# Django's SecurityMiddleware: these are its defaults, written out because the Security section promises them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views send SAMEORIGIN themselves.

# Log-in lockout (django-axes), on the admin's and the course's log-in pages alike: LOGIN_FAILURE_LIMIT failures
# for one username (from anywhere) or from one address (for any username) lock that username or address out for
# LOGIN_LOCKOUT_MINUTES; an instructor can lift it sooner on the admin's "Locked out" page.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "site_project.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "privacy.lockout_views.locked_out"
# Failures only: no log of every successful log-in and its address.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Readers' addresses (comments, failed log-ins) are forgotten after this many days: `manage.py purge_ip_addresses`.
SEMINAR_IP_RETENTION_DAYS = int(os.environ.get("IP_RETENTION_DAYS", "90"))
