"""The dictionary of fixed paths answers exactly as the router would without it."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from midback.config import Settings
from midback.web.app import create_app
from midback.web.hot_routes import ExactPaths, install_exact_paths

first = APIRouter(prefix="/api")
second = APIRouter(prefix="/api")


@first.get("/items/{item_id}", name="item")
async def item(item_id: str) -> dict[str, str]:
    return {"route": "item", "id": item_id}


@first.get("/ping")
async def ping() -> dict[str, str]:
    return {"route": "first ping"}


@second.get("/ping")
async def shadowed_ping() -> dict[str, str]:  # never reached: the first router matches first
    return {"route": "second ping"}


@second.post("/items/new")
async def new_item() -> dict[str, str]:  # GET /api/items/new is item "new" (the first router)
    return {"route": "new item"}


def make_app(*, exact: bool) -> FastAPI:
    app = FastAPI()
    app.include_router(first)
    app.include_router(second)
    if exact:
        install_exact_paths(app, [first, second])
    return app


def test_each_fixed_path_goes_where_the_router_would_send_it() -> None:
    for exact in (False, True):
        with TestClient(make_app(exact=exact)) as client:
            assert client.get("/api/ping").json() == {"route": "first ping"}
            assert client.post("/api/items/new").json() == {"route": "new item"}
            assert client.get("/api/items/new").json() == {"route": "item", "id": "new"}
            assert client.get("/api/items/7").json() == {"route": "item", "id": "7"}
            assert client.delete("/api/ping").status_code == 405
            assert client.get("/api/nowhere").status_code == 404


def test_the_dictionary_is_tried_first_and_invisible_to_openapi_and_url_for() -> None:
    app = make_app(exact=True)
    exact = app.router.routes[0]
    assert isinstance(exact, ExactPaths)
    assert len(exact) == 2  # GET /api/ping and POST /api/items/new
    assert app.openapi() == make_app(exact=False).openapi()
    assert app.url_path_for("item", item_id="3") == "/api/items/3"


def test_the_app_routes_its_busiest_paths_by_the_dictionary(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}", data_dir=tmp_path)
    app = create_app(settings)  # connects to nothing until it serves
    exact = app.router.routes[0]
    assert isinstance(exact, ExactPaths)
    for method, path in [
        ("GET", "/api/v1/ping"),
        ("GET", "/api/v1/programs/today"),
        ("POST", "/api/v1/logs"),
        ("GET", "/today"),
    ]:
        assert exact.matches({"type": "http", "method": method, "path": path})[0].name == "FULL"
