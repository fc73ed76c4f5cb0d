"""The version of sop-docs, in one place (pyproject.toml and CHANGELOG.md repeat it; a test
keeps them equal).  Modules that print or embed it import it from here, not from the package
root, which is the library's public face and sits above every stage."""

__version__ = "0.2.0"
