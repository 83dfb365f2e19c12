#!/usr/bin/env python3
"""EnergyAxis and MicroscopeParameters from Python; the calibration of a spectrum image made from
numpy survives itk.imwrite / itk.imread in MetaImage and NRRD."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()

axis = itk.EnergyAxis(250.0, 0.25, 64)
t.check(axis.GetEnergy(10) == 252.5, "E_10 = offset + 10 dispersion")
t.check(axis.GetIndex(249.0) == 0 and axis.GetIndex(1000.0) == 64, "channel lookup clamps to [0, size]")
t.check(axis.GetIndex(252.625) == 10, "ties go to the lower channel")
try:
    itk.EnergyAxis(0.0, -1.0, 8)
    raise AssertionError("a negative dispersion was accepted")
except RuntimeError as error:
    t.check("ispersion" in str(error), "a negative dispersion raises: " + str(error).splitlines()[-1])

microscope = itk.MicroscopeParameters()
microscope.SetBeamEnergy(300.0)
microscope.SetConvergenceSemiAngle(1e-9)
microscope.SetCollectionSemiAngle(50.0)
t.check(microscope.GetBeamVoltage() == 300e3, "beam energy in kV, voltage in V")

# A HyperSpy-style (y, x, E) array is a VectorImage with one component per channel.
rng = np.random.default_rng(3)
counts = rng.poisson(50.0, size=(5, 7, 64)).astype(np.float32)
spectrum_image = itk.image_from_array(counts, is_vector=True)
axis.WriteTo(spectrum_image.GetMetaDataDictionary())
microscope.WriteTo(spectrum_image.GetMetaDataDictionary())
t.check(spectrum_image.GetNumberOfComponentsPerPixel() == 64, "64 channels per pixel")
t.check(tuple(spectrum_image.GetLargestPossibleRegion().GetSize()) == (7, 5), "ITK size is (x, y)")

for extension in ("mha", "nrrd"):
    path = t.output(args, "spectrum_image." + extension)
    itk.imwrite(spectrum_image, path)
    read = itk.imread(path, itk.VariableLengthVector[itk.F])
    dictionary = read.GetMetaDataDictionary()
    t.check(itk.EnergyAxis.ReadFrom(dictionary, 64) == axis, f"{extension}: the energy axis survives")
    t.check(itk.MicroscopeParameters.ReadFrom(dictionary) == microscope, f"{extension}: the microscope survives")
    t.assert_close(itk.array_view_from_image(read), counts, 0.0, f"{extension}: counts")
