"""The course library on top of :mod:`activations`, in one package with a distinctive name.

``activations`` stays a top-level module (``import activations``): the course's design fixes
``code/activations.py``. Everything built on it lives here, so that no generic top-level name
such as ``datasets`` or ``nn`` can collide with another package on a student's machine
(Hugging Face's ``datasets`` is on most machine-learning JupyterHubs)::

    from actcourse import datasets, nn, plotting, explorers, lab
"""
