#!/usr/bin/env python3
"""The fused multi-modal tutorial, step by step, with ITK's Python wrapping.

    python3 fusion_tutorial.py DATA_FOLDER OUTPUT_FOLDER

DATA_FOLDER holds the tutorial's DyScO3 data (HAADF.mha, Sc.mha, Dy.mha, O.mha; e.g.
../shared/data/fusion/PTO_Trilayer). Writes the fused maps, their [70:130, 25:85] crops and the
cost curves (costs.csv), then fuses again with the default proximal-gradient solver, whose
parameters are chosen automatically. Exits with 77 when the data is absent.
"""
import os
import sys

import itk
import numpy as np

data, folder = sys.argv[1], sys.argv[2]
elements = ["Sc", "Dy", "O"]
if not all(os.path.exists(os.path.join(data, n + ".mha")) for n in ["HAADF"] + elements):
    print(f"The tutorial's data is not in {data}: skipped")
    sys.exit(77)
os.makedirs(folder, exist_ok=True)

# Step 2: the elastic HAADF and the chemical maps (each map carries its Element and AtomicNumber).
haadf = itk.imread(os.path.join(data, "HAADF.mha"), itk.F)
maps = [itk.imread(os.path.join(data, e + ".mha"), itk.F) for e in elements]
print("HAADF", tuple(itk.size(haadf)), "maps", ", ".join(elements))

# Steps 3-5: the tutorial's normalisation, weights and iteration, reproduced by the reference mode.
settings = itk.FusionReferenceSettings()
for name, value in [("LambdaChem", 0.08), ("LambdaTV", 0.15), ("Background", 0.24), ("Iterations", 30),
                    ("TVIterations", 3), ("Regularize", True)]:
    getattr(settings, "Set" + name)(value)
fusion = itk.FusedMultiModalImageFilter[itk.Image[itk.F, 2]].New(
    HAADF=haadf, Mode=itk.FusionEnums.Mode_ReferenceCompatible, ElementNames=elements,
    AtomicNumbers=[21, 66, 8], Gamma=1.6, ReferenceSettings=settings)
for e, chemical_map in enumerate(maps):
    fusion.SetChemicalMap(e, chemical_map)
fusion.Update()

# Step 6: convergence: the three cost curves decay into a plateau.
costs = np.column_stack([fusion.GetCostHAADF(), fusion.GetCostChem(), fusion.GetCostTV()])
np.savetxt(os.path.join(folder, "costs.csv"), costs, delimiter=",", header="haadf,chemical,tv", comments="")
print(f"HAADF cost: iteration 1 {costs[0, 0]:.4g}, 10 {costs[9, 0]:.4g}, 30 {costs[-1, 0]:.4g}")

# Step 7: the fused maps and their crops (numpy views of the ITK images, no copies).
for e, element in enumerate(elements):
    fused = fusion.GetOutput(e)
    itk.imwrite(fused, os.path.join(folder, f"fused_{element}.mha"))
    crop = itk.array_view_from_image(fused)[70:130, 25:85]
    itk.imwrite(itk.image_from_array(np.ascontiguousarray(crop)), os.path.join(folder, f"fused_{element}_crop.mha"))
    published = os.path.join(data, "published_crops", "fused_images", element + ".mha")
    if os.path.exists(published):
        r = np.corrcoef(crop.ravel(), itk.array_view_from_image(itk.imread(published, itk.F)).ravel())[0, 1]
        print(f"{element}: Pearson r with the published fused crop {r:.4f}")

# Beyond the tutorial: the Poisson-likelihood solver with automatically chosen parameters.
automatic = itk.FusedMultiModalImageFilter[itk.Image[itk.F, 2]].New(HAADF=haadf, ElementNames=elements,
                                                                    AtomicNumbers=[21, 66, 8])
for e, chemical_map in enumerate(maps):
    automatic.SetChemicalMap(e, chemical_map)
automatic.Update()
itk.imwrite(automatic.GetFusedMaps(), os.path.join(folder, "fused_automatic.mha"))
chosen = ", ".join(f"{e} {v:.3g}" for e, v in zip(elements, automatic.GetSelectedLambdaTV()))
print(f"Proximal gradient, automatic parameters ({automatic.GetNumberOfIterationsPerformed()} iterations), "
      f"lambda_TV: {chosen}")
print(f"Results written to {folder}/")
