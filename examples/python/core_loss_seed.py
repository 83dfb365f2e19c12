#!/usr/bin/env python3
"""The core-loss seed workflow, step by step, with ITK's Python wrapping.

    python3 core_loss_seed.py OUTPUT_FOLDER [SIZE]

Simulates the seed's SIZE x SIZE (default 64) C/N/O/Fe spectrum image with drift and Poisson
noise, aligns the zero loss, fits every pixel (abundance and Cramer-Rao bound maps), measures
t/lambda, and compares with the simulated truth. The spectrum images are numpy arrays of shape
(y, x, E) whenever numpy is more convenient.
"""
import os
import sys
import time

import itk
import numpy as np

folder = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 else 64
os.makedirs(folder, exist_ok=True)
Spectrum = itk.VectorImage[itk.F, 2]
Map = itk.Image[itk.F, 2]
edges = [("C", "K"), ("N", "K"), ("O", "K"), ("Fe", "L")]

# Step 1: simulate (the seed's maps, drift pattern and noise).
simulator = itk.CoreLossSimulator[itk.F].New()
simulator.UseSeedMaps(size, size)
simulator.SetDrift(itk.EELSEnums.SimulatedDrift_SeedPattern)
simulator.SetSeed(1)
simulator.Update()
core_loss, low_loss = simulator.GetCoreLossOutput(), simulator.GetLowLossOutput()
axis = itk.EnergyAxis.ReadFrom(core_loss.GetMetaDataDictionary(), core_loss.GetNumberOfComponentsPerPixel())
print(f"Simulated {size} x {size} x {axis.GetSize()} channels, {axis.GetOffset():g} to {axis.GetLastEnergy():g} eV")
mean_spectrum = itk.array_view_from_image(core_loss).mean(axis=(0, 1))
energies = axis.GetOffset() + axis.GetDispersion() * np.arange(axis.GetSize())
np.savetxt(os.path.join(folder, "mean_coreloss.csv"), np.column_stack([energies, mean_spectrum]), delimiter=",",
           header="energy_eV,counts", comments="")

# Step 2: zero-loss alignment of the low loss, applied to the core loss too.
aligner = itk.EELSAlignFilter[Spectrum].New(Input=low_loss)
aligner.SetCompanion(0, core_loss)
aligner.SetMethod(itk.EELSEnums.ZeroLossMethod_CrossCorrelation)
aligner.SetShift(itk.EELSEnums.SpectrumShift_Fourier)
aligner.Update()
peaks = itk.array_view_from_image(aligner.GetShiftMap())  # each pixel's zero-loss energy before alignment
print(f"Alignment: zero-loss peaks found from {peaks.min():.2f} to {peaks.max():.2f} eV")

# Step 3: the model-based fit of every pixel, with its own Cramer-Rao bounds.
start = time.perf_counter()
quantifier = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=aligner.GetOutput(1),
                                                                 LowLoss=aligner.GetOutput(0))
for element, edge in edges:
    quantifier.AddEdge(element, edge)
quantifier.SetFitter(itk.EELSEnums.Fitter_WeightedLeastSquares)
quantifier.Update()
print(f"Fit and CRLB of every pixel in {time.perf_counter() - start:.2f} s")
for e, (element, edge) in enumerate(edges):
    abundance = itk.array_view_from_image(quantifier.GetAbundanceMap(e))
    truth = itk.array_view_from_image(simulator.GetAbundanceMap(e))
    crlb = itk.array_view_from_image(quantifier.GetCRLBMap(e))
    itk.imwrite(quantifier.GetAbundanceMap(e), os.path.join(folder, f"{element}_abundance.mha"))
    itk.imwrite(quantifier.GetCRLBMap(e), os.path.join(folder, f"{element}_crlb.mha"))
    error = abundance - truth
    print(f"  {element} {edge}: mean error {error.mean():+.4f}, RMS {np.sqrt(np.mean(error ** 2)):.4f}, "
          f"median CRLB {np.median(crlb):.4f}")

# Step 4: t/lambda from the aligned low loss.
thickness = itk.ThicknessImageFilter[Spectrum, Map].New(Input=aligner.GetOutput(0))
thickness.Update()
tlambda = itk.array_view_from_image(thickness.GetOutput())
truth = itk.array_view_from_image(simulator.GetThicknessMap())
print(f"t/lambda: mean {tlambda.mean():.4f} (simulated {truth.mean():.4f})")
print(f"Results written to {folder}/")
