"""The web adapter: FastAPI app factory, pages and the JSON API."""
