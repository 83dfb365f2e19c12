# Copyright the ITKAnalyticalEM contributors. Licensed under the Apache License, Version 2.0.
"""HyperSpy signals to ITK images and back, with the calibration and metadata the filters use.

The mapping is the one of the C++ .hspy reader and writer (HSPYImageIO), so that
``from_hyperspy(hs.load(f))`` and ``itk.imread(f)`` give the same image:

=====================================  ==============================================
HyperSpy signal                        ITK image
=====================================  ==============================================
Signal1D (y, x | E), (x | E), (| E)    VectorImage, one spectrum per pixel; a line
                                       scan is x by 1, a spectrum 1 by 1
Signal2D (| y, x)                      Image
Signal2D (n | y, x), a stack of maps   VectorImage of n values per pixel
signal axis (eV, or keV made eV)       EnergyOffset, EnergyDispersion, EnergyUnits
navigation or image axes               spacing and origin, in one unit (SpatialUnits;
                                       different length units are made nm)
Acquisition_instrument.TEM             BeamEnergy (kV), ConvergenceSemiAngle (mrad),
  beam_energy, convergence_angle,      CollectionSemiAngle (mrad), DwellTime (s)
  Detector.EELS.collection_angle,
  dwell_time
Signal.signal_type                     SignalType (EDS_SEM, EDS_TEM: EDS)
Sample.elements (maps)                 Element ("Fe O", one per map)
General.title                          Title
=====================================  ==============================================
"""

import math
import warnings

import numpy as np

__all__ = ["from_hyperspy", "to_hyperspy"]

# Nanometres per length unit, the units the C++ readers convert (itkSpatialUnits.cxx).
_NANOMETRES_PER = {
    "pm": 1e-3,
    "\u00c5": 0.1,
    "A": 0.1,
    "Angstrom": 0.1,
    "nm": 1.0,
    "\u00b5m": 1e3,
    "\u03bcm": 1e3,
    "um": 1e3,
    "micron": 1e3,
    "mm": 1e6,
    "m": 1e9,
}

_MICROSCOPE_ITEMS = (
    ("BeamEnergy", "Acquisition_instrument.TEM.beam_energy"),
    ("ConvergenceSemiAngle", "Acquisition_instrument.TEM.convergence_angle"),
    ("CollectionSemiAngle", "Acquisition_instrument.TEM.Detector.EELS.collection_angle"),
    ("DwellTime", "Acquisition_instrument.TEM.dwell_time"),
)


def _units(axis):
    units = axis.units
    return units if isinstance(units, str) else ""


def _unify(units):
    """One unit for axes of the given units, and the factor of each axis (as the C++ readers)."""
    if not units or all(u == units[0] for u in units):
        return (units[0] if units else ""), [1.0] * len(units)
    factors = [_NANOMETRES_PER.get(u, 0.0) for u in units]
    if all(f > 0.0 for f in factors):
        return "nm", factors
    listed = ", ".join(u or "none" for u in units)
    warnings.warn(f"the axes have units {listed}, which cannot be made one: spacings left as they are, without units")
    return "", [1.0] * len(units)


def _uniform(axis):
    if getattr(axis, "is_uniform", True) is False:
        raise ValueError(f"axis '{axis.name}' is not uniform: an ITK image needs a constant spacing")
    return axis.scale, axis.offset


def _set_text(dictionary, key, value):
    dictionary[key] = str(value)


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def from_hyperspy(signal, pixel_type=None):
    """An ITK image of a HyperSpy signal, calibrated as the C++ .hspy reader calibrates it.

    ``pixel_type`` is ``itk.F`` or ``itk.D``; by default ``itk.D`` for float64 data and
    ``itk.F`` for anything else (counts are converted). The data are copied.
    """
    import itk

    manager = signal.axes_manager
    navigation = list(manager.navigation_axes)[::-1]  # numpy order: slowest first
    signal_axes = list(manager.signal_axes)[::-1]
    if len(signal_axes) not in (1, 2):
        raise ValueError(f"a signal of {len(signal_axes)} signal axes is neither spectra nor images")
    if len(signal_axes) == 1 and len(navigation) > 2:
        raise ValueError(f"spectra with {len(navigation)} navigation axes: at most 2 (y, x) are supported")
    if len(signal_axes) == 2 and len(navigation) > 1:
        raise ValueError(f"images with {len(navigation)} navigation axes: at most 1 (a stack of maps) is supported")
    if pixel_type is None:
        pixel_type = itk.D if signal.data.dtype == np.float64 else itk.F
    dtype = np.float64 if pixel_type == itk.D else np.float32
    data = np.asarray(signal.data)

    if len(signal_axes) == 1:
        # (y, x, E): spatial axes x then y, absent ones of size 1.
        spatial = navigation[::-1]
        array = data.reshape((1,) * (2 - len(navigation)) + data.shape)
        image = itk.image_from_array(np.ascontiguousarray(array, dtype=dtype), is_vector=True)
    elif navigation:
        # (n, y, x) maps: n values per pixel, contiguous.
        spatial = signal_axes[::-1]
        image = itk.image_from_array(np.ascontiguousarray(np.moveaxis(data, 0, -1), dtype=dtype), is_vector=True)
    else:
        spatial = signal_axes[::-1]
        image = itk.image_from_array(np.ascontiguousarray(data, dtype=dtype))

    unit, factors = _unify([_units(a) for a in spatial])
    spacing, origin = [1.0, 1.0], [0.0, 0.0]
    for d, (axis, factor) in enumerate(zip(spatial, factors)):
        scale, offset = _uniform(axis)
        spacing[d], origin[d] = abs(scale) * factor, offset * factor
    image.SetSpacing(spacing)
    image.SetOrigin(origin)

    dictionary = image.GetMetaDataDictionary()
    if unit:
        _set_text(dictionary, "SpatialUnits", unit)
    if len(signal_axes) == 1:
        scale, offset = _uniform(signal_axes[0])
        factor = 1000.0 if _units(signal_axes[0]) == "keV" else 1.0
        if not scale > 0.0:
            raise ValueError("the signal axis has a negative scale")
        itk.EnergyAxis(offset * factor, scale * factor, data.shape[-1]).WriteTo(dictionary)
        if factor != 1.0:
            _set_text(dictionary, "OriginalEnergyUnits", "keV")
    metadata = signal.metadata
    for key, item in _MICROSCOPE_ITEMS:
        value = _number(metadata.get_item(item)) if metadata.has_item(item) else None
        if value is not None:
            _set_text(dictionary, key, repr(value))
    signal_type = metadata.get_item("Signal.signal_type") if metadata.has_item("Signal.signal_type") else ""
    if signal_type:
        _set_text(dictionary, "SignalType", "EDS" if signal_type.startswith("EDS") else signal_type)
    if len(signal_axes) == 2 and metadata.has_item("Sample.elements"):
        elements = [str(e) for e in metadata.Sample.elements]
        if len(elements) == image.GetNumberOfComponentsPerPixel():
            _set_text(dictionary, "Element", " ".join(elements))
    title = metadata.get_item("General.title") if metadata.has_item("General.title") else ""
    if title:
        _set_text(dictionary, "Title", title)
    return image


def _text(dictionary, key):
    return str(dictionary[key]) if dictionary.HasKey(key) else ""


def to_hyperspy(image):
    """A HyperSpy signal of an ITK image, laid out as the C++ .hspy writer lays it out.

    A VectorImage with an energy axis becomes a Signal1D (an EELSSpectrum or EDS signal when its
    SignalType says so): (y, x | E), a line scan (x | E) when y is 1, a spectrum (| E) when both
    are 1. A VectorImage without one becomes a stack of maps (n | y, x), a scalar image a
    Signal2D. The data are copied.
    """
    import hyperspy.api as hs
    import itk

    if image.GetImageDimension() != 2:
        raise ValueError(f"a {image.GetImageDimension()}-D image: 2-D images and spectrum images are converted")
    dictionary = image.GetMetaDataDictionary()
    units = _text(dictionary, "SpatialUnits")
    spacing, origin = list(image.GetSpacing()), list(image.GetOrigin())
    data = itk.array_from_image(image)
    components = image.GetNumberOfComponentsPerPixel()
    vector = data.ndim == 3

    def spatial_axis(d, navigate):
        axis = {"name": "xy"[d], "size": data.shape[1 - d], "scale": spacing[d], "offset": origin[d],
                "navigate": navigate}
        return dict(axis, units=units) if units else axis

    signal_type = _text(dictionary, "SignalType")
    if vector and itk.EnergyAxis.IsDefinedIn(dictionary):
        axis = itk.EnergyAxis.ReadFrom(dictionary, components)
        ny, nx = data.shape[0], data.shape[1]
        axes = ([spatial_axis(1, True)] if ny > 1 else []) + ([spatial_axis(0, True)] if nx > 1 or ny > 1 else [])
        data = data.reshape(tuple(a["size"] for a in axes) + (components,))
        if signal_type == "EDS":
            energy = {"name": "Energy", "scale": axis.GetDispersion() / 1000.0,
                      "offset": axis.GetOffset() / 1000.0, "units": "keV"}
        else:
            energy = {"name": "Energy loss", "scale": axis.GetDispersion(), "offset": axis.GetOffset(), "units": "eV"}
        axes.append(dict(energy, size=components, navigate=False))
        signal = hs.signals.Signal1D(data, axes=axes)
    else:
        axes = [spatial_axis(1, False), spatial_axis(0, False)]
        if vector:
            data = np.moveaxis(data, -1, 0)
            axes.insert(0, {"name": "map", "size": components, "scale": 1.0, "offset": 0.0, "navigate": True})
        signal = hs.signals.Signal2D(data, axes=axes)
        elements = _text(dictionary, "Element").split()
        if elements and len(elements) == components:
            signal.metadata.set_item("Sample.elements", elements)
    for key, item in _MICROSCOPE_ITEMS:
        value = _number(_text(dictionary, key))
        if value is not None:
            signal.metadata.set_item(item, value)
    if signal_type:
        signal.set_signal_type("EDS_TEM" if signal_type == "EDS" else signal_type)
    title = _text(dictionary, "Title")
    if title:
        signal.metadata.General.title = title
    return signal
