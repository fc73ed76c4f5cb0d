"""Published revisions: the archive of every version of an SOP, what changed between two,
and `sop-docs publish`.

``archive`` (reading and writing entries), ``integrity`` (what `check` reports about the
archive) and ``diff`` (what changed) build on the model only; ``changes_pdf`` (the Lembar
Perubahan) and ``run`` (publishing, which renders the PDF and DOCX through the registered
renderers) come after the renderers.
"""
