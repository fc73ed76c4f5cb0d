"""The SOP studio: a local web form that edits SOP and profile sources, with the official
sheet and the check findings updated as one types (`sop-docs studio`)."""
