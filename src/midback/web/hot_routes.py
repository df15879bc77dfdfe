"""A dictionary in front of the router for every path without parameters.

The app includes about twenty routers (some 120 routes) and the router tries them in order:
`GET /api/v1/ping` used to test every one of them, and matching took about half of that
request's time. `ExactPaths` is the first route the router tries: for a method and a path
without parameters (`/api/v1/ping`, `/api/v1/programs/today`, `/today`, ...) it looks up the
included router that would have matched first anyway, and lets that router handle the request as
usual (its dependencies, its limits, its `scope["route"]`). Paths with parameters, unknown paths
and wrong methods (405) go on to the routes in their usual order. It is no `APIRoute`, so the
OpenAPI document does not see it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi import FastAPI
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send

Key = tuple[str, str]


class ExactPaths(BaseRoute):
    """Routes by (method, path) for the paths without parameters, decided once at start-up."""

    def __init__(self, owners: dict[Key, BaseRoute]) -> None:
        self._owners = owners

    def _owner(self, scope: Scope) -> BaseRoute | None:
        if scope["type"] != "http" or scope.get("root_path"):
            return None
        return self._owners.get((scope["method"], scope["path"]))

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """FULL when the route that owns this method and path matches it, else NONE (the
        router then tries its routes in order, as without this one)."""
        owner = self._owner(scope)
        if owner is None:
            return Match.NONE, {}
        match, child_scope = owner.matches(scope)
        if match != Match.FULL:
            return Match.NONE, {}
        return match, child_scope

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Let the owning route handle the request (`matches` said there is one)."""
        owner = self._owner(scope)
        assert owner is not None
        await owner.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> Any:
        """Never: names are found on the routes themselves."""
        raise NoMatchFound(name, path_params)

    def __len__(self) -> int:
        return len(self._owners)


def _probe(method: str, path: str) -> Scope:
    """The scope of a request to `path` that matching looks at."""
    return {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "headers": [],
        "query_string": b"",
    }


def _fixed_paths(routes: Iterable[Any]) -> set[Key]:
    """(method, path) of every route below `routes` whose path has no parameters."""
    found: set[Key] = set()
    for route in routes:
        path, methods = getattr(route, "path", None), getattr(route, "methods", None)
        if isinstance(path, str) and methods and "{" not in path:
            found.update((method, path) for method in methods)
    return found


def install_exact_paths(app: FastAPI, routers: Iterable[Any]) -> ExactPaths:
    """Put an `ExactPaths` first in `app`'s routes, for the fixed paths of `routers` (call
    after every router is included). Each (method, path) goes to the first of the app's routes
    that matches it fully: the one that would have answered without the dictionary."""
    top = list(app.router.routes)
    owners: dict[Key, BaseRoute] = {}
    for method, path in sorted(_fixed_paths(r for router in routers for r in router.routes)):
        for route in top:
            match, _ = route.matches(_probe(method, path))
            if match == Match.FULL:  # the router takes the first full match
                owners[(method, path)] = route
                break
    exact = ExactPaths(owners)
    app.router.routes.insert(0, exact)
    return exact
