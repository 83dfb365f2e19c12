#!/usr/bin/env python3
"""itk_analyticalem.to_hyperspy / from_hyperspy: the HyperSpy signal of an image and back, and the
same image, calibration and metadata as the C++ .hspy reader gives for the signal saved by
HyperSpy (the reader is the reference of the mapping)."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()
try:
    import hyperspy.api as hs
except ImportError:
    t.skip("HyperSpy (Debian python3-hyperspy) is not available")
from itk_analyticalem import from_hyperspy, to_hyperspy

SpectrumPixel = itk.VariableLengthVector[itk.F]
KEYS = ("EnergyOffset", "EnergyDispersion", "BeamEnergy", "ConvergenceSemiAngle", "CollectionSemiAngle",
        "SignalType", "SpatialUnits", "Element", "Title")


def entries(image):
    dictionary = image.GetMetaDataDictionary()
    found = {}
    for key in KEYS:
        if dictionary.HasKey(key):
            text = str(dictionary[key])
            try:
                found[key] = float(text)
            except ValueError:
                found[key] = text
    return found


def same_image(ours, reference, what):
    t.assert_close(itk.array_from_image(ours), itk.array_from_image(reference), 0.0, f"{what}: data")
    t.check(ours.GetNumberOfComponentsPerPixel() == reference.GetNumberOfComponentsPerPixel(),
            f"{what}: {ours.GetNumberOfComponentsPerPixel()} values per pixel")
    t.assert_close(list(ours.GetSpacing()) + list(ours.GetOrigin()),
                   list(reference.GetSpacing()) + list(reference.GetOrigin()), 1e-12, f"{what}: spacing and origin")
    theirs = entries(reference)
    t.check(entries(ours) == theirs, f"{what}: metadata {theirs}")


def through_the_reader(signal, name):
    """The signal saved by HyperSpy and read by the C++ reader."""
    path = t.output(args, name + ".hspy")
    signal.save(path, overwrite=True)
    return itk.imread(path, SpectrumPixel if signal.axes_manager.signal_dimension == 1 or
                      signal.axes_manager.navigation_dimension == 1 else itk.F)


# A simulated spectrum image: to HyperSpy, laid out (y, x | E), calibrated, and back unchanged.
simulator = itk.CoreLossSimulator[itk.F].New()
simulator.UseSeedMaps(6, 5)
simulator.Update()
image = simulator.GetCoreLossOutput()
image.SetSpacing([0.5, 0.25])
image.SetOrigin([1.0, -2.0])
image.GetMetaDataDictionary()["SpatialUnits"] = "nm"
signal = to_hyperspy(image)
axis = itk.EnergyAxis.ReadFrom(image.GetMetaDataDictionary(), image.GetNumberOfComponentsPerPixel())
microscope = itk.MicroscopeParameters.ReadFrom(image.GetMetaDataDictionary())
t.check(signal.data.shape == (5, 6, axis.GetSize()), f"HyperSpy shape (y, x, E) = {signal.data.shape}")
t.check(signal.metadata.Signal.signal_type == "EELS" and type(signal).__name__ == "EELSSpectrum",
        f"an EELS spectrum image is an {type(signal).__name__}")
x, y = signal.axes_manager["x"], signal.axes_manager["y"]
energy = signal.axes_manager.signal_axes[0]
t.check((x.scale, x.offset, y.scale, y.offset, x.units) == (0.5, 1.0, 0.25, -2.0, "nm"), "x and y axes")
t.check((energy.offset, energy.scale, energy.units) == (axis.GetOffset(), axis.GetDispersion(), "eV"), "energy axis")
tem = signal.metadata.Acquisition_instrument.TEM
t.check((tem.beam_energy, tem.convergence_angle, tem.Detector.EELS.collection_angle) ==
        (microscope.GetBeamEnergy(), microscope.GetConvergenceSemiAngle(), microscope.GetCollectionSemiAngle()),
        "beam energy and semi-angles")
same_image(from_hyperspy(signal), image, "simulated spectrum image, there and back")
same_image(from_hyperspy(signal), through_the_reader(signal, "simulated"), "simulated, against the C++ reader")

# A real line scan: from_hyperspy(hs.load(f)) is itk.imread(f); to_hyperspy(itk.imread(f)) is hs.load(f).
path = t.shared_file(args, "data/eels/LSMO_linescan/LSMO_linescan.hspy")
loaded, read = hs.load(path), itk.imread(path, SpectrumPixel)
same_image(from_hyperspy(loaded), read, "LSMO line scan")
converted = to_hyperspy(read)
t.assert_close(converted.data, loaded.data, 0.0, "LSMO line scan to HyperSpy: data")
for ours, theirs in zip(converted.axes_manager._axes, loaded.axes_manager._axes):
    t.check((ours.size, ours.scale, ours.offset, ours.units, ours.navigate) ==
            (theirs.size, theirs.scale, theirs.offset, theirs.units, theirs.navigate), f"LSMO axis {theirs.name}")
for item in ("Acquisition_instrument.TEM.beam_energy", "Acquisition_instrument.TEM.convergence_angle",
             "Acquisition_instrument.TEM.Detector.EELS.collection_angle", "Signal.signal_type", "General.title"):
    t.check(converted.metadata.get_item(item) == loaded.metadata.get_item(item),
            f"LSMO {item} = {loaded.metadata.get_item(item)!r}")

# The documented example (Wrapping/README.md): the line scan quantified and its map back in HyperSpy.
core = from_hyperspy(hs.load(path))
fit = itk.core_loss_quantification_filter(core, edges=[("Mn", "L"), ("O", "K")])
manganese = to_hyperspy(fit[0])
t.check(manganese.data.shape == (1, 40) and manganese.axes_manager["x"].scale == loaded.axes_manager["x"].scale,
        f"the Mn map of the line scan is a calibrated Signal2D {manganese.data.shape}")
t.check(float(np.nanmedian(manganese.data)) > 0.0, f"Mn abundance median {float(np.nanmedian(manganese.data)):.4g}")

# A stack of maps with their elements, axes in different length units (made nm), and counts.
maps = hs.signals.Signal2D(np.arange(2 * 4 * 3, dtype=np.uint16).reshape(2, 4, 3))
maps.axes_manager[1].units, maps.axes_manager[1].scale = "\u00b5m", 0.002
maps.axes_manager[2].units, maps.axes_manager[2].scale = "nm", 1.5
maps.metadata.set_item("Sample.elements", ["Fe", "O"])
stack = from_hyperspy(maps)
t.check(stack.GetNumberOfComponentsPerPixel() == 2 and entries(stack)["Element"] == "Fe O", "two maps, Fe and O")
t.check(stack.GetSpacing()[0] == 2.0 and stack.GetSpacing()[1] == 1.5, f"µm made nm: spacing {stack.GetSpacing()}")
same_image(stack, through_the_reader(maps, "maps"), "stack of maps, against the C++ reader")
back = to_hyperspy(stack)
t.assert_close(back.data, maps.data, 0.0, "stack of maps, there and back")
t.check(list(back.metadata.Sample.elements) == ["Fe", "O"], "the elements go back to Sample.elements")

# A single image (float64 stays double) and refused signals.
picture = hs.signals.Signal2D(np.linspace(0.0, 1.0, 12).reshape(3, 4))
single = from_hyperspy(picture)
t.check(type(single) is itk.Image[itk.D, 2], "a float64 Signal2D is an Image of double")
t.assert_close(to_hyperspy(single).data, picture.data, 0.0, "single image, there and back")
for refused, why in ((hs.signals.Signal1D(np.zeros((2, 2, 2, 8))), "navigation axes"),
                     (hs.signals.BaseSignal(np.zeros((2, 3, 4))).transpose(signal_axes=3), "signal axes")):
    try:
        from_hyperspy(refused)
        raise AssertionError(f"a signal with too many {why} was converted")
    except ValueError as error:
        t.check(why in str(error), f"refused: {error}")
