"""Where a course's files live: the project folders and the name and place of each kind of file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MANIFEST_NAME = "course.yml"
RESOURCES_NAME = "resources.yml"
LESSONS_DIR = "lessons"
PAGES_DIR = "pages"
YAML_SUFFIXES = (".yml", ".yaml")


@dataclass
class Project:
    """Where a course lives: the project root and its source folders."""

    root: Path
    """Project root (holds `mkdocs.yml`)."""
    course_dir: str = "course"
    """Folder with the manifest, `lessons/` and `pages/`, relative to the root."""
    quizzes_dir: str = "quizzes"
    """Folder with quiz banks, relative to the root."""

    @property
    def course_path(self) -> Path:
        """The course folder (manifest, lessons, pages, resources)."""
        return self.root / self.course_dir

    @property
    def quizzes_path(self) -> Path:
        """The quiz bank folder."""
        return self.root / self.quizzes_dir

    @property
    def manifest_file(self) -> Path:
        """`course/course.yml`."""
        return self.course_path / MANIFEST_NAME

    @property
    def resources_file(self) -> Path:
        """`course/resources.yml` (optional)."""
        return self.course_path / RESOURCES_NAME

    @property
    def lessons_path(self) -> Path:
        """`course/lessons/`."""
        return self.course_path / LESSONS_DIR

    @property
    def pages_path(self) -> Path:
        """`course/pages/`."""
        return self.course_path / PAGES_DIR


def locations(course_dir: str = "course", quizzes_dir: str = "quizzes") -> dict[str, str]:
    """Where each kind of file lives, as a path pattern (for people)."""
    return {
        "manifest": f"{course_dir}/{MANIFEST_NAME}",
        "lesson": f"{course_dir}/{LESSONS_DIR}/*.yml",
        "page": f"{course_dir}/{PAGES_DIR}/*.yml",
        "resources": f"{course_dir}/{RESOURCES_NAME}",
        "bank": f"{quizzes_dir}/*.yml",
    }


def kind_of(rel_path: str, course_dir: str = "course", quizzes_dir: str = "quizzes") -> str | None:
    """The kind of course file at ``rel_path`` (relative to the project), or None if it is none."""
    p = PurePosixPath(rel_path)
    if p.suffix not in YAML_SUFFIXES:
        return None
    course, quizzes = PurePosixPath(course_dir), PurePosixPath(quizzes_dir)
    if p == course / MANIFEST_NAME:
        return "manifest"
    if p == course / RESOURCES_NAME:
        return "resources"
    if p.is_relative_to(course / LESSONS_DIR):
        return "lesson"
    if p.is_relative_to(course / PAGES_DIR):
        return "page"
    if p.is_relative_to(quizzes):
        return "bank"
    return None


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file under ``folder``, sorted (none if it does not exist)."""
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()),
        key=lambda p: p.parts,
    )
