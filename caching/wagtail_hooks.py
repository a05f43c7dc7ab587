"""The page cache's answers to lower apps' hooks."""

from wagtail import hooks

from caching import fragments


@hooks.register("cached_fragment")
def cached_fragment(request, name, render):
    return fragments.cached(request, name, render)
