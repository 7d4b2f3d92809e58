"""Rufbereit: YAML training modules in, a static onboarding site out.

The package folders are the pipeline: `content` reads and checks the course, `render`
turns it into pages, `output` writes them and drives the site engine; `cli` and `tools`
sit on top. Each layer imports only the ones below it (see the import contracts in
pyproject.toml).
"""

__version__ = "0.1.0"
