#!/usr/bin/env python3
"""itk.fused_multi_modal_image_filter reproduces the published fusion of the real DyScO3 dataset
(reference-compatible mode, the tutorial's parameters) and gives the C++ program's numbers."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()
folder = "data/fusion/PTO_Trilayer/"
haadf_path = t.shared_file(args, folder + "HAADF.mha")
elements = ["Sc", "Dy", "O"]
map_paths = [t.shared_file(args, folder + e + ".mha") for e in elements]

haadf = itk.imread(haadf_path, itk.F)
maps = [itk.imread(p, itk.F) for p in map_paths]
settings = itk.FusionReferenceSettings()
settings.SetLambdaChem(0.08)
settings.SetLambdaTV(0.15)
settings.SetBackground(0.24)
settings.SetIterations(30)
settings.SetTVIterations(3)
settings.SetWeighting(itk.FusionEnums.Weighting_AtomicNumberOverMean)
parameters = dict(Mode=itk.FusionEnums.Mode_ReferenceCompatible, Gamma=1.6, ReferenceSettings=settings)
# Enum setters by const reference take names too.
named = itk.FusionReferenceSettings()
named.SetWeighting("z-over-mean")
t.check(named.GetWeighting() == settings.GetWeighting(), "SetWeighting('z-over-mean')")

# The object interface, one map per element (element and Z from each map's metadata).
fusion = itk.FusedMultiModalImageFilter[itk.Image[itk.F, 2]].New(HAADF=haadf, **parameters)
for e, chemical_map in enumerate(maps):
    fusion.SetChemicalMap(e, chemical_map)
fusion.Update()
for e, name in enumerate(elements):
    t.check(fusion.GetOutput(e)["Element"] == name, f"output {e} is {name} (from the map's metadata)")
t.check(fusion.GetNumberOfIterationsPerformed() == 30, "30 iterations")


def crop(image):
    # The published 60 x 60 crops: x in [25, 85), y in [70, 130).
    return itk.array_view_from_image(image)[70:130, 25:85]


for e, name in enumerate(elements + ["HAADF"]):
    ours = fusion.GetOutput(e) if e < 3 else fusion.GetModelHAADF()
    published = itk.array_view_from_image(
        itk.imread(t.shared_file(args, folder + "published_crops/fused_images/" + name + ".mha"), itk.F))
    r = np.corrcoef(crop(ours).ravel(), published.ravel())[0, 1]
    t.check(r >= 0.98, f"{name}: Pearson r with the published fused crop = {r:.4f} (>= 0.98)")

# The snake_case function with all maps as one VectorImage gives the same maps.
stacked = itk.image_from_array(np.stack([itk.array_view_from_image(m) for m in maps], axis=-1), is_vector=True)
# (Not CopyInformation(): it would also copy the HAADF's single component per pixel.)
stacked.SetSpacing(haadf.GetSpacing())
stacked.SetOrigin(haadf.GetOrigin())
functional = itk.fused_multi_modal_image_filter(haadf, chemical_maps=stacked, element_names=elements,
                                                atomic_numbers=[21, 66, 8], **parameters)
first = functional[0] if isinstance(functional, tuple) else functional
t.assert_close(itk.array_view_from_image(first), itk.array_view_from_image(fusion.GetOutput(0)), 0.0,
               "functional vs object interface (Sc)")

# The C++ program on the same files.
cli = t.program(args, "aem-fuse")
cxx_path = t.output(args, "fused_cxx.mha")
map_arguments = [a for p in map_paths for a in ("--map", p)]
t.run(cli, haadf_path, cxx_path, *map_arguments, "--mode", "reference")
cxx = itk.array_view_from_image(itk.imread(cxx_path, itk.VariableLengthVector[itk.F]))
python = itk.array_view_from_image(fusion.GetFusedMaps())
t.assert_close(python, cxx, 0.0, "Python vs C++ (aem-fuse --mode reference), all three maps")
