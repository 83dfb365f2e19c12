#!/usr/bin/env python3
"""Edges, excluded ranges and the microscope as plain Python values: New() and the functional call
(itk.core_loss_quantification_filter) give the maps of the filter set up method by method, and a
malformed value raises a TypeError that names it."""
import itk

import aem_python_testing as t

args = t.arguments()
Spectrum = itk.VectorImage[itk.F, 2]
Map = itk.Image[itk.F, 2]
edges = [("C", "K"), ("N", "K"), ("O", "K"), ("Fe", "L")]
excluded = [(705.0, 715.0), (718.0, 730.0)]

simulator = itk.CoreLossSimulator[itk.F].New()
simulator.UseSeedMaps(12, 12)
simulator.SetSeed(5)
simulator.Update()
core, low = simulator.GetCoreLossOutput(), simulator.GetLowLossOutput()
simulated = itk.MicroscopeParameters.ReadFrom(core.GetMetaDataDictionary())


def method_by_method(beam_energy):
    quantifier = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=core, LowLoss=low)
    for element, edge in edges:
        quantifier.AddEdge(element, edge)
    for start, end in excluded:
        quantifier.AddExcludedRange(start, end)
    microscope = itk.MicroscopeParameters()
    microscope.SetBeamEnergy(beam_energy)
    microscope.SetConvergenceSemiAngle(simulated.GetConvergenceSemiAngle())
    microscope.SetCollectionSemiAngle(simulated.GetCollectionSemiAngle())
    quantifier.SetMicroscopeParameters(microscope)
    quantifier.Update()
    return [itk.array_from_image(quantifier.GetAbundanceMap(e)) for e in range(len(edges))]


def microscope(beam_energy):
    return {"beam_energy": beam_energy, "ConvergenceSemiAngle": simulated.GetConvergenceSemiAngle(),
            "collection_semi_angle": simulated.GetCollectionSemiAngle()}


expected = method_by_method(simulated.GetBeamEnergy())

# The functional call returns every indexed output; the abundance maps come first.
outputs = itk.core_loss_quantification_filter(core, low_loss=low, edges=edges, excluded_ranges=excluded,
                                              microscope_parameters=microscope(simulated.GetBeamEnergy()))
t.check(len(outputs) >= len(edges), f"the functional call returns the outputs ({len(outputs)})")
for e, (element, _) in enumerate(edges):
    t.assert_close(itk.array_from_image(outputs[e]), expected[e], 0.0, f"{element}: functional call vs methods")

# New() with texts for the edges, one edge and one range, each in its one-element list.
single = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=core, LowLoss=low,
                                                              Edges=["C:K", "N:K", "O:K", "Fe:L"],
                                                              ExcludedRanges=[excluded[0]])
single.AddExcludedRange(*excluded[1])
single.SetMicroscopeParameters(microscope(simulated.GetBeamEnergy()))
single.Update()
for e, (element, _) in enumerate(edges):
    t.assert_close(itk.array_from_image(single.GetAbundanceMap(e)), expected[e], 0.0, f"{element}: New() with texts")
iron_only = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=core, LowLoss=low)
iron_only.AddEdge("Fe", "L")
iron_only.Update()
one_edge = itk.core_loss_quantification_filter(core, low_loss=low, edges=[("Fe", "L")])
t.assert_close(itk.array_from_image(one_edge[0]), itk.array_from_image(iron_only.GetAbundanceMap(0)), 0.0,
               "edges=[('Fe', 'L')] is one edge")

# The microscope given is the one used: another beam energy gives other maps, equal to the methods'.
other = itk.core_loss_quantification_filter(core, low_loss=low, edges=edges, excluded_ranges=excluded,
                                            microscope_parameters=microscope(0.5 * simulated.GetBeamEnergy()))
other_expected = method_by_method(0.5 * simulated.GetBeamEnergy())
for e, (element, _) in enumerate(edges):
    t.assert_close(itk.array_from_image(other[e]), other_expected[e], 0.0, f"{element} at half the beam energy")
change = abs(itk.array_from_image(other[3]) - expected[3]).max()
t.check(change > 0.0, f"half the beam energy changes the Fe map (by up to {change:.3g})")

# Malformed values: a TypeError naming the value, and the filter left as it was (the microscope
# of the metadata is the simulated one, so the maps are the expected ones).
quantifier = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=core, LowLoss=low, Edges=edges,
                                                                  ExcludedRanges=excluded)
for setter, value, named in (("SetEdges", [("Fe", "L"), ("O",)], "('O',)"), ("SetEdges", "Fe:L", "list of edges"),
                             ("SetExcludedRanges", [(1.0, 2.0, 3.0)], "(1.0, 2.0, 3.0)"),
                             ("SetMicroscopeParameters", {"BeamEnergy": 200, "Voltage": 3}, "voltage")):
    try:
        getattr(quantifier, setter)(value)
        raise AssertionError(f"{setter}({value!r}) was accepted")
    except TypeError as error:
        t.check(named in str(error), f"{setter}({value!r}) raises: {error}")
quantifier.Update()
for e, (element, _) in enumerate(edges):
    t.assert_close(itk.array_from_image(quantifier.GetAbundanceMap(e)), expected[e], 0.0,
                   f"{element}: the settings survive the refused values")
