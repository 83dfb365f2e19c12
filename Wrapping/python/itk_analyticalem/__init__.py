# Copyright the ITKAnalyticalEM contributors. Licensed under the Apache License, Version 2.0.
"""Python helpers of ITKAnalyticalEM that are not ITK classes.

The filters and readers themselves are in ITK's namespace after ``import itk``
(``itk.CoreLossQuantificationFilter``, ``itk.core_loss_quantification_filter``, ...).
"""

from .hyperspy_conversion import from_hyperspy, to_hyperspy

__all__ = ["from_hyperspy", "to_hyperspy"]
