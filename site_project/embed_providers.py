"""The media providers students may embed (EMBED_PROVIDERS), for both Wagtail's oEmbed finder and the CSP's
frame-src: a provider's player loads, after the reader's click, only from the origins listed here, and a URL from
any other provider is refused in the editor ("Cannot find an embed for this URL")."""

from django.core.exceptions import ImproperlyConfigured
from wagtail.embeds import oembed_providers

PLAYERS = {
    "youtube": (oembed_providers.youtube, ["https://www.youtube.com", "https://www.youtube-nocookie.com"]),
    "vimeo": (oembed_providers.vimeo, ["https://player.vimeo.com"]),
    "soundcloud": (oembed_providers.soundcloud, ["https://w.soundcloud.com"]),
    "ted": (oembed_providers.ted, ["https://embed.ted.com"]),
}


def chosen(names):
    unknown = [name for name in names if name not in PLAYERS]
    if unknown:
        raise ImproperlyConfigured(f"EMBED_PROVIDERS: unknown {', '.join(unknown)}; choose from {', '.join(PLAYERS)}")
    return [PLAYERS[name] for name in names]


def finders(names):
    return [{"class": "wagtail.embeds.finders.oembed", "providers": [endpoint for endpoint, _ in chosen(names)]}]


def frame_origins(names):
    return [origin for _, origins in chosen(names) for origin in origins]
