"""Reading returned kit files safely: format sniffing, zip checks, cell values, typed numbers.

The "read" stage of the collection loop: it takes any file a unit sent back, whatever its
name or extension, refuses what is hostile or unreadable with a located diagnostic, and hands
the merge stage plain cell values.  It never writes to the folder it reads.
"""
