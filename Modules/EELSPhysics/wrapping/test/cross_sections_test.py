#!/usr/bin/env python3
"""Hydrogenic cross sections computed from Python match pyEELSMODEL's reference table, as they do
from C++ (relative difference < 1e-12 on every non-zero value, zeros exactly)."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()
table = np.genfromtxt(t.shared_file(args, "reference/pyeelsmodel-sim32/hydrogenic_cross_sections_barn_per_eV.csv"),
                      delimiter=",", names=True)
axis = itk.EnergyAxis(200.0, 0.5, 2048)
t.assert_close(axis.GetOffset() + axis.GetDispersion() * np.arange(2048), table["energy_eV"], 0.0, "energy axis")

# From Python the settings come from microscope parameters (kV, mrad), with 100 ln q steps (the
# wrapping exposes methods, not the struct's fields), so the q20 columns are left to the C++ tests.
cases = [("C_K_q100", "C", "K", 1e-6), ("N_K_q100", "N", "K", 1e-6), ("O_K_q100", "O", "K", 1e-6),
         ("Fe_L_q100", "Fe", "L", 1e-6), ("O_K_q100_alpha10mrad", "O", "K", 10.0),
         ("Fe_L_q100_alpha10mrad", "Fe", "L", 10.0)]
for column, element, edge, alpha in cases:
    microscope = itk.MicroscopeParameters()
    microscope.SetBeamEnergy(300.0)
    microscope.SetConvergenceSemiAngle(alpha)
    microscope.SetCollectionSemiAngle(20.0)
    settings = itk.CrossSectionSettings.FromMicroscope(microscope)
    computed = np.array(itk.HydrogenicCrossSection.FromEdge(element, edge).Compute(axis, settings))
    expected = table[column]
    nonzero = expected != 0.0
    t.check(np.array_equal(computed[~nonzero], expected[~nonzero]), f"{column}: zero below the onset")
    worst = float(np.max(np.abs(computed[nonzero] / expected[nonzero] - 1.0)))
    t.check(worst < 1e-12, f"{column}: largest relative difference {worst:.2g} (< 1e-12)")

try:
    itk.HydrogenicCrossSection.FromEdge("Xx", "K")
    raise AssertionError("an unknown element was accepted")
except RuntimeError as error:
    t.check(True, "an unknown element raises: " + str(error).strip().splitlines()[-1])
