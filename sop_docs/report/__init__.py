"""Rekap documents and the verification report, written atomically into the output folder.

Takes a :class:`sop_docs.merge.results.CycleResult` and writes: the verification report
(Markdown, JSON), return workbooks and notes for units that must fix something, the rekap
(.docx from a docxtpl template; PDF/A drawn with fpdf2, with an empty signature field per
signatory; .xlsx), and the JSON a later semester/annual merge reads.
"""
