"""The wheel carries this repository's mkdocs.yml and theme/, which `planportal new` copies into a new
portal (generator/planportal/commands/new.py): they are copied at build time into planportal/packaged/,
so the repository's own stay the only ones to edit. The rest of the build is in pyproject.toml.

An editable install (`make`) copies nothing: planportal then reads them from the repository.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PACKAGED = ("mkdocs.yml", "theme")


class BuildWithPortalFiles(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "planportal" / "packaged"
        for name in PACKAGED:
            source = HERE / name
            if not source.exists():  # an sdist made without MANIFEST.in: refuse rather than ship a broken `new`
                raise SystemExit(f"planportal: {source} is missing; the wheel must carry it for `planportal new`")
            if source.is_dir():
                self.copy_tree(str(source), str(target / name))
            else:
                self.mkpath(str(target))
                self.copy_file(str(source), str(target / name))


setup(cmdclass={"build_py": BuildWithPortalFiles})
