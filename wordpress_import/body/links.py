"""Web addresses: which ones a body may link to, the page behind a player's address, a file's name as words."""

import re
from pathlib import PurePosixPath
from urllib.parse import parse_qs, quote, unquote, urlsplit

from .markup import _ID

_BARE_URL = re.compile(r"https?://[^\s/<>\"'`\\][^\s<>\"'`\\]*")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # what a browser strips from both ends of an address
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]+")


def _web_url(url):
    """An absolute http(s) address, or ""."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def _file_label(url):
    """Words from an image's file name: ".../soviet_poster-1920-300x200.jpg" → "soviet poster 1920"."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "image"
    if parts.scheme.lower() == "data":
        return "embedded image"
    stem = re.sub(r"-\d+x\d+$", "", PurePosixPath(unquote(parts.path)).stem)
    return " ".join(re.split(r"[-_.\s]+", stem)).strip() or "image"


def _watch_url(src):
    """The page address of a player's address: YouTube's /embed/ID, Vimeo's player, TED's embed; else as given."""
    src = str(src or "").strip()
    if src.startswith("//"):
        src = "https:" + src
    try:
        parts = urlsplit(src)
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    query = parse_qs(parts.query)
    path = parts.path.rstrip("/")
    if host.removeprefix("www.").removeprefix("m.") in ("youtube.com", "youtube-nocookie.com"):
        video = re.fullmatch(r"/(?:embed|v)/([^/]+)", path)
        if video and video.group(1) == "videoseries" and _VIDEO_ID.fullmatch(query.get("list", [""])[0]):
            return f"https://www.youtube.com/playlist?list={query['list'][0]}"
        if video and _VIDEO_ID.fullmatch(video.group(1)):
            start = query.get("start", query.get("t", [""]))[0]
            return f"https://www.youtube.com/watch?v={video.group(1)}" + (
                f"&t={start}s" if _ID.fullmatch(start) else ""
            )
    if host == "player.vimeo.com" and (video := re.fullmatch(r"/video/([0-9]+)", path)):
        unlisted = query.get("h", [""])[0]
        return f"https://vimeo.com/{video.group(1)}" + (f"/{unlisted}" if re.fullmatch(r"[0-9a-f]+", unlisted) else "")
    if (
        host.removeprefix("www.") == "vimeo.com"
        and path == "/moogaloop.swf"
        and _ID.fullmatch(query.get("clip_id", [""])[0])
    ):
        return f"https://vimeo.com/{query['clip_id'][0]}"
    if host == "embed.ted.com" and (talk := re.fullmatch(r"/talks/(?:lang/[\w-]+/)?([\w.-]+)", path)):
        return f"https://www.ted.com/talks/{quote(talk.group(1))}"
    return parts.geturl()
