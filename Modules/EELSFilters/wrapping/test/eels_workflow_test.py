#!/usr/bin/env python3
"""The core-loss workflow from Python (simulate, align, quantify, thickness) gives the numbers of
the C++ programs run on the same data, and recovers the simulated abundances."""
import itk

import aem_python_testing as t

args = t.arguments()
Spectrum = itk.VectorImage[itk.F, 2]
Map = itk.Image[itk.F, 2]
size = 24
edges = [("C", "K"), ("N", "K"), ("O", "K"), ("Fe", "L")]


def simulate(noise):
    simulator = itk.CoreLossSimulator[itk.F].New()
    simulator.UseSeedMaps(size, size)
    simulator.SetDrift(itk.EELSEnums.SimulatedDrift_SeedPattern)
    simulator.SetAddNoise(noise)
    simulator.SetSeed(1)
    simulator.Update()
    return simulator


def align(low_loss, core_loss):
    aligner = itk.EELSAlignFilter[Spectrum].New(Input=low_loss)
    aligner.SetCompanion(0, core_loss)
    aligner.SetMethod(itk.EELSEnums.ZeroLossMethod_CrossCorrelation)
    aligner.SetShift("fourier")  # an enum's programs' token
    aligner.SetRange("Crop")  # or its C++ name
    aligner.Update()
    return aligner.GetOutput(0), aligner.GetOutput(1)


def quantify(core_loss, low_loss, excluded=()):
    quantifier = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=core_loss, LowLoss=low_loss)
    for element, edge in edges:
        quantifier.AddEdge(element, edge)
    for start, end in excluded:
        quantifier.AddExcludedRange(start, end)
    quantifier.SetFitter(itk.EELSEnums.Fitter_WeightedLeastSquares)
    quantifier.Update()
    return quantifier


def array(image):
    return itk.array_from_image(image)


# Noiseless: the abundances come back (the seed's C map is 1 everywhere).
clean = simulate(False)
clean_low, clean_core = align(clean.GetLowLossOutput(), clean.GetCoreLossOutput())
clean_fit = quantify(clean_core, clean_low)
for e, (element, _) in enumerate(edges):
    truth = array(clean.GetAbundanceMap(e))
    fitted = array(clean_fit.GetAbundanceMap(e))
    error = abs(fitted.mean() / truth.mean() - 1.0)
    t.check(error < 0.02, f"noiseless {element}: mean abundance {fitted.mean():.4f} vs truth {truth.mean():.4f}")

# Enum arguments by name: the same values as the enum constants; a wrong name is a ValueError that
# lists the names.
names = itk.EELSAlignFilter[Spectrum].New(method="modelfit", shape="Lorentzian", shift="cubic")
t.check(names.GetMethod() == itk.EELSEnums.ZeroLossMethod_ModelFit, "method='modelfit'")
t.check(names.GetShape() == itk.EELSEnums.ZeroLossShape_Lorentzian, "shape='Lorentzian'")
t.check(names.GetShift() == itk.EELSEnums.SpectrumShift_Cubic, "shift='cubic'")
try:
    names.SetShift("spline")
    t.check(False, "an unknown shift name is refused")
except ValueError as error:
    t.check(str(error).startswith('unknown SpectrumShiftEnum "spline"') and "Cubic (cubic)" in str(error),
            f"the refusal lists the names: {error}")
try:
    names.SetShift(1.5)
    t.check(False, "a float is refused as a shift")
except TypeError:
    pass
names.SetShift(int(itk.EELSEnums.SpectrumShift_Linear))
t.check(names.GetShift() == itk.EELSEnums.SpectrumShift_Linear, "an enum value given as an int")
try:
    names.SetShift(99)
    t.check(False, "an integer that is no SpectrumShiftEnum value is refused")
except ValueError as error:
    t.check("99 is not a value of" in str(error), f"the refusal names the integer: {error}")
simulator_by_name = itk.CoreLossSimulator[itk.F].New(Drift="SeedPattern", Constants="CODATA2018")
t.check(simulator_by_name.GetDrift() == itk.EELSEnums.SimulatedDrift_SeedPattern, "Drift='SeedPattern'")
t.check(simulator_by_name.GetConstants() == itk.EELSEnums.Constants_CODATA2018, "Constants='CODATA2018'")

# Noisy, Python against the C++ programs on the same files.
noisy = simulate(True)
paths = {name: t.output(args, name + ".mha") for name in
         ("core", "low", "core_cxx", "low_cxx", "aligned_core", "aligned_low", "abundances", "crlb", "thickness")}
itk.imwrite(noisy.GetCoreLossOutput(), paths["core"])
itk.imwrite(noisy.GetLowLossOutput(), paths["low"])
t.run(t.program(args, "aem-eels-simulate"), paths["core_cxx"], paths["low_cxx"], "--width", size, "--height", size,
      "--seed", 1)
for name in ("core", "low"):
    ours = itk.imread(paths[name], itk.VariableLengthVector[itk.F])
    theirs = itk.imread(paths[name + "_cxx"], itk.VariableLengthVector[itk.F])
    t.assert_close(array(ours), array(theirs), 0.0, f"simulated {name} loss: Python vs aem-eels-simulate")
    t.check(itk.EnergyAxis.ReadFrom(ours.GetMetaDataDictionary(), ours.GetNumberOfComponentsPerPixel()) ==
            itk.EnergyAxis.ReadFrom(theirs.GetMetaDataDictionary(), theirs.GetNumberOfComponentsPerPixel()),
            f"simulated {name} loss: same energy axis")

low, core = align(itk.imread(paths["low"], itk.VariableLengthVector[itk.F]),
                  itk.imread(paths["core"], itk.VariableLengthVector[itk.F]))
t.run(t.program(args, "aem-eels-align"), paths["low"], paths["aligned_low"], "--coreLoss", paths["core"],
      "--alignedCoreLoss", paths["aligned_core"], "--shift", "fourier")
for name, ours in (("low", low), ("core", core)):
    theirs = array(itk.imread(paths["aligned_" + name], itk.VariableLengthVector[itk.F]))
    t.assert_close(array(ours), theirs, 0.0, f"aligned {name} loss: Python vs aem-eels-align")

fit = quantify(core, low)
t.run(t.program(args, "aem-eels-quantify"), paths["aligned_core"], paths["abundances"], "--lowLoss",
      paths["aligned_low"], "--crlb", paths["crlb"])
cxx_abundances = array(itk.imread(paths["abundances"], itk.VariableLengthVector[itk.F]))
cxx_crlb = array(itk.imread(paths["crlb"], itk.VariableLengthVector[itk.F]))
for e, (element, _) in enumerate(edges):
    t.assert_close(array(fit.GetAbundanceMap(e)), cxx_abundances[..., e], 0.0,
                   f"{element} abundance: Python vs aem-eels-quantify")
    t.assert_close(array(fit.GetCRLBMap(e)), cxx_crlb[..., e], 0.0,
                   f"{element} CRLB: Python vs aem-eels-quantify")

# ElementalQuantificationFilter: its own aligner (EELSAlignFilter's defaults), then the same fit.
raw_core = itk.imread(paths["core"], itk.VariableLengthVector[itk.F])
raw_low = itk.imread(paths["low"], itk.VariableLengthVector[itk.F])
one_call = itk.ElementalQuantificationFilter[Spectrum, Map].New(Input=raw_core, LowLoss=raw_low)
for element, edge in edges:
    one_call.AddEdge(element, edge)
one_call.Update()
default_aligner = itk.EELSAlignFilter[Spectrum].New(Input=raw_low)
default_aligner.SetCompanion(0, raw_core)
default_aligner.Update()
two_steps = quantify(default_aligner.GetOutput(1), default_aligner.GetOutput(0))
for e, (element, _) in enumerate(edges):
    t.assert_close(array(one_call.GetAbundanceMap(e)), array(two_steps.GetAbundanceMap(e)), 0.0,
                   f"{element}: ElementalQuantificationFilter vs EELSAlignFilter + CoreLossQuantificationFilter")

# Channels left out of the fit (the Fe L3 and L2 white lines, 705-730 eV): as --exclude.
excluded = [(705.0, 715.0), (718.0, 730.0)]
excluded_fit = quantify(core, low, excluded)
t.run(t.program(args, "aem-eels-quantify"), paths["aligned_core"], paths["abundances"], "--lowLoss",
      paths["aligned_low"], "--exclude", ",".join(f"{a},{b}" for a, b in excluded))
cxx_excluded = array(itk.imread(paths["abundances"], itk.VariableLengthVector[itk.F]))
for e, (element, _) in enumerate(edges):
    t.assert_close(array(excluded_fit.GetAbundanceMap(e)), cxx_excluded[..., e], 0.0,
                   f"{element} abundance with excluded ranges: Python vs aem-eels-quantify --exclude")
iron_change = abs(array(excluded_fit.GetAbundanceMap(3)) - array(fit.GetAbundanceMap(3))).max()
t.check(iron_change > 0.0, f"excluding the white lines changes the Fe map (by up to {iron_change:.3g})")

thickness = itk.ThicknessImageFilter[Spectrum, Map].New(Input=low)
thickness.SetZeroLossIntegral(itk.EELSEnums.ZeroLossIntegral_Mirrored)
thickness.SetZeroLossHalfWidth(3.0)
thickness.Update()
t.run(t.program(args, "aem-eels-thickness"), paths["aligned_low"], paths["thickness"])
t.assert_close(array(thickness.GetOutput()), array(itk.imread(paths["thickness"], itk.F)), 0.0,
               "t/lambda: Python vs aem-eels-thickness")
