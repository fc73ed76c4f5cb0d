"""The Graphviz swimlane diagram of an SOP: one lane per pelaksana, steps top to bottom.

``graph.swimlane_dot`` builds the DOT text from the model (never from the sheet layout);
``graphviz_run`` drives the system's ``dot``; ``formats`` holds the renderers registered as
``dot``, ``svg-swimlane``, ``png-swimlane`` and ``pdf-swimlane``.
"""
