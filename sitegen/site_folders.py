"""Site folders are read only inside the site: no symlink may lead a build to files outside it.

A symlink committed to a site's repository (``templates/users.txt -> /proc/self/environ``, or a whole
``content/articles -> /home/someone/private``) would otherwise publish whatever it points at. Content
and static files that are symlinks leading outside the site are refused where they are walked; this
module refuses the rest: a site folder that is itself such a symlink (or sits under one), and any
symlink under ``templates/`` (templates are code; a symlinked one cannot be reviewed where it sits).
"""
from __future__ import annotations

import os
from pathlib import Path

import jinja2

from .config import Config
from .errors import SitegenError

SITE_FOLDERS = ("content", "content/articles", "content/stories", "static", "templates")


def check_folder(folder: Path, root: Path) -> None:
    """Refuse ``folder`` when it leads outside ``root`` through a symlink (its own or a parent's)."""
    if not os.path.lexists(folder):
        return
    resolved = folder.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise SitegenError(f"this folder leads outside the site through a symlink (to {resolved}); "
                           "move the files into the site instead", folder)


def check_site(config: Config) -> None:
    """Every site folder stays inside the site, and nothing under templates/ is a symlink."""
    for name in SITE_FOLDERS:
        check_folder(config.root / name, config.root)
    templates = config.templates_dir
    for folder, dirs, files in os.walk(templates):  # does not descend into symlinked folders
        for name in (*dirs, *files):
            check_template(Path(folder, name))


def check_template(path: Path) -> None:
    if path.is_symlink():
        raise SitegenError(f"templates may not be symlinks (this one points to {os.readlink(path)}); "
                           "copy the file in instead", path)


class SiteTemplateLoader(jinja2.FileSystemLoader):
    """The site's templates/ folder, refusing a symlinked template even if one appears after check_site."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, object]:
        source, filename, uptodate = super().get_source(environment, template)
        check_template(Path(filename))
        return source, filename, uptodate
