"""The SOP reference site: a generated mkdocs-material docs tree, built, zipped and served.

``build.build_site`` is the pipeline (render cache -> docs tree -> mkdocs -> site.zip);
``pages`` and ``templates/`` make the pages, ``legal`` the legal-basis index,
``publications`` reads the kits and rekap of a build, ``serve`` serves and watches.
"""
