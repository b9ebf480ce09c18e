"""Drawings over HTTP: the animated one and the still (one pose, no animation), each cached for
a day with an ETag that answers 304; the lists show the still."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_the_still_is_one_pose_without_animation(client: TestClient) -> None:
    still = client.get("/exercises/glute-bridge/still.svg")
    assert still.status_code == 200
    assert still.headers["content-type"].startswith("image/svg+xml")
    assert still.text.lstrip().startswith("<svg")
    moving = re.compile(r'style="[^"]*animation')
    assert "@keyframes" not in still.text and not moving.search(still.text)
    animated = client.get("/exercises/glute-bridge/illustration.svg")
    assert "@keyframes" in animated.text and moving.search(animated.text)
    assert len(still.content) < len(animated.content)


def test_drawings_are_cached_and_revalidated_by_etag(client: TestClient) -> None:
    for path in ("/exercises/clamshell/still.svg", "/exercises/clamshell/illustration.svg"):
        first = client.get(path)
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "public, max-age=86400"
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        other = client.get(path, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200
    assert (
        client.get("/exercises/clamshell/still.svg").headers["etag"]
        != client.get("/exercises/glute-bridge/still.svg").headers["etag"]
    )


def test_an_unknown_exercise_has_no_still(client: TestClient) -> None:
    assert client.get("/exercises/moonwalk/still.svg").status_code == 404


def test_the_exercise_list_shows_stills(client: TestClient) -> None:
    page = client.get("/exercises").text
    assert "/still.svg" in page and "/illustration.svg" not in page
