#!/usr/bin/env python3
"""EDSLineIntensityImageFilter from Python: line maps of a synthetic EDS spectrum image against
the Gaussian's analytic window fraction, linearity in the counts, both methods and the Cliff-Lorimer
compositions against the C++ program aem-eds-maps on the same file."""
import math

import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()

# 2048 channels of 10 eV from 0; Fe Ka (6403.84 eV) and Cu Ka (8047.78 eV) as Gaussians of the
# detector's width (FWHM^2 = 130^2 + 2.5 (E - E(Mn Ka)), eV), integrated over each channel, on a
# flat background of 4 counts per channel. Pixel p holds (p + 1) x 1000 counts of Fe Ka and 2000
# of Cu Ka.
channels, dispersion = 2048, 10.0
edges = np.arange(channels + 1) * dispersion


def line(energy, counts):
    sigma = math.sqrt(130.0**2 + 2.5 * (energy - 5898.75)) / (2.0 * math.sqrt(2.0 * math.log(2.0)))
    cdf = np.array([0.5 * (1.0 + math.erf((e - energy) / (sigma * math.sqrt(2.0)))) for e in edges])
    return counts * np.diff(cdf)


height, width = 2, 3
spectra = np.empty((height, width, channels), np.float32)
for p in range(height * width):
    spectra[p // width, p % width] = line(6403.84, 1000.0 * (p + 1)) + line(8047.78, 2000.0) + 4.0
image = itk.image_from_array(spectra, is_vector=True)
itk.EnergyAxis(0.0, dispersion, channels).WriteTo(image.GetMetaDataDictionary())
ImageType = itk.VectorImage[itk.F, 2]
t.check(type(image) is ImageType, "a 2-D float spectrum image")

# Windows (the default): the window is the line +/- 1 FWHM (IntegrationWidth 2), which holds
# erf(sqrt(2 ln 2) * 2 / sqrt(2)) = 0.98105 of a Gaussian; the flat background is removed exactly
# by the side windows, and the channel rounding of the window's ends moves the sum by < 0.5 %.
# The functional call returns both outputs: the maps and the compositions (empty without k-factors).
maps, _ = itk.eds_line_intensity_image_filter(image, Lines=["Fe_Ka", "Cu_Ka"])
values = itk.array_from_image(maps).reshape(height * width, 2)
fraction = math.erf(math.sqrt(2.0 * math.log(2.0)) * 2.0 / math.sqrt(2.0))
for p in range(height * width):
    t.check(abs(values[p, 0] / (1000.0 * (p + 1) * fraction) - 1.0) < 0.01,
            f"pixel {p}: Fe Ka {values[p, 0]:.1f} vs {1000.0 * (p + 1) * fraction:.1f} (1 %)")
    t.check(abs(values[p, 1] / (2000.0 * fraction) - 1.0) < 0.01,
            f"pixel {p}: Cu Ka {values[p, 1]:.1f} vs {2000.0 * fraction:.1f} (1 %)")
# The maps are linear in the counts and the background cancels: the Fe Ka map follows the Fe
# counts alone (float32 sums: 1e-5 relative).
t.assert_close(values[:, 0] / np.arange(1, 7), np.full(6, values[0, 0]), 1e-5 * values[0, 0],
               "Fe Ka map / Fe counts is one constant")
t.check(maps["Element"] == "Fe Cu", f"the maps name their elements: {maps['Element']}")

# The same file through the C++ program, for both methods and the compositions (k-factors).
cli = t.program(args, "aem-eds-maps")
path = t.output(args, "spectrum_image.mha")
itk.imwrite(image, path)
read = itk.imread(path, itk.VariableLengthVector[itk.F])
for method, token in ((itk.EDSEnums.LineMethod_Windows, "windows"), (itk.EDSEnums.LineMethod_Fit, "fit")):
    maps_path = t.output(args, f"maps_{token}.mha")
    composition_path = t.output(args, f"composition_{token}.mha")
    t.run(cli, path, maps_path, "--lines", "Fe_Ka,Cu_Ka", "--method", token, "--kFactors", "1,1.5",
          "--composition", composition_path)
    lines = itk.EDSLineIntensityImageFilter[ImageType, ImageType].New(
        Input=read, Lines=["Fe_Ka", "Cu_Ka"], Method=method, KFactors=[1.0, 1.5])
    lines.Update()
    t.assert_close(itk.array_view_from_image(lines.GetOutput()),
                   itk.array_view_from_image(itk.imread(maps_path, itk.VariableLengthVector[itk.F])), 0.0,
                   f"{token} maps: Python vs aem-eds-maps")
    composition = itk.array_view_from_image(lines.GetCompositionOutput())
    t.assert_close(composition,
                   itk.array_view_from_image(itk.imread(composition_path, itk.VariableLengthVector[itk.F])), 0.0,
                   f"{token} compositions: Python vs aem-eds-maps")
    t.assert_close(composition.sum(axis=-1), np.ones((height, width)), 1e-6, f"{token} compositions sum to 1")

try:
    itk.eds_line_intensity_image_filter(image, Lines=["Xx_Ka"])
    raise AssertionError("an unknown line was accepted")
except RuntimeError as error:
    t.check("Xx_Ka" in str(error), f"an unknown line is refused: {str(error).splitlines()[-1][:100]}")
