"""The start-up cache of parsed YAML files (`simulator.yamlfile`): hits, misses, bad caches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator import yamlfile
from simulator.yamlfile import YamlFileError, read_yaml


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    """An empty cache of this test's own; the process's cache directory is put back after."""
    before = yamlfile.cache_directory()
    folder = tmp_path / "cache"
    yamlfile.use_cache_directory(folder)
    yield folder
    yamlfile.use_cache_directory(before)


def _new_process(folder: Path) -> None:
    """Forget what is in memory, as a new process would, and read the file there again."""
    yamlfile.use_cache_directory(None)
    yamlfile.use_cache_directory(folder)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_process_reads_the_data_from_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "home.yaml", "name: Flat\nrooms:\n  - id: hall\n    size: 2.5\n")
    first = read_yaml(path, YamlFileError)
    assert yamlfile.save_cache()
    assert not yamlfile.save_cache()  # nothing new since: no write
    _new_process(cache_dir)
    second = read_yaml(path, YamlFileError)
    assert second.data == first.data == {"name": "Flat", "rooms": [{"id": "hall", "size": 2.5}]}
    assert not yamlfile.save_cache()  # a hit adds nothing
    # The tree is composed only when a line is asked for, and knows the same lines.
    assert second.line(("rooms", 0, "size")) == first.line(("rooms", 0, "size")) == 4
    # Each reader gets its own copy: changing one does not change the next.
    second.data["rooms"].clear()
    assert read_yaml(path, YamlFileError).data["rooms"] == [{"id": "hall", "size": 2.5}]


def test_an_edited_file_is_read_again(cache_dir: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.yaml", "value: 1\n")
    read_yaml(path, YamlFileError)
    yamlfile.save_cache()
    _new_process(cache_dir)
    _write(path, "value: 2\n")
    assert read_yaml(path, YamlFileError).data == {"value": 2}


def test_a_damaged_cache_is_ignored_and_written_again(cache_dir: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.yaml", "value: 1\n")
    read_yaml(path, YamlFileError)
    yamlfile.save_cache()
    (cache_file,) = cache_dir.glob("yaml-*.json")
    for damage in ('{"format": 1, "entries": {"x": 1}', "[1, 2]", '{"format": 1, "entries": 3}'):
        cache_file.write_text(damage, encoding="utf-8")
        _new_process(cache_dir)
        assert read_yaml(path, YamlFileError).data == {"value": 1}
        assert yamlfile.save_cache()  # rewritten whole
    # An entry whose JSON is damaged is parsed again.
    text = cache_file.read_text(encoding="utf-8")
    cache_file.write_text(text.replace('{\\"value\\":1}', "{not json"), encoding="utf-8")
    _new_process(cache_dir)
    assert read_yaml(path, YamlFileError).data == {"value": 1}


def test_what_json_would_change_is_never_cached(cache_dir: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.yaml", "when: 2024-05-01\n3: three\nnumbers: [1, 2.0]\n")
    data = read_yaml(path, YamlFileError).data
    assert not yamlfile.save_cache()  # nothing could be kept
    _new_process(cache_dir)
    again = read_yaml(path, YamlFileError).data
    assert again == data and 3 in again and type(again["numbers"][1]) is float


def test_a_file_with_a_mistake_is_refused_every_time(cache_dir: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.yaml", "a: 1\na: 2\n")
    for _ in range(2):
        with pytest.raises(YamlFileError, match="duplicate key 'a'"):
            read_yaml(path, YamlFileError)
        yamlfile.save_cache()
        _new_process(cache_dir)
    assert not list(cache_dir.glob("yaml-*.json"))


def test_without_a_directory_nothing_is_kept(tmp_path: Path) -> None:
    before = yamlfile.cache_directory()
    yamlfile.use_cache_directory(None)
    try:
        path = _write(tmp_path / "a.yaml", "value: 1\n")
        assert read_yaml(path, YamlFileError).data == {"value": 1}
        assert not yamlfile.save_cache()
    finally:
        yamlfile.use_cache_directory(before)
