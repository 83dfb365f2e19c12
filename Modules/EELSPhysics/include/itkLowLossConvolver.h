/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
#ifndef itkLowLossConvolver_h
#define itkLowLossConvolver_h

#include "AnalyticalEMEELSPhysicsExport.h"
#include "itkIntTypes.h"

#include <complex>
#include <memory>
#include <vector>

namespace itk
{
/** \class LowLossConvolver
 * \brief Multiple scattering: linear convolution of model spectra with a pixel's low loss (FFTW).
 *
 * For a model m of N channels and a low loss l of P channels (same dispersion), the low loss is
 * normalised by its sum over all channels, l^ = l / sum l, and its origin is the channel z0 of its
 * maximum (the first on ties), so that
 *   (m (x) l^)[k] = sum_j l^[z0 + j] m[k - j],   k = 0 ... N - 1,  m = 0 outside [0, N).
 * Only the position of the maximum matters, not the energies of the low-loss channels, and any
 * lengths work (l may be shorter or longer than m): the transforms have the smallest length
 * 2^a 3^b 5^c 7^d >= N + P - 1, so the circular convolution equals the linear one.
 *
 * One convolver serves any number of threads: the FFTW plans are made once, in the constructor,
 * under ITK's FFTW planner lock, and executed with FFTW's new-array interface on per-thread
 * Workspace buffers. A kernel (the transformed l^) and a transformed model column are plain
 * complex vectors, so a model column that is the same for every pixel is transformed once and
 * each pixel then costs one forward transform of its low loss plus one inverse per column.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT LowLossConvolver
{
public:
  using Spectrum = std::vector<std::complex<double>>;

  /** Throws if either length is 0. */
  LowLossConvolver(SizeValueType modelLength, SizeValueType lowLossLength);
  ~LowLossConvolver();
  LowLossConvolver(const LowLossConvolver &) = delete;
  LowLossConvolver &
  operator=(const LowLossConvolver &) = delete;

  /** FFTW-aligned scratch of one thread. */
  class AnalyticalEMEELSPhysics_EXPORT Workspace
  {
  public:
    explicit Workspace(const LowLossConvolver & convolver);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &
    operator=(const Workspace &) = delete;

  private:
    friend class LowLossConvolver;
    double *               m_Real;
    std::complex<double> * m_Complex;
  };

  SizeValueType
  GetModelLength() const
  {
    return m_ModelLength;
  }
  SizeValueType
  GetLowLossLength() const
  {
    return m_LowLossLength;
  }
  /** The transform length L >= N + P - 1. */
  SizeValueType
  GetTransformLength() const
  {
    return m_TransformLength;
  }

  /** The transformed, normalised kernel of a low loss of GetLowLossLength() channels. Throws when
   * the low loss has a non-finite value or a sum <= 0 (no zero-loss peak to normalise by). */
  void
  TransformKernel(const double * lowLoss, Spectrum & kernel, Workspace & workspace) const;

  /** The transform of an unnormalised kernel: \a scale x lowLoss with its origin at channel
   * \a origin (for kernels built from parts that share one origin). */
  void
  TransformKernel(const double * lowLoss, SizeValueType origin, double scale, Spectrum & kernel,
                  Workspace & workspace) const;

  /** The transform of a model column of GetModelLength() channels. */
  void
  TransformModel(const double * model, Spectrum & transformed, Workspace & workspace) const;

  /** out (GetModelLength() channels) = model (x) kernel, from their transforms. */
  void
  Convolve(const Spectrum & transformedModel, const Spectrum & kernel, double * out, Workspace & workspace) const;

  /** out = model (x) kernel. */
  void
  Convolve(const double * model, const Spectrum & kernel, double * out, Workspace & workspace) const;

  /** The channel of the maximum of a spectrum (the first on ties). */
  static SizeValueType
  ZeroLossChannel(const double * lowLoss, SizeValueType length);

  /** The smallest 2^a 3^b 5^c 7^d >= \a minimum. */
  static SizeValueType
  FastTransformLength(SizeValueType minimum);

private:
  SizeValueType m_ModelLength;
  SizeValueType m_LowLossLength;
  SizeValueType m_TransformLength;
  struct Plans;
  std::unique_ptr<Plans> m_Plans;
};
} // end namespace itk

#endif
