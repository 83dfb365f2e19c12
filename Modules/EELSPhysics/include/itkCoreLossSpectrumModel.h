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
#ifndef itkCoreLossSpectrumModel_h
#define itkCoreLossSpectrumModel_h

#include "itkEELSEnumNames.h"
#include "itkLowLossConvolver.h"
#include "itkLowLossModels.h"

#include <iosfwd>
#include <memory>

namespace itk
{
/** \class CoreLossSpectrumModel
 * \brief The noiseless spectra of CoreLossSimulator for one pixel.
 *
 * Low loss l (axis offset -10 FWHM, the core-loss dispersion and size): a Gaussian zero-loss peak
 * of height 1 at 0 eV plus the Drude plasmon series normalised to the zero-loss sum.
 * Core loss: M(E) = background(E) + (l^ (x) sum_j a_j sigma_j)(E), with the cross sections sigma_j
 * (barn/eV, so an abundance of 1 means one count per barn/eV) and LowLossConvolver's
 * normalisation and origin.
 *
 * Simulate() uses that the low loss is a combination of fixed shapes, the zero-loss peak Z and the
 * plasmon shapes S_k, with thickness-dependent coefficients, l^ = c_0 Z + sum_k c_k S_k: as long as
 * its maximum is the zero-loss channel (so every pixel shares the kernel origin), the convolutions
 * are the same combination of the edges and the background convolved once with each shape,
 * computed in the constructor. A pixel then costs a few multiply-adds per channel and element
 * instead of transforms; otherwise (plasmons above the zero-loss peak) it falls back to CoreLoss(),
 * which convolves the given low loss directly. Both agree to round-off.
 *
 * \ingroup AnalyticalEMEELSPhysics
 */
class AnalyticalEMEELSPhysics_EXPORT CoreLossSpectrumModel
{
public:
  struct Settings
  {
    EnergyAxis                     CoreLossAxis{ 200.0, 0.5, 2048 };
    double                         ZeroLossFWHM{ 1.0 }; // eV
    DrudePlasmonSeries::Parameters Plasmons;
    SimulatedBackgroundEnum        Background{ SimulatedBackgroundEnum::ReferenceConvolvedPowerLaw };
    double                         BackgroundAmplitude{ 1000.0 };
    double                         BackgroundExponent{ 3.0 };
  };

  /** \a crossSections: one vector per element, each with CoreLossAxis.GetSize() values. */
  CoreLossSpectrumModel(const Settings & settings, std::vector<std::vector<double>> crossSections);
  ~CoreLossSpectrumModel();

  const EnergyAxis &
  GetLowLossAxis() const
  {
    return m_LowLossAxis;
  }
  const Settings &
  GetSettings() const
  {
    return m_Settings;
  }
  unsigned int
  GetNumberOfElements() const
  {
    return static_cast<unsigned int>(m_CrossSections.size());
  }

  /** Per-thread scratch. */
  class AnalyticalEMEELSPhysics_EXPORT Workspace
  {
  public:
    explicit Workspace(const CoreLossSpectrumModel & model);

  private:
    friend class CoreLossSpectrumModel;
    LowLossConvolver::Workspace m_Convolver;
    LowLossConvolver::Spectrum  m_Kernel;
    LowLossConvolver::Spectrum  m_Edges;
    std::vector<double>         m_Long;         // 2N samples
    std::vector<double>         m_Resampled;    // N samples
    std::vector<double>         m_Coefficients; // c_m of the shapes
  };

  /** The low loss for t/lambda >= 0. */
  void
  LowLoss(double thickness, double * out) const;

  /** The core loss for any low loss of GetLowLossAxis().GetSize() channels and one abundance per
   * element (transforms per call). */
  void
  CoreLoss(const double * lowLoss, const double * abundances, double * out, Workspace & workspace) const;

  /** Both spectra of a pixel with thickness t/lambda and the given abundances (see above). */
  void
  Simulate(double thickness, const double * abundances, double * lowLoss, double * coreLoss,
           Workspace & workspace) const;

private:
  void
  AddBackground(Workspace & workspace, double * out) const;
  /** The convolved background on the core-loss axis, before scaling, from the 2N samples. */
  void
  ResampleBackground(const double * convolved, double * out) const;
  void
  PrecomputeShapeConvolutions();

  Settings                               m_Settings;
  std::vector<std::vector<double>>       m_CrossSections;
  EnergyAxis                             m_LowLossAxis;
  std::vector<double>                    m_ZeroLoss;
  double                                 m_ZeroLossSum{ 0.0 };
  std::unique_ptr<DrudePlasmonSeries>    m_Plasmons;
  std::unique_ptr<LowLossConvolver>      m_Convolver; // model length 2N
  std::vector<LowLossConvolver::Spectrum> m_TransformedCrossSections;
  LowLossConvolver::Spectrum             m_TransformedBackground;
  double                                 m_LongAxisStart{ 0.0 }; // energy of sample 0 of the 2N background
  std::vector<double>                    m_PlainBackground;      // PowerLaw mode
  // Shape convolutions for Simulate(): shape m = 0 (zero loss) ... n (plasmons).
  SizeValueType                          m_ZeroLossChannel{ 0 };
  std::vector<std::vector<double>>       m_EdgeShapes;       // [element * shapes + m], N values
  std::vector<std::vector<double>>       m_BackgroundShapes; // [m], N values (convolved backgrounds)
};
} // end namespace itk

#endif
