"""sop-docs: publish SOP AP documents (PermenPANRB 35/2012) and run SAKIP data-collection kits."""

__version__ = "0.2.0"
