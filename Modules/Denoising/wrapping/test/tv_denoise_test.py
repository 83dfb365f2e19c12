#!/usr/bin/env python3
"""TVDenoiseImageFilter from Python: analytic properties, numpy and file inputs, VectorImage
spectrum images, and the same result as the C++ program aem-tv-denoise (2-D float, 3-D double)."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()
rng = np.random.default_rng(7)
ImageType = itk.Image[itk.F, 2]

# A constant image is its own ROF solution.
constant = itk.image_from_array(np.full((16, 20), 3.5, np.float32))
flat = itk.array_view_from_image(itk.tv_denoise_image_filter(constant, Lambda=0.3))
t.assert_close(flat, np.full((16, 20), 3.5), 1e-6, "constant image")

# Two noisy squares. With zero-flux boundaries ROF keeps the mean exactly.
truth = np.kron(np.array([[0.0, 1.0], [1.0, 0.0]]), np.ones((32, 32)))
noisy = (truth + 0.3 * rng.standard_normal(truth.shape)).astype(np.float32)
image = itk.image_from_array(noisy)
image.SetSpacing((0.5, 0.5))
denoiser = itk.TVDenoiseImageFilter[ImageType, ImageType].New(
    Input=image, Lambda=0.2, MaximumNumberOfIterations=500, Tolerance=1e-6)
denoiser.Update()
denoised = itk.array_from_image(denoiser.GetOutput())
t.check(denoiser.GetNumberOfIterations() > 1, f"{denoiser.GetNumberOfIterations()} iterations")
t.check(abs(denoised.mean() - noisy.mean()) < 1e-4, f"mean kept: {denoised.mean():.6f} vs {noisy.mean():.6f}")
error_before = np.sqrt(np.mean((noisy - truth) ** 2))
error_after = np.sqrt(np.mean((denoised - truth) ** 2))
t.check(error_after < 0.5 * error_before, f"RMS error {error_before:.3f} -> {error_after:.3f}")
t.check(tuple(denoiser.GetOutput().GetSpacing()) == (0.5, 0.5), "spacing kept")
history = denoiser.GetEnergyHistory()
t.check(len(history) >= 1 and abs(history[-1] - denoiser.GetEnergy()) <= 1e-9 * abs(history[-1]),
        "the energy history ends at the final energy")

anisotropic = itk.tv_denoise_image_filter(image, Lambda=0.2, Norm=itk.TVDenoiseEnums.Norm_Anisotropic)
t.check(np.max(np.abs(itk.array_view_from_image(anisotropic) - denoised)) > 1e-4, "anisotropic TV differs")
by_name = itk.tv_denoise_image_filter(image, Lambda=0.2, norm="anisotropic")
t.assert_close(itk.array_view_from_image(by_name), itk.array_view_from_image(anisotropic), 0.0,
               "norm='anisotropic' is Norm_Anisotropic")

# From a file, the same numbers as from numpy.
path = t.output(args, "noisy.mha")
itk.imwrite(image, path)
from_file = itk.tv_denoise_image_filter(itk.imread(path), Lambda=0.2, MaximumNumberOfIterations=500,
                                        Tolerance=1e-6)
t.assert_close(itk.array_view_from_image(from_file), denoised, 0.0, "file input vs numpy input")

# A VectorImage (e.g. a stack of maps) is denoised component by component: with a fixed number of
# iterations (the stopping test sums over components), each component is its own scalar problem.
no_stopping_test = itk.TVDenoiseEnums.StoppingCriterion__None  # SWIG's name for the member None
fixed = dict(Lambda=0.2, MaximumNumberOfIterations=40, StoppingCriterion=no_stopping_test)
stack = np.stack([noisy, 2.0 * noisy], axis=-1)
vector_output = itk.tv_denoise_image_filter(itk.image_from_array(stack, is_vector=True), **fixed)
t.check(vector_output.GetNumberOfComponentsPerPixel() == 2, "VectorImage in, VectorImage out")
for c in range(2):
    scalar = itk.tv_denoise_image_filter(itk.image_from_array(np.ascontiguousarray(stack[..., c])), **fixed)
    t.assert_close(itk.array_view_from_image(vector_output)[..., c], itk.array_view_from_image(scalar), 0.0,
                   f"VectorImage component {c} vs the scalar filter")

# The C++ program on the same file and parameters (its defaults: 200 iterations, tolerance 1e-4).
cli = t.program(args, "aem-tv-denoise")
cxx_path = t.output(args, "denoised_cxx.mha")
t.run(cli, path, cxx_path, "--lambda", 0.2)
python_result = itk.tv_denoise_image_filter(itk.imread(path), Lambda=0.2, MaximumNumberOfIterations=200,
                                            Tolerance=1e-4)
t.assert_close(itk.array_view_from_image(python_result), itk.array_view_from_image(itk.imread(cxx_path)),
               0.0, "Python vs C++ (aem-tv-denoise)")

# A 3-D double volume through the same two routes.
volume = (np.kron(np.ones((2, 2, 2)), np.ones((8, 8, 8))) * (np.arange(16)[:, None, None] < 8)
          + 0.2 * rng.standard_normal((16, 16, 16)))
volume_path = t.output(args, "volume.mha")
itk.imwrite(itk.image_from_array(volume), volume_path)
volume_cxx_path = t.output(args, "volume_cxx.mha")
t.run(cli, volume_path, volume_cxx_path, "--lambda", 0.2)
volume_image = itk.imread(volume_path, itk.D)
t.check(type(volume_image) is itk.Image[itk.D, 3], "a 3-D double image")
volume_result = itk.tv_denoise_image_filter(volume_image, Lambda=0.2, MaximumNumberOfIterations=200, Tolerance=1e-4)
t.assert_close(itk.array_view_from_image(volume_result), itk.array_view_from_image(itk.imread(volume_cxx_path, itk.D)),
               0.0, "3-D double volume: Python vs C++ (aem-tv-denoise)")
