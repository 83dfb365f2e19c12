"""pyEELSMODEL run on the benchmark's spectrum images, for programs_vs_anchors.py --pyeelsmodel DIR.

DIR is a checkout of pyEELSMODEL (its folder holding the pyEELSMODEL package). Its api module
imports quadprog, which Debian does not package, so the classes are imported from their own
modules; the classes used need numpy, scipy, h5py, matplotlib and tqdm, and the alignments import
fpdf (also not in Debian) for their PDF report only: when it is missing, an empty module stands in
for it (no report is made here). Each call is timed on
arrays already in memory (pyEELSMODEL's MultiSpectrum objects built before the clock starts):

  - alignment of the low loss with the core loss, as the seed does it: FastAlignZeroLoss (argmax),
    AlignZeroLoss (a Gaussian fitted to each zero loss) and AlignCrossCorrelation;
  - quantification as the seed does it: LinearFitter with Poisson weights on four power laws and
    the four hydrogenic edges convolved with each pixel's low loss (MscatterFFT), multi_fit, then
    CRLB_map for each edge, on a block of pixels (the caller extrapolates to the whole scan).
"""
import contextlib
import io
import os
import sys
import time
import types

import numpy as np


def load(checkout):
    """The pyEELSMODEL classes the benchmark uses, from the checkout folder."""
    if not os.path.isdir(os.path.join(checkout, "pyEELSMODEL")):
        sys.exit(f"--pyeelsmodel {checkout}: no pyEELSMODEL package folder there")
    sys.path.insert(0, checkout)
    try:
        import fpdf  # noqa: F401
    except ImportError:
        sys.modules["fpdf"] = types.SimpleNamespace(FPDF=object)
    import matplotlib
    matplotlib.use("Agg")
    from pyEELSMODEL.core.multispectrum import MultiSpectrum, MultiSpectrumshape
    from pyEELSMODEL.core.model import Model
    from pyEELSMODEL.components.linear_background import LinearBG
    from pyEELSMODEL.components.CLedge.hydrogen_coreloss_edge import HydrogenicCoreLossEdge
    from pyEELSMODEL.components.MScatter.mscatterfft import MscatterFFT
    from pyEELSMODEL.fitters.linear_fitter import LinearFitter
    from pyEELSMODEL.operators.aligns.fastalignzeroloss import FastAlignZeroLoss
    from pyEELSMODEL.operators.aligns.alignzeroloss import AlignZeroLoss
    from pyEELSMODEL.operators.aligns.aligncrosscorrelation import AlignCrossCorrelation
    return dict(MultiSpectrum=MultiSpectrum, MultiSpectrumshape=MultiSpectrumshape, Model=Model, LinearBG=LinearBG,
                Edge=HydrogenicCoreLossEdge, MscatterFFT=MscatterFFT, LinearFitter=LinearFitter,
                FastAlignZeroLoss=FastAlignZeroLoss, AlignZeroLoss=AlignZeroLoss,
                AlignCrossCorrelation=AlignCrossCorrelation)


def multispectrum(pem, data, offset, dispersion):
    """A MultiSpectrum of a (rows, columns, channels) array."""
    shape = pem["MultiSpectrumshape"](dispersion, offset, data.shape[2], data.shape[0], data.shape[1])
    return pem["MultiSpectrum"](shape, data=np.array(data, dtype=np.float64))


def quiet(function):
    """Seconds of function(), its progress bars and prints kept off the benchmark's table."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        start = time.perf_counter()
        function()
        return time.perf_counter() - start


def align_seconds(pem, low, core):
    """Seconds of each of the seed's three alignments of the low loss with the core loss.
    low, core: (array, offset, dispersion)."""
    seconds = {}
    for name, make in (("argmax", lambda ll, cl: pem["FastAlignZeroLoss"](ll, other_spectra=[cl], cropping=True)),
                       ("model fit", lambda ll, cl: pem["AlignZeroLoss"](ll, other_spectra=[cl], cropping=True)),
                       ("cross-correlation", lambda ll, cl: pem["AlignCrossCorrelation"](
                           ll, other_spectra=[cl], cropping=True, is_zlp=True))):
        ll, cl = multispectrum(pem, *low), multispectrum(pem, *core)
        aligner = make(ll, cl)
        seconds[name] = quiet(aligner.perform_alignment)
    return seconds


def quantify_seconds(pem, low, core, block, beam=300e3, alpha=1e-9, beta=20e-3):
    """Seconds of the seed's fit and its four CRLB maps on a block x block corner.
    MscatterFFT needs a low loss as long as the core loss, and an even length (its padded
    convolution returns one channel less for an odd one): both keep their common even length."""
    n = min(low[0].shape[2], core[0].shape[2]) // 2 * 2
    ll = multispectrum(pem, low[0][:block, :block, :n], low[1], low[2])
    cl = multispectrum(pem, core[0][:block, :block, :n], core[1], core[2])
    shape = cl.get_spectrumshape()
    edges = [pem["Edge"](shape, 1, beam, alpha, beta, element, edge)
             for element, edge in (("C", "K"), ("N", "K"), ("O", "K"), ("Fe", "L"))]
    components = [pem["LinearBG"](specshape=shape, rlist=np.linspace(1, 5, 4))] + edges + [pem["MscatterFFT"](shape, ll)]
    model = pem["Model"](shape, components)
    fitter = pem["LinearFitter"](cl, model, use_weights=True)

    def fit_and_bounds():
        fitter.multi_fit()
        for edge in edges:
            fitter.CRLB_map(edge.parameters[0])

    return quiet(fit_and_bounds)
