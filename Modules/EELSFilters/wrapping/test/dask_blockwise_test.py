#!/usr/bin/env python3
"""Block-wise quantification of a spectrum image that is read from disk block by block
(dask.array.map_blocks over a memory-mapped array): the maps equal those of a whole-image run."""
import itk
import numpy as np

import aem_python_testing as t

args = t.arguments()
try:
    import dask.array as da
except ImportError:
    t.skip("dask (Debian python3-dask) is not available")

Spectrum = itk.VectorImage[itk.F, 2]
Map = itk.Image[itk.F, 2]
edges = [("C", "K"), ("N", "K"), ("O", "K"), ("Fe", "L")]

simulator = itk.CoreLossSimulator[itk.F].New()
simulator.UseSeedMaps(32, 32)
simulator.SetSeed(2)
simulator.Update()
aligner = itk.EELSAlignFilter[Spectrum].New(Input=simulator.GetLowLossOutput())
aligner.SetCompanion(0, simulator.GetCoreLossOutput())
aligner.Update()
core_loss, low_loss = aligner.GetOutput(1), aligner.GetOutput(0)


def quantify(core, low):
    """Abundance and CRLB maps of every edge, as a (y, x, 2 * edges) array."""
    quantifier = itk.CoreLossQuantificationFilter[Spectrum, Map].New(Input=core, LowLoss=low)
    for element, edge in edges:
        quantifier.AddEdge(element, edge)
    quantifier.Update()
    maps = [quantifier.GetAbundanceMap(e) for e in range(len(edges))]
    maps += [quantifier.GetCRLBMap(e) for e in range(len(edges))]
    return np.stack([itk.array_from_image(m) for m in maps], axis=-1)


whole = quantify(core_loss, low_loss)

# The spectrum images on disk; dask reads one (y, x) block with all its channels at a time.
files = {}
for name, image in (("core", core_loss), ("low", low_loss)):
    files[name] = t.output(args, name + ".npy")
    np.save(files[name], itk.array_view_from_image(image))
core_blocks = da.from_array(np.load(files["core"], mmap_mode="r"), chunks=(8, 16, -1))
low_blocks = da.from_array(np.load(files["low"], mmap_mode="r"), chunks=(8, 16, -1))
calibration = {"core": core_loss.GetMetaDataDictionary(), "low": low_loss.GetMetaDataDictionary()}


def quantify_block(core_block, low_block):
    images = []
    for name, block in (("core", core_block), ("low", low_block)):
        image = itk.image_from_array(np.ascontiguousarray(block), is_vector=True)
        image.SetMetaDataDictionary(calibration[name])  # energy axis and microscope
        images.append(image)
    return quantify(*images)


blockwise = da.map_blocks(quantify_block, core_blocks, low_blocks, dtype=np.float32,
                          chunks=core_blocks.chunks[:2] + ((2 * len(edges),),))
t.check(blockwise.numblocks == (4, 2, 1), f"{blockwise.numblocks[0] * blockwise.numblocks[1]} blocks")
result = blockwise.compute(scheduler="synchronous")
t.assert_close(result, whole, 0.0, "block-wise vs whole-image abundance and CRLB maps")
