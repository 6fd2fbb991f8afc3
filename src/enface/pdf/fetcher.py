"""The only way WeasyPrint may load anything: files inside the allowed folders.

A stylesheet or edition must not be able to read other files of the machine
(``file:///etc/passwd``) or reach the network; such requests are refused and
recorded so the build can say so.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse


def restricted_fetcher(allowed: list[Path]):
    """A WeasyPrint ``URLFetcher`` serving ``data:`` URLs and files under ``allowed`` only."""
    from weasyprint.urls import URLFetcher

    roots = [p.resolve() for p in allowed]

    class RestrictedFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and any(path.is_relative_to(root) for root in roots):
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"refused {url}: enface loads only files from the edition and styles folders")

    return RestrictedFetcher()
