#!/usr/bin/env python3
"""itk.imread finds the DM3/DM4, MSA and .hspy readers (they register when `import itk` loads the
module configuration) and gives HyperSpy's data and energy axes; itk.imwrite writes .hspy files
that HyperSpy reads back."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()
try:
    import hyperspy.api as hs
except ImportError:
    t.skip("HyperSpy (Debian python3-hyperspy) is not available")

SpectrumPixel = itk.VariableLengthVector[itk.D]
files = {  # file: (spectrum?, HyperSpy's energy unit in eV)
    "data/dm/EELS_SI.dm4": (True, 1.0),
    "data/dm/EELS_STO.dm3": (True, 1.0),
    "data/dm/test-EDS_spectrum.dm3": (True, 1000.0),
    "data/eels/SrTiO3/hl.msa": (True, 1.0),
    "data/eels/MnO/lowloss_spectrum.msa": (True, 1.0),
    "data/eels/LSMO_linescan/LSMO_linescan.hspy": (True, 1.0),
    "data/dm/test_STEM_image.dm3": (False, None),
}
for relative, (spectrum, unit) in files.items():
    path = t.shared_file(args, relative)
    theirs = hs.load(path)
    # A plain itk.imread asks for an Image of itk.Vector pixels for multi-component files; spectra
    # (thousands of channels) are VectorImages: ask for VariableLengthVector pixels.
    ours = itk.imread(path, SpectrumPixel) if spectrum else itk.imread(path, itk.D)
    data = itk.array_view_from_image(ours)
    t.assert_close(data.reshape(theirs.data.shape), theirs.data, 0.0, f"{relative}: data")
    if spectrum:
        axis = theirs.axes_manager.signal_axes[0]
        energy = itk.EnergyAxis.ReadFrom(ours.GetMetaDataDictionary(), data.shape[-1])
        t.assert_close([energy.GetOffset(), energy.GetDispersion()], [axis.offset * unit, axis.scale * unit],
                       1e-9 * max(1.0, abs(axis.offset * unit)), f"{relative}: energy offset and dispersion")

# A spectrum image made in numpy, written by ITK, read by HyperSpy.
rng = np.random.default_rng(5)
counts = rng.poisson(20.0, size=(3, 4, 32)).astype(np.float32)
image = itk.image_from_array(counts, is_vector=True)
itk.EnergyAxis(500.0, 0.5, 32).WriteTo(image.GetMetaDataDictionary())
path = t.output(args, "written_by_itk.hspy")
itk.imwrite(image, path)
loaded = hs.load(path)
t.assert_close(loaded.data, counts, 0.0, "HyperSpy reads our .hspy: data")
axis = loaded.axes_manager.signal_axes[0]
t.check((axis.offset, axis.scale, axis.size) == (500.0, 0.5, 32), f"HyperSpy reads our energy axis: {axis}")
